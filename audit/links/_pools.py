"""Connections kept open per host, cheaply: what makes probing CPU-light.

httpcore's pool walks all its connections (and, for each, all of them again)
every time a request starts or ends, asking each idle one whether its socket is
readable through anyio's attribute lookup. With one pool of 64 connections
that walk cost more CPU than the HTTP itself. So each host gets its own small
pool (at most `per_host` connections, which the prober never exceeds anyway),
and the streams answer "readable?" with one `poll` on a socket looked up once.

Open sockets stay bounded: a pool with requests in flight counts towards the
prober's own limits; once idle it is kept for reuse, but only the most recently
used `IDLE_POOLS` idle pools are kept open; older ones are closed. Every pool
connects through the same guarded backend, so the safety guard still checks
every address actually connected to.
"""

from __future__ import annotations

import select
import socket
import ssl
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

# Idle origins (nothing in flight) whose pools are kept open for their next request.
IDLE_POOLS = 32
# Connections per httpcore pool. Its bookkeeping walks every connection for every
# connection each time a request starts or ends (quadratic): 125 connections in one
# pool cost seconds of CPU per thousand URLs, so a large per-host limit gets several
# pools of at most this many.
LANE = 16


class CheapStream(httpcore.AsyncNetworkStream):
    """A network stream whose `is_readable` is one `poll` (see the module docstring)."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: socket.socket | None = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return CheapStream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return _readable(self._socket)
        return self._inner.get_extra_info(info)


def _readable(sock: socket.socket | None) -> bool:
    """Whether a read would not block: data, or the peer's close (then the idle
    connection is stale). A socket already gone counts as readable, as in httpcore."""
    fd = -1 if sock is None else sock.fileno()
    if fd < 0:
        return True
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    return bool(poll.poll(0))


Origin = tuple[bytes, bytes, int | None]


@dataclass(slots=True)
class _Lanes:
    """One origin's pools: several small ones rather than one large (see `LANE`)."""

    pools: list[httpx.AsyncBaseTransport]
    busy: list[int]


class HostPools(httpx.AsyncBaseTransport):
    """One set of connection pools per origin; see the module docstring.

    `make(n)` builds a transport (a pool) of at most n connections; an origin gets
    enough lanes of at most `LANE` connections for `per_host`, and a request takes
    the least busy lane."""

    def __init__(
        self, make: Callable[[int], httpx.AsyncBaseTransport], *, per_host: int = LANE
    ) -> None:
        self._make = make
        self._size = min(LANE, max(1, per_host))
        self._count = -(-max(1, per_host) // self._size)  # lanes: enough for per_host
        self._hosts: dict[Origin, _Lanes] = {}
        self._idle: OrderedDict[Origin, None] = OrderedDict()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.raw_scheme, request.url.raw_host, request.url.port)
        lanes = self._hosts.get(key)
        if lanes is None:
            lanes = self._hosts[key] = _Lanes([], [])
        self._idle.pop(key, None)
        lane = min(range(len(lanes.busy)), key=lanes.busy.__getitem__, default=-1)
        if lane < 0 or (lanes.busy[lane] >= self._size and len(lanes.pools) < self._count):
            lanes.pools.append(self._make(self._size))  # a new lane, made when needed
            lanes.busy.append(0)
            lane = len(lanes.pools) - 1
        lanes.busy[lane] += 1
        try:
            response = await lanes.pools[lane].handle_async_request(request)
        except BaseException:
            await self._done(key, lanes, lane)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Counted(response.stream, lambda: self._done(key, lanes, lane))
        return response

    async def _done(self, key: Origin, lanes: _Lanes, lane: int) -> None:
        """A request ended: when none is left on its origin, the origin joins the idle
        ones, and the least recently used beyond `IDLE_POOLS` is closed."""
        lanes.busy[lane] -= 1
        if any(lanes.busy) or self._hosts.get(key) is not lanes:
            return
        self._idle[key] = None
        while len(self._idle) > IDLE_POOLS:
            oldest, _ = self._idle.popitem(last=False)
            for pool in self._hosts.pop(oldest).pools:
                await pool.aclose()

    async def aclose(self) -> None:
        hosts, self._hosts = list(self._hosts.values()), {}
        self._idle.clear()
        for lanes in hosts:
            for pool in lanes.pools:
                await pool.aclose()

    def open_pools(self) -> int:
        """How many pools are open (for tests of the bound)."""
        return sum(len(lanes.pools) for lanes in self._hosts.values())


class _Counted(httpx.AsyncByteStream):
    """A response body that tells the pools when it is closed (its request is over)."""

    def __init__(self, inner: httpx.AsyncByteStream, on_close: Callable[[], Any]) -> None:
        self._inner = inner
        self._on_close = on_close
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            if not self._closed:
                self._closed = True
                await self._on_close()

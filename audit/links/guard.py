"""The safety guard: content edits are untrusted, so the prober never reaches inside.

A URL in a pull request could point at the CI runner's cloud metadata service
(169.254.169.254) or at an intranet host. The guard therefore resolves every
host name itself and refuses loopback, private, link-local, multicast, reserved,
unspecified and otherwise non-global addresses — on the address it then actually
connects to, so a public-looking name that resolves to 10.0.0.5 is refused, and
a later DNS answer cannot swap in another address (no rebinding window).

How: an httpcore network backend (`GuardedBackend`) sits under httpx's own
transport. httpcore asks it for a TCP connection to (host, port); it resolves,
checks and connects to the checked IP, and httpcore then runs TLS over that
stream with the *original* host name for SNI and certificate checking, so HTTPS
stays correct. Every redirect is a new request, hence a new check (or a
connection to the same host that was checked when it was opened). Requests go
straight to this transport, built with `trust_env=False`, never through a proxy
from the environment: the proxy would otherwise be the address connected to,
and the check would be meaningless.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import httpcore
import httpx

from audit.links._pools import CheapStream

Resolver = Callable[[str], "Sequence[str] | Awaitable[Sequence[str]]"]
"""A host name -> its IP addresses (as strings); may be sync or async. Tests use it
to make a name resolve to a chosen address."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class GuardRefused(Exception):
    """The guard would not connect: the message says which host and address, and why."""


class ConnectFailed(OSError):
    """No checked address accepted the connection; the message says why, in words
    (worked out here, where the cause chain is still intact)."""


class ResolutionFailed(Exception):
    """The host name did not resolve: the message names the host."""


def refusal_reason(address: str) -> str | None:
    """Why `address` is off limits (e.g. "private"), or None when it is a public address."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for reason, hit in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),
    ):
        if hit:
            return reason
    return None


def _retrieved(lookup: asyncio.Future[list[str]]) -> None:
    if not lookup.cancelled():
        lookup.exception()


def parse_networks(networks: Iterable[str]) -> tuple[Network, ...]:
    """The allow-list ("10.1.0.0/16", "127.0.0.1"); raises ValueError on a bad entry."""
    return tuple(ipaddress.ip_network(net, strict=False) for net in networks)


async def system_resolver(host: str) -> list[str]:
    """The default resolver: asyncio's getaddrinfo, addresses in the system's order."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks, then connects to the checked address (see the module docstring)."""

    def __init__(
        self,
        *,
        allow_private: bool,
        allowed_networks: Sequence[Network] = (),
        resolver: Resolver | None = None,
    ) -> None:
        self._allow_private = allow_private
        self._allowed = tuple(allowed_networks)
        self._resolver: Resolver = resolver or system_resolver
        self._inner = httpcore.AnyIOBackend()
        self._answers: dict[str, asyncio.Future[list[str]]] = {}  # the run's DNS lookups

    async def resolve(self, host: str, timeout: float | None) -> list[str]:
        """The host's addresses; an IP literal is its own answer. A name is looked up
        once per run (per backend), however many connections ask at once: each would
        otherwise ask again. Each address is still checked when it is connected to."""
        bare = host.strip("[]")
        try:
            ipaddress.ip_address(bare.split("%", 1)[0])
        except ValueError:
            pass
        else:
            return [bare]
        lookup = self._answers.get(host)
        if lookup is None:
            lookup = self._answers[host] = asyncio.ensure_future(self._lookup(host, timeout))
            lookup.add_done_callback(_retrieved)  # a failure nobody waits for is not logged
        try:
            return list(await asyncio.shield(lookup))  # one waiter's deadline ends no other's
        except ResolutionFailed:
            if self._answers.get(host) is lookup:
                del self._answers[host]  # a failure is not kept: a later connection asks again
            raise

    async def _lookup(self, host: str, timeout: float | None) -> list[str]:
        try:
            async with asyncio.timeout(timeout):
                answer = self._resolver(host)
                if isinstance(answer, Awaitable):
                    answer = await answer
        except TimeoutError:
            raise ResolutionFailed(f"DNS lookup for {host} timed out") from None
        except (OSError, UnicodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ResolutionFailed(f"DNS lookup failed for {host}: {reason}") from exc
        addresses = list(answer)
        if not addresses:
            raise ResolutionFailed(f"DNS lookup failed for {host}: no address")
        return addresses

    def check(self, host: str, address: str) -> str | None:
        """Why connecting to `address` (for `host`) is refused, or None when allowed."""
        if self._allow_private:
            return None
        reason = refusal_reason(address)
        if reason is None:
            return None
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return reason
        if any(ip in net for net in self._allowed):
            return None
        return reason

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.resolve(host, timeout)
        allowed = [a for a in addresses if self.check(host, a) is None]
        if not allowed:
            first = addresses[0]
            reason = self.check(host, first)
            if host.strip("[]") == first:
                raise GuardRefused(f"refused by the safety guard: {first} ({reason} address)")
            raise GuardRefused(f"refused by the safety guard: {host} is {first} ({reason} address)")
        words = "no address"
        for address in allowed:
            try:
                stream = await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
                return CheapStream(stream)
            except httpcore.ConnectError as exc:
                words = connection_words(exc)
        raise ConnectFailed(f"{words} ({host}:{port})")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise GuardRefused("refused by the safety guard: no Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, its connection pool built on the `GuardedBackend`."""

    def __init__(
        self,
        backend: GuardedBackend,
        *,
        max_connections: int,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        context = ssl_context or tls_context(None)
        super().__init__(verify=context, trust_env=False)  # no second trust store to load
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            network_backend=backend,
        )


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """The TLS settings: the usual trust store (certifi), plus `ca_file`'s certificates
    when given, so an intranet with its own CA is verified rather than skipped.
    Raises OSError or ssl.SSLError when the file is missing or not PEM."""
    context = httpx.create_ssl_context(trust_env=False)
    if ca_file is not None:
        context.load_verify_locations(cafile=ca_file)
    return context


def connection_words(exc: BaseException) -> str:
    """Why a connection failed, in words: refused, reset, TLS, or the error's own text."""
    chain = _causes(exc)
    for cause in chain:
        if isinstance(cause, ssl.SSLError):
            detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None)
            return f"TLS error: {detail or cause}"
    if any(_is(e, ConnectionRefusedError, errno.ECONNREFUSED) for e in chain):
        return "connection refused"
    if any(_is(e, ConnectionResetError, errno.ECONNRESET) for e in chain):
        return "connection reset by the server"
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and everything behind it: causes, contexts, and the members of groups
    (anyio reports a failed connect as a group of per-address errors)."""
    found: list[BaseException] = []
    todo = [exc]
    while todo and len(found) < 50:
        current = todo.pop()
        if any(current is seen for seen in found):
            continue
        found.append(current)
        if isinstance(current, BaseExceptionGroup):
            todo.extend(current.exceptions)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)
    return found


def _is(exc: BaseException, kind: type[OSError], code: int) -> bool:
    """asyncio reports some failures as a bare OSError with the errno set."""
    return isinstance(exc, kind) or (isinstance(exc, OSError) and exc.errno == code)

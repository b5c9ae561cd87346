"""What keeps probing cheap, proved on a real server on 127.0.0.1: connections
reused per host, idle pools bounded, and tasks only for the URLs being probed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from audit.links import _pools
from audit.links._pools import HostPools
from audit.links._schedule import run_limited
from audit.links.probe import ProbeSettings, probe_all
from audit.links.results import LinkResult, Verdict
from tests.links._http_server import Handler, Server, serve

ONE_AT_A_TIME = ProbeSettings(allow_private=True, concurrency=1, per_host=1, retries=0)


def _text(h: Handler) -> None:
    h.reply(200, "plain words\n", "text/plain")


def _page(h: Handler) -> None:
    h.reply(200, "<title>Fine</title>")


def _gone(h: Handler) -> None:
    h.reply(404, "<title>Gone</title>")


def _moved(h: Handler) -> None:
    h.reply(301, "", Location="/page")


@pytest.fixture
def server() -> Iterator[Server]:
    with serve({"/text": _text, "/page": _page, "/gone": _gone, "/moved": _moved}) as srv:
        yield srv


def test_one_host_is_probed_over_one_kept_alive_connection(server: Server) -> None:
    """A non-HTML body, a 404 and a redirect are dropped unread only when long: short
    ones are read, so the connection serves the next URL instead of a new one."""
    urls = [server.url(f"/{path}?{i}") for i in range(5) for path in ("text", "gone", "moved")]
    results = probe_all(urls, ONE_AT_A_TIME)
    assert {r.verdict for r in results.values()} == {Verdict.OK, Verdict.BROKEN, Verdict.REDIRECT}
    assert server.connections == 1


def test_a_body_longer_than_the_drain_limit_closes_its_connection(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("audit.links._fetch.DRAIN_LIMIT", 4)  # "plain words\n" is longer
    probe_all([server.url(f"/text?{i}") for i in range(3)], ONE_AT_A_TIME)
    assert server.connections == 3


def test_idle_pools_beyond_the_limit_are_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Open sockets stay bounded however many hosts a run meets."""
    monkeypatch.setattr(_pools, "IDLE_POOLS", 2)
    servers = [serve({"/page": _page}) for _ in range(5)]
    running = [context.__enter__() for context in servers]
    try:

        async def visit() -> list[int]:
            open_after = []
            async with HostPools(lambda _size: httpx.AsyncHTTPTransport()) as pools:
                for srv in running:
                    response = await pools.handle_async_request(
                        httpx.Request("GET", srv.url("/page"))
                    )
                    await response.aread()
                    await response.aclose()
                    open_after.append(pools.open_pools())
            return open_after

        assert asyncio.run(visit()) == [1, 2, 2, 2, 2]
        assert [srv.connections for srv in running] == [1] * 5
    finally:
        for context in servers:
            context.__exit__(None, None, None)


def test_only_the_urls_being_probed_hold_a_task(server: Server) -> None:
    """Waiting URLs are strings in a queue, not tasks, so memory does not grow with them."""
    most = 0

    def count(_result: LinkResult) -> None:
        nonlocal most
        most = max(most, len(asyncio.all_tasks()))

    settings = ProbeSettings(allow_private=True, concurrency=4, per_host=4, retries=0)
    probe_all([server.url(f"/text?{i}") for i in range(200)], settings, observer=count)
    assert 0 < most <= 4 + 1  # the probing tasks, and the run's own


def test_the_scheduler_keeps_both_limits_and_takes_hosts_in_turn() -> None:
    started: list[str] = []
    running: dict[str, int] = {}
    peaks = {"all": 0, "host": 0}

    async def work(item: str) -> None:
        host = item[0]
        started.append(item)
        running[host] = running.get(host, 0) + 1
        peaks["all"] = max(peaks["all"], sum(running.values()))
        peaks["host"] = max(peaks["host"], running[host])
        await asyncio.sleep(0.001)
        running[host] -= 1

    items = [f"a{i}" for i in range(6)] + [f"b{i}" for i in range(3)]
    asyncio.run(run_limited(items, lambda item: item[0], work, total=3, per_key=2))
    assert sorted(started) == sorted(items)
    assert peaks == {"all": 3, "host": 2}
    assert started[:3] == ["a0", "b0", "a1"]  # b waits for none of a's URLs


def test_the_scheduler_raises_what_a_task_raised() -> None:
    async def work(item: str) -> None:
        if item == "bad":
            raise ValueError(item)

    with pytest.raises(ValueError, match="bad"):
        asyncio.run(run_limited(["ok", "bad", "ok2"], lambda _: "h", work, total=2, per_key=2))

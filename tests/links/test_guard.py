"""The safety guard: no connection inside the network unless explicitly allowed.

Checked on the address actually connected to (the guard resolves names itself,
through the resolver hook here), and again on every redirect.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from audit.links.guard import refusal_reason, system_resolver
from audit.links.probe import ProbeSettings, probe_all
from audit.links.results import Verdict
from tests.links._http_server import Handler, Server, serve

STRICT = ProbeSettings(connect_timeout=1.0, read_timeout=1.0, url_deadline=2.0, backoff=0.01)
PAGE = "<title>Intranet</title>"


def fake_dns(table: dict[str, list[str]]) -> Callable[[str], list[str]]:
    def resolve(host: str) -> list[str]:
        return table[host]

    return resolve


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    def hop(h: Handler) -> None:
        h.reply(302, "", Location=f"http://metadata.test:{h.server.server_address[1]}/ok")

    with serve({"/ok": lambda h: h.reply(200, PAGE), "/hop": hop}) as srv:
        yield srv


@pytest.mark.parametrize(
    "address,reason",
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.5", "private"),
        ("192.168.1.20", "private"),
        ("172.16.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::ffff:10.0.0.5", "private"),
        ("100.64.0.1", "not globally routable"),
    ],
)
def test_inside_addresses_are_refused_with_the_reason(address: str, reason: str) -> None:
    assert refusal_reason(address) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert refusal_reason(address) is None


def test_a_public_looking_name_resolving_to_a_private_address_is_refused() -> None:
    url = "https://shop.example.com/collections/specials"
    dns = fake_dns({"shop.example.com": ["10.0.0.5"]})
    result = probe_all([url], STRICT, resolver=dns)[url]
    assert result.verdict is Verdict.ERROR
    assert (
        result.error
        == "refused by the safety guard: shop.example.com is 10.0.0.5 (private address)"
    )


def test_the_cloud_metadata_address_is_refused_as_a_literal() -> None:
    url = "http://169.254.169.254/latest/meta-data/"
    result = probe_all([url], STRICT)[url]
    assert result.verdict is Verdict.ERROR and "link-local" in (result.error or "")


def test_a_name_resolving_to_loopback_is_refused_by_default_and_allowed_with_the_flag(
    server: Server,
) -> None:
    url = server.url("/ok", host="intranet.test")
    dns = fake_dns({"intranet.test": ["127.0.0.1"]})
    refused = probe_all([url], STRICT, resolver=dns)[url]
    assert refused.verdict is Verdict.ERROR and "loopback" in (refused.error or "")
    before = server.hits["/ok"]
    allowed = probe_all([url], replace(STRICT, allow_private=True), resolver=dns)[url]
    assert allowed.verdict is Verdict.OK
    assert server.hits["/ok"] - before == 1


def test_the_guard_checks_again_after_a_redirect(server: Server) -> None:
    url = server.url("/hop")
    dns = fake_dns({"metadata.test": ["169.254.169.254"]})
    settings = replace(STRICT, allowed_networks=("127.0.0.1/32",))
    result = probe_all([url], settings, resolver=dns)[url]
    assert result.verdict is Verdict.ERROR
    assert "metadata.test is 169.254.169.254" in (result.error or "")
    assert result.redirects == (server.url("/ok", host="metadata.test"),)


def test_only_the_allowed_address_of_a_mixed_answer_is_connected_to(server: Server) -> None:
    url = server.url("/ok", host="mixed.test")
    dns = fake_dns({"mixed.test": ["10.0.0.5", "127.0.0.1"]})
    settings = replace(STRICT, allowed_networks=("127.0.0.0/8",))
    # 10.0.0.5 would make the loopback-only test fixture raise: it is never tried.
    assert probe_all([url], settings, resolver=dns)[url].verdict is Verdict.OK


def test_an_async_resolver_is_awaited(server: Server) -> None:
    async def resolve(host: str) -> list[str]:
        return ["127.0.0.1"]

    url = server.url("/ok", host="async.test")
    result = probe_all([url], replace(STRICT, allow_private=True), resolver=resolve)[url]
    assert result.verdict is Verdict.OK


def test_the_default_resolver_uses_the_system_resolver() -> None:
    addresses = asyncio.run(system_resolver("localhost"))
    assert addresses and all(refusal_reason(a) == "loopback" for a in addresses)


def test_a_bad_allow_list_entry_is_an_error_verdict_not_a_crash() -> None:
    url = "http://example.com/"
    result = probe_all([url], replace(STRICT, allowed_networks=("not-a-network",)))[url]
    assert result.verdict is Verdict.ERROR and "allowed network" in (result.error or "")


def test_a_name_is_looked_up_once_per_run_and_each_connection_still_checked(
    server: Server,
) -> None:
    asked: list[str] = []

    def dns(host: str) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    urls = [server.url(f"/ok?{i}", host="many.test") for i in range(6)]
    settings = replace(STRICT, allow_private=True, per_host=3, concurrency=3)
    assert {r.verdict for r in probe_all(urls, settings, resolver=dns).values()} == {Verdict.OK}
    assert asked == ["many.test"]  # three connections, one lookup
    refused = probe_all(urls[:1], STRICT, resolver=dns)[urls[0]]  # a new run asks again
    assert asked == ["many.test"] * 2 and "loopback" in (refused.error or "")


def test_connections_opened_at_once_share_one_lookup(server: Server) -> None:
    asked: list[str] = []

    async def slow_dns(host: str) -> list[str]:
        asked.append(host)
        await asyncio.sleep(0.05)  # every connection asks before the first answer
        return ["127.0.0.1"]

    urls = [server.url(f"/ok?{i}", host="slow.test") for i in range(4)]
    settings = replace(STRICT, allow_private=True, per_host=4, concurrency=4)
    assert {r.verdict for r in probe_all(urls, settings, resolver=slow_dns).values()} == {
        Verdict.OK
    }
    assert asked == ["slow.test"]

"""The prober against a real HTTP server on 127.0.0.1: one test per behaviour of issue #9."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from audit.links.probe import ProbeSettings, probe_all
from audit.links.results import LinkResult, Verdict
from tests.links._http_server import Handler, Route, Server, serve, trickle

FAST = ProbeSettings(
    allow_private=True,
    connect_timeout=1.0,
    read_timeout=0.5,
    url_deadline=2.0,
    retries=2,
    backoff=0.01,
    max_retry_after=1.0,
)

PAGE = (
    '<html><head><title>Hours</title></head><body><h1 id="hours">Hours</h1>'
    '<a name="legacy"></a></body></html>'
)


def _ok(h: Handler) -> None:
    h.reply(200, PAGE)


def _browser_only(h: Handler) -> None:
    if "text/html" not in h.headers.get("Accept", ""):
        h.reply(403, "bots go away")
    else:
        h.reply(200, PAGE)


def _redirect(status: int, to: str) -> Route:
    return lambda h: h.reply(status, "", Location=to)


def _status(status: int) -> Route:
    return lambda h: h.reply(status, "<title>Oops</title>")


def _flaky(h: Handler) -> None:
    if h.server.hits[h.path] <= 2:
        h.reply(503, "busy")
    else:
        h.reply(200, PAGE)


def _rate_limited_once(h: Handler) -> None:
    if h.server.hits[h.path] == 1:
        h.reply(429, "slow down", Retry_After="0.3")
    else:
        h.reply(200, PAGE)


def _slow(h: Handler) -> None:
    time.sleep(1.0)
    h.reply(200, PAGE)


def _hanging(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    trickle(h, b" ", 0.1)  # always within the read timeout, never done


def _endless(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    h.close_connection = True
    trickle(h, b"<p>more</p>" * 1000, 0.0)


def _cut_short(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "5000")
    h.end_headers()
    h.wfile.write(b"<html><title>half")
    h.wfile.flush()
    h.close_connection = True


def _endless_pdf(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/pdf")
    h.end_headers()
    h.close_connection = True
    trickle(h, b"%PDF" * 1000, 0.0)


ROUTES: dict[str, Route] = {
    "/ok": _ok,
    "/browser-only": _browser_only,
    "/301": _redirect(301, "/ok"),
    "/308": _redirect(308, "/ok"),
    "/302": _redirect(302, "/ok"),
    "/307": _redirect(307, "/ok"),
    "/chain-1": _redirect(302, "/chain-2"),
    "/chain-2": _redirect(301, "/chain-3"),
    "/chain-3": _redirect(307, "/ok"),
    "/moved-chain": _redirect(301, "/chain-2"),
    "/loop-a": _redirect(302, "/loop-b"),
    "/loop-b": _redirect(302, "/loop-a"),
    "/to-ftp": _redirect(302, "ftp://example.com/file"),
    "/to-gone": _redirect(301, "/410"),
    "/404": _status(404),
    "/410": _status(410),
    "/500": _status(500),
    "/503": _status(503),
    "/flaky": _flaky,
    "/429": _rate_limited_once,
    "/429-always": lambda h: h.reply(429, "no", Retry_After="0"),
    "/429-long": lambda h: h.reply(429, "no", Retry_After="3600"),
    "/github-limit": lambda h: h.reply(403, "", X_RateLimit_Remaining="0"),
    "/cf": lambda h: h.reply(403, "challenge", cf_mitigated="challenge"),
    "/999": _status(999),
    "/slow": _slow,
    "/hanging": _hanging,
    "/endless": _endless,
    "/cut-short": _cut_short,
    "/soft-404": lambda h: h.reply(200, "<title>Page Not Found | Shop</title><h1>Sorry</h1>"),
    "/soft-404-h1": lambda h: h.reply(200, "<title>Shop</title><h1>404</h1>"),
    "/pdf": _endless_pdf,
}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve(ROUTES) as srv:
        yield srv


def probe(server: Server, path: str, settings: ProbeSettings = FAST) -> LinkResult:
    url = server.url(path)
    return probe_all([url], settings)[url]


def test_200_is_ok(server: Server) -> None:
    result = probe(server, "/ok")
    assert (result.verdict, result.status, result.error) == (Verdict.OK, 200, None)
    assert result.final_url == server.url("/ok") and result.redirects == ()


def test_browser_like_accept_headers_pass_a_server_that_rejects_bare_clients(
    server: Server,
) -> None:
    assert probe(server, "/browser-only").verdict is Verdict.OK


@pytest.mark.parametrize("path", ["/301", "/308"])
def test_permanent_redirect_is_redirect_with_the_new_url(server: Server, path: str) -> None:
    result = probe(server, path)
    assert result.verdict is Verdict.REDIRECT
    assert result.final_url == server.url("/ok")
    assert result.redirects == (server.url("/ok"),)
    assert "moved permanently" in (result.error or "")


@pytest.mark.parametrize("path", ["/302", "/307"])
def test_temporary_redirect_that_ends_well_is_ok_with_its_chain(server: Server, path: str) -> None:
    result = probe(server, path)
    assert result.verdict is Verdict.OK
    assert result.redirects == (server.url("/ok"),)


def test_a_chain_is_recorded_in_order_and_temporary_first_hop_is_ok(server: Server) -> None:
    result = probe(server, "/chain-1")
    assert result.verdict is Verdict.OK
    assert result.redirects == tuple(server.url(p) for p in ("/chain-2", "/chain-3", "/ok"))


def test_a_permanent_first_hop_suggests_the_end_of_the_chain(server: Server) -> None:
    result = probe(server, "/moved-chain")
    assert result.verdict is Verdict.REDIRECT
    assert result.final_url == server.url("/ok")


def test_a_redirect_loop_is_an_error(server: Server) -> None:
    result = probe(server, "/loop-a")
    assert result.verdict is Verdict.ERROR
    assert "redirect loop" in (result.error or "")


def test_redirects_beyond_the_limit_are_an_error(server: Server) -> None:
    result = probe(server, "/chain-1", replace(FAST, max_redirects=2))
    assert result.verdict is Verdict.ERROR and "more than 2 redirects" in (result.error or "")


def test_never_follows_a_redirect_to_a_non_http_scheme(server: Server) -> None:
    result = probe(server, "/to-ftp")
    assert result.verdict is Verdict.ERROR and "non-HTTP(S)" in (result.error or "")


def test_a_redirect_to_a_gone_page_is_broken(server: Server) -> None:
    result = probe(server, "/to-gone")
    assert (result.verdict, result.status) == (Verdict.BROKEN, 410)


@pytest.mark.parametrize("path,status", [("/404", 404), ("/410", 410)])
def test_missing_pages_are_broken_without_retry(server: Server, path: str, status: int) -> None:
    before = server.hits[path]
    result = probe(server, path)
    assert (result.verdict, result.status) == (Verdict.BROKEN, status)
    assert server.hits[path] - before == 1


@pytest.mark.parametrize("path,status", [("/500", 500), ("/503", 503)])
def test_server_errors_are_broken_after_every_retry(server: Server, path: str, status: int) -> None:
    before = server.hits[path]
    result = probe(server, path)
    assert (result.verdict, result.status) == (Verdict.BROKEN, status)
    assert server.hits[path] - before == 1 + FAST.retries


def test_flaky_then_ok_is_ok(server: Server) -> None:
    assert probe(server, "/flaky").verdict is Verdict.OK
    assert server.hits["/flaky"] == 3


def test_429_waits_as_retry_after_asks_then_succeeds(server: Server) -> None:
    started = time.monotonic()
    result = probe(server, "/429")
    assert result.verdict is Verdict.OK
    assert time.monotonic() - started >= 0.3


def test_429_after_every_retry_is_blocked_not_broken(server: Server) -> None:
    result = probe(server, "/429-always", replace(FAST, breaker_threshold=10))
    assert (result.verdict, result.status) == (Verdict.BLOCKED, 429)


def test_retry_after_beyond_the_cap_gives_up_at_once(server: Server) -> None:
    started = time.monotonic()
    result = probe(server, "/429-long")
    assert result.verdict is Verdict.BLOCKED and "3600" in (result.error or "")
    assert time.monotonic() - started < 1.0


def test_a_403_with_rate_limit_headers_counts_as_429(server: Server) -> None:
    before = server.hits["/github-limit"]
    result = probe(server, "/github-limit", replace(FAST, breaker_threshold=10))
    assert result.verdict is Verdict.BLOCKED
    assert server.hits["/github-limit"] - before == 1 + FAST.retries


@pytest.mark.parametrize("path", ["/cf", "/999"])
def test_bot_challenges_are_blocked(server: Server, path: str) -> None:
    assert probe(server, path).verdict is Verdict.BLOCKED


def test_the_breaker_defers_a_blocking_hosts_remaining_urls(server: Server) -> None:
    urls = [server.url(f"/429-always?n={n}") for n in range(6)]
    settings = replace(FAST, retries=0, breaker_threshold=2, per_host=1)
    before = server.hits["/429-always"]
    results = probe_all(urls, settings)
    verdicts = [results[u].verdict for u in urls]
    assert verdicts == [Verdict.BLOCKED] * 2 + [Verdict.UNCHECKED] * 4
    assert server.hits["/429-always"] - before == 2


def test_a_slow_answer_is_a_read_timeout(server: Server) -> None:
    result = probe(server, "/slow", replace(FAST, read_timeout=0.2, retries=0))
    assert result.verdict is Verdict.TIMEOUT and "read timeout" in (result.error or "")


def test_a_trickling_answer_hits_the_url_deadline(server: Server) -> None:
    started = time.monotonic()
    result = probe(server, "/hanging", replace(FAST, url_deadline=0.5))
    assert result.verdict is Verdict.TIMEOUT and "deadline" in (result.error or "")
    assert time.monotonic() - started < 1.5


def test_an_endless_html_body_is_cut_at_the_cap_as_an_error(server: Server) -> None:
    result = probe(server, "/endless", replace(FAST, max_body=50_000))
    assert result.verdict is Verdict.ERROR and "cap" in (result.error or "")


def test_a_connection_closed_mid_response_is_an_error(server: Server) -> None:
    result = probe(server, "/cut-short")
    assert result.verdict is Verdict.ERROR
    assert "closed" in (result.error or "")


def test_a_non_html_body_is_dropped_after_the_headers(server: Server) -> None:
    started = time.monotonic()
    result = probe(server, "/pdf", replace(FAST, max_body=1000))
    assert result.verdict is Verdict.OK
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("path", ["/soft-404", "/soft-404-h1"])
def test_a_page_saying_not_found_is_a_soft_404(server: Server, path: str) -> None:
    result = probe(server, path)
    assert (result.verdict, result.status) == (Verdict.SOFT_404, 200)


def test_fragments_present_as_id_or_a_name_are_ok_and_missing_ones_are_not(
    server: Server,
) -> None:
    base = server.url("/ok")
    urls = [f"{base}#hours", f"{base}#legacy", f"{base}#missing", f"{base}#top", base]
    before = server.hits["/ok"]
    results = probe_all(urls, FAST)
    assert [results[u].verdict for u in urls] == [
        Verdict.OK,
        Verdict.OK,
        Verdict.BROKEN_FRAGMENT,
        Verdict.OK,
        Verdict.OK,
    ]
    assert "#missing" in (results[f"{base}#missing"].error or "")
    assert server.hits["/ok"] - before == 1  # one fetch serves every fragment


def test_each_unique_url_is_probed_once_and_observed_once(server: Server) -> None:
    url = server.url("/ok?once")
    seen: list[LinkResult] = []
    before = server.hits["/ok"]
    results = probe_all([url, url, url], FAST, observer=seen.append)
    assert list(results) == [url] and len(seen) == 1
    assert server.hits["/ok"] - before == 1


def test_per_host_concurrency_is_respected(server: Server) -> None:
    # counted in the handler: the server's own peak also counts requests that earlier
    # tests left hanging on this shared server
    lock = threading.Lock()
    napping = [0, 0]  # now, peak

    def nap(h: Handler) -> None:
        with lock:
            napping[0] += 1
            napping[1] = max(napping)
        time.sleep(0.1)
        with lock:
            napping[0] -= 1
        h.reply(200, PAGE)

    server.routes["/nap"] = nap
    urls = [server.url(f"/nap?n={n}") for n in range(8)]
    results = probe_all(urls, replace(FAST, per_host=2))
    assert all(r.verdict is Verdict.OK for r in results.values())
    assert napping[1] == 2  # two at a time: the limit, and not below it


def test_host_interval_spaces_requests_to_one_host(server: Server) -> None:
    urls = [server.url(f"/ok?i={n}") for n in range(3)]
    started = time.monotonic()
    probe_all(urls, replace(FAST, host_interval=0.15))
    assert time.monotonic() - started >= 0.3


def test_the_run_budget_leaves_the_rest_unchecked(server: Server) -> None:
    urls = [server.url(f"/slow?b={n}") for n in range(3)]
    started = time.monotonic()
    results = probe_all(urls, replace(FAST, run_budget=0.3, per_host=1, read_timeout=2.0))
    assert {r.verdict for r in results.values()} == {Verdict.UNCHECKED}
    assert time.monotonic() - started < 1.5


def test_a_refused_connection_is_an_error_in_words() -> None:
    with serve({}) as srv:
        url = srv.url("/gone")
    result = probe_all([url], replace(FAST, retries=0))[url]
    assert result.verdict is Verdict.ERROR and "refused" in (result.error or "")


def test_a_name_that_does_not_resolve_is_an_error_naming_the_host() -> None:
    def nowhere(host: str) -> list[str]:
        raise OSError(-2, "Name or service not known")

    url = "https://no-such-host.invalid/page"
    result = probe_all([url], FAST, resolver=nowhere)[url]
    assert result.verdict is Verdict.ERROR
    assert "no-such-host.invalid" in (result.error or "") and "DNS" in (result.error or "")


def test_per_host_headers_are_sent_to_that_host_only(server: Server) -> None:
    got: list[str | None] = []

    def record(h: Handler) -> None:
        got.append(h.headers.get("Authorization"))
        h.reply(302, "", Location=server.url("/record-other", host="localhost"))

    server.routes["/record"] = record

    def record_other(h: Handler) -> None:
        got.append(h.headers.get("Authorization"))
        h.reply(200, PAGE)

    server.routes["/record-other"] = record_other
    settings = replace(FAST, headers={"127.0.0.1": {"Authorization": "Bearer s3cret"}})
    result = probe_all([server.url("/record")], settings)[server.url("/record")]
    assert result.verdict is Verdict.OK
    assert got == ["Bearer s3cret", None]


def test_nothing_raises_out_of_probe_all_for_odd_input() -> None:
    results = probe_all(["not a url", "mailto:x@example.com", "http://"], FAST)
    assert all(r.verdict is Verdict.ERROR for r in results.values())


def test_each_port_is_its_own_host_for_politeness() -> None:
    def nap(h: Handler) -> None:
        time.sleep(0.2)
        h.reply(200, PAGE)

    with serve({"/nap": nap}) as one, serve({"/nap": nap}) as two:
        started = time.monotonic()
        results = probe_all([one.url("/nap"), two.url("/nap")], replace(FAST, per_host=1))
        elapsed = time.monotonic() - started
    assert all(r.verdict is Verdict.OK for r in results.values())
    assert elapsed < 0.38  # side by side, not one after the other

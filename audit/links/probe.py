"""The prober: every unique URL fetched once, politely, safely, and never hanging.

Limits (lychee-like, all in `ProbeSettings`): global and per-host concurrency, a
minimum interval between requests to one host, connect and read timeouts, a hard
deadline per URL and a budget per run (what is left when it runs out is
`unchecked`). Connection errors, 5xx and 429 are retried with exponential backoff
and jitter, honouring Retry-After up to a cap; a per-host circuit breaker defers
a host's remaining URLs after repeated rate limits or bot blocks.

Always GET (servers that reject HEAD do not matter), with browser-like Accept
headers (some servers refuse bare clients), the body streamed: a non-HTML body is
dropped after the headers, an HTML body read up to `max_body` for fragments and
soft-404s. Redirects are followed by hand so the chain is recorded, loops caught
and per-host headers never leak to another host. URLs differing only in their
fragment share one fetch. Every exception becomes a verdict (`results.py`).

CPU per URL is what limits a large run, so: a task exists only for a URL in
flight (`_schedule.py`), connections are kept alive in small pools per host
(`_pools.py`), requests go to the transport without a client's cookie jar
(`_fetch.py`), and each host name is looked up once per run (`guard.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import ssl
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from audit import __version__
from audit.links import _status
from audit.links._fetch import Page, get_once, judge_fragment
from audit.links._pools import HostPools
from audit.links._schedule import run_limited
from audit.links.guard import (
    GuardedBackend,
    GuardedTransport,
    GuardRefused,
    ResolutionFailed,
    Resolver,
    parse_networks,
    tls_context,
)
from audit.links.results import LinkResult, Verdict

__all__ = ["ProbeSettings", "Resolver", "probe_all", "probe_urls"]

BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
}


@dataclass(frozen=True, slots=True)
class ProbeSettings:
    """Every limit of a run; the defaults suit a nightly job on a public site."""

    concurrency: int = 32
    per_host: int = 4
    host_interval: float = 0.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    url_deadline: float = 60.0
    run_budget: float | None = None
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_redirects: int = 10
    max_body: int = 2_000_000
    user_agent: str = f"faq-audit/{__version__} (+link check)"
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    allow_private: bool = False
    breaker_threshold: int = 3
    allowed_networks: tuple[str, ...] = ()  # CIDRs the guard lets through (an intranet)
    ca_file: str | None = None  # extra trusted CA certificates (PEM): an intranet's own CA


@dataclass(slots=True)
class _Host:
    """Per-host politeness state: the next allowed start, the breaker. (The number of
    requests in flight per host is kept by the scheduler, `_schedule.run_limited`.)"""

    not_before: float = 0.0
    blocks: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class _Deferred(Exception):
    """The host's circuit breaker is open: stop, report unchecked."""


class _Prober:
    def __init__(
        self, settings: ProbeSettings, transport: httpx.AsyncBaseTransport, timeout: httpx.Timeout
    ) -> None:
        self.s = settings
        self.transport = transport
        self.timeout = timeout
        self.hosts: dict[str, _Host] = {}
        self.extra = {host.lower(): dict(h) for host, h in settings.headers.items()}
        loop = asyncio.get_running_loop()
        self.budget_end = None if settings.run_budget is None else loop.time() + settings.run_budget

    def host(self, url: str) -> _Host:
        """The politeness state of `url`'s origin (host and port: one server each)."""
        name = host_key(url)
        if name not in self.hosts:
            self.hosts[name] = _Host()
        return self.hosts[name]

    def tripped(self, host: _Host) -> bool:
        return host.blocks >= max(1, self.s.breaker_threshold)

    async def page(self, url: str) -> Page:
        """Probe one base URL (the scheduler has given it a slot) inside its deadline
        and the run's budget."""
        loop = asyncio.get_running_loop()
        host = self.host(url)
        started = loop.time()
        if self.tripped(host):
            return Page(self.unchecked(url, "deferred: the host kept blocking or rate-limiting"))
        limit, by_budget = self.s.url_deadline, False
        if self.budget_end is not None and self.budget_end - started < limit:
            limit, by_budget = self.budget_end - started, True
        if limit <= 0:
            return Page(self.unchecked(url, "the run's time budget was spent"))
        try:
            async with asyncio.timeout(limit):
                page = await self.follow(url, host)
        except TimeoutError:
            if by_budget:
                page = Page(self.unchecked(url, "the run's time budget was spent"))
            else:
                page = Page(
                    LinkResult(
                        url,
                        Verdict.TIMEOUT,
                        error=f"no complete answer in the {self.s.url_deadline:g}s deadline",
                    )
                )
        except _Deferred:
            page = Page(self.unchecked(url, "deferred: the host kept blocking or rate-limiting"))
        except Exception as exc:
            page = Page(LinkResult(url, Verdict.ERROR, error=_status.exception_words(exc)))
        elapsed = int((loop.time() - started) * 1000)
        return replace(page, result=replace(page.result, elapsed_ms=elapsed))

    @staticmethod
    def unchecked(url: str, why: str) -> LinkResult:
        return LinkResult(url, Verdict.UNCHECKED, error=why)

    async def follow(self, url: str, first_host: _Host) -> Page:
        """GET `url`, following redirects by hand (chain recorded, loops caught)."""
        chain: list[str] = []
        current, permanent = url, False
        for hop in range(self.s.max_redirects + 1):
            if urlsplit(current).scheme.lower() not in ("http", "https"):
                why = "redirect to a non-HTTP(S) URL" if hop else "not an HTTP(S) URL"
                return Page(self.result(url, Verdict.ERROR, None, chain, f"{why}: {current}"))
            outcome = await self.fetch(current, first_host if hop == 0 else self.host(current))
            if isinstance(outcome, Page):
                result = replace(outcome.result, url=url, redirects=tuple(chain))
                if permanent and chain and result.verdict is Verdict.OK:
                    words = f"moved permanently to {result.final_url}"
                    result = replace(result, verdict=Verdict.REDIRECT, error=words)
                return Page(result, outcome.facts)
            status, location = outcome
            if hop == 0:
                permanent = status in _status.PERMANENT
            target = urldefrag(urljoin(current, location)).url
            if target in (current, url) or target in chain:
                return Page(
                    self.result(
                        url,
                        Verdict.ERROR,
                        status,
                        [*chain, target],
                        f"redirect loop back to {target}",
                    )
                )
            chain.append(target)
            current = target
        return Page(
            self.result(
                url, Verdict.ERROR, None, chain, f"more than {self.s.max_redirects} redirects"
            )
        )

    def result(
        self, url: str, verdict: Verdict, status: int | None, chain: list[str], error: str | None
    ) -> LinkResult:
        return LinkResult(
            url, verdict, status, chain[-1] if chain else url, tuple(chain), error=error
        )

    async def fetch(self, url: str, host: _Host) -> Page | tuple[int, str]:
        """One hop, retried as needed: a final page, or (status, Location) to follow."""
        attempt = 0
        while True:
            await self.wait_turn(host)
            try:
                answer = await self.request(url, host)
            except (GuardRefused, ResolutionFailed, httpx.TimeoutException) as exc:
                if isinstance(exc, httpx.TimeoutException):
                    kind = "connect" if isinstance(exc, httpx.ConnectTimeout) else "read"
                    limit = self.s.connect_timeout if kind == "connect" else self.s.read_timeout
                    words = f"{kind} timeout after {limit:g}s"
                    return Page(LinkResult(url, Verdict.TIMEOUT, final_url=url, error=words))
                return Page(LinkResult(url, Verdict.ERROR, final_url=url, error=str(exc)))
            except (httpx.TransportError, OSError) as exc:
                if attempt >= self.s.retries:
                    words = _status.exception_words(exc)
                    return Page(LinkResult(url, Verdict.ERROR, final_url=url, error=words))
                attempt += 1
                await asyncio.sleep(self.backoff(attempt))
                continue
            if not isinstance(answer, httpx.Response):
                return answer
            delay = self.backoff(attempt + 1)
            if _status.rate_limited(answer):
                host.blocks += 1
                asked = _status.retry_after(answer)
                if asked is not None and asked > self.s.max_retry_after:
                    return self.final(url, answer, f"rate limited; asks to wait {asked:g}s")
                delay = max(delay, asked or 0.0)
                host.not_before = max(host.not_before, asyncio.get_running_loop().time() + delay)
                if self.tripped(host):
                    return self.final(url, answer, "rate limited; the host's breaker opened")
            if attempt >= self.s.retries:
                return self.final(url, answer, "after every retry")
            attempt += 1
            await asyncio.sleep(delay)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff (1, 2, 4 ... times `backoff`) plus up to half again as jitter."""
        base = self.s.backoff * (2 ** (attempt - 1))
        return float(base + random.uniform(0, base / 2))

    async def wait_turn(self, host: _Host) -> None:
        """Keep `host_interval` between request starts on one host, and honour rate limits."""
        if self.tripped(host):
            raise _Deferred
        async with host.lock:
            loop = asyncio.get_running_loop()
            wait = host.not_before - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            host.not_before = max(host.not_before, loop.time() + self.s.host_interval)

    async def request(self, url: str, host: _Host) -> Page | tuple[int, str] | httpx.Response:
        """One GET with this host's headers; a bot block counts towards the breaker."""
        headers = {"User-Agent": self.s.user_agent, **BROWSER_HEADERS}
        headers.update(self.extra.get((urlsplit(url).hostname or "").lower(), {}))
        answer = await get_once(self.transport, url, headers, self.s.max_body, self.timeout)
        if isinstance(answer, Page) and answer.result.verdict is Verdict.BLOCKED:
            host.blocks += 1
        return answer

    def final(self, url: str, response: httpx.Response, why: str) -> Page:
        verdict = Verdict.BLOCKED if _status.rate_limited(response) else Verdict.BROKEN
        words = f"{_status.status_words(response)} ({why})"
        return Page(LinkResult(url, verdict, response.status_code, url, error=words))


async def probe_urls(
    urls: Iterable[str],
    settings: ProbeSettings = ProbeSettings(),
    *,
    resolver: Resolver | None = None,
    observer: Callable[[LinkResult], None] | None = None,
) -> dict[str, LinkResult]:
    """Probe every unique URL once; a result per URL, in first-seen order; never raises."""
    unique = list(dict.fromkeys(urls))
    by_base: dict[str, list[str]] = {}
    for url in unique:
        by_base.setdefault(urldefrag(url).url, []).append(url)
    results: dict[str, LinkResult] = {}
    try:
        backend = GuardedBackend(
            allow_private=settings.allow_private,
            allowed_networks=parse_networks(settings.allowed_networks),
            resolver=resolver,
        )
    except ValueError as exc:
        return {
            u: LinkResult(u, Verdict.ERROR, error=f"bad allowed network: {exc}") for u in unique
        }
    try:
        tls = tls_context(settings.ca_file)
    except (OSError, ssl.SSLError) as exc:
        words = f"cannot load the CA file {settings.ca_file}: {exc}"
        return {u: LinkResult(u, Verdict.ERROR, error=words) for u in unique}
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.url_deadline,
    )
    transport = HostPools(
        lambda size: GuardedTransport(backend, max_connections=size, ssl_context=tls),
        per_host=settings.per_host,
    )
    async with transport:
        prober = _Prober(settings, transport, timeout)

        async def one(base: str) -> None:
            page = await prober.page(base)
            for url in by_base[base]:
                results[url] = judge_fragment(url, page)
                if observer is not None:
                    with contextlib.suppress(Exception):
                        observer(results[url])

        await run_limited(
            by_base, host_key, one, total=settings.concurrency, per_key=settings.per_host
        )
    return {url: results[url] for url in unique}


def host_key(url: str) -> str:
    """The origin a per-host limit applies to: host and port (one server each)."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        port = 0
    return f"{(parts.hostname or '').lower()}:{port}"


def probe_all(
    urls: Iterable[str],
    settings: ProbeSettings = ProbeSettings(),
    *,
    resolver: Resolver | None = None,
    observer: Callable[[LinkResult], None] | None = None,
) -> dict[str, LinkResult]:
    """`probe_urls` for synchronous callers (the command line): runs its own event loop."""
    work = probe_urls(list(urls), settings, resolver=resolver, observer=observer)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1) as pool:  # called from inside a running loop
        return pool.submit(asyncio.run, work).result()

"""One GET, read as the prober needs it: follow, retry, or a page with a verdict.

The body is streamed: a redirect or an error is judged on its headers, a
non-HTML body is dropped unread (unless it is short: see `DRAIN_LIMIT`), an
HTML body is read (decoded, so the cap also bounds decompression) up to
`max_body` and scanned for anchors and "not found".
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, replace
from urllib.parse import unquote, urldefrag

import httpx

from audit.links import _status
from audit.links._html import PageFacts, fragment_needs_check, scan
from audit.links.results import LinkResult, Verdict

HTML_TYPES = ("text/html", "application/xhtml+xml")
# An unread body no longer than this (by its Content-Length) is read and dropped, so
# that the connection goes back to the pool: reconnecting for every URL of a host
# costs more CPU than the bytes. Longer or unsized bodies close the connection.
DRAIN_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched base URL: its verdict, and the page's facts when it was HTML."""

    result: LinkResult
    facts: PageFacts | None = None


async def get_once(
    transport: httpx.AsyncBaseTransport,
    url: str,
    headers: dict[str, str],
    max_body: int,
    timeout: httpx.Timeout,
) -> Page | tuple[int, str] | httpx.Response:
    """A final page, a redirect to follow as (status, Location), or a response worth retrying.

    Sent on the transport itself, not through an `httpx.AsyncClient`: the client's
    cookie jar, auth and redirect machinery cost CPU on every request and the prober
    wants none of them (it follows redirects itself, and sends no cookies)."""
    request = httpx.Request("GET", url, headers=headers, extensions={"timeout": timeout.as_dict()})
    response = await transport.handle_async_request(request)
    response.request = request
    try:
        status = response.status_code
        if status in _status.REDIRECTS:
            location = response.headers.get("location")
            if location:
                return status, location
            return Page(
                LinkResult(url, Verdict.ERROR, status, url, error="redirect without a Location")
            )
        blocked = _status.blocked_reason(response)
        if blocked:
            return Page(LinkResult(url, Verdict.BLOCKED, status, url, error=blocked))
        if _status.retryable(response):
            return response
        if status >= 300 or status < 200:
            return Page(
                LinkResult(url, Verdict.BROKEN, status, url, error=_status.status_words(response))
            )
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in HTML_TYPES:
            return Page(LinkResult(url, Verdict.OK, status, url))
        body = bytearray()
        async for chunk in response.aiter_bytes():  # decoded: the cap bounds memory
            body += chunk
            if len(body) > max_body:
                words = f"HTML body larger than the {max_body}-byte cap"
                return Page(LinkResult(url, Verdict.ERROR, status, url, error=words))
        text = bytes(body).decode(_codec(response.charset_encoding), errors="replace")
        return Page(LinkResult(url, Verdict.OK, status, url), scan(text))
    finally:
        await _release(response, min(DRAIN_LIMIT, max_body))


async def _release(response: httpx.Response, limit: int) -> None:
    """Close `response`; a short unread body is read first so its connection is kept."""
    try:
        length = response.headers.get("content-length", "")
        if not response.is_stream_consumed and length.isdigit() and int(length) <= limit:
            async for _chunk in response.aiter_raw():  # h11 stops at Content-Length
                pass
    except httpx.HTTPError:
        pass  # the connection is dropped instead: nothing is lost but the reuse
    finally:
        await response.aclose()


def _codec(name: str | None) -> str:
    try:
        return codecs.lookup(name or "utf-8").name
    except LookupError:
        return "utf-8"


def judge_fragment(url: str, page: Page) -> LinkResult:
    """The base URL's result, judged for `url`'s fragment and for a soft 404."""
    result = replace(page.result, url=url)
    if page.facts is None or result.verdict not in (Verdict.OK, Verdict.REDIRECT):
        return result
    if page.facts.says_not_found():
        words = f"the page says not found: {page.facts.title or page.facts.heading}"
        return replace(result, verdict=Verdict.SOFT_404, error=words)
    fragment = unquote(urldefrag(url).fragment)
    if fragment_needs_check(fragment) and fragment not in page.facts.anchors:
        return replace(result, verdict=Verdict.BROKEN_FRAGMENT, error=f"no anchor #{fragment}")
    return result

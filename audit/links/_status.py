"""How one HTTP answer is read: retry it, block verdict, broken, and error words.

Kept apart from the scheduling in `probe.py` so each rule about statuses and
headers is in one small place (Sphinx linkcheck's and lychee's habits).
"""

from __future__ import annotations

import email.utils
import time

import httpx

from audit.links.guard import ConnectFailed, GuardRefused, ResolutionFailed, connection_words

PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def rate_limited(response: httpx.Response) -> bool:
    """A 429, or a 403 that carries rate-limit headers (GitHub's way of throttling)."""
    if response.status_code == 429:
        return True
    return response.status_code == 403 and (
        response.headers.get("x-ratelimit-remaining", "").strip() == "0"
        or "retry-after" in response.headers
    )


def retryable(response: httpx.Response) -> bool:
    """5xx and rate limits are tried again; other statuses are the answer."""
    return response.status_code >= 500 or rate_limited(response)


def blocked_reason(response: httpx.Response) -> str | None:
    """Words for bot blocking that retrying will not fix, or None."""
    if response.status_code == 999:
        return "HTTP 999: the site blocks link checkers (LinkedIn-style)"
    if response.status_code == 403 and response.headers.get("cf-mitigated", "").lower() == (
        "challenge"
    ):
        return "HTTP 403 with a Cloudflare challenge (cf-mitigated: challenge)"
    return None


def retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks us to wait (Retry-After: seconds, or an HTTP date)."""
    value = response.headers.get("retry-after") or response.headers.get("x-ratelimit-reset-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def status_words(response: httpx.Response) -> str:
    phrase = response.reason_phrase or ""
    return f"HTTP {response.status_code} {phrase}".strip()


def exception_words(exc: BaseException) -> str:
    """A failure in plain words: DNS (naming the host), refused, reset, TLS, closed."""
    if isinstance(exc, (GuardRefused, ResolutionFailed, ConnectFailed)):
        return str(exc)
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"connection closed mid-response: {exc}" if str(exc) else "connection closed"
    return connection_words(exc)

"""What probing a URL gives: one verdict, in words, never an exception.

The contract between the prober (which fills these) and everything that reads
them: the history, the link rules, the reporters. One `LinkResult` per unique
URL; the command line fans it out to every place the URL occurs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Verdict(enum.Enum):
    """The outcome of probing one URL (lychee's and Sphinx linkcheck's statuses, refined)."""

    OK = "ok"
    REDIRECT = "redirect"  # permanent (301, 308): the content should name the new URL
    BROKEN = "broken"  # 404, 410, other 4xx, 5xx after retries
    TIMEOUT = "timeout"
    ERROR = "error"  # DNS, refused, reset, TLS, refused by the safety guard: `error` says which
    BLOCKED = "blocked"  # bot blocking that persists (403 challenge, 999, 429 after retries)
    UNCHECKED = "unchecked"  # deferred by the circuit breaker or the run's time budget
    EXCLUDED = "excluded"  # matched a config pattern or an exception rule
    BROKEN_FRAGMENT = "broken-fragment"  # the page has no element with the #fragment's id
    SOFT_404 = "soft-404"  # a 200 page whose title or heading says "not found"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class LinkResult:
    """One URL's result. `redirects` is the chain of URLs followed, in order (without
    the first); `final_url` is where it ended; `error` says in plain words what went
    wrong (None when nothing did); `status` is the last HTTP status, if any."""

    url: str
    verdict: Verdict
    status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    elapsed_ms: int = 0
    error: str | None = None

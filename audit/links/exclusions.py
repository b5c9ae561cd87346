"""Exclusions that do not rot: URL patterns never probed, and per-host exceptions
that carry a reason and an expiry date.

A pattern (`links: exclude:`) marks every URL it matches `excluded` before any
request. A host rule (`links: rules:`) accepts given statuses from one host
(LinkedIn's 999, say): a result with such a status becomes `excluded` — not
`ok`, since nobody verified the page, but not a finding either — with the rule's
reason in its `error` words. A rule whose `expires` day has passed applies no
more and is itself reported, so that a forgotten exception surfaces instead of
silently hiding a broken link for ever.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from audit.links.results import LinkResult, Verdict

# Verdicts an accepted status may turn into `excluded`: the failures a status causes.
ACCEPTABLE = frozenset({Verdict.BROKEN, Verdict.BLOCKED})


@dataclass(frozen=True, slots=True)
class HostRule:
    """One exception: statuses accepted from `host`, why, and until when (inclusive)."""

    host: str
    accept: frozenset[int]
    reason: str
    expires: dt.date
    index: int  # its place in `links: rules:`, for pointing at it in the config

    def expired(self, today: dt.date) -> bool:
        return self.expires < today


@dataclass(frozen=True, slots=True)
class Exclusions:
    patterns: tuple[re.Pattern[str], ...] = ()
    rules: tuple[HostRule, ...] = ()
    today: dt.date = dt.date.min

    @classmethod
    def from_config(cls, links: Mapping[str, Any], today: dt.date) -> Exclusions:
        """Read the config's `links:` section (already checked against the schema)."""
        patterns = tuple(re.compile(p) for p in links.get("exclude") or ())
        rules = tuple(
            HostRule(
                str(r["host"]).lower(),
                frozenset(int(s) for s in r["accept"]),
                str(r["reason"]),
                dt.date.fromisoformat(str(r["expires"])),
                i,
            )
            for i, r in enumerate(links.get("rules") or ())
        )
        return cls(patterns, rules, today)

    def expired(self) -> tuple[HostRule, ...]:
        return tuple(rule for rule in self.rules if rule.expired(self.today))

    def excluded(self, url: str) -> LinkResult | None:
        """An `excluded` result when a pattern matches `url`, else None (probe it)."""
        for pattern in self.patterns:
            if pattern.search(url):
                words = f"excluded by the pattern {pattern.pattern!r}"
                return LinkResult(url, Verdict.EXCLUDED, final_url=url, error=words)
        return None

    def judge(self, result: LinkResult) -> LinkResult:
        """`result`, or `excluded` when a live rule for its host accepts its status."""
        if result.verdict not in ACCEPTABLE or result.status is None:
            return result
        host = (urlsplit(result.final_url or result.url).hostname or "").lower()
        for rule in self.rules:
            live = not rule.expired(self.today)
            if live and rule.host == host and result.status in rule.accept:
                words = f"HTTP {result.status} accepted for {host}: {rule.reason}"
                return replace(result, verdict=Verdict.EXCLUDED, error=words)
        return result


def expiry_message(rule: HostRule) -> str:
    """What an expired rule's finding says (the finding stands at its `expires`)."""
    return (
        f"the link exception for {rule.host} expired on {rule.expires.isoformat()} "
        f"({rule.reason}); it no longer applies: renew its date or remove it"
    )

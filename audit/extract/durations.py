"""Lengths of time as written in prose: "30 calendar days", "48 hours", "5-7 business days".

A duration is a numeral (or a range of two) with a unit of time: hours,
days, weeks, months, years, minutes. "Calendar days" are days; "business
days" and "working days" are a unit of their own (`business-day`), since "5
business days" and "5 days" are different promises. The compound adjective
counts too ("a 30-day window", "a 48-hour notice"), and so do number words
("thirty days", "thirty (30) days").

"24 hours a day", "7 days a week" and "24/7" say that something never closes;
they are no duration (`audit.extract.numbers` marks them so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from audit.extract.numbers import NOT_AFTER, NUMERAL, RANGE_JOIN, plain, to_decimal

# The written unit (singular, lower case, without a trailing dot) → the normalized unit.
_UNITS = {
    "minute": "minute", "min": "minute", "hour": "hour", "hr": "hour", "h": "hour",
    "day": "day", "week": "week", "wk": "week", "month": "month", "mo": "month",
    "year": "year", "yr": "year", "weekday": "business-day",
}  # fmt: skip
_QUALIFIED = {"business": "business-day", "working": "business-day", "calendar": "day"}

_DURATION = re.compile(
    rf"""
    {NOT_AFTER}(?P<v>{NUMERAL})(?:{RANGE_JOIN}(?P<u>{NUMERAL}))?
    (?P<join>\s+|\s*-\s*|(?=[a-z]))                        # "30 days", "30-day", "48h"
    (?:(?P<q>business|working|calendar)[\s-]+)?
    (?P<unit>minute|min|hour|hr|h|day|weekday|week|wk|month|mo|year|yr)(?:s|\.)?\b
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time: `value` (to `upper` for a range) in `unit`.

    `unit` is one of minute, hour, day, business-day, week, month, year.
    `compound` marks the adjective form ("a 30-day window").
    """

    start: int
    end: int
    value: Decimal
    unit: str
    upper: Decimal | None = None
    compound: bool = False


@lru_cache(maxsize=2048)
def find_durations(text: str) -> tuple[Duration, ...]:
    """Every duration in `text`, in order."""
    found = []
    for match in _DURATION.finditer(text):
        unit = _UNITS[match.group("unit").casefold()]
        qualifier = match.group("q")
        if qualifier is not None:
            if unit != "day":
                continue  # "business hours" is the name of a time of day, not a length
            unit = _QUALIFIED[qualifier.casefold()]
        value = to_decimal(match.group("v"))
        upper = to_decimal(match.group("u")) if match.group("u") else None
        if upper is not None and upper <= value:
            continue
        compound = "-" in match.group("join")
        found.append(
            Duration(
                match.start(),
                match.end(),
                plain(value),
                unit,
                None if upper is None else plain(upper),
                compound,
            )
        )
    return tuple(found)

"""Answers nobody has checked for too long.

- `review-due`: the entry's `reviewed` date (YYYY-MM-DD, the day someone last
  checked the answer against current policy) is older than `max-age-months`
  (default 12). Prices, hours, addresses and policies change; an answer no one
  has looked at in a year is a likely place for a stale fact.

      reviewed: 2023-01-15     # flagged on 2024-06-01: more than 12 months ago
      reviewed: 2024-03-02     # fine on 2024-06-01

  An entry without `reviewed` is not reported, unless the option `require` is
  true; then it is, once, at the entry. A date that is not a date is the
  `schema` rule's finding, not this one's. The age is counted in calendar
  months from today's date (31 January + 1 month is 28 or 29 February).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from audit.model import Entry, Position, Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, entry_check

REVIEW_DUE = Rule(
    "review-due",
    Severity.WARNING,
    "an entry whose last review is older than the allowed interval",
    Scope.ENTRY,
    options=(Option("max-age-months", 12), Option("require", False)),
)
RULES = (REVIEW_DUE,)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def today() -> dt.date:
    """The date reviews are measured against; tests replace it to stay reproducible."""
    return dt.date.today()


@entry_check(REVIEW_DUE)
def review_due(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    options = context.options
    months = int(options["max-age-months"])
    require = bool(options["require"])
    now = today()
    for entry in source.entries:
        if "reviewed" not in entry.data:
            if require:
                yield Problem(
                    "this entry has no reviewed date; check the answer against current "
                    "policy, then add `reviewed: YYYY-MM-DD` with today's date",
                    entry.position,
                    entry=entry.id,
                )
            continue
        reviewed = reviewed_date(entry.data["reviewed"])
        if reviewed is None:
            continue  # not a date: the schema rule says so
        due = add_months(reviewed, months)
        if now > due:
            yield Problem(
                f"this answer was last reviewed on {reviewed.isoformat()}, more than "
                f"{_months(months)} ago (a review was due on {due.isoformat()}); check it "
                "against current policy, then update `reviewed`",
                _reviewed_position(entry),
                entry=entry.id,
            )


def reviewed_date(value: object) -> dt.date | None:
    """A YYYY-MM-DD string, or the date YAML reads from an unquoted one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return dt.date.max if months > 0 else dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _months(months: int) -> str:
    return "1 month" if months == 1 else f"{months} months"


def _reviewed_position(entry: Entry) -> Position:
    found = entry.fields.get("reviewed")
    return found.value if found else entry.position

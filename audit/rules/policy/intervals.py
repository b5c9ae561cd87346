"""Ranges of a policy variable: which values threshold rules cover, miss, or cover twice.

"Under $499" and "over $500" each cover a range of order totals; what lies
between them ($499.00 to $500.00, both included) is covered by neither, and a
customer there cannot tell what applies. This module does only that arithmetic,
on plain intervals, so it can be tested on its own against every rule set a
generator can think of (tests/rules/test_policy_intervals.py).

A variable is real-valued (money, weights, durations) or counted (items,
seats, users): on a counted variable "up to 5 seats" and "7 seats or more"
leave exactly 6 uncovered, while "under 5" and "5 or more" leave nothing.

Each end of an interval is an *edge*: a value and a side. A closed end sits on
its value (side 0); an open lower end sits just above it (+1) and an open upper
end just below it (-1). Edges sort as (value, side), so an interval is the set
of points between its two edges, and two intervals touch without a gap exactly
when no point lies between the edge where one stops and the edge where the
next starts.
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from audit.extract.claims import Comparator

INFINITY = Decimal("Infinity")
Edge = tuple[Decimal, int]  # a value and a side: -1 just below it, 0 on it, +1 just above


class Domain(enum.Enum):
    """Whether a variable takes every value (money, weight) or whole numbers (seats)."""

    REAL = "real"
    INTEGER = "integer"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Interval:
    """The values from `low` to `high`; an unbounded end is -Infinity or Infinity (open).

    On a counted variable an interval is kept with closed whole-number ends.
    """

    low: Decimal
    high: Decimal
    low_closed: bool = True
    high_closed: bool = True

    @classmethod
    def of(
        cls,
        comparator: Comparator,
        value: Decimal,
        upper: Decimal | None = None,
        domain: Domain = Domain.REAL,
    ) -> Interval | None:
        """The values a threshold covers ("under 499" is below 499); None when it covers none."""
        if comparator is Comparator.LT:
            interval = cls(-INFINITY, value, False, False)
        elif comparator is Comparator.LE:
            interval = cls(-INFINITY, value, False, True)
        elif comparator is Comparator.GT:
            interval = cls(value, INFINITY, False, False)
        elif comparator is Comparator.GE:
            interval = cls(value, INFINITY, True, False)
        elif comparator is Comparator.RANGE:
            interval = cls(value, value if upper is None else upper)
        else:
            interval = cls(value, value)
        return interval.within(domain)

    @classmethod
    def between(cls, low: Edge, high: Edge) -> Interval:
        """The interval from one edge to another (an unbounded end is always open)."""
        return cls(
            low[0],
            high[0],
            low[1] == 0 and low[0].is_finite(),
            high[1] == 0 and high[0].is_finite(),
        )

    def within(self, domain: Domain) -> Interval | None:
        """The interval as the domain sees it: on whole numbers, with closed whole ends."""
        if domain is Domain.REAL:
            return self if _has_point(self.low_edge, self.high_edge) else None
        low, high = self.low, self.high
        if low.is_finite():
            low = _ceiling(low) if self.low_closed else _floor(low) + 1
        if high.is_finite():
            high = _floor(high) if self.high_closed else _ceiling(high) - 1
        if low > high:
            return None
        return Interval(low, high, low.is_finite(), high.is_finite())

    @property
    def low_edge(self) -> Edge:
        return (self.low, 0 if self.low_closed else 1)

    @property
    def high_edge(self) -> Edge:
        return (self.high, 0 if self.high_closed else -1)

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    def contains(self, x: Decimal) -> bool:
        return self.low_edge <= (x, 0) <= self.high_edge

    def intersection(self, other: Interval) -> Interval | None:
        low = max(self.low_edge, other.low_edge)
        high = min(self.high_edge, other.high_edge)
        return Interval.between(low, high) if _has_point(low, high) else None


@dataclass(frozen=True, slots=True)
class Gap:
    """Values inside the range the rules span that none covers.

    `below` are the rules that stop where the gap begins, `above` those that
    start where it ends (indices into the intervals given): the rules a
    finding names.
    """

    span: Interval
    below: tuple[int, ...]
    above: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Overlap:
    """Values that two rules with different outcomes both cover (indices, first < second)."""

    span: Interval
    first: int
    second: int


def gaps(intervals: Sequence[Interval], domain: Domain = Domain.REAL) -> list[Gap]:
    """The uncovered stretches between the lowest and the highest covered value, in order.

    Intervals are taken as they are given: build them with `Interval.of(…,
    domain)` so that counted ones have whole ends.
    """
    order = sorted(range(len(intervals)), key=lambda i: intervals[i].low_edge)
    ending: dict[Edge, list[int]] = {}
    starting: dict[Edge, list[int]] = {}
    for i in order:
        ending.setdefault(intervals[i].high_edge, []).append(i)
        starting.setdefault(intervals[i].low_edge, []).append(i)
    found: list[Gap] = []
    reach: Edge | None = None
    for i in order:
        start = intervals[i].low_edge
        if reach is not None and _gap_between(reach, start, domain):
            span = _span_between(reach, start, domain)
            found.append(Gap(span, tuple(ending[reach]), tuple(starting[start])))
        if reach is None or intervals[i].high_edge > reach:
            reach = intervals[i].high_edge
    return found


def overlaps(
    intervals: Sequence[Interval], outcomes: Sequence[Hashable], limit: int | None = None
) -> list[Overlap]:
    """Pairs of rules with different outcomes that both cover some value (at most `limit`).

    A sweep over the rules sorted by where they start: the rules still open
    there wait in one heap per outcome, ordered by where they stop, so a rule
    is compared only with open rules of other outcomes, and each comparison
    is a pair to report. The work grows with the rules and the pairs found,
    never with the square of the rules.
    """
    order = sorted(range(len(intervals)), key=lambda i: intervals[i].low_edge)
    waiting: dict[Hashable, list[tuple[Edge, int]]] = {}
    found: list[Overlap] = []
    for i in order:
        start = intervals[i].low_edge
        for heap in waiting.values():
            while heap and not _has_point(start, heap[0][0]):
                heapq.heappop(heap)  # stops before this one starts: never overlaps again
        for outcome, heap in waiting.items():
            if outcome == outcomes[i]:
                continue
            for _, j in heap:
                if limit is not None and len(found) >= limit:
                    break
                span = intervals[i].intersection(intervals[j])
                if span is not None:
                    found.append(Overlap(span, min(i, j), max(i, j)))
        heapq.heappush(waiting.setdefault(outcomes[i], []), (intervals[i].high_edge, i))
    return sorted(found, key=lambda o: (o.span.low_edge, o.span.high_edge, o.first, o.second))


def _has_point(low: Edge, high: Edge) -> bool:
    """Whether some value lies between two edges (real values: they may be equal values)."""
    if low[0] != high[0]:
        return low[0] < high[0]
    return low[1] <= 0 <= high[1]


def _gap_between(reach: Edge, start: Edge, domain: Domain) -> bool:
    """Whether a value lies strictly after the edge `reach` and strictly before `start`."""
    if domain is Domain.INTEGER:
        return start[0] - reach[0] >= 2  # whole, closed ends: 5 then 7 leaves 6
    return _has_point(_after(reach), _before(start))


def _span_between(reach: Edge, start: Edge, domain: Domain) -> Interval:
    if domain is Domain.INTEGER:
        return Interval(reach[0] + 1, start[0] - 1)
    return Interval.between(_after(reach), _before(start))


def _after(edge: Edge) -> Edge:
    """The first edge past `edge`: past a closed end, just above it; past an open one, on it."""
    return (edge[0], edge[1] + 1)


def _before(edge: Edge) -> Edge:
    return (edge[0], edge[1] - 1)


def _floor(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_FLOOR)


def _ceiling(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_CEILING)

"""The interval arithmetic of the policy rules, against every rule set hypothesis can think of.

For a generated set of threshold rules, the gaps reported must be exactly the
values no rule covers between the lowest and the highest covered value, and the
overlaps exactly the values that two rules with different outcomes both cover.
Membership is checked at every endpoint, just beside each one, and at random
points; the oracle reads each comparator on its own, with no interval code.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract.claims import Comparator
from audit.rules.policy.intervals import Domain, Gap, Interval, Overlap, gaps, overlaps

Rule = tuple[Comparator, Decimal, Decimal | None, str]  # comparator, value, upper, outcome


def covers(rule: Rule, x: Decimal, domain: Domain) -> bool:
    """Whether a rule applies to x, read straight from its words."""
    comparator, value, upper, _ = rule
    if domain is Domain.INTEGER and x != x.to_integral_value():
        return False
    if comparator is Comparator.LT:
        return x < value
    if comparator is Comparator.LE:
        return x <= value
    if comparator is Comparator.GT:
        return x > value
    if comparator is Comparator.GE:
        return x >= value
    if comparator is Comparator.RANGE:
        assert upper is not None
        return value <= x <= upper
    return x == value


def _has_member(rule: Rule, domain: Domain, wanted: Callable[[Decimal], bool]) -> bool:
    """Whether some value the rule covers satisfies `wanted`, by comparator.

    On reals an open end still has values beside it; on whole numbers the
    rule's extreme members are tried (the generated values are whole).
    """
    comparator, value, upper, _ = rule
    if domain is Domain.INTEGER:
        candidates = {
            Comparator.LT: [value - 1, Decimal("-1e9")],
            Comparator.LE: [value, Decimal("-1e9")],
            Comparator.GT: [value + 1, Decimal("1e9")],
            Comparator.GE: [value, Decimal("1e9")],
            Comparator.RANGE: [value, upper],
            Comparator.EQ: [value],
        }[comparator]
        return any(c is not None and covers(rule, c, domain) and wanted(c) for c in candidates)
    tiny = Decimal("0.0001")
    candidates = {
        Comparator.LT: [value - tiny, Decimal("-1e9")],
        Comparator.LE: [value, Decimal("-1e9")],
        Comparator.GT: [value + tiny, Decimal("1e9")],
        Comparator.GE: [value, Decimal("1e9")],
        Comparator.RANGE: [value, upper],
        Comparator.EQ: [value],
    }[comparator]
    return any(c is not None and covers(rule, c, domain) and wanted(c) for c in candidates)


def inside_span(rules: list[Rule], x: Decimal, domain: Domain) -> bool:
    """Some rule covers a value below x and some rule a value above it."""
    below = any(_has_member(r, domain, lambda y: y < x) for r in rules)
    above = any(_has_member(r, domain, lambda y: y > x) for r in rules)
    return below and above


def sample_points(rules: list[Rule], extra: list[Decimal]) -> list[Decimal]:
    """Every endpoint, points just beside each (and halfway to the next whole number), extras."""
    points: set[Decimal] = set(extra)
    for _, value, upper, _ in rules:
        for end in (value, upper):
            if end is None:
                continue
            for delta in ("0", "1", "-1", "0.5", "-0.5", "0.001", "-0.001", "2", "-2"):
                points.add(end + Decimal(delta))
    return sorted(points)


values = st.integers(min_value=-20, max_value=20).map(Decimal)
outcomes = st.sampled_from(["free", "fee 10 USD", "fee 5 USD"])


@st.composite
def rule_sets(draw: st.DrawFn) -> list[Rule]:
    count = draw(st.integers(min_value=1, max_value=6))
    rules: list[Rule] = []
    for _ in range(count):
        comparator = draw(st.sampled_from(list(Comparator)))
        value = draw(values)
        upper = None
        if comparator is Comparator.RANGE:
            upper = value + draw(st.integers(min_value=0, max_value=10))
        rules.append((comparator, value, upper, draw(outcomes)))
    return rules


def built(rules: list[Rule], domain: Domain) -> tuple[list[Interval], list[int]]:
    """The intervals of the rules that cover anything, and which rule each one is."""
    intervals, kept = [], []
    for k, (comparator, value, upper, _) in enumerate(rules):
        interval = Interval.of(comparator, value, upper, domain)
        if interval is not None:
            intervals.append(interval)
            kept.append(k)
    return intervals, kept


def in_any(spans: list[Gap] | list[Overlap], x: Decimal) -> bool:
    return any(item.span.contains(x) for item in spans)


extra_points = st.lists(
    st.decimals(min_value=-25, max_value=25, places=3, allow_nan=False), max_size=8
)


@settings(max_examples=400, deadline=None)
@given(rules=rule_sets(), domain=st.sampled_from(list(Domain)), extra=extra_points)
def test_gaps_are_exactly_the_uncovered_values_between_the_rules(
    rules: list[Rule], domain: Domain, extra: list[Decimal]
) -> None:
    intervals, _ = built(rules, domain)
    found = gaps(intervals, domain)
    for x in sample_points(rules, extra):
        if domain is Domain.INTEGER and x != x.to_integral_value():
            continue
        covered = any(covers(rule, x, domain) for rule in rules)
        expected = not covered and inside_span(rules, x, domain)
        assert in_any(found, x) == expected, (x, rules, found)


@settings(max_examples=400, deadline=None)
@given(rules=rule_sets(), domain=st.sampled_from(list(Domain)), extra=extra_points)
def test_each_gap_names_the_rules_that_stop_and_start_at_its_edges(
    rules: list[Rule], domain: Domain, extra: list[Decimal]
) -> None:
    intervals, _ = built(rules, domain)
    found = gaps(intervals, domain)
    for earlier, later in itertools.pairwise(found):
        assert earlier.span.high_edge < later.span.low_edge  # in order, apart
    for gap in found:
        assert gap.span.within(domain) == gap.span  # not empty, and whole on counted values
        assert gap.below and gap.above
        for i in gap.below:  # ends right where the gap starts: nothing lies between them
            assert intervals[i].high_edge < gap.span.low_edge
            assert intervals[i].intersection(gap.span) is None
        for i in gap.above:
            assert gap.span.high_edge < intervals[i].low_edge


@settings(max_examples=400, deadline=None)
@given(rules=rule_sets(), domain=st.sampled_from(list(Domain)), extra=extra_points)
def test_overlaps_are_exactly_the_values_two_different_outcomes_cover(
    rules: list[Rule], domain: Domain, extra: list[Decimal]
) -> None:
    intervals, kept = built(rules, domain)
    found = overlaps(intervals, [rules[k][3] for k in kept])
    for x in sample_points(rules, extra):
        if domain is Domain.INTEGER and x != x.to_integral_value():
            continue
        outcomes_here = {rule[3] for rule in rules if covers(rule, x, domain)}
        assert in_any(found, x) == (len(outcomes_here) >= 2), (x, rules, found)
        for overlap in found:  # each span is exactly where both of its rules apply
            both = covers(rules[kept[overlap.first]], x, domain) and covers(
                rules[kept[overlap.second]], x, domain
            )
            assert overlap.span.contains(x) == both, (x, overlap)
    pairs = [(o.first, o.second) for o in found]
    assert len(pairs) == len(set(pairs))
    for overlap in found:
        assert rules[kept[overlap.first]][3] != rules[kept[overlap.second]][3]


# ----------------------------------------------------------------------- the examples


def D(text: str) -> Decimal:
    return Decimal(text)


def test_under_499_and_over_500_leave_499_to_500_both_included() -> None:
    rules = [Interval.of(Comparator.LT, D("499")), Interval.of(Comparator.GT, D("500"))]
    (gap,) = gaps([r for r in rules if r is not None])
    assert gap.span == Interval(D("499"), D("500"), True, True)
    assert (gap.below, gap.above) == ((0,), (1,))


def test_under_500_and_over_500_leave_the_single_point_500() -> None:
    rules = [Interval.of(Comparator.LT, D("500")), Interval.of(Comparator.GT, D("500"))]
    (gap,) = gaps([r for r in rules if r is not None])
    assert gap.span == Interval(D("500"), D("500")) and gap.span.is_point


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((Comparator.LT, "500"), (Comparator.GE, "500")),
        ((Comparator.LE, "500"), (Comparator.GT, "500")),
        ((Comparator.LE, "30"), (Comparator.GT, "30")),  # within 30 days; after 30 days
    ],
)
def test_bounds_that_meet_leave_no_gap_and_no_overlap(
    first: tuple[Comparator, str], second: tuple[Comparator, str]
) -> None:
    intervals = [Interval.of(first[0], D(first[1])), Interval.of(second[0], D(second[1]))]
    assert None not in intervals
    both = [i for i in intervals if i is not None]
    assert gaps(both) == [] and overlaps(both, ["a", "b"]) == []


def test_up_to_5_seats_and_7_or_more_leave_6_on_counted_seats() -> None:
    seats = Domain.INTEGER
    rules = [Interval.of(Comparator.LE, D("5"), None, seats), Interval.of(Comparator.GE, D("7"))]
    rules[1] = Interval.of(Comparator.GE, D("7"), None, seats)
    (gap,) = gaps([r for r in rules if r is not None], seats)
    assert gap.span == Interval(D("6"), D("6"))


def test_under_5_and_5_or_more_leave_nothing_on_counted_seats() -> None:
    seats = Domain.INTEGER
    rules = [Interval.of(Comparator.LT, D("5"), None, seats), Interval.of(Comparator.GE, D("5"))]
    rules[1] = Interval.of(Comparator.GE, D("5"), None, seats)
    assert gaps([r for r in rules if r is not None], seats) == []


def test_free_over_35_and_a_fee_up_to_60_overlap_from_35_excluded_to_60_included() -> None:
    rules = [Interval.of(Comparator.GT, D("35")), Interval.of(Comparator.LE, D("60"))]
    (overlap,) = overlaps([r for r in rules if r is not None], ["free", "fee 4.95 USD"])
    assert overlap.span == Interval(D("35"), D("60"), False, True)


def test_the_same_outcome_twice_is_no_overlap() -> None:
    rules = [Interval.of(Comparator.GT, D("35")), Interval.of(Comparator.GT, D("50"))]
    assert overlaps([r for r in rules if r is not None], ["free", "free"]) == []


def test_a_rule_that_covers_nothing_has_no_interval() -> None:
    assert Interval.of(Comparator.RANGE, D("5"), D("4")) is None
    assert Interval.of(Comparator.LT, D("1"), None, Domain.INTEGER) == Interval(
        -Decimal("Infinity"), D("0"), False, True
    )
    assert Interval.of(Comparator.RANGE, D("5.2"), D("5.8"), Domain.INTEGER) is None

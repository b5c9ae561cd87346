"""Threshold rules of one topic and variable, side by side: what none covers, what two cover.

The claims of a run that bound the same variable of the same topic (the order
total, for shipping), in the same unit and about the same variant, are one
rule set. Each distinct rule ("under $499: fee 10 USD") becomes an interval
(`intervals`); gaps between them and overlaps of different outcomes become
findings that name every claim stating the rules involved.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from audit.extract.claims import ClaimKind, Comparator
from audit.facts.statements import Statement
from audit.model import Problem, Related
from audit.rules.policy.intervals import Domain, Interval, gaps, overlaps
from audit.rules.policy.wording import TIME_OF_DAY, bound, bound_words, cited, meeting, span

# Variables on a real line: money, percentages, weights, hours and clock times. Every other
# unit is counted in whole numbers ("up to 5 seats" and "7 seats or more" leave 6), days
# since purchase included.
REAL_UNITS = frozenset({"%", "kg", "hour", "minute", "week", "month", "year"})
# "Before 2 pm" and "after 2 pm" leave only the instant 2:00 pm uncovered: no time to act in.
CLOCK = TIME_OF_DAY
MAX_RELATED = 20  # a generated corpus may state one rule in every entry
MAX_OVERLAPS = 100  # of one rule set: past that, a person rewrites the rules, not each pair


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The distinct threshold rules of one topic, variable, unit and variant."""

    topic: str
    variable: str
    unit: str
    domain: Domain
    intervals: tuple[Interval, ...]
    outcomes: tuple[str | None, ...]
    stated: tuple[tuple[Statement, ...], ...]  # every claim of each rule, in order


RuleKey = tuple[Comparator, Decimal, Decimal | None, str | None]


def rule_sets(
    statements: Sequence[Statement], variants: Mapping[int, frozenset[str]]
) -> Iterator[RuleSet]:
    groups: dict[tuple[str, str, str, frozenset[str]], dict[RuleKey, list[int]]] = {}
    for i, statement in enumerate(statements):
        claim = statement.claim
        if claim.kind is not ClaimKind.THRESHOLD or claim.variable is None:
            continue
        key = (claim.topic, claim.variable, claim.unit, variants.get(i, frozenset()))
        outcome = " ".join((claim.outcome or "").lower().split()) or None
        rule = (claim.comparator, claim.value, claim.upper, outcome)
        groups.setdefault(key, {}).setdefault(rule, []).append(i)
    for (topic, variable, unit, _), rules in groups.items():
        domain = domain_of(unit)
        intervals, outcomes, stated = [], [], []
        for (comparator, value, upper, outcome), members in rules.items():
            interval = Interval.of(comparator, value, upper, domain)
            if interval is None:
                continue
            intervals.append(interval)
            outcomes.append(statements[members[0]].claim.outcome if outcome else None)
            stated.append(tuple(statements[i] for i in members))
        yield RuleSet(
            topic, variable, unit, domain, tuple(intervals), tuple(outcomes), tuple(stated)
        )


def domain_of(unit: str) -> Domain:
    """Money and measures are real; counts and days are whole numbers."""
    if unit in REAL_UNITS or (len(unit) == 3 and unit.isupper()):
        return Domain.REAL
    return Domain.INTEGER


def gap_problems(rule_set: RuleSet, rule_id: str) -> Iterator[Problem]:
    """One finding per uncovered range, on the first claim that bounds it."""
    for gap in gaps(rule_set.intervals, rule_set.domain):
        if gap.span.is_point and rule_set.variable == CLOCK:
            continue
        below = [s for i in gap.below for s in rule_set.stated[i]]
        above = [s for i in gap.above for s in rule_set.stated[i]]
        words = span(gap.span, rule_set.variable, rule_set.unit, rule_set.domain)
        meet = gap.span.high if rule_set.domain is Domain.REAL else gap.span.high + 1
        lower, upper = meeting(meet, rule_set.unit, rule_set.domain, rule_set.variable)
        message = (
            f"{words} are covered by neither {_pair(below[0], above[0], 'nor')}"
            f"{_more(below, above)}; make the two bounds meet, e.g. "
            f'"{lower}" and "{upper}"'
        )
        yield _problem(message, [below[0], above[0], *below[1:], *above[1:]], rule_id)


def overlap_problems(rule_set: RuleSet, rule_id: str) -> Iterator[Problem]:
    """One finding per pair of rules with different outcomes that both apply somewhere."""
    known = [i for i, outcome in enumerate(rule_set.outcomes) if outcome is not None]
    intervals = [rule_set.intervals[i] for i in known]
    outcomes = [" ".join((rule_set.outcomes[i] or "").lower().split()) for i in known]
    for overlap in overlaps(intervals, outcomes, MAX_OVERLAPS):
        first, second = known[overlap.first], known[overlap.second]
        a, b = rule_set.stated[first], rule_set.stated[second]
        words = span(overlap.span, rule_set.variable, rule_set.unit, rule_set.domain)
        message = (
            f"{words} are covered by both {_pair(a[0], b[0], 'and')}{_more(a, b)}; "
            f"{_settle(a[0], b[0], rule_set)}"
        )
        yield _problem(message, [a[0], b[0], *a[1:], *b[1:]], rule_id)


def _settle(a: Statement, b: Statement, rule_set: RuleSet) -> str:
    """The fix, in one sentence: where the bound of each should be."""
    lower = next((s for s in (a, b) if s.claim.comparator in (Comparator.GT, Comparator.GE)), None)
    upper = next((s for s in (a, b) if s.claim.comparator in (Comparator.LT, Comparator.LE)), None)
    if lower is None or upper is None:
        return "say which of the two applies where both do"
    claim, unit = lower.claim, rule_set.unit
    clock_time = rule_set.variable == TIME_OF_DAY
    if claim.comparator is Comparator.GT:
        below = bound_words(Comparator.LE, claim.value, None, unit, clock_time)
    elif rule_set.domain is Domain.INTEGER:
        below = bound_words(Comparator.LE, claim.value - 1, None, unit, clock_time)
    else:
        below = bound_words(Comparator.LT, claim.value, None, unit, clock_time)
    return f'move one bound to meet the other, e.g. "{below}" with "{bound(claim)}"'


def _pair(a: Statement, b: Statement, joint: str) -> str:
    """Two claims with where they stand, once when they stand in one place."""
    if (a.entry.path, a.entry.index, a.line) == (b.entry.path, b.entry.index, b.line):
        return f"{cited(a, where=False)} {joint} {cited(b, where=False)}, both in {a.where()}"
    return f"{cited(a)} {joint} {cited(b)}"


def _more(*groups: Sequence[Statement]) -> str:
    extra = sum(len(group) - 1 for group in groups)
    return f" (and {extra} more place{'s' if extra != 1 else ''} stating them)" if extra else ""


def _problem(message: str, involved: list[Statement], rule_id: str) -> Problem:
    """The finding on the claim first in reading order, pointing at the others."""
    ordered = sorted(involved, key=_reading_order)
    primary = ordered[0]
    related = tuple(
        Related(s.position, cited(s)) for s in ordered[1 : MAX_RELATED + 1] if s is not primary
    )
    return Problem(message, primary.position, entry=primary.entry_id, related=related, rule=rule_id)


def _reading_order(statement: Statement) -> tuple[str, int, int]:
    return (statement.entry.path, statement.entry.index, statement.claim.start)

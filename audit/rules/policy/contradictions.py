"""The same quantity of the same topic, stated with different values in different places.

A 30-day return window here and 60 days there; a 20% restocking fee here and
15% there; delivery in 5 business days here and 5 days there; free shipping
over $500 here and over $400 there; support hours of 9\u20135 here and 8:30\u20136
there. Values are compared in one unit (48 hours is 2 days; a business day is
not a day). Claims are compared only when they are about the same variant
(`variants`). A sentence that itself gives two values of one quantity ("refunds
within 14 days, store credit within 30") draws a distinction on purpose: its
claims are not compared.

The value stated most often is taken as meant (on a tie, the first stated);
each claim that gives another is reported, naming every claim of the value
taken as meant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence

from audit.extract.claims import Claim, ClaimKind
from audit.facts.matching import in_common_unit, side, zone_family
from audit.facts.statements import Statement
from audit.model import Problem, Related
from audit.rules.policy.wording import bound

MAX_RELATED = 20


def contradiction_problems(
    statements: Sequence[Statement],
    variants: Mapping[int, frozenset[str]],
    rule_id: str,
    skip: Callable[[Statement], bool] = lambda _: False,
) -> Iterator[Problem]:
    groups: dict[Hashable, list[Statement]] = {}
    for i, statement in enumerate(statements):
        key = _group(statement.claim)
        if key is not None:
            groups.setdefault((key, variants.get(i, frozenset())), []).append(statement)
    for group in groups.values():
        if len(group) < 2 or any(skip(statement) for statement in group):
            continue
        yield from _group_problems(_compared(group), rule_id)


def _group(claim: Claim) -> Hashable | None:
    """What a claim states a value of; claims with the same key must agree."""
    if claim.kind is ClaimKind.VALUE:
        return ("value", claim.topic, claim.quantity, side(claim.comparator))
    if claim.kind is ClaimKind.THRESHOLD and claim.variable and claim.outcome:
        outcome = " ".join(claim.outcome.lower().split())
        return ("threshold", claim.topic, claim.variable, side(claim.comparator), outcome)
    if claim.kind is ClaimKind.HOURS and claim.opens is not None and claim.closes is not None:
        return ("hours", claim.topic)
    return None


def _value(claim: Claim) -> Hashable:
    if claim.kind is ClaimKind.HOURS:
        return (tuple(sorted(set(claim.days))), claim.opens, claim.closes, zone_family(claim.zone))
    upper = in_common_unit(claim.upper, claim.unit) if claim.upper is not None else None
    return (in_common_unit(claim.value, claim.unit), upper)


def _conflict(a: Claim, b: Claim) -> bool:
    """Whether two claims of one group cannot both hold."""
    if a.kind is not ClaimKind.HOURS:
        return _value(a) != _value(b)
    if not set(a.days) & set(b.days):
        return False  # Saturday hours beside weekday hours
    zones = {zone_family(a.zone), zone_family(b.zone)} - {None}
    return (a.opens, a.closes) != (b.opens, b.closes) or len(zones) > 1


def _compared(group: list[Statement]) -> list[Statement]:
    """The group less the claims of sentences that give two values of it on purpose."""
    values: dict[tuple[str, int, int], set[Hashable]] = {}
    for statement in group:
        values.setdefault(statement.sentence_key, set()).add(_value(statement.claim))
    return [s for s in group if len(values[s.sentence_key]) == 1]


def _group_problems(group: list[Statement], rule_id: str) -> Iterator[Problem]:
    counts = Counter(_value(s.claim) for s in group)
    if len(counts) < 2:
        return
    first_seen: dict[Hashable, int] = {}
    for index, statement in enumerate(group):
        first_seen.setdefault(_value(statement.claim), index)
    meant = max(counts, key=lambda value: (counts[value], -first_seen[value]))
    reference = [s for s in group if _value(s.claim) == meant]
    others = reference  # never in a sentence of another value: `_compared` left none
    for statement in group:
        if _value(statement.claim) == meant or not _conflict(statement.claim, reference[0].claim):
            continue
        more = len(others) - 1
        also = f" (and {more} more place{'s' if more != 1 else ''})" if more else ""
        subject = what(statement.claim)
        verb = "are" if subject.endswith("hours") else "is"
        message = (
            f'{subject} {verb} "{bound(statement.claim)}" here, but '
            f'"{bound(others[0].claim)}" in {others[0].where()}{also}; state one value '
            "everywhere"
        )
        related = tuple(
            Related(s.position, f'"{bound(s.claim)}" in {s.where()}') for s in others[:MAX_RELATED]
        )
        yield Problem(
            message, statement.position, entry=statement.entry_id, related=related, rule=rule_id
        )


def what(claim: Claim) -> str:
    """What a claim gives the value of, in words: "the return window", "the restocking fee"."""
    topic = claim.topic.replace("-", " ")
    if claim.kind is ClaimKind.HOURS:
        return f"the {topic}" if "hours" in topic else f"the {topic} hours"
    if claim.kind is ClaimKind.THRESHOLD:
        return f'the {topic} threshold for "{claim.outcome}"'
    quantity = claim.quantity.replace("-", " ")
    if quantity in topic.split():
        return f"the {topic}"
    return f"the {topic} {quantity}"

"""Which variant of a policy a claim is about: express or standard, economy or business class.

"Standard shipping is free over $50. Ground shipping is free over $150." is
no contradiction, and "Economy passengers may check 23 kg; business class
32 kg" no overlap: each number is about a variant of the service. The claims
say only the topic, so the policy rules compare two claims only when the
variant words next to them are the same. A claim's variant words are those in
its sentence nearest to it; when a sentence names one variant ("$10 ground
shipping under $499 and free shipping over $500"), every claim in it is about
that variant. An exception ("items bought in the holidays", "damaged items")
is a variant too: it does not contradict the rule it is an exception to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from audit.facts.statements import Statement

DEFAULT_VARIANTS = (
    # shipping services and destinations (the claims' topics tell express and international
    # shipping apart already: "shipping/express"; a same-day or next-day outcome is no variant)
    "standard",
    "ground",
    "economy",
    "domestic",
    "local",
    "alaska|hawaii|puerto rico",
    "canada|canadian",
    # travel classes and travellers
    "premium economy",
    "basic economy",
    "business class",
    "first class",
    "main cabin",
    "carry-on|carry on|cabin bag",
    "checked bag|checked bags|checked baggage|checked luggage",
    "infant|infants",
    "child|children|kids",
    "senior|seniors",
    "student|students",
    # plans, tiers and billing
    "free plan",
    "basic",
    "starter",
    "pro",
    "premium",
    "team plan",
    "enterprise",
    "annual|yearly|annually",
    "monthly",
    "bronze",
    "silver",
    "gold",
    "platinum",
    "member|members|membership",
    "non-member|non-members",
    "wholesale",
    "retail",
    "reseller|resellers|distributor|distributors",
    "opening order|first order|initial order|opening orders|first orders",
    "reorder|reorders|re-order|re-orders",
    # exceptions to a rule
    "holiday|holidays",
    "sale items|final sale|clearance|sale",
    "damaged|defective|faulty|broken|shipping errors",
    "opened",
    "gift|gifts",
    "custom|personalized|personalised",
    "weekend|weekends|saturday|saturdays|sunday|sundays",
    "emergency|after-hours|after hours",
    # channels and places
    "chat|live chat",
    "phone|telephone|by phone",
    "in-store|in store|showroom",
)


@lru_cache(maxsize=8)
def _pattern(variants: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for all variants, longest first; each spelling maps to its variant's name."""
    names: dict[str, str] = {}
    for variant in variants:
        spellings = [s.strip().lower() for s in variant.split("|") if s.strip()]
        for spelling in spellings:
            names.setdefault(spelling, spellings[0])
    ordered = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)
    # A word of its own: not "pro" in "products", not "sale" in "resale"; and not the
    # "business" of "business days", which is a unit.
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), names


def variant_sets(
    statements: Sequence[Statement], variants: Iterable[str]
) -> dict[int, frozenset[str]]:
    """The variant words each statement is about, by index into `statements`."""
    pattern, names = _pattern(tuple(variants))
    by_sentence: dict[tuple[str, int, int], list[int]] = {}
    for i, statement in enumerate(statements):
        by_sentence.setdefault(statement.sentence_key, []).append(i)
    found: dict[int, frozenset[str]] = {}
    for members in by_sentence.values():
        first = statements[members[0]]
        start, end = first.claim.sentence_start, first.claim.sentence_end
        words: dict[int, set[str]] = {i: set() for i in members}
        members.sort(key=lambda i: statements[i].claim.start)
        starts = [statements[i].claim.start for i in members]
        for match in pattern.finditer(first.text.value, start, end):
            name = names.get(" ".join(match.group().lower().split()), match.group().lower())
            k = bisect_right(starts, match.start())
            nearby = [members[c] for c in (k - 1, k) if 0 <= c < len(members)]
            nearest = min(nearby, key=lambda i: _distance(statements[i], match.span()))
            words[nearest].add(name)
        named = {frozenset(w) for w in words.values() if w}
        if len(named) == 1:  # one variant in the sentence: every claim in it is about it
            (only,) = named
            found.update({i: only for i in members})
        else:
            found.update({i: frozenset(w) for i, w in words.items()})
    return found


def _distance(statement: Statement, span: tuple[int, int]) -> int:
    start, end = statement.claim.start, statement.claim.end
    if span[1] <= start:
        return start - span[1]
    if span[0] >= end:
        return span[0] - end
    return 0

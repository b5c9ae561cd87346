"""The phrases a claim is built from: conditions on a variable, and outcomes.

A condition bounds a variable ("orders under $499": the order total below 499
USD; "after 30 days of purchase": the days since purchase above 30); an
outcome says what applies ("$10 flat rate", "free shipping", "10% back").
The grammar's patterns (`audit.extract.claim_grammar`) find them in a shaped
sentence; this module reads a match into its parts, or rejects it when it
bounds nothing: a bare amount, a range whose ends differ in kind, a duration
with nothing to count from, an outcome whose amount is a price range.
`audit.extract.claim_reader` puts the parts together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audit.extract import claim_grammar as grammar
from audit.extract.claim_tokens import Shaped, Token
from audit.extract.claims import Comparator
from audit.extract.numbers import plain

# The groups of `CONDITION` that hold an amount.
AMOUNT_GROUPS = ("r1", "r2", "f1", "f2", "m1", "m2", "a1", "a2", "a3")
# The event a time counts from, as the variable names it.
_SINCE = {
    "purchase": "purchase", "order": "purchase", "ordering": "purchase", "booking": "purchase",
    "invoice": "invoice", "receipt": "delivery", "delivery": "delivery", "arrival": "delivery",
    "shipment": "delivery", "dispatch": "delivery",
}  # fmt: skip
# Comparators that only a time can follow ("after 30 days"; never "after $50").
_DURATION_ONLY = frozenset({"after", "beyond", "later than", "longer than", "no later than"})


@dataclass(frozen=True, slots=True)
class Condition:
    """A bound on a variable, as matched in a shaped sentence."""

    start: int
    end: int
    comparator: Comparator
    first: Token
    last: Token
    variable: str
    minimum: bool  # "a minimum order of $50": a value claim when no outcome follows


@dataclass(frozen=True, slots=True)
class Outcome:
    """What applies: a fee, "free", a reward, a discount, a refund tier, a plan."""

    start: int
    end: int
    kind: str  # fee, free, back, off, credit, tier, plan, sameday
    token: Token | None = None
    index: int | None = None  # the token's index in the sentence
    named: bool = False  # a fee with its name, which may stand as a claim of its own
    words: str = ""


def read_condition(shaped: Shaped, match: re.Match[str]) -> Condition | None:
    """The condition a match of `CONDITION` states; None when it bounds nothing."""
    g = match.groupdict()
    if g["r1"] or g["f1"]:
        first = shaped.token(g["r1"] or g["f1"])[1]
        last = shaped.token(g["r2"] or g["f2"])[1]
        if first.kind != last.kind or first.unit != last.unit or last.value <= first.value:
            return None
        comparator, minimum = Comparator.RANGE, False
    elif g["m1"] or g["m2"]:
        first = last = shaped.token(g["m1"] or g["m2"])[1]
        comparator, minimum = Comparator.GE, True
    else:
        first = last = shaped.token(g["a1"] or g["a2"] or g["a3"])[1]
        phrase = " ".join((g["pre"] or g["post"] or "").casefold().split())
        if phrase in _DURATION_ONLY and first.kind != "duration":
            return None
        if phrase:
            comparator = Comparator(grammar.COMPARATOR_OF[phrase])
            if first.upper is not None:
                return None  # "under $20-$30" bounds nothing
        elif first.open:
            comparator = Comparator.GE if first.open == "above" else Comparator.LE
        elif first.upper is not None and (first.kind == "count" or g["var"]):
            comparator = Comparator.RANGE  # "1-5 users", "orders $20-$30"
        else:
            return None  # a bare amount bounds nothing
        minimum = False
    variable = _variable(first, g)
    if variable is None:
        return None
    return Condition(match.start(), match.end(), comparator, first, last, variable, minimum)


def _variable(token: Token, groups: dict[str, str | None]) -> str | None:
    if token.kind == "money":
        return "order-total"
    if token.kind == "count":
        return token.unit
    if token.kind == "weight":
        return "weight"
    return anchored(token, groups)


def take(
    shaped: Shaped, match: re.Match[str], group: str, used: set[int]
) -> tuple[int, Token] | None:
    """The token a group holds, unless another production has it."""
    index, token = shaped.token(match.group(group))
    return None if index in used else (index, token)


def read_outcome(shaped: Shaped, match: re.Match[str], used: set[int]) -> Outcome | None:
    """The outcome a match of `OUTCOME` states; None when its amount is taken or a range."""
    g = match.groupdict()
    start, end = match.start(), match.end()
    for group, kind in (("back", "back"), ("off1", "off"), ("off2", "off"),
                        ("off3", "off"), ("credit", "credit"), ("fee1", "fee"),
                        ("fee2", "fee"), ("fee3", "fee")):  # fmt: skip
        if g[group]:
            taken = take(shaped, match, group, used)
            if taken is None or taken[1].upper is not None:
                return None  # taken by a condition, or a range: prices, not a policy
            named = group in ("fee1", "fee2")
            return Outcome(start, end, kind, taken[1], taken[0], named)
    if g["free"]:
        if g["avoided"]:  # "to avoid a $50 fee": the amount is no fee of this condition
            taken = take(shaped, match, "avoided", used)
            return Outcome(start, end, "free", None, taken[0] if taken else None)
        return Outcome(start, end, "free")
    if g["tier"]:
        words = " ".join(g["tier"].casefold().replace("-", " ").split())
        if "refundable" in words or words.startswith("no refund"):
            words = "no refund"
        return Outcome(start, end, "tier", words=words)
    if g["plan"]:
        return Outcome(start, end, "plan", words=f"plan {g['plan']}")
    day = "same-day" if "same" in g["sameday"].casefold() else "next-day"
    return Outcome(start, end, "sameday", words=day)


def anchored(token: Token, groups: dict[str, str | None]) -> str | None:
    """The variable a duration bounds: days-since-purchase, hours-before-start, …"""
    if token.kind != "duration":
        return None
    if groups["since"]:
        return f"{scale(token)}-since-{_SINCE[groups['since'].casefold()]}"
    if groups["before"] or groups["advance"]:
        return f"{scale(token)}-before-start"
    return None


def scale(token: Token) -> str:
    """Hours for clock-scale durations, days for the rest (the unit tells which days)."""
    return "hours" if token.unit in ("hour", "minute") else "days"


def _amount(token: Token) -> str:
    value = plain(token.value)
    return f"{value}%" if token.unit == "%" else f"{value} {token.unit}"


def outcome_words(outcome: Outcome) -> str:
    """The outcome in plain normalized words: "free", "fee 10 USD", "10% back", …"""
    token = outcome.token
    if outcome.kind == "free" or token is None:
        return outcome.words or "free"
    amount = _amount(token)
    return {
        "fee": f"fee {amount}", "back": f"{amount} back", "off": f"{amount} off",
        "credit": f"credit {amount}",
    }[outcome.kind]  # fmt: skip

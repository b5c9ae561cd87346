"""Counts of things and weights, as written in prose: "5 seats", "10 or more items", "50 lb".

A count is a numeral (or a range) with the noun it counts; the noun is
normalized to the plural that names a policy variable (`items`, `seats`,
`users`, `licenses`, `guests`, `nights`, …). "10 or more items" and "10+
items" are counts with an open end, because the comparator stands between
the number and its noun; "7 seats or more" is a count followed by a
comparator, which the claim parser reads.

A weight is a numeral with a unit of mass, converted to kilograms so that
"50 lb" and "22.68 kg" compare: 1 lb = 0.45359237 kg exactly. Units are
matched in the case people write them, so "5G" is not five grams.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from audit.extract.numbers import NOT_AFTER, NUMERAL, RANGE_JOIN, plain, to_decimal

# The noun as written (singular, lower case) → the variable it counts.
_NOUNS = {
    "item": "items", "product": "products", "piece": "items", "unit": "items",
    "seat": "seats", "user": "users", "license": "licenses", "licence": "licenses",
    "member": "members", "device": "devices", "guest": "guests", "person": "guests",
    "people": "guests", "adult": "guests", "passenger": "passengers",
    "traveler": "passengers", "traveller": "passengers", "night": "nights", "room": "rooms",
    "ticket": "tickets", "bag": "bags", "bottle": "bottles", "box": "boxes",
    "session": "sessions", "class": "sessions", "lesson": "sessions", "employee": "employees",
    "location": "locations", "point": "points",
}  # fmt: skip
_NOUN = r"items?|products?|pieces?|units?|seats?|users?|licen[cs]es?|members?|devices?|guests?|"
_NOUN += r"persons?|people|adults?|passengers?|travell?ers?|nights?|rooms?|tickets?|bags?|"
_NOUN += r"bottles?|box(?:es)?|sessions?|class(?:es)?|lessons?|employees?|locations?|points?"
# Words that may stand between a number and its noun: "5 additional seats".
_ADJECTIVE = r"(?:additional|extra|eligible|qualifying|full-price|sale|paid|active|separate)"
_OPEN = {"more": "above", "greater": "above", "above": "above", "over": "above", "+": "above"}
_OPEN |= {"fewer": "below", "less": "below", "under": "below", "below": "below"}

_COUNT = re.compile(
    rf"""
    {NOT_AFTER}(?P<v>{NUMERAL})(?:{RANGE_JOIN}(?P<u>{NUMERAL}))?
    (?:(?P<plus>\+)|\s+or\s+(?P<open>more|greater|above|over|fewer|less|under|below))?
    \s+(?:{_ADJECTIVE}\s+)?(?P<noun>{_NOUN})\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

_KG_PER = {
    "kg": Decimal(1), "kgs": Decimal(1), "kilogram": Decimal(1), "kilo": Decimal(1),
    "g": Decimal("0.001"), "gram": Decimal("0.001"),
    "lb": Decimal("0.45359237"), "lbs": Decimal("0.45359237"), "pound": Decimal("0.45359237"),
    "oz": Decimal("0.028349523125"), "ounce": Decimal("0.028349523125"),
}  # fmt: skip
_WEIGHT = re.compile(
    rf"""
    {NOT_AFTER}(?P<v>{NUMERAL})(?:{RANGE_JOIN}(?P<u>{NUMERAL}))?(?P<plus>\+)?[\s-]?
    (?P<unit>(?i:kilograms?|kilos?|grams?|pounds?|ounces?)|kgs?|KGS?|Kg|lbs?|LBS?|Lbs?|oz|g)\b
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Count:
    """A number of things: `value` (to `upper`) of `noun` (plural, normalized).

    `open` is "above" for "10+ items" and "10 or more items", "below" for
    "5 or fewer seats", None otherwise.
    """

    start: int
    end: int
    value: Decimal
    noun: str
    upper: Decimal | None = None
    open: str | None = None


@dataclass(frozen=True, slots=True)
class Weight:
    """A mass in kilograms (`kg`, to `upper_kg`), and the unit it was written in."""

    start: int
    end: int
    kg: Decimal
    written_unit: str
    upper_kg: Decimal | None = None
    open: str | None = None


@lru_cache(maxsize=2048)
def find_counts(text: str) -> tuple[Count, ...]:
    """Every count of things in `text`, in order."""
    found = []
    for match in _COUNT.finditer(text):
        value = to_decimal(match.group("v"))
        upper = to_decimal(match.group("u")) if match.group("u") else None
        if upper is not None and upper <= value:
            continue
        noun = match.group("noun").casefold()
        singular = noun if noun in _NOUNS else _singular(noun)
        bound = match.group("plus") or match.group("open")
        found.append(
            Count(
                match.start(),
                match.end(),
                plain(value),
                _NOUNS[singular],
                None if upper is None else plain(upper),
                _OPEN[bound.casefold()] if bound else None,
            )
        )
    return tuple(found)


def _singular(noun: str) -> str:
    for suffix in ("es", "s"):
        if noun.endswith(suffix) and noun[: -len(suffix)] in _NOUNS:
            return noun[: -len(suffix)]
    return noun


@lru_cache(maxsize=2048)
def find_weights(text: str) -> tuple[Weight, ...]:
    """Every weight in `text`, in order, converted to kilograms."""
    found = []
    for match in _WEIGHT.finditer(text):
        written = match.group("unit")
        unit = written.casefold().rstrip("s") if len(written) > 3 else written.casefold()
        factor = _KG_PER[unit]
        value = to_decimal(match.group("v"))
        upper = to_decimal(match.group("u")) if match.group("u") else None
        if upper is not None and upper <= value:
            continue
        found.append(
            Weight(
                match.start(),
                match.end(),
                plain(value * factor),
                written,
                None if upper is None else plain(upper * factor),
                "above" if match.group("plus") else None,
            )
        )
    return tuple(found)

"""Which claim states which fact, and whether the two agree.

Shared by `policy-mismatch`, which reports a claim that disagrees with the
registry, and `faq-audit facts`, which lists every place the prose states each
fact. A claim states a fact when they are about the same thing: the same topic
and quantity; for a threshold also the same variable, the same side of it (a
lower bound, "over" or "at least", or an upper one, "under" or "up to") and
the same outcome; for opening hours, the same topic. Whether "over $500" or
"$500 or more" is meant is left to the gap rule, where two rules meet: a
registry value of 500 agrees with both. A fee fact (the flat shipping rate)
is also stated by the outcome of a threshold ("$10 flat rate on orders under
$499").

Amounts agree when they are equal in one unit: 48 hours is 2 days, 2 weeks
14 days, 1 year 12 months. A business day is not a day, and a month is not 30
days; currencies are never converted.
"""

from __future__ import annotations

from decimal import Decimal

from audit.extract.claims import Claim, ClaimKind, Comparator
from audit.facts import Fact

# Units that convert exactly into a common one: (common unit, how many of it).
_SCALE: dict[str, tuple[str, Decimal]] = {
    "hour": ("hour", Decimal(1)),
    "day": ("hour", Decimal(24)),
    "week": ("hour", Decimal(168)),
    "month": ("month", Decimal(1)),
    "year": ("month", Decimal(12)),
    "business-day": ("business-day", Decimal(1)),
    "business-week": ("business-day", Decimal(5)),
}
_LOWER = frozenset({Comparator.GT, Comparator.GE})
_UPPER = frozenset({Comparator.LT, Comparator.LE})

# A time zone as written, and the zone it is a form of (EST and EDT are both Eastern Time).
ZONE_FAMILY = {
    "ET": "ET",
    "EST": "ET",
    "EDT": "ET",
    "CT": "CT",
    "CST": "CT",
    "CDT": "CT",
    "MT": "MT",
    "MST": "MT",
    "MDT": "MT",
    "PT": "PT",
    "PST": "PT",
    "PDT": "PT",
    "AKT": "AKT",
    "AKST": "AKT",
    "AKDT": "AKT",
    "HT": "HT",
    "HST": "HT",
    "GMT": "UK",
    "BST": "UK",
    "UK": "UK",
    "CET": "CET",
    "CEST": "CET",
    "AET": "AET",
    "AEST": "AET",
    "AEDT": "AET",
}


def in_common_unit(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """An amount in the unit it compares in: 48 hour is (48, hour), 2 day (48, hour)."""
    common, factor = _SCALE.get(unit, (unit, Decimal(1)))
    return value * factor, common


def same_amount(a: Decimal, a_unit: str, b: Decimal, b_unit: str) -> bool:
    return in_common_unit(a, a_unit) == in_common_unit(b, b_unit)


_REGION_LETTERS = {
    "EASTERN": "E",
    "CENTRAL": "C",
    "MOUNTAIN": "M",
    "PACIFIC": "P",
    "ALASKA": "AK",
    "HAWAII": "H",
    "ATLANTIC": "A",
}
_SEASON_LETTERS = {"STANDARD": "S", "DAYLIGHT": "D"}


def zone_code(zone: str) -> str:
    """A zone as its abbreviation: "Eastern Standard Time" is EST, "Pacific Time" PT, "E.T." ET."""
    words = zone.upper().replace(".", "").split()
    if words and words[0] in _REGION_LETTERS:
        season = next((_SEASON_LETTERS[w] for w in words[1:] if w in _SEASON_LETTERS), "")
        return f"{_REGION_LETTERS[words[0]]}{season}T"
    return "".join(words)


def zone_family(zone: str | None) -> str | None:
    """The zone a written zone is a form of: EST, EDT, ET and "Eastern Time" are all ET."""
    if zone is None:
        return None
    code = zone_code(zone)
    return ZONE_FAMILY.get(code, code)


def side(comparator: Comparator) -> str:
    """Which side of its variable a bound holds: "lower" (over), "upper" (under), or itself."""
    if comparator in _LOWER:
        return "lower"
    if comparator in _UPPER:
        return "upper"
    return str(comparator)


def same_outcome(a: str | None, b: str | None) -> bool:
    return (
        a is not None
        and b is not None
        and " ".join(a.lower().split()) == " ".join(b.lower().split())
    )


def states(claim: Claim, fact: Fact) -> bool:
    """Whether the claim is about what the fact is about (agreeing or not)."""
    if claim.topic != fact.topic:
        return False
    if fact.is_hours:
        return claim.kind is ClaimKind.HOURS
    if fact.is_threshold:
        return (
            claim.kind is ClaimKind.THRESHOLD
            and claim.variable == fact.variable
            and side(claim.comparator) == side(fact.comparator)
            and (fact.outcome is None or same_outcome(claim.outcome, fact.outcome))
        )
    if claim.quantity != fact.quantity:
        return False
    if claim.kind is ClaimKind.THRESHOLD:  # "$10 flat rate under $499" states the rate
        return claim.outcome_value is not None
    if fact.variable is not None and claim.variable not in (None, fact.variable):
        return False  # a window counted from another event
    return claim.kind is ClaimKind.VALUE


def agrees(claim: Claim, fact: Fact) -> bool:
    """Whether a claim that states a fact gives its value (for hours: days, times, zone)."""
    if fact.is_hours:
        zone = zone_family(claim.zone)
        return (
            tuple(sorted(claim.days)) == tuple(sorted(fact.days))
            and claim.opens == fact.opens
            and claim.closes == fact.closes
            and (zone is None or zone == zone_family(fact.zone))
        )
    value, unit, upper = stated_value(claim, fact)
    if not same_amount(value, unit, fact.value, fact.unit):
        return False
    if fact.comparator is Comparator.RANGE or upper is not None:
        fact_upper = fact.upper if fact.upper is not None else fact.value
        return same_amount(upper if upper is not None else value, unit, fact_upper, fact.unit)
    return True


def stated_value(claim: Claim, fact: Fact) -> tuple[Decimal, str, Decimal | None]:
    """The amount a claim gives for a fact: its bound, or its outcome's amount for a fee."""
    if claim.kind is ClaimKind.THRESHOLD and not fact.is_threshold:
        return claim.outcome_value or Decimal(0), claim.outcome_unit or "", None
    upper = claim.upper if claim.comparator is Comparator.RANGE else None
    return claim.value, claim.unit, upper

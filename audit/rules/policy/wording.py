"""Claims, amounts and ranges in the words a policy finding uses: "under $499", "$499.00".

One place for it, so that every policy finding names a bound, an amount or an
uncovered range the same way, and a test can read them.
"""

from __future__ import annotations

from decimal import Decimal

from audit.extract.claims import Claim, ClaimKind, Comparator
from audit.facts import Fact
from audit.facts.statements import Statement
from audit.rules.policy.intervals import Domain, Interval

CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}
TIME_OF_DAY = "order-time"  # a threshold on the time of day, in minutes: an order cut-off
# Variables and what a range of them is called in a sentence.
VARIABLE = {
    "order-total": "order totals",
    "weight": "weights",
    "hours-since-delivery": "hours after delivery",
    "hours-since-purchase": "hours after purchase",
    "hours-before-start": "hours before the start",
    TIME_OF_DAY: "orders placed",
}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Counted units and how many of them are written: "1 seat", "6 seats".
_PLURAL_EXCEPTIONS = {"person": "people", "business-day": "business days", "%": "%"}


def number(value: Decimal, places: int | None = None) -> str:
    """A number as written: 499, 4.95, 1,000 (or with `places` decimals: 499.00)."""
    if places is not None:
        return f"{value:,.{places}f}"
    text = f"{value.normalize():,f}"
    return text


def amount(value: Decimal, unit: str, exact: bool = False) -> str:
    """An amount in its unit: $10, $499.00 (exact money), 20%, 30 days, 48 hours, 2.5 kg."""
    if unit in CURRENCY:
        integral = value == value.to_integral_value()
        return CURRENCY[unit] + number(value, 2 if exact or not integral else None)
    if unit.isupper() and len(unit) == 3:  # another currency code
        return f"{number(value, 2 if exact else None)} {unit}"
    if unit == "%":
        return f"{number(value)}%"
    if unit in ("kg", "lb", "g", "cm", "m", "in"):
        return f"{number(value)} {unit}"
    return f"{number(value)} {unit_words(unit, value)}"


def unit_words(unit: str, value: Decimal) -> str:
    """A unit as written after a number: "1 day", "30 days", "6 seats", "1 seat".

    Durations come singular ("day"), counted nouns plural ("seats").
    """
    if unit in _PLURAL_EXCEPTIONS and value != 1:
        return _PLURAL_EXCEPTIONS[unit]
    words = unit.replace("-", " ")
    if value == 1:
        if words.endswith("xes"):
            return words[:-2]
        return words[:-1] if words.endswith("s") else words
    return words if words.endswith("s") else words + "s"


def bound(claim: Claim) -> str:
    """A threshold or value as a customer reads it: "under $499", "$500 or more"."""
    if claim.kind is ClaimKind.HOURS:
        return hours(claim.days, claim.opens, claim.closes, claim.zone)
    clock_time = claim.variable == TIME_OF_DAY
    return bound_words(claim.comparator, claim.value, claim.upper, claim.unit, clock_time)


def fact_words(fact: Fact) -> str:
    """A registry fact as the answers would state it."""
    if fact.is_hours:
        return hours(fact.days, fact.opens, fact.closes, fact.zone)
    clock_time = fact.variable == TIME_OF_DAY
    return bound_words(fact.comparator, fact.value, fact.upper, fact.unit, clock_time)


def bound_words(
    comparator: Comparator,
    value: Decimal,
    upper: Decimal | None,
    unit: str,
    clock_time: bool = False,
) -> str:
    """A bound in words; `clock_time` for a time of day in minutes (an order cut-off)."""
    if clock_time:
        said = {
            Comparator.LT: "before",
            Comparator.LE: "by",
            Comparator.GT: "after",
            Comparator.GE: "from",
        }
        return f"{said.get(comparator, 'at')} {clock(int(value))}"
    shown = amount(value, unit)
    if comparator is Comparator.RANGE and upper is not None:
        return f"{shown} to {amount(upper, unit)}"
    return {
        Comparator.LT: f"under {shown}",
        Comparator.LE: f"up to {shown}",
        Comparator.GT: f"over {shown}",
        Comparator.GE: f"{shown} or more",
    }.get(comparator, shown)


def cited(statement: Statement, *, outcome: bool = True, where: bool = True) -> str:
    """A claim, what it says applies, and where: '"under $499" (fee 10 USD) in 'x' (line 49)'."""
    claim = statement.claim
    said = f" ({claim.outcome})" if outcome and claim.outcome else ""
    place = f" in {statement.where()}" if where else ""
    return f'"{bound(claim)}"{said}{place}'


def hours(days: tuple[int, ...], opens: int | None, closes: int | None, zone: str | None) -> str:
    """Opening hours in one form: "Monday\u2013Friday 8:30 am\u20136:00 pm ET"."""
    parts = [day_span(days)] if days else []
    if opens is not None and closes is not None:
        parts.append(f"{clock(opens)}\u2013{clock(closes)}")
    if zone:
        parts.append(zone)
    return " ".join(parts)


def day_span(days: tuple[int, ...]) -> str:
    ordered = sorted(set(days))
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{DAY_NAMES[ordered[0]]}\u2013{DAY_NAMES[ordered[-1]]}"
    return ", ".join(DAY_NAMES[day] for day in ordered)


def clock(minutes: int) -> str:
    """A time of day as people write it: 8:30 am, 12:00 pm (noon), 6:00 pm."""
    hour, minute = divmod(minutes % (24 * 60), 60)
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'am' if hour < 12 else 'pm'}"


def span(interval: Interval, variable: str, unit: str, domain: Domain) -> str:
    """An uncovered or doubly covered range in words, with whether each end is included."""
    if domain is Domain.INTEGER:
        if interval.is_point:
            return amount(interval.low, unit)
        if not interval.high.is_finite():
            return f"{amount(interval.low, unit)} or more"
        return f"{number(interval.low)} to {amount(interval.high, unit)}"
    label = VARIABLE.get(variable, variable.replace("-", " "))
    low, high = amount(interval.low, unit, True), amount(interval.high, unit, True)
    if variable == TIME_OF_DAY and interval.low.is_finite() and interval.high.is_finite():
        low, high = clock(int(interval.low)), clock(int(interval.high))
    if interval.is_point:
        return f"{label} of exactly {low}"
    if not interval.low.is_finite():
        return f"{label} {'up to' if interval.high_closed else 'below'} {high}"
    if not interval.high.is_finite():
        return f"{label} {'from' if interval.low_closed else 'above'} {low} up"
    ends = {
        (True, True): "both included",
        (False, True): f"{low} excluded",
        (True, False): f"{high} excluded",
        (False, False): "both excluded",
    }[(interval.low_closed, interval.high_closed)]
    return f"{label} from {low} to {high} ({ends})"


def meeting(value: Decimal, unit: str, domain: Domain, variable: str = "") -> tuple[str, str]:
    """Two bounds that meet at `value` with nothing between and nothing twice."""
    clock_time = variable == TIME_OF_DAY
    if domain is Domain.INTEGER:
        below = bound_words(Comparator.LE, value - 1, None, unit, clock_time)
    else:
        below = bound_words(Comparator.LT, value, None, unit, clock_time)
    return below, bound_words(Comparator.GE, value, None, unit, clock_time)

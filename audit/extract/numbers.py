"""Numerals, and the numbers in prose that are not quantities.

Every quantity extractor (money, percents, durations, counts, weights, clock
times) reads its numerals with the patterns here, so "1,299.99", "thirty" and
"thirty (30)" mean the same everywhere. Most numbers in an FAQ state no
policy: a phone number and its extension, a year ("since 2019", "© 2024"), a
date, an order, model or SKU number, a ZIP code, "24/7", a "2-for-1" offer,
the "15%" of a product called "Vital C 15% serum". `non_quantities` finds
those, so that an extractor's span that overlaps one is dropped: a number is
a policy number only when nothing else explains it.

Product names: a percentage or size written right before a product noun
("15% serum", "50 ml cream") names the product; it is never read as a fee or
a discount. A number glued to letters ("X200", "COVID-19", "2000X") is an
identifier. Both are decided here, once, for every extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from audit.extract.emails import find_emails
from audit.extract.phones import phone_spans
from audit.extract.urls import find_urls

# Digits as people write them: "1,299.99", "30", "2.5" (never inside a longer token).
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty-five": 45, "forty five": 45, "sixty": 60, "ninety": 90,
}  # fmt: skip
_WORDS = "|".join(sorted((w.replace(" ", r"\s+") for w in WORD_VALUES), key=len, reverse=True))
# A numeral: digits, a number word, or the legal "thirty (30)" (the digits count).
NUMERAL = rf"(?:(?:{_WORDS})\s*\(\s*{DIGITS}\s*\)|{DIGITS}|\b(?:{_WORDS})\b)"
# Between the two ends of a range: "5-7", "5 - 7", "5 to 7".
RANGE_JOIN = r"\s*(?:-|\u2013|\u2014|to|through)\s*"
# Not glued to a word or a longer number on the left ("X200", "1.5", "#12").
NOT_AFTER = r"(?<![\w.,#/])"

_PAREN_DIGITS = re.compile(r"\(\s*([\d.,]+)\s*\)")
_SPACES = re.compile(r"\s+")

# The prefilter: a text without a digit or a number word holds no quantity.
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(rf"\b(?:{_WORDS})\b")
_WORD_STEMS: tuple[str, ...] = ("one", "two", "thre", "four", "five", "six", "seven", "eight")
_WORD_STEMS += ("nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty")
_WORD_STEMS += ("sixty", "ninety")


def may_hold_quantity(text: str) -> bool:
    """Whether `text` has a digit or a number word; most answers have neither.

    Run on every answer of a run, so it looks for a digit first and for the
    letters of a number word before it asks a pattern about whole words.
    """
    if _DIGIT.search(text) is not None:
        return True
    lowered = text.casefold()
    return any(stem in lowered for stem in _WORD_STEMS) and bool(_NUMBER_WORD.search(lowered))


def to_decimal(numeral: str) -> Decimal:
    """The value of a numeral matched by `NUMERAL` ("1,299.99", "thirty", "thirty (30)")."""
    inside = _PAREN_DIGITS.search(numeral)
    if inside is not None:
        numeral = inside.group(1)
    word = _SPACES.sub(" ", numeral.strip().casefold())
    if word in WORD_VALUES:
        return Decimal(WORD_VALUES[word])
    return Decimal(numeral.replace(",", ""))


def plain(value: Decimal) -> Decimal:
    """`value` without trailing zeros ("10.00" is 10, "4.50" is 4.5), never in exponent form."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@dataclass(frozen=True, slots=True)
class NonQuantity:
    """Characters that hold a number which is no quantity, and why."""

    start: int
    end: int
    reason: (
        str  # phone, extension, address, year, date, identifier, zip, always, multi-buy, product
    )


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Units after a number make it a quantity, even when it looks like a year ("2000 points").
_UNIT_AFTER = (
    r"\s*(?:%|percent|per\s*cent|[a-z]*\s*(?:days?|hours?|hrs?|weeks?|months?|years?|minutes?)\b|"
    r"items?\b|seats?\b|users?\b|points?\b|kg\b|lbs?\b|pounds?\b|dollars?\b|usd\b|euros?\b)"
)
# Each kind of non-quantity: its pattern, and strings (lower case) one of which a text must
# hold for the pattern to match at all, so that most patterns are not run on most texts.
_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (reason, hints, re.compile(pattern, re.IGNORECASE))
    for reason, hints, pattern in (
        ("extension", ("x",), r"\b(?:ext\.?|extension|x)\s*\d{1,6}\b"),
        ("always", ("24", "7 days", "365"),
         r"\b24\s*/\s*7(?:\s*/\s*365)?\b|\b24\s*(?:hours?|hrs?)\s+a\s+day\b"
         r"|\b7\s+days\s+a\s+week\b|\b365\s+days\s+a\s+year\b"),
        ("multi-buy", ("for", "in"), r"\b\d+\s*-?\s*(?:for|in)\s*-?\s*\d+\b"),
        ("date", _MONTH_STEMS,
         rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
         rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?"),
        ("date", ("/", "-", "."),
         r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"),
        ("year", ("19", "20"),
         rf"(?<![\w$\u20ac\u00a3.,#/-])(?:19|20)\d\d(?![\d%]|[.,]\d|{_UNIT_AFTER})"
         r"(?:\s*[-\u2013]\s*(?:19|20)?\d\d\b)?"),
        ("identifier", (),
         r"(?:\b(?:sku|model|part|invoice|tracking|serial|reference|ref|ticket|"
         r"case|style|spf|version|promo|coupon|voucher|code)\s*(?:number|no\.?|nr\.?|id)?\s*[#:]?"
         r"|\b(?:orders?|items?|products?|account|confirmation)\s*(?:number|no\.|nr\.|id|#)"
         r"\s*[#:]?|#)\s*\d[\w-]*"
         r"|\b(?![ap]m\b)[a-z]++\d[\w-]*|(?-i:\b[A-Z][A-Z0-9]*+-\d[\w-]*)"
         r"|\b\d+(?!\d)(?![ap]\.\s?m)[a-z][\w-]*"),
        ("zip", ("zip", "post"),
         r"\b(?:zip(?:\s*code)?|postcode|postal\s+code)\W{0,3}\d{5}(?:-\d{4})?\b"),
        ("zip", (), r"(?-i:\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b)"),
        ("product", ("%", "ml", "oz", "g"),
         r"\b\d+(?:\.\d+)?\s*(?:%|ml|fl\.?\s*oz|oz|g)\s+"
         r"(?:serum|cream|lotion|cleanser|toner|gel|mask|peel|oil|acid|solution|spray|shampoo|"
         r"conditioner|moisturi[sz]er|sunscreen|balm|scrub|retinol|vitamin|formula|bottle|jar)s?\b"),
    )
)  # fmt: skip
# "48h", "30d", "10k", "2nd", "5pm", "3x", "10am", "12kg", "5lbs", "10oz" are quantities or
# ordinals written short, not identifiers.
_SHORT_UNIT = re.compile(
    r"\d+(?:\.\d+)?(?:h|hrs?|d|k|st|nd|rd|th|[ap]\.?m\.?|x|kgs?|lbs?|oz|g|min|mins|day|"
    r"days|hour|hours|week|weeks|month|months|year|years|wks?|yrs?|mos?)",
    re.IGNORECASE,
)
# A unit word or number word glued by a hyphen to digits ("30-day", "48-hour", "two-day").
_COMPOUND = re.compile(r"\d+(?:\.\d+)?-[a-z]+", re.IGNORECASE)


def non_quantities(text: str, region: str = "US") -> tuple[NonQuantity, ...]:
    """Every span of `text` that holds a number which is not a quantity, in order.

    `region` is how national phone numbers are read (see `audit.extract.phones`).
    """
    found = [NonQuantity(start, end, "phone") for start, end in phone_spans(text, region)]
    if "://" in text or "www." in text.casefold():
        found += [NonQuantity(u.start, u.end, "address") for u in find_urls(text)]
    if "@" in text:
        found += [NonQuantity(e.start, e.end, "address") for e in find_emails(text)]
    lowered = text.casefold()
    for reason, hints, pattern in _PATTERNS:
        if hints and not any(hint in lowered for hint in hints):
            continue
        for match in pattern.finditer(text):
            if reason == "identifier" and _written_short(match.group()):
                continue
            found.append(NonQuantity(match.start(), match.end(), reason))
    return tuple(sorted(found, key=lambda n: (n.start, n.end)))


def _written_short(token: str) -> bool:
    """Whether a token of digits and letters is a quantity written short, not an identifier.

    Each part between hyphens counts: "9am-5pm" is two times, "30-day" a compound.
    """
    if not token[0].isdigit():
        return False
    if _COMPOUND.fullmatch(token):
        return True
    return all(_SHORT_UNIT.fullmatch(part) or part.isdigit() for part in token.split("-"))

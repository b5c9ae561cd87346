"""Money amounts and percentages as written in prose, with their spans.

"$10", "$1,299.99", "USD 20", "20 dollars", "€15", "15 €", "£5", "C$20", a
range "$20-$30" (or "$20-30") and an open amount "$50+" are money; "10%",
"10 percent", "2.5 %" and "10-15%" are percentages. A bare number is neither:
what a number means is decided by what is written next to it, never guessed.
"5 pounds" is a weight (see `audit.extract.counts`), not money; "£5" is money.

Nothing here says what an amount is for (a price, a fee, a threshold): that
is the claim parser's job (`audit.extract.claims`), which reads the words
around the spans found here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from audit.extract.numbers import DIGITS, NOT_AFTER, plain, to_decimal

_SYMBOLS = {
    "$": "USD", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "\u20ac": "EUR", "\u00a3": "GBP", "\u00a5": "JPY",
}  # fmt: skip
_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "SEK", "NOK", "DKK")
_WORDS = {"dollar": "USD", "buck": "USD", "euro": "EUR"}

_SYMBOL = r"(?:US|CA?|AU?|NZ|HK|S)?\$|\u20ac|\u00a3|\u00a5"
_CODE = "|".join(_CODES)
_DASH = r"\s*(?:-|\u2013|\u2014)\s*"
_MONEY = re.compile(
    rf"""
    (?P<sym>{_SYMBOL})\s?(?P<a>{DIGITS})(?P<k>[kK]\b)?
        (?:{_DASH}(?:{_SYMBOL})?\s?(?P<au>{DIGITS}))?
    | (?<![A-Za-z])(?P<code>{_CODE})\s?(?P<b>{DIGITS})(?:{_DASH}(?P<bu>{DIGITS}))?
    | {NOT_AFTER}(?P<c>{DIGITS})(?:{_DASH}(?P<cu>{DIGITS}))?\s?
        (?:(?P<code2>{_CODE})\b|(?P<sym2>\u20ac|\u00a3)|(?P<word>dollar|buck|euro)s?\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PLUS = re.compile(r"\s?\+(?![\d+])")

_PERCENT = re.compile(
    rf"{NOT_AFTER}(?P<v>{DIGITS})\s?%?(?:{_DASH}(?P<u>{DIGITS}))?\s?(?:%|percent\b|per\s?cent\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money: `amount` (to `upper` for a range) in `currency` (ISO 4217).

    `open_above` marks an amount written as a lower bound ("$50+").
    """

    start: int
    end: int
    amount: Decimal
    currency: str
    upper: Decimal | None = None
    open_above: bool = False


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage: `value` (to `upper` for a range "10-15%")."""

    start: int
    end: int
    value: Decimal
    upper: Decimal | None = None


# A text holds money only with a currency sign, code or word; most sentences have none.
_HINT = re.compile(rf"[$\u20ac\u00a3\u00a5]|{_CODE}|dollar|buck|euro", re.IGNORECASE)
_PERCENT_HINT = re.compile(r"%|per\s?cent", re.IGNORECASE)


@lru_cache(maxsize=2048)
def find_money(text: str) -> tuple[Money, ...]:
    """Every amount of money in `text`, in order."""
    if _HINT.search(text) is None:
        return ()
    found = []
    for match in _MONEY.finditer(text):
        groups = match.groupdict()
        amount = to_decimal(groups["a"] or groups["b"] or groups["c"])
        upper_text = groups["au"] or groups["bu"] or groups["cu"]
        upper = to_decimal(upper_text) if upper_text else None
        if groups["k"]:
            amount *= 1000
        if upper is not None and upper <= amount:
            continue  # "$20-10" is no range, nor a price a reader can take as one
        end = match.end()
        plus = _PLUS.match(text, end) if upper is None else None
        if plus is not None:
            end = plus.end()
        found.append(
            Money(
                match.start(),
                end,
                plain(amount),
                _currency(groups),
                plain(upper) if upper is not None else None,
                plus is not None,
            )
        )
    return tuple(found)


def _currency(groups: dict[str, str | None]) -> str:
    if groups["sym"]:
        return _SYMBOLS[groups["sym"].casefold()]
    if groups["code"] or groups["code2"]:
        return str(groups["code"] or groups["code2"]).upper()
    if groups["sym2"]:
        return _SYMBOLS[groups["sym2"]]
    return _WORDS[str(groups["word"]).casefold()]


@lru_cache(maxsize=2048)
def find_percents(text: str) -> tuple[Percent, ...]:
    """Every percentage in `text`, in order."""
    if _PERCENT_HINT.search(text) is None:
        return ()
    found = []
    for match in _PERCENT.finditer(text):
        value = to_decimal(match.group("v"))
        upper = to_decimal(match.group("u")) if match.group("u") else None
        if upper is not None and upper <= value:
            continue
        found.append(
            Percent(
                match.start(), match.end(), plain(value), None if upper is None else plain(upper)
            )
        )
    return tuple(found)

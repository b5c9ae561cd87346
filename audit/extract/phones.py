"""Phone numbers in running text, found with libphonenumber's matcher.

The matcher is run leniently (POSSIBLE) so that numbers that look like phone
numbers but are not valid are found too, for `phone-invalid` to report. Lenient
matching also finds dates, order numbers, postcodes and IBAN pieces, so every
candidate must then *look* like a phone number as people write one (a `+`, an
area code in brackets, digit groups, or a word such as "call" nearby) before it
counts. A missed number costs less than an editor's trust in every finding.

Results are cached per (text, region) because several rules (phones, spacing)
ask about the same answer.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberMatcher

from audit.extract.phone_styles import CONFIGURABLE, forms
from audit.text.sentences import sentence_around

STYLES = CONFIGURABLE

# Fewer digits than this is a short code, a price or a postcode, not a number to call.
MIN_DIGITS = 7

# Words that make a run of digits a phone number (English and German content).
_PHONE_WORDS = re.compile(
    r"\b(?:call(?:ing|ed)?|phone|telephone|tel|fax|dial|ring|text|hotline|helpline|"
    r"toll[- ]free|freephone|number|reach(?:ed)?|contact|anrufen|rufen|telefon\w*|"
    r"rufnummer|erreichen|erreichbar)\b",
    re.IGNORECASE,
)
# Labels that make what follows an identifier: "order #123-456-7890", "SKU: 1234567",
# "use code 212 555 0123 at checkout".
_ID_LABEL = re.compile(
    r"(?:\b(?:orders?|sku|item|model|part|invoice|account|tracking|serial|reference|ref|"
    r"confirmation|iban|bic|case|ticket|zip|postcode|plz|kundennummer|bestellnummer|"
    r"code|promo(?:tion(?:al)?)?|coupon|voucher|gutschein(?:code)?|rabattcode|aktionscode)"
    r"\W{0,3}(?:(?:number|no|nr|num|id)\b\W{0,3})?(?:(?:is|was|ist)\s+)?|#)\s*$",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_EXTENSION = re.compile(r",?\s*(?:ext\.?|extension|x|#|;ext=)\s*\d+\s*$", re.IGNORECASE)
_GROUP_SEPARATOR = re.compile(r"\d[\s\-./\u2010-\u2015\u00a0]+\(?\d")
_TOKEN_START = re.compile(r"[^\s<>\"'\[\]]*$")
# Digits right before or after: a piece of a longer number (an IBAN, a card number).
_PIECE_BEFORE = re.compile(r"\w*\d[\s.-]?$")
_PIECE_AFTER = re.compile(r"[\s.-]?\d")
_WINDOW = 60  # how far back labels and link prefixes are looked for
_TEL_LINK = re.compile(r"tel:\s*$", re.IGNORECASE)
# Where a number's own text starts: a digit, a `+`, or the bracket of an area code.
_NUMBER_START = re.compile(r"[+\d]|\(\s*\d")
# Words in brackets ("(x)", "[x]", "(ext)") are never part of a number.
_BRACKETED_WORDS = re.compile(r"[(\[{][^\d()\[\]{}]*[)\]}]")


@dataclass(frozen=True, slots=True)
class PhoneMatch:
    """One phone number as written in a text: what was written, where, and what it is."""

    raw: str
    start: int
    end: int
    e164: str
    valid: bool
    number: phonenumbers.PhoneNumber
    in_link: bool = False  # the target of a tel: link, which has a syntax of its own

    @property
    def extension(self) -> str | None:
        return self.number.extension or None

    def region(self) -> str | None:
        """The number's country (GB for +44…); None when it is not a valid number."""
        return phonenumbers.region_code_for_number(self.number)

    def formatted(self, style: str | None, region: str) -> str:
        """The number in a house style, with the house extension form "ext. N"; no style
        (none is configured) is the national one.

        A number of another country than `region` is written in international
        form in the national, dashes and 1-800 styles, since its national form
        cannot be dialled from here; E.164 is international already. The 1-800
        style puts the trunk prefix 1 before a North American number
        ("1-877-968-3778"); other numbers have none and are written with dashes.
        """
        number = copy.copy(self.number)
        number.extension = None
        styles = forms(phonenumbers.format_number(number, PhoneNumberFormat.E164), region)
        # `forms` names a text once, under its first style, and gives another country's
        # number only its international forms: the nearest style that is there stands in.
        text = next(styles[name] for name in _STANDS_IN[style or "national"] if name in styles)
        return text + (f" ext. {self.extension}" if self.extension else "")


# For each style a config may name, the styles whose text it takes where `forms` has none.
_STANDS_IN = {
    "national": ("national", "international"),
    "dashes": ("dashes", "national", "international"),
    "1-800": ("1-800", "dashes", "national", "international"),
    "international": ("international",),
    "e164": ("e164",),
}


# MIN_DIGITS digits, each within a few characters of the next ("(800) 796 - 7546").
_ENOUGH_DIGITS = re.compile(rf"\d(?:\D{{0,4}}\d){{{MIN_DIGITS - 1}}}")


@lru_cache(maxsize=4096)
def find_phones(text: str, region: str) -> tuple[PhoneMatch, ...]:
    """Every phone number in `text`, in order; `region` is how national numbers are read."""
    if _ENOUGH_DIGITS.search(text) is None:  # most answers hold no number: skip the matcher
        return ()
    found = []
    for match in PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
        own = _own_text(match, region)
        if own is None:
            continue
        start, end, raw, number = own
        valid = phonenumbers.is_valid_number(number)
        if _local_only(number) or not _looks_like_a_phone(text, start, end, raw, valid):
            continue
        found.append(
            PhoneMatch(
                raw=raw,
                start=start,
                end=end,
                e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
                valid=valid,
                number=number,
                in_link=bool(_TEL_LINK.search(text, max(0, start - 8), start)),
            )
        )
    return tuple(found)


def _own_text(
    match: phonenumbers.PhoneNumberMatch, region: str
) -> tuple[int, int, str, phonenumbers.PhoneNumber] | None:
    """The number's own characters, without what the matcher took along with it.

    libphonenumber's matcher starts a candidate at a bracket, so "Call (x)
    800.796.7546" gives "(x) 800.796.7546"; a fix of that span would delete
    "(x)". The span starts at the number's first digit, `+` or area-code
    bracket and ends at its last digit. A candidate with words in brackets
    inside ("800 (x) 796 7546") is not one number.
    """
    raw = match.raw_string
    first = _NUMBER_START.search(raw)
    last = max((i for i, char in enumerate(raw) if char.isdigit()), default=-1) + 1
    if first is None or last <= first.start():
        return None
    own = raw[first.start() : last]
    if _BRACKETED_WORDS.search(own):
        return None
    if own == raw:
        return match.start, match.end, raw, match.number
    try:
        number = phonenumbers.parse(own, region)
    except phonenumbers.NumberParseException:
        return None
    return match.start + first.start(), match.start + last, own, number


def phone_spans(text: str, region: str) -> tuple[tuple[int, int], ...]:
    """Where phone numbers stand, for rules that must leave them to the phone rules."""
    return tuple((m.start, m.end) for m in find_phones(text, region))


def _local_only(number: phonenumbers.PhoneNumber) -> bool:
    """A local number without its area code ("555-0100").

    Which line it reaches depends on where the caller is, so it is neither
    valid nor invalid; it is left alone rather than reported as wrong.
    """
    reason = phonenumbers.is_possible_number_with_reason(number)
    return bool(reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY)


def _looks_like_a_phone(text: str, start: int, end: int, raw: str, valid: bool) -> bool:
    """Whether people would read this candidate as a phone number.

    A `+` or an area code in brackets is a phone number's own mark. Digit
    groups ("030 901820", "999-999-9999") are one too, but dates and
    identifiers have them as well, so a valid number with groups counts, and
    an invalid one only with a phone word in its sentence. A bare run of digits
    counts only when it is valid and a phone word is near. Digits after a label
    ("SKU", "order #", "promo code") or run on from other digits (an IBAN) are
    not a number.
    """
    main = _EXTENSION.sub("", raw)
    if sum(char.isdigit() for char in main) < MIN_DIGITS or _DATE.fullmatch(main):
        return False
    before = text[max(0, start - _WINDOW) : start]
    if _in_address(before):
        return False
    marked = main.startswith("+") or "(" in main
    if marked:
        return True
    if _ID_LABEL.search(before) or _PIECE_BEFORE.search(before) or _PIECE_AFTER.match(text, end):
        return False
    grouped = bool(_GROUP_SEPARATOR.search(main))
    context = bool(
        _PHONE_WORDS.search(text, *sentence_around(text, start, end, window=_WINDOW * 5))
    )
    if valid:
        return grouped or context
    return grouped and context


def _in_address(before: str) -> bool:
    """Digits inside a web address or an email address are part of that address."""
    token = _TOKEN_START.search(before)
    prefix = token.group() if token else ""
    if _TEL_LINK.search(prefix):
        return False
    return "://" in prefix or "@" in prefix or prefix.lower().startswith("www.") or "/" in prefix

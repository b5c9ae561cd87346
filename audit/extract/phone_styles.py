"""The ways one phone number can be written, each a named style.

A run without a configured `phone-style` reads its house style from its own
numbers (`phone-format`), so every form editors use consistently must have a
name: the five a config may choose (`CONFIGURABLE`), and, for North American
numbers, the other common ones ("800.796.7546", "+1 (800) 796-7546", …).
A number written in none of them ("(800) 796 - 7546") has no style: it is a
slip, whatever the house style. Extensions are left out here; how one is
written ("x12", ", ext. 12") is not what makes a number's style.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat

# The styles a config may name, the most conventional first: ties go to the earlier one.
CONFIGURABLE = ("national", "dashes", "1-800", "international", "e164")
# The other forms of a North American number, after the configurable ones in that order.
# Each is built from the number's three groups (area, exchange, line).
_NANP_FORMS = (
    ("dots", "{a}.{b}.{c}"),
    ("spaces", "{a} {b} {c}"),
    ("unspaced", "({a}){b}-{c}"),
    ("digits", "{a}{b}{c}"),
    ("1 (800)", "1 ({a}) {b}-{c}"),
    ("1 800", "1 {a} {b} {c}"),
    ("1.800", "1.{a}.{b}.{c}"),
    ("+1 (800)", "+1 ({a}) {b}-{c}"),
    ("+1-800", "+1-{a}-{b}-{c}"),
    ("+1 800 796 7546", "+1 {a} {b} {c}"),
    ("+1.800", "+1.{a}.{b}.{c}"),
)
ORDER = CONFIGURABLE + tuple(name for name, _form in _NANP_FORMS)
_NANP_NATIONAL = re.compile(r"\((\d{3})\) (\d{3})-(\d{4})")
_EXTENSION = re.compile(r",?\s*(?:ext\.?|extension|x|#|;ext=)\s*\d+\s*$", re.IGNORECASE)


def written(raw: str, has_extension: bool) -> tuple[str, str]:
    """A number as written, split into its main part and its extension ("", ", ext. 12")."""
    if has_extension and (found := _EXTENSION.search(raw)) is not None:
        return raw[: found.start()], raw[found.start() :]
    return raw, ""


def forms(e164: str, region: str) -> dict[str, str]:
    """The number (its E.164 form, which leaves out any extension) written in each style
    that applies to it, by name, in `ORDER`.

    A number of another country than `region` has only its international
    forms: its national form cannot be dialled from here. Two styles that
    write the number alike keep the earlier name.
    """
    return dict(_forms(e164, region))


@lru_cache(maxsize=4096)
def _forms(e164: str, region: str) -> tuple[tuple[str, str], ...]:
    """`forms` of one number, once: content gives the same few numbers again and again,
    and each form is a call into libphonenumber."""
    number = phonenumbers.parse(e164)
    found: dict[str, str] = {}

    def add(name: str, text: str) -> None:
        if text not in found.values():
            found[name] = text

    domestic = number.country_code == phonenumbers.country_code_for_region(region)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    groups = _NANP_NATIONAL.fullmatch(national) if number.country_code == 1 else None
    if domestic:
        add("national", national)
        add("dashes", dashes(national))
        if groups is not None:
            add("1-800", "1-" + dashes(national))
    add("international", phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL))
    add("e164", phonenumbers.format_number(number, PhoneNumberFormat.E164))
    if groups is not None:
        a, b, c = groups.groups()
        for name, form in _NANP_FORMS:
            if domestic or form.startswith("+"):
                add(name, form.format(a=a, b=b, c=c))
    return tuple(found.items())


def style_of(main: str, styles: dict[str, str]) -> str | None:
    """The name of the style `main` (a number as written, without its extension) is in."""
    main = main.replace("\u00a0", " ")
    return next((name for name, text in styles.items() if text == main), None)


def international(style: str) -> bool:
    """Whether a style writes the country code, as callers abroad need."""
    return style in ("international", "e164") or style.startswith("+")


def dashes(national: str) -> str:
    """(800) 796-7546 → 800-796-7546; left alone where the national form has no area code."""
    if national.startswith("(") and ") " in national:
        area, rest = national[1:].split(") ", 1)
        return f"{area}-{rest}"
    return national

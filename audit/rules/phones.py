"""Phone numbers in questions and answers: real, in house style, and the same everywhere.

Numbers are found with libphonenumber, read in the config's `region` (US by
default): national, international, toll-free, with extensions, and with the
odd spacing editors produce. Digit runs that are dates, order numbers or
postcodes are left alone.

- `phone-invalid`: the number cannot be dialled; it is not a valid number for
  its region (a 555 number, "999-999-9999"). Customers who call it reach no one.

      answer: Call us at (555) 123-4567.       # phone-invalid
      answer: Call us at (800) 796-7546.       # passes

- `phone-format`: the number is written differently from the house style
  (`phone-style:` national, dashes, international or e164; a number of another
  country is written in international form). Extensions are written "ext. 12".
  `faq-audit fix` rewrites it; a number folded across two lines is reported
  without a fix.

      answer: They can be reached at (800) 796 - 7546.   # phone-format
      answer: They can be reached at (800) 796-7546.     # passes

- `phone-inconsistent`: two numbers are given for the same purpose (it
  compares entries, so it is judged once every file is read). The
  purpose is the department named next to the number in its sentence: a
  config contact's `words`, whose `phone` is then the right number, or a
  department word ("customer care", "sales", "billing"; the `purposes`
  option, where "a|b" makes b another name for a), where the number given
  most often is taken as right. A number whose sentence names no
  department, names two ambiguously ("sales or support"), or is for callers
  abroad or a fax line, is not compared. Two numbers given side by side in
  one sentence are alternatives, not a contradiction. Extensions are not
  compared: one switchboard serves many extensions.

      answer: Call customer service at (800) 555-0199.   # in one entry
      answer: Call customer service at (800) 555-0123.   # phone-inconsistent
      answer: Call billing at (800) 555-0123.            # passes: another department
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import phonenumbers

from audit.config import Config
from audit.extract.phones import PhoneMatch, find_phones
from audit.extract.purposes import (
    DEFAULT_PURPOSES,
    Vocabulary,
    assign_purposes,
    sentence_clauses,
)
from audit.model import Corpus, Entry, Problem, Severity, SourceFile, TextField
from audit.rules import Option, Rule, RuleContext, Scope, corpus_check, entry_check
from audit.rules._contacts import Sighting, inconsistencies
from audit.rules._fields import problem_at, texts

PHONE_INVALID = Rule(
    "phone-invalid",
    Severity.ERROR,
    "a phone number is not a valid number for its region",
    Scope.ENTRY,
)
PHONE_FORMAT = Rule(
    "phone-format",
    Severity.WARNING,
    "a phone number is not written in the house style",
    Scope.ENTRY,
    fixable=True,
)
PHONE_INCONSISTENT = Rule(
    "phone-inconsistent",
    Severity.WARNING,
    "two different phone numbers are given for the same department",
    Scope.CORPUS,
    options=(Option("purposes", tuple(DEFAULT_PURPOSES)),),
)
RULES = (PHONE_INVALID, PHONE_FORMAT, PHONE_INCONSISTENT)

# Numbers for callers abroad, faxes and text lines are different lines of the same department.
_FROM_ABROAD = re.compile(
    r"\b(?:abroad|overseas|outside (?:the|of)|international(?:ly)?|from other countries|"
    r"ausland)\b",
    re.IGNORECASE,
)
OTHER_LINE = re.compile(
    r"\b(?:fax|facsimile|telefax|sms|text|texts|whatsapp|tty|tdd|textphone|relay)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)


@entry_check(PHONE_INVALID, PHONE_FORMAT)
def phone_numbers(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    """Each number on its own: can it be dialled, is it in house style."""
    config = context.config
    for entry, _field, text in texts(source):
        phones = find_phones(text.value, config.region)
        if not phones:
            continue
        yield from (_invalid(entry, text, p, config.region) for p in phones if not p.valid)
        valid = [p for p in phones if p.valid]
        clauses = sentence_clauses(text.value, [(p.start, p.end) for p in valid])
        abroad = _abroad_by_sentence(text.value)
        for phone, clause in zip(valid, clauses, strict=True):
            if (problem := _format(entry, text, phone, config, abroad(clause))) is not None:
                yield problem


@corpus_check(PHONE_INCONSISTENT)
def inconsistent_phone_numbers(corpus: Corpus, context: RuleContext) -> Iterator[Problem]:
    """The numbers of every entry compared, department by department."""
    config = context.config
    vocabulary = Vocabulary.build(config.contacts, context.options["purposes"])
    sightings: list[Sighting] = []
    for entry, _field, text in texts(corpus):
        phones = find_phones(text.value, config.region)
        if not phones:
            continue
        valid = [p for p in phones if p.valid]
        spans = [(p.start, p.end) for p in valid]
        purposes = assign_purposes(text.value, spans, vocabulary, OTHER_LINE)
        abroad = _abroad_by_sentence(text.value)
        for phone, (purpose, clause) in zip(valid, purposes, strict=True):
            if phone.in_link:
                continue
            shown = phone.formatted(config.phone_style, config.region)
            purpose = None if abroad(clause) else purpose
            sightings.append(
                Sighting(entry, text, phone.start, phone.end, phone.e164, shown, purpose, clause)
            )
    yield from inconsistencies(
        sightings, _contact_numbers(config), config, noun="number", rule=PHONE_INCONSISTENT.id
    )


def _abroad_by_sentence(value: str) -> Callable[[tuple[int, int]], bool]:
    """Whether a sentence (a clause span of `value`) is for callers abroad, searched once
    per sentence, not once per number: a sentence listing thousands stays linear."""
    seen: dict[tuple[int, int], bool] = {}

    def abroad(clause: tuple[int, int]) -> bool:
        if clause not in seen:
            seen[clause] = bool(_FROM_ABROAD.search(value, *clause))
        return seen[clause]

    return abroad


def _invalid(entry: Entry, text: TextField, phone: PhoneMatch, region: str) -> Problem:
    country = _region_of(phone, region)
    hint = ""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if phone.raw.startswith("0") and metadata is not None and metadata.national_prefix != "0":
        hint = (
            "; if it is a number in another country, write it with its country code "
            "(such as +44), or set `region:` in faq-audit.yaml"
        )
    return problem_at(
        entry,
        text,
        phone.start,
        phone.end - phone.start,
        f'"{phone.raw}" is not a valid {country} number; check it and write the number '
        f"customers should call{hint}",
        rule=PHONE_INVALID.id,
    )


def _region_of(phone: PhoneMatch, region: str) -> str:
    code = phone.number.country_code
    if code == phonenumbers.country_code_for_region(region):
        return region
    return phonenumbers.region_code_for_country_code(code or 0)


def _format(
    entry: Entry, text: TextField, phone: PhoneMatch, config: Config, abroad: bool
) -> Problem | None:
    """A number not in house style. A sentence for callers abroad keeps numbers international."""
    if phone.in_link:
        return None  # a tel: target is a URI, not prose; the house style does not apply
    style = config.phone_style
    wanted = phone.formatted(style, config.region)
    if phone.raw == wanted:
        return None
    if _region_of(phone, config.region) != config.region and style in ("national", "dashes"):
        style = f"international, for a number outside {config.region}"
    elif abroad and style in ("national", "dashes"):
        international = phone.formatted("international", config.region)
        if phone.raw == international:
            return None  # callers abroad need the international form
        if phone.raw.startswith(("+", "00")):
            wanted, style = international, "international, in a sentence for callers abroad"
    length = phone.end - phone.start
    return problem_at(
        entry,
        text,
        phone.start,
        length,
        f'write "{phone.raw}" as "{wanted}" (house style: {style})',
        fix=text.fix(phone.start, length, wanted, f'write the number as "{wanted}"'),
        rule=PHONE_FORMAT.id,
    )


def _contact_numbers(config: Config) -> dict[str, tuple[str, str]]:
    """Each contact's number from the config: its E.164 and its house-style form."""
    numbers = {}
    for contact in config.contacts:
        if not contact.phone:
            continue
        try:
            number = phonenumbers.parse(contact.phone, config.region)
        except phonenumbers.NumberParseException:
            continue  # the config check reports it
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        match = PhoneMatch(contact.phone, 0, len(contact.phone), e164, True, number)
        numbers[contact.name] = (e164, match.formatted(config.phone_style, config.region))
    return numbers

"""Phone numbers in questions and answers: real, in house style, and the same everywhere.

Numbers are found with libphonenumber, read in the config's `region` (US by
default): national, international, toll-free, with extensions, and with the
odd spacing editors produce. Digit runs that are dates, order numbers or
postcodes are left alone.

- `phone-invalid`: the number cannot be dialled; it is not a valid number for
  its region (a 555 number, "999-999-9999"). Customers who call it reach no one.

      answer: Call us at (555) 123-4567.       # phone-invalid
      answer: Call us at (800) 796-7546.       # passes

- `phone-format`: the number is written differently from the house style.
  `faq-audit fix` rewrites it; a number folded across two lines is reported
  without a fix.

      answer: They can be reached at (800) 796 - 7546.   # phone-format
      answer: They can be reached at (800) 796-7546.     # passes

  With `phone-style:` set (national (800) 796-7546, dashes 800-796-7546,
  1-800 1-800-796-7546, international +1 800-796-7546, or e164
  +18007967546), every number is held to it, a number of another country
  is written in international form, and extensions are written "ext. 12".
  Without it, the house style is the form most of the run's numbers use
  (every file's; a tie goes to the more conventional form, in the order
  just given, then 800.796.7546, 800 796 7546 and the other North American
  forms), and only the numbers written otherwise are reported, with how
  many numbers use the house style. A number written in no common form
  ("(800) 796 - 7546") is reported whatever the house style. A number in
  international form in a sentence for callers abroad, and a number of
  another country in any international form, are not departures; how an
  extension is written (", ext. 12", " ext. 12", " x12") is not judged.

      answer: Call (800) 555-0100 for orders or (800) 555-0199 for returns.
      answer: Call 800.796.7546 for anything else.       # phone-format: 2 of 3 …
      answer: Call (800) 796-7546 for anything else.     # after `faq-audit fix`

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

  With or without a department named, a number given once that is a near
  copy of one given at least three times (one digit different, or two
  neighbouring digits swapped) is reported too, naming the usual number and
  where it is first given, unless its sentence names another department, a
  fax or text line, or callers abroad. Two numbers each given several times
  are both meant.

      answer: Call (800) 796-7546. We answer (800) 796-7546 at any hour.
      answer: Call (800) 796-7546 to change an order.
      answer: Call (800) 796-7564 about a return.        # phone-inconsistent
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import phonenumbers

from audit.config import Config
from audit.extract.phone_styles import ORDER, forms, international, style_of, written
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
    Scope.CORPUS,
    fixable=True,
)
PHONE_INCONSISTENT = Rule(
    "phone-inconsistent",
    Severity.WARNING,
    "two different phone numbers are given for the same department, or one given once "
    "looks like a typo of the usual one",
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
_LINE_WORDS = r"\b(?:fax|facsimile|telefax|sms|text|texts|whatsapp|tty|tdd|textphone|relay)\b"
OTHER_LINE = re.compile(_LINE_WORDS + r"(?:\W+\w+){0,3}\W*$", re.IGNORECASE)
# A sentence naming another line anywhere: its numbers are not near copies of the usual one.
_OTHER_LINE_WORD = re.compile(_LINE_WORDS, re.IGNORECASE)


@entry_check(PHONE_INVALID)
def phone_numbers(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    """Each number on its own: can it be dialled."""
    region = context.config.region
    for entry, _field, text in texts(source):
        for phone in find_phones(text.value, region):
            if not phone.valid:
                yield _invalid(entry, text, phone, region)


@dataclass(frozen=True, slots=True)
class Written:
    """A valid number as prose writes it: the style it is in (None: no common one), whether
    its sentence is for callers abroad, and whether it is another country's number."""

    entry: Entry
    text: TextField
    phone: PhoneMatch
    style: str | None
    abroad: bool
    foreign: bool


def numbers_written(source: SourceFile, context: RuleContext) -> tuple[Written, ...]:
    """The numbers of one file and their styles; run where the file loads (see `corpus_check`)."""
    region = context.config.region
    home = phonenumbers.country_code_for_region(region)
    found: list[Written] = []
    for entry, _field, text in texts(source):
        valid = [p for p in find_phones(text.value, region) if p.valid]
        if not valid:
            continue
        clauses = sentence_clauses(text.value, [(p.start, p.end) for p in valid])
        abroad = _abroad_by_sentence(text.value)
        for phone, clause in zip(valid, clauses, strict=True):
            if phone.in_link:
                continue  # a tel: target is a URI, not prose; the house style does not apply
            main, _extension = written(phone.raw, phone.extension is not None)
            style = style_of(main, forms(phone.e164, region))
            foreign = phone.number.country_code != home
            found.append(Written(entry, text, phone, style, abroad(clause), foreign))
    return tuple(found)


@corpus_check(PHONE_FORMAT, prepare=numbers_written)
def phone_styles(
    corpus: Corpus, context: RuleContext, prepared: Sequence[tuple[Written, ...]]
) -> Iterator[Problem]:
    """Each number against the house style: the configured one, or the run's own."""
    config = context.config
    numbers = [number for per_file in prepared for number in per_file]
    if config.phone_style is not None:
        for number in numbers:
            if (problem := _format(number, config.phone_style, config.region)) is not None:
                yield problem
        return
    house = _HouseStyle.of(numbers)
    for number in numbers:
        if (problem := house.judge(number, config.region)) is not None:
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
        other_line = _searched_by_sentence(text.value, _OTHER_LINE_WORD)
        for phone, (purpose, clause) in zip(valid, purposes, strict=True):
            if phone.in_link:
                continue
            shown = phone.formatted(config.phone_style or "national", config.region)
            alone = abroad(clause) or other_line(clause)
            purpose = None if abroad(clause) else purpose
            sightings.append(
                Sighting(
                    entry,
                    text,
                    phone.start,
                    phone.end,
                    phone.e164,
                    shown,
                    purpose,
                    clause,
                    comparable=not alone,
                )
            )
    yield from inconsistencies(
        sightings,
        _contact_numbers(config),
        config,
        noun="number",
        rule=PHONE_INCONSISTENT.id,
        slip=digit_slip,
    )


def digit_slip(usual: str, odd: str) -> str | None:
    """How `odd` (E.164) is `usual` mistyped: one digit different, or two neighbouring
    digits swapped; None for any other difference."""
    if len(usual) != len(odd):
        return None
    differ = [i for i, (a, b) in enumerate(zip(usual, odd, strict=True)) if a != b]
    if len(differ) == 1:
        return "one digit is different"
    if len(differ) == 2 and differ[1] == differ[0] + 1:
        i = differ[0]
        if usual[i] == odd[i + 1] and usual[i + 1] == odd[i]:
            return "two digits are swapped"
    return None


def _abroad_by_sentence(value: str) -> Callable[[tuple[int, int]], bool]:
    """Whether a sentence (a clause span of `value`) is for callers abroad, searched once
    per sentence, not once per number: a sentence listing thousands stays linear."""
    return _searched_by_sentence(value, _FROM_ABROAD)


def _searched_by_sentence(
    value: str, pattern: re.Pattern[str]
) -> Callable[[tuple[int, int]], bool]:
    """Whether `pattern` occurs in a sentence of `value`, searched once per sentence."""
    seen: dict[tuple[int, int], bool] = {}

    def found(clause: tuple[int, int]) -> bool:
        if clause not in seen:
            seen[clause] = bool(pattern.search(value, *clause))
        return seen[clause]

    return found


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


def _format(number: Written, style: str, region: str) -> Problem | None:
    """A number not in the configured house style. A sentence for callers abroad keeps
    numbers international."""
    phone = number.phone
    wanted = phone.formatted(style, region)
    if phone.raw == wanted:
        return None
    if number.foreign and style not in ("international", "e164"):
        style = f"international, for a number outside {region}"
    elif number.abroad and style not in ("international", "e164"):
        abroad = phone.formatted("international", region)
        if phone.raw == abroad:
            return None  # callers abroad need the international form
        if phone.raw.startswith(("+", "00")):
            wanted, style = abroad, "international, in a sentence for callers abroad"
    return _rewrite(number, wanted, f"(house style: {style})")


@dataclass(frozen=True, slots=True)
class _HouseStyle:
    """The style most of a run's numbers are written in, how many use it, and the first
    of them, which a message shows as the example.

    The country's own numbers decide; a run with none (a page of foreign numbers)
    lets those decide among the international forms. Numbers for callers abroad do
    not vote: who calls decides their form.
    """

    style: str
    count: int
    total: int
    example: str

    @classmethod
    def of(cls, numbers: Sequence[Written]) -> _HouseStyle:
        voters = [n for n in numbers if not n.foreign and not _for_abroad(n)]
        if not voters:
            voters = [n for n in numbers if n.foreign]
        votes = Counter(n.style for n in voters if n.style is not None)
        if not votes:
            return cls("national", 0, len(voters), "")
        style = min(votes, key=lambda s: (-votes[s], ORDER.index(s)))
        first = next(n for n in voters if n.style == style)
        example = written(first.phone.raw, first.phone.extension is not None)[0]
        return cls(style, votes[style], len(voters), example)

    def judge(self, number: Written, region: str) -> Problem | None:
        """A number written otherwise than the house style, with the style's own form of it
        (and its own extension, as written)."""
        phone = number.phone
        if number.foreign or _for_abroad(number):
            if number.style is not None:
                return None  # any international form of a foreign number, or for callers abroad
        elif number.style == self.style:
            return None
        extension = written(phone.raw, phone.extension is not None)[1]
        styles = forms(phone.e164, region)
        if number.foreign or _for_abroad(number):
            wanted = styles["e164" if self.style == "e164" else "international"] + extension
            if number.foreign:
                why = f"for a number outside {region}"
            else:
                why = "in a sentence for callers abroad"
            return _rewrite(number, wanted, f"(house style: international, {why})")
        house = styles.get(self.style)
        if self.count == 0 or house is None:
            wanted = styles.get(self.style, styles["international"]) + extension
            return _rewrite(number, wanted, f"(house style: {self.style})")
        wanted = house + extension
        return _report(
            number,
            wanted,
            f"{self.count} of {self.total} numbers are written like {self.example}; "
            f'write "{phone.raw}" the same way: "{wanted}"',
        )


def _for_abroad(number: Written) -> bool:
    """A number with its country code in a sentence for callers abroad: it is judged as
    international, and does not vote for the house style."""
    if not number.abroad:
        return False
    if number.style is not None:
        return international(number.style)
    return number.phone.raw.startswith(("+", "00"))


def _rewrite(number: Written, wanted: str, why: str) -> Problem:
    """`write X as Y (why)`, with its fix."""
    return _report(number, wanted, f'write "{number.phone.raw}" as "{wanted}" {why}')


def _report(number: Written, wanted: str, message: str) -> Problem:
    phone, text = number.phone, number.text
    length = phone.end - phone.start
    return problem_at(
        number.entry,
        text,
        phone.start,
        length,
        message,
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
        style = config.phone_style or "national"
        numbers[contact.name] = (e164, match.formatted(style, config.region))
    return numbers

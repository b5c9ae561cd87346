"""Spaces where a sentence has none, or one too many.

- `spacing`: a slip of the keyboard that readers notice and that `faq-audit
  fix` repairs by changing only the spaces at fault:

      two  spaces inside a sentence        → two spaces inside a sentence
      a space before a comma , or a dot .  → a space before a comma, or a dot.
      EST ( except federal holidays )      → EST (except federal holidays)
      order number 12345 - 6789            → order number 12345-6789
      retail- size products                → retail-size products

  Left alone, because they are correct or not a slip:

  - indentation, spaces at the start or end of a line, and two spaces after
    the end of a sentence (an old typing habit, invisible on the web);
  - spaced dashes between words or times: "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm";
  - a suspended hyphen: "pre- and post-treatment care", "short- or long-term";
  - a space before a file extension or a decimal (".pdf", ".5 mm"), an
    ellipsis (" ...") and emoticons (" :)");
  - short number ranges and year ranges ("3 - 5 days", "2019 - 2020");
  - everything inside a phone number: `phone-format` reports and fixes those,
    so that one defect never gives two findings.

  Option: `checks`, the kinds of slip to look for (`double-space`,
  `space-before-punctuation`, `bracket-space`, `number-hyphen`,
  `hyphen-space`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from audit.extract.phones import phone_spans
from audit.model import Entry, Fix, Problem, Severity, SourceFile, TextField
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts
from audit.text.sentences import ends_sentence_before

KINDS = (
    "double-space",
    "space-before-punctuation",
    "bracket-space",
    "number-hyphen",
    "hyphen-space",
)

SPACING = Rule(
    "spacing",
    Severity.WARNING,
    "doubled spaces, a space before punctuation, or spaces around a hyphen in a number",
    Scope.ENTRY,
    options=(Option("checks", KINDS, choices=KINDS),),
    fixable=True,
)
RULES = (SPACING,)


@dataclass(frozen=True, slots=True)
class Slip:
    """One spacing slip: the value's characters `start:end` and what they should be."""

    kind: str
    start: int
    end: int
    replacement: str
    message: str
    description: str


_DOUBLE_SPACE = re.compile(r"(?<=\S)( {2,})(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=[^\s(\[{])( +)([.,;:!?])(?=\s|$|[\"'\u201d\u2019)\]])")
_AFTER_OPEN = re.compile(r"\(( +)(?=[^\s)])")
_BEFORE_CLOSE = re.compile(r"(?<=[^\s(:;])( +)\)")
_NUMBER_HYPHEN = re.compile(r"(?<![\w:.,/-])(\d{3,})( *- *)(\d{3,})(?![\w:-]|[.,]\d)")
_HYPHEN_SPACE = re.compile(r"(?<![\w-])([^\W\d_]{2,})-( +)([^\W\d_]+)")
_SUSPENDED = frozenset({"and", "or", "nor", "to", "through", "vs", "versus", "und"})
_YEAR = re.compile(r"(19|20)\d\d")


@entry_check(SPACING)
def spacing(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    kinds = frozenset(str(kind) for kind in context.options["checks"])
    for entry, _field, text in texts(source):
        yield from _problems(entry, text, kinds, context.config.region)


def _problems(
    entry: Entry, text: TextField, kinds: frozenset[str], region: str
) -> Iterator[Problem]:
    value = text.value
    if not any(needle in value for needle in _NEEDLES):
        return  # the common case, decided by substring searches in C

    phones = phone_spans(value, region)
    phone_starts = [start for start, _end in phones]
    end = 0
    for slip in sorted(slips(value, kinds), key=lambda s: (s.start, -s.end)):
        if slip.start < end or _in_phone(slip, phones, phone_starts):
            continue
        end = slip.end
        yield problem_at(
            entry, text, slip.start, slip.end - slip.start, slip.message, fix=_fix(text, slip)
        )


def _in_phone(slip: Slip, phones: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    """Whether the slip touches a phone number (found in order, without overlaps).

    Only the last number that starts before the slip ends can reach it: looked
    up by bisection, so an answer with thousands of numbers and slips stays linear.
    """
    index = bisect_left(starts, slip.end) - 1
    return index >= 0 and phones[index][1] > slip.start


def _fix(text: TextField, slip: Slip) -> Fix | None:
    """The repair, when the spaces stand in the file exactly as in the value.

    Where YAML folds a line break into a space, the file holds a line break and
    indentation instead; changing those would not change the text, so a person
    decides. In unquoted text, "word:" before a space would start a mapping.
    """
    if text.style == "" and ":" in slip.replacement:
        return None
    span = text.source_span(slip.start, slip.end - slip.start)
    if span is None:
        return None
    value, source = text.value, text.source
    before = value[slip.start - 1] if slip.start > 0 else None
    after = value[slip.end] if slip.end < len(value) else None
    if before is not None and source[span[0] - 1] != before:
        return None
    if after is not None and source[span[1] : span[1] + 1] != after:
        return None
    return text.fix(slip.start, slip.end - slip.start, slip.replacement, slip.description)


# Every slip contains one of these; a regular expression with a letter class at its
# front would be tried at every position of every answer.
_NEEDLES = ("  ", " .", " ,", " ;", " :", " !", " ?", " )", "( ", " -", "- ")


def slips(value: str, kinds: frozenset[str]) -> Iterator[Slip]:
    """Every spacing slip of a text, kind by kind (they may overlap; the caller picks)."""
    if "double-space" in kinds:
        yield from _double_spaces(value)
    if "space-before-punctuation" in kinds:
        yield from _spaces_before_punctuation(value)
    if "bracket-space" in kinds:
        yield from _bracket_spaces(value)
    if "number-hyphen" in kinds:
        yield from _number_hyphens(value)
    if "hyphen-space" in kinds:
        yield from _hyphen_spaces(value)


def _double_spaces(value: str) -> Iterator[Slip]:
    for match in _DOUBLE_SPACE.finditer(value):
        if ends_sentence_before(value, match.start()):
            continue  # two spaces after a full stop: a typing habit, not a slip
        yield Slip(
            "double-space",
            match.start(),
            match.end(),
            " ",
            f"{len(match.group())} spaces in a row inside a sentence; write one",
            "replace the spaces with one",
        )


def _spaces_before_punctuation(value: str) -> Iterator[Slip]:
    for match in _SPACE_BEFORE.finditer(value):
        mark = match.group(2)
        after = value[match.end() : match.end() + 1]
        if mark in ":;" and after in ("(", ")"):
            continue  # an emoticon
        yield Slip(
            "space-before-punctuation",
            match.start(),
            match.end(),
            mark,
            f"a space before '{mark}'; remove it",
            f"remove the space before '{mark}'",
        )


def _bracket_spaces(value: str) -> Iterator[Slip]:
    for match in _AFTER_OPEN.finditer(value):
        word = _word_after(value, match.end())
        yield Slip(
            "bracket-space",
            match.start(),
            match.end(),
            "(",
            f"a space after '(': write '({word}', not '({match.group(1)}{word}'",
            "remove the space after '('",
        )
    for match in _BEFORE_CLOSE.finditer(value):
        yield Slip(
            "bracket-space",
            match.start(),
            match.end(),
            ")",
            "a space before ')'; remove it",
            "remove the space before ')'",
        )


def _number_hyphens(value: str) -> Iterator[Slip]:
    for match in _NUMBER_HYPHEN.finditer(value):
        left, middle, right = match.groups()
        if " " not in middle or (_YEAR.fullmatch(left) and _YEAR.fullmatch(right)):
            continue
        start, end = match.span(2)
        yield Slip(
            "number-hyphen",
            start,
            end,
            "-",
            f"spaces around the hyphen in the number '{left}{middle}{right}'; "
            f"write '{left}-{right}'",
            "remove the spaces around the hyphen",
        )


def _hyphen_spaces(value: str) -> Iterator[Slip]:
    for match in _HYPHEN_SPACE.finditer(value):
        left, spaces, right = match.groups()
        if right.casefold() in _SUSPENDED:
            continue  # "pre- and post-treatment": a suspended hyphen is correct
        start = match.start(2) - 1
        yield Slip(
            "hyphen-space",
            start,
            match.end(2),
            "-",
            f"a space after the hyphen in '{left}-{spaces}{right}'; write '{left}-{right}' "
            "(or, if the hyphen stands for a dash, a dash with a space on both sides)",
            "remove the space after the hyphen",
        )


def _word_after(value: str, index: int) -> str:
    match = re.compile(r"[^\s)]+").match(value, index)
    return match.group() if match else ""

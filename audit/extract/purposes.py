"""What a phone number or email address is for: the department named next to it.

Both the phone and the email rules ask whether the content gives two
different details for the same purpose. The purpose is the department named
nearest to the detail in its sentence: a configured contact's words first,
then a built-in list of department words. Details whose purpose is unclear
get none, because a rule that guesses cries wolf; the rules then compare only
the details that have one (`audit.rules._contacts`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from audit.text.normalize import fold
from audit.text.phrases import phrase_pattern
from audit.text.sentences import split_sentences

# Departments customers are sent to. "a|b" makes b another name for a.
DEFAULT_PURPOSES = [
    "customer care",
    "customer service|customer services",
    "customer support",
    "technical support|tech support|technical help",
    "support",
    "sales|sales team",
    "billing|accounts payable|accounts receivable",
    "returns",
    "warranty|warranty claims",
    "repairs|service centre|service center",
    "wholesale|trade accounts",
    "shipping department|dispatch",
    "press|press office|media relations",
    "careers|recruiting|human resources",
    "privacy|data protection",
    "fraud|lost or stolen cards|lost cards|stolen cards",
    "complaints",
    "bookings|reservations",
    "appointments",
    "reception|front desk",
    "pharmacy",
    "claims",
    "kundenservice|kundendienst",
    "termine|terminvereinbarung",
    "rezeption|anmeldung",
    "abrechnung",
    "vertrieb",
]

_WORD = re.compile(r"\w+")
# White space, commas and "or"/"and" between two details. Written without nested repeats
# of white space: `\s*(…|\s)*\s*` backtracked through every split of a long run of
# spaces (4,000 spaces between two numbers: 52 s).
_CONNECTOR = re.compile(r"(?:[\s,;/]|\bor\b|\band\b)*", re.IGNORECASE)
AFTER_WORDS = 6  # "(800) 555-0199 is the number for our sales team"
BETWEEN_WORDS = 2  # "sales or support": two departments named together

Span = tuple[int, int]
Occurrence = tuple[int, int, str]  # where a purpose is named, and which


class Department(Protocol):
    """A named department and the words that name it in answers (a config contact)."""

    @property
    def name(self) -> str: ...

    @property
    def words(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Term:
    """One way of naming a purpose; a department's own words outrank the built-in list."""

    purpose: str
    pattern: re.Pattern[str]
    priority: int


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words that name each purpose (department) in a sentence."""

    terms: tuple[Term, ...]

    @classmethod
    def build(
        cls, departments: Iterable[Department], purposes: Iterable[object] = DEFAULT_PURPOSES
    ) -> Vocabulary:
        """Departments' words name their department; the built-in list names the rest.

        With departments given the built-in words still matter: they stop a
        number next to "sales" from being read as customer care's. A line of
        `purposes` that names a department's word is left out.
        """
        terms: list[Term] = []
        taken: set[str] = set()
        for department in departments:
            for word in department.words:
                terms.append(Term(department.name, _phrase(word), 1))
                taken.add(fold(word, hyphens=False))
        for line in purposes:
            names = [name.strip() for name in str(line).split("|") if name.strip()]
            if not names or any(fold(name, hyphens=False) in taken for name in names):
                continue
            terms += [Term(names[0], _phrase(name), 0) for name in names]
        return cls(tuple(terms))

    def occurrences(self, text: str, start: int, end: int) -> list[Occurrence]:
        """Where purposes are named in `text[start:end]`; overlaps go to the stronger term."""
        found = [
            (m.start(), m.end(), term)
            for term in self.terms
            for m in term.pattern.finditer(text, start, end)
        ]
        found.sort(key=lambda f: (-f[2].priority, -(f[1] - f[0]), f[0]))
        taken = bytearray(max(0, end - start))  # the characters a kept occurrence covers
        kept: list[Occurrence] = []
        for s, e, term in found:
            if 1 not in taken[s - start : e - start]:
                taken[s - start : e - start] = b"\x01" * (e - s)
                kept.append((s, e, term.purpose))
        return sorted(kept)


def _phrase(words: str) -> re.Pattern[str]:
    pattern = phrase_pattern([words], in_compounds=True, hyphen_as_space=True)
    if pattern is None:  # a blank word in the config; it names nothing
        return re.compile(r"(?!)")
    return pattern


def display(purpose: str) -> str:
    """A department's name ("customer-care") as words ("customer care")."""
    return purpose.replace("-", " ")


def assign_purposes(
    text: str,
    spans: Sequence[Span],
    vocabulary: Vocabulary,
    other_line: re.Pattern[str] | None = None,
) -> list[tuple[str | None, Span]]:
    """Each span's purpose (or None) and the sentence it stands in.

    A span takes the purpose named nearest before it in its sentence (after
    the previous span), else one named within a few words after it that the
    next span does not take. Two departments named together ("sales or
    support") or on both sides of it leave it without a purpose; a span
    joined to the previous one by "or" or a comma shares its purpose. A span
    that `other_line` finds words for right before it (a fax, a text line)
    has none either.
    """
    clauses = sentence_clauses(text, spans)
    results: list[tuple[str | None, Span]] = [(None, (0, 0))] * len(spans)
    by_clause: dict[Span, list[int]] = {}
    for index, clause in enumerate(clauses):
        by_clause.setdefault(clause, []).append(index)
    for clause, members in by_clause.items():
        members.sort(key=lambda i: spans[i])
        inside = _Spans([spans[i] for i in members])
        found = [o for o in vocabulary.occurrences(text, *clause) if not inside.overlap(o)]
        befores: list[Occurrence | None] = []
        for position, index in enumerate(members):
            left = spans[members[position - 1]][1] if position else clause[0]
            befores.append(_nearest_before(text, found, left, spans[index][0]))
        previous: str | None = None
        for position, index in enumerate(members):
            start, end = spans[index]
            last = position == len(members) - 1
            right = clause[1] if last else spans[members[position + 1]][0]
            before = befores[position]
            after = _nearest_after(text, found, end, right)
            if after is not None and not last and befores[position + 1] == after:
                after = None  # the next span's purpose, named before it
            left = spans[members[position - 1]][1] if position else clause[0]
            purpose = _choose(before, after)
            if purpose is None and position and _CONNECTOR.fullmatch(text, left, start):
                purpose = previous
            if other_line is not None and other_line.search(text, left, start):
                purpose = None
            results[index] = (purpose, clause)
            previous = purpose
    return results


def sentence_clauses(text: str, spans: Sequence[Span]) -> list[Span]:
    """The sentence of each span, merged with the next when a span runs over its end
    (the period of "ext. 12" does not end a sentence)."""
    ranges = [(s.start, s.end) for s in split_sentences(text)]
    ends = [end for _start, end in ranges]
    crossed: set[int] = set()
    for start, end in spans:
        index = bisect.bisect_right(ends, start)
        while index < len(ends) and ends[index] < end:
            crossed.add(index)
            index += 1
    merged: list[Span] = []
    for index, (start, end) in enumerate(ranges):
        if merged and index - 1 in crossed:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    starts = [start for start, _end in merged]
    clauses = []
    for start, _end in spans:
        index = bisect.bisect_right(starts, start) - 1
        inside = index >= 0 and start < merged[index][1]
        clauses.append(merged[index] if inside else (start, start))
    return clauses


def _choose(before: Occurrence | None, after: Occurrence | None) -> str | None:
    if before is not None and after is not None:
        return before[2] if before[2] == after[2] else None
    chosen = before or after
    return chosen[2] if chosen is not None else None


class _Spans:
    """Spans in order, without overlaps: which of them a range overlaps, by bisection."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _end in self._spans]

    def overlap(self, occurrence: Occurrence) -> bool:
        index = bisect.bisect_left(self._starts, occurrence[1]) - 1
        return index >= 0 and self._spans[index][1] > occurrence[0]


def _within(found: list[Occurrence], left: int, right: int) -> list[Occurrence]:
    """The occurrences (in order, without overlaps) that lie within `left:right`.

    Found by bisection: with thousands of numbers and department words in one
    sentence, a scan of every occurrence for every number was quadratic.
    """
    low = bisect.bisect_left(found, left, key=lambda o: o[0])
    high = bisect.bisect_right(found, right, key=lambda o: o[1])
    return found[low:high]


def _nearest_before(text: str, found: list[Occurrence], left: int, start: int) -> Occurrence | None:
    inside = _within(found, left, start)
    if not inside:
        return None
    nearest = inside[-1]
    for other in reversed(inside[:-1]):  # nearest first; only a word or two away can count
        if _words(text, other[1], nearest[0]) > BETWEEN_WORDS:
            break
        if _together(text, other, nearest):
            return None
    return nearest


def _nearest_after(text: str, found: list[Occurrence], end: int, right: int) -> Occurrence | None:
    inside = _within(found, end, right)
    if not inside or _words(text, end, inside[0][0]) > AFTER_WORDS:
        return None
    nearest = inside[0]
    for other in inside[1:]:  # nearest first; only a word or two away can count
        if _words(text, nearest[1], other[0]) > BETWEEN_WORDS:
            break
        if _together(text, nearest, other):
            return None
    return nearest


def _together(text: str, first: Occurrence, second: Occurrence) -> bool:
    """Two different purposes named a word or two apart, as in "sales or support"."""
    return first[2] != second[2] and _words(text, first[1], second[0]) <= BETWEEN_WORDS


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0

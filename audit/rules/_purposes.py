"""What a phone number or email address is for: the department named next to it.

Both the phone and the email rules ask whether the content gives two
different details for the same purpose. The purpose is the department named
nearest to the detail in its sentence: a config contact's words first, then a
built-in list of department words. Details whose purpose is unclear are not
compared, because a rule that guesses cries wolf.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from audit.config import CONFIG_FILE, Config, Contact
from audit.model import Entry, Problem, Related, TextField
from audit.rules._fields import problem_at

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


@dataclass(frozen=True, slots=True)
class Term:
    """One way of naming a purpose; contacts' words outrank the built-in list."""

    purpose: str
    pattern: re.Pattern[str]
    priority: int


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words that name each purpose (department) in a sentence."""

    terms: tuple[Term, ...]

    @classmethod
    def build(cls, contacts: Iterable[Contact], options: Mapping[str, object]) -> Vocabulary:
        """Contacts' words name their contact; the built-in list names the rest.

        With contacts configured the built-in words still matter: they stop a
        number next to "sales" from being read as customer care's.
        """
        terms: list[Term] = []
        taken: set[str] = set()
        for contact in contacts:
            for word in contact.words:
                terms.append(Term(contact.name, _phrase(word), 1))
                taken.add(_fold(word))
        raw = options.get("purposes", DEFAULT_PURPOSES)
        for line in raw if isinstance(raw, list) else []:
            names = [name.strip() for name in str(line).split("|") if name.strip()]
            if not names or any(_fold(name) in taken for name in names):
                continue
            terms += [Term(names[0], _phrase(name), 0) for name in names]
        return cls(tuple(terms))

    def occurrences(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Where purposes are named in `text[start:end]`; overlaps go to the stronger term."""
        found = [
            (m.start(), m.end(), term)
            for term in self.terms
            for m in term.pattern.finditer(text, start, end)
        ]
        found.sort(key=lambda f: (-f[2].priority, -(f[1] - f[0]), f[0]))
        taken = bytearray(max(0, end - start))  # the characters a kept occurrence covers
        kept: list[tuple[int, int, str]] = []
        for s, e, term in found:
            if 1 not in taken[s - start : e - start]:
                taken[s - start : e - start] = b"\x01" * (e - s)
                kept.append((s, e, term.purpose))
        return sorted(kept)


def _phrase(words: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in re.split(r"[\s-]+", words.strip()) if part]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _fold(words: str) -> str:
    return " ".join(re.split(r"[\s-]+", words.casefold().strip()))


def display(purpose: str) -> str:
    """A contact's name ("customer-care") as words ("customer care")."""
    return purpose.replace("-", " ")


def assign_purposes(
    text: TextField,
    spans: Sequence[tuple[int, int]],
    vocabulary: Vocabulary,
    other_line: re.Pattern[str] | None = None,
) -> list[tuple[str | None, tuple[int, int]]]:
    """Each span's purpose (or None) and the sentence it stands in.

    A span takes the purpose named nearest before it in its sentence (after
    the previous span), else one named within a few words after it that the
    next span does not take. Two departments named together ("sales or
    support") or on both sides of it leave it without a purpose; a span
    joined to the previous one by "or" or a comma shares its purpose.
    """
    value = text.value
    clauses = sentence_clauses(text, spans)
    results: list[tuple[str | None, tuple[int, int]]] = [(None, (0, 0))] * len(spans)
    by_clause: dict[tuple[int, int], list[int]] = {}
    for index, clause in enumerate(clauses):
        by_clause.setdefault(clause, []).append(index)
    for clause, members in by_clause.items():
        members.sort(key=lambda i: spans[i])
        inside = _Spans([spans[i] for i in members])
        found = [o for o in vocabulary.occurrences(value, *clause) if not inside.overlap(o)]
        befores: list[tuple[int, int, str] | None] = []
        for position, index in enumerate(members):
            left = spans[members[position - 1]][1] if position else clause[0]
            befores.append(_nearest_before(value, found, left, spans[index][0]))
        previous: str | None = None
        for position, index in enumerate(members):
            start, end = spans[index]
            last = position == len(members) - 1
            right = clause[1] if last else spans[members[position + 1]][0]
            before = befores[position]
            after = _nearest_after(value, found, end, right)
            if after is not None and not last and befores[position + 1] == after:
                after = None  # the next span's purpose, named before it
            left = spans[members[position - 1]][1] if position else clause[0]
            purpose = _choose(before, after)
            if purpose is None and position and _CONNECTOR.fullmatch(value, left, start):
                purpose = previous
            if other_line is not None and other_line.search(value, left, start):
                purpose = None
            results[index] = (purpose, clause)
            previous = purpose
    return results


def sentence_clauses(text: TextField, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence of each span, merged with the next when a span runs over its end
    (the period of "ext. 12" does not end a sentence)."""
    ranges = [(s.start, s.end) for s in text.sentences()]
    ends = [end for _start, end in ranges]
    crossed: set[int] = set()
    for start, end in spans:
        index = bisect.bisect_right(ends, start)
        while index < len(ends) and ends[index] < end:
            crossed.add(index)
            index += 1
    merged: list[tuple[int, int]] = []
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


def _choose(before: tuple[int, int, str] | None, after: tuple[int, int, str] | None) -> str | None:
    if before is not None and after is not None:
        return before[2] if before[2] == after[2] else None
    chosen = before or after
    return chosen[2] if chosen is not None else None


class _Spans:
    """Spans in order, without overlaps: which of them a range overlaps, by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _end in self._spans]

    def overlap(self, occurrence: tuple[int, int, str]) -> bool:
        index = bisect.bisect_left(self._starts, occurrence[1]) - 1
        return index >= 0 and self._spans[index][1] > occurrence[0]


def _within(found: list[tuple[int, int, str]], left: int, right: int) -> list[tuple[int, int, str]]:
    """The occurrences (in order, without overlaps) that lie within `left:right`.

    Found by bisection: with thousands of numbers and department words in one
    sentence, a scan of every occurrence for every number was quadratic.
    """
    low = bisect.bisect_left(found, left, key=lambda o: o[0])
    high = bisect.bisect_right(found, right, key=lambda o: o[1])
    return found[low:high]


def _nearest_before(
    value: str, found: list[tuple[int, int, str]], left: int, start: int
) -> tuple[int, int, str] | None:
    inside = _within(found, left, start)
    if not inside:
        return None
    nearest = inside[-1]
    for other in reversed(inside[:-1]):  # nearest first; only a word or two away can count
        if _words(value, other[1], nearest[0]) > BETWEEN_WORDS:
            break
        if _together(value, other, nearest):
            return None
    return nearest


def _nearest_after(
    value: str, found: list[tuple[int, int, str]], end: int, right: int
) -> tuple[int, int, str] | None:
    inside = _within(found, end, right)
    if not inside or _words(value, end, inside[0][0]) > AFTER_WORDS:
        return None
    nearest = inside[0]
    for other in inside[1:]:  # nearest first; only a word or two away can count
        if _words(value, nearest[1], other[0]) > BETWEEN_WORDS:
            break
        if _together(value, nearest, other):
            return None
    return nearest


def _together(value: str, first: tuple[int, int, str], second: tuple[int, int, str]) -> bool:
    """Two different purposes named a word or two apart, as in "sales or support"."""
    return first[2] != second[2] and _words(value, first[1], second[0]) <= BETWEEN_WORDS


def _words(value: str, start: int, end: int) -> int:
    return len(_WORD.findall(value, start, end)) if end > start else 0


# --------------------------------------------------------------------------- consistency


@dataclass(frozen=True, slots=True)
class Sighting:
    """A contact detail where it stands, what must agree (`key`) and its purpose."""

    entry: Entry
    text: TextField
    start: int
    end: int
    key: str  # E.164 for numbers, the address in lower case for emails
    shown: str  # how a message writes it
    purpose: str | None
    clause: tuple[int, int]


def inconsistencies(
    sightings: Sequence[Sighting],
    expected: Mapping[str, tuple[str, str]],
    config: Config,
    *,
    noun: str,
    rule: str,
) -> Iterator[Problem]:
    """Details that differ from their contact's (config) or from the one given most often.

    A detail given in the same sentence as the right one is an alternative
    ("call X or Y"), not a contradiction, and is left alone.
    """
    together: dict[tuple[int, tuple[int, int]], set[str]] = {}
    for s in sightings:
        together.setdefault((id(s.text), s.clause), set()).add(s.key)
    groups: dict[str, list[Sighting]] = {}
    for s in sightings:
        if s.purpose is not None:
            groups.setdefault(s.purpose, []).append(s)
    source = Path(config.path).name if config.path else CONFIG_FILE
    for purpose, members in groups.items():
        name = display(purpose)
        if purpose in expected:
            key, shown = expected[purpose]
            for s in members:
                if s.key != key and key not in together[(id(s.text), s.clause)]:
                    yield _at(
                        s,
                        f"{name}'s {noun} is {shown} ({source}), not {s.shown}; "
                        f"write {shown}, or correct the contact in {source}",
                        rule,
                    )
            continue
        counts = Counter(s.key for s in members)
        if len(counts) < 2:
            continue
        majority = max(counts, key=lambda k: counts[k])  # ties: the first given
        first = next(s for s in members if s.key == majority)
        for s in members:
            if s.key == majority or majority in together[(id(s.text), s.clause)]:
                continue
            places = counts[majority]
            yield _at(
                s,
                f"{name} is given as {s.shown} here, but as {first.shown} in "
                f"{places} other place{'s' if places != 1 else ''}; use one {noun} for "
                f"{name}, or say what each is for",
                rule,
                related=(
                    Related(
                        first.text.position_of(first.start, first.end - first.start),
                        f"{name}: {first.shown} is given here",
                    ),
                ),
            )


def _at(s: Sighting, message: str, rule: str, related: tuple[Related, ...] = ()) -> Problem:
    return problem_at(
        s.entry, s.text, s.start, s.end - s.start, message, related=related, rule=rule
    )

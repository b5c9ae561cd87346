"""Where sentences end and begin, read one way for every rule and extractor.

A sentence ends at a run of `.`, `!` or `?` (or the full-width question mark), with the
closing quotes or brackets after it, when white space or the end of the text
follows; a blank line ends one too. "e.g. this" and "www.example.com" are
read the way a person reads them: a period inside a word ends nothing.

Most callers want exactly that (splitting an answer for `duplicate-sentence`,
the sentence around a phone number). A question that counts its statements
must not be fooled by "Dr. Smith" or "No. 5", so `sentence_ends` takes
`strict=True` for ends no reader could mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from audit.model import Sentence

MARKS = ".!?\uff1f"  # what ends a sentence
CLOSERS = "\"'\u201d\u2019)]"  # what may stand between the marks and the white space
_M = re.escape(MARKS)
# Written to start with one set of characters, a mark or a line break, which the regular
# expression engine looks for fast (3.5 times faster than a lookbehind first: every
# answer is split). A run of marks is matched from its first mark only: tried inside a
# long run ("....", "a@b....x") each try read to the run's end, which made splitting
# quadratic.
_END = re.compile(
    rf"[{_M}\n](?:(?<=[{_M}])(?<![{_M}]{{2}})[{_M}]*[{re.escape(CLOSERS)}]*(?=\s|\Z)"
    r"|(?<=\n)\s*\n)"
)
_NEXT = re.compile(r"\s*(\S)")
# What a sentence may open with in strict reading, besides a capital or a digit.
_OPENERS = "\"'\u201c\u2018(\u00bf\u00a1"
_TOKEN_BEFORE = re.compile(r"[\w.]*\Z")
_LONGEST_TOKEN = 64  # a longer word before a period is no abbreviation, whatever its end
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "no", "nos", "vs", "etc", "inc", "ltd", "co",
    "corp", "jr", "sr", "approx", "dept", "est", "ave", "blvd", "rd", "fig", "e.g", "i.e",
    "a.m", "p.m", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
})  # fmt: skip
# An opening quote, bracket or bullet may stand between a sentence's start and its first word.
_LEAD_IN = frozenset(" \t\"'\u201c\u2018([*\u2022-\u2013\u2014")


@dataclass(frozen=True, slots=True)
class SentenceEnd:
    """Where one sentence ends: its marks and closing quotes, or a blank line."""

    start: int
    end: int
    marks: str  # "." "?!" …; empty for a blank line


@lru_cache(maxsize=1024)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of a text with their spans, without the white space around them.

    Cached: several rules (duplicate-sentence, the contact rules) split the
    same answer.
    """
    found: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        end = match.start() if text[match.start()] == "\n" else match.end()
        found += _sentence(text, start, end)
        start = match.end()
    found += _sentence(text, start, len(text))
    return tuple(found)


def _sentence(text: str, start: int, end: int) -> Iterator[Sentence]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield Sentence(stripped, start + lead, start + lead + len(stripped))


def sentence_ends(
    text: str, start: int = 0, end: int | None = None, *, strict: bool = False
) -> Iterator[SentenceEnd]:
    """The sentence ends in `text[start:end]`, in order.

    With `strict`, only ends that no reader could mistake: marks (not a blank
    line) followed by a sentence that opens with a capital, a digit or an
    opening quote or bracket, and not after an abbreviation or an initial
    ("Dr. Smith", "U.S. stores", "No. 5").
    """
    stop = len(text) if end is None else end
    for match in _END.finditer(text, start, stop):
        marks = "" if text[match.start()] == "\n" else match.group().rstrip(CLOSERS)
        if strict and not (marks and _clear_end(text, match.start(), match.end(), stop)):
            continue
        yield SentenceEnd(match.start(), match.end(), marks)


def _clear_end(text: str, marks_at: int, end: int, stop: int) -> bool:
    following = _NEXT.match(text, end, stop)
    if following is None:
        return False  # the end of the text: no sentence follows
    char = following.group(1)
    if not (char.isupper() or char.isdigit() or char in _OPENERS):
        return False
    return not _after_abbreviation(text, marks_at)


def _after_abbreviation(text: str, index: int) -> bool:
    """Whether the word before the mark at `index` is an abbreviation or an initial."""
    word = _TOKEN_BEFORE.search(text, max(0, index - _LONGEST_TOKEN), index)
    token = word.group().casefold().strip(".") if word else ""
    return (len(token) == 1 and token.isalpha()) or token in _ABBREVIATIONS  # "J. Smith", not "$5."


def ends_sentence_before(text: str, index: int) -> bool:
    """Whether `text[:index]` ends with a sentence's marks (and closing quotes or brackets).

    Read backwards over the closing marks only, so each call costs what stands
    right before `index`. (Searching from the start of the line for every
    doubled space made a long line of them quadratic: 15.8 s.)
    """
    while index > 0 and text[index - 1] in CLOSERS:
        index -= 1
    return index > 0 and text[index - 1] in MARKS


def at_sentence_start(text: str, index: int) -> bool:
    """Whether `index` opens a sentence, a clause after `:` or `;`, or a line.

    Only opening quotes, brackets, a bullet or spaces may stand between it and
    the mark or line break before it.
    """
    j = index
    while j > 0 and text[j - 1] in _LEAD_IN:
        j -= 1
    return j == 0 or text[j - 1] in "\n\r:;" or text[j - 1] in MARKS


def sentence_around(text: str, start: int, end: int, *, window: int) -> tuple[int, int]:
    """The span of the sentence that holds `text[start:end]`, looking at most `window`
    characters to either side (a sentence is not that long; a text may be)."""
    left = max(0, start - window)
    right = min(len(text), end + window)
    begin = left
    # up to one character past `start`, so that a mark right before it is judged
    # by what follows it, as everywhere else
    for found in _END.finditer(text, left, min(len(text), start + 1)):
        if found.end() <= start:
            begin = found.end()
    after = _END.search(text, end, right)
    return begin, after.start() if after is not None else right

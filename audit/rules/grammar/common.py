"""What the grammar checks share: the slip they report and how they read text."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from audit.extract.emails import find_emails
from audit.extract.urls import find_urls
from audit.text.sentences import sentence_ends

AGREEMENT = "agreement"
ARTICLES = "articles"
REPEATED_WORDS = "repeated-words"
ITS = "its"
YOUR = "your"
CHECKS = (AGREEMENT, ARTICLES, REPEATED_WORDS, ITS, YOUR)


@dataclass(frozen=True, slots=True)
class Slip:
    """One grammar slip in a text: the sub-check, the span of the words, and the message.

    `remove` is the span a fix deletes, for the only mechanical repair (a repeated word).
    """

    check: str
    start: int
    end: int
    message: str
    remove: tuple[int, int] | None = None


# A text longer than this is not prose someone wrote as one answer (an export, a paste
# gone wrong); it is not read, which bounds the time a run can take.
MAX_LENGTH = 100_000
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_APOSTROPHES = "'\u2019"

# White space between two words of one sentence: a line break, but not a blank line.
GAP_NONEMPTY = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"

_QUOTED = re.compile(r'"(?:[^"\n]|\n(?![ \t]*\n))*"|\u201c(?:[^\u201d\n]|\n(?![ \t]*\n))*\u201d')
_CODE = re.compile(r"`[^`\n]*`")


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, as lists of words read best."""
    return frozenset(text.split())


def quoted_spans(value: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(value)]


def verbatim_spans(value: str) -> list[tuple[int, int]]:
    """URLs, email addresses and `code`: text quoted as it is, not written."""
    spans = [(url.start, url.end) for url in find_urls(value)]
    spans += [(email.start, email.end) for email in find_emails(value)]
    return spans + [m.span() for m in _CODE.finditer(value)]


def touches(pattern: re.Pattern[str], value: str, slip: Slip) -> bool:
    return any(m.start() < slip.end and slip.start < m.end() for m in pattern.finditer(value))


def ends_a_question(value: str, index: int) -> bool:
    """Whether the sentence that holds `index` ends with a question mark."""
    end = next(sentence_ends(value, index, index + 1000), None)
    return end is not None and end.marks.startswith(("?", "\uff1f"))


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or char in _APOSTROPHES or char == "-"


def word_before(low: str, index: int) -> tuple[int, int] | None:
    """The span of the word right before `index`, if only a gap of one sentence separates them.

    The gap is spaces, and at most one line break; the word is ASCII letters, whole.
    """
    j = index
    while j > 0 and low[j - 1] in " \t":
        j -= 1
    if j > 0 and low[j - 1] == "\n":
        j -= 1
        if j > 0 and low[j - 1] == "\r":
            j -= 1
        while j > 0 and low[j - 1] in " \t":
            j -= 1
    end = j
    if end == index:
        return None
    while j > 0 and end - j < 20 and "a" <= low[j - 1] <= "z":
        j -= 1
    if j == end or (j > 0 and is_word_char(low[j - 1])):
        return None
    return j, end


def match_case(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


# A plural verb and its singular, for "order are" → "order is" and "each … are" → "is".
SINGULAR_VERBS = {
    "are": "is",
    "were": "was",
    "have": "has",
    "do": "does",
    "aren't": "isn't",
    "weren't": "wasn't",
    "haven't": "hasn't",
    "don't": "doesn't",
    "aren\u2019t": "isn\u2019t",
    "weren\u2019t": "wasn\u2019t",
    "haven\u2019t": "hasn\u2019t",
    "don\u2019t": "doesn\u2019t",
}

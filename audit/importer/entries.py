"""What every reader finds on a page, and the limits every reader's findings are held to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .errors import PageError
from .limits import excerpt, limits

__all__ = ["Found", "ImportedEntry", "checked_entries", "too_many_questions", "without_prefixes"]

_SEPARATOR = r"\s*(?::|[.)](?=\s)|\s[\u2013\u2014-](?=\s))\s*(?=\S)"
_QUESTION_PREFIX = re.compile(rf"(?:Q|Question){_SEPARATOR}", re.I)
_ANSWER_PREFIX = re.compile(rf"(?:A|Answer){_SEPARATOR}", re.I)


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    """One question found on a page, with its answer as published.

    ``answer`` holds paragraphs joined by a blank line (``"\\n\\n"``) so that the YAML literal
    block reads like the page; it is ``""`` when the page asks the question without answering it.
    """

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Found:
    """An entry as a reader found it: in markup, with the elements it was read from (the
    question's first, then the answer's), so that the import can place it under its section
    heading and tell what text of the page no entry holds. ``nodes`` is empty otherwise."""

    entry: ImportedEntry
    nodes: tuple[Any, ...] = ()


def without_prefixes(entry: ImportedEntry) -> ImportedEntry:
    """``entry`` without the "Q:" and "A:" that pages write before questions and answers:
    they are the page's layout, not the words of either."""
    asked = _QUESTION_PREFIX.match(entry.question)
    if asked is None:
        return entry
    answered = _ANSWER_PREFIX.match(entry.answer)
    answer = entry.answer[answered.end() :] if answered else entry.answer
    return ImportedEntry(entry.question[asked.end() :], answer)


def checked_entries(entries: Iterable[ImportedEntry | Found], *, name: str) -> list[Found]:
    """``entries`` as a list, or PageError at the first that breaks a limit of ``limits.py``.

    Taking the entries one at a time lets a reader produce them lazily, so a page that holds
    far too many questions is refused before they are all in memory. "Q:" and "A:" prefixes
    are taken off on the way (``without_prefixes``).
    """
    cap = limits()
    found: list[Found] = []
    for item in entries:
        if isinstance(item, ImportedEntry):
            item = Found(item)
        entry = without_prefixes(item.entry)
        if entry is not item.entry:
            item = Found(entry, item.nodes)
        if len(found) >= cap.entries:
            raise PageError(too_many_questions(name))
        if len(entry.question) > cap.question:
            raise PageError(
                f"{name}: the question '{excerpt(entry.question)}' is"
                f" {len(entry.question):,} characters long, more than the {cap.question:,} a"
                " question may have; shorten it on the page and import again"
            )
        if len(entry.answer) > cap.answer:
            raise PageError(
                f"{name}: the answer to '{excerpt(entry.question)}' is {len(entry.answer):,}"
                f" characters long, more than the {cap.answer:,} an answer may have; split it"
                " into shorter answers on the page and import again"
            )
        found.append(item)
    return found


def too_many_questions(name: str) -> str:
    """The message for a page with more questions than a file `validate` reads can hold."""
    cap = limits()
    return (
        f"{name}: the page has more than {cap.entries:,} questions, more than one file that"
        f" faq-audit reads ({cap.file_bytes // 1_048_576} MB) can hold; split the page and"
        " import each part as a category of its own"
    )

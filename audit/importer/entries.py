"""What every reader finds on a page, and the limits every reader's findings are held to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import PageError
from .limits import excerpt, limits

__all__ = ["ImportedEntry", "checked_entries", "too_many_questions"]


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    """One question found on a page, with its answer as published.

    ``answer`` holds paragraphs joined by a blank line (``"\\n\\n"``) so that the YAML literal
    block reads like the page; it is ``""`` when the page asks the question without answering it.
    """

    question: str
    answer: str


def checked_entries(entries: Iterable[ImportedEntry], *, name: str) -> list[ImportedEntry]:
    """``entries`` as a list, or PageError at the first that breaks a limit of ``limits.py``.

    Taking the entries one at a time lets a reader produce them lazily, so a page that holds
    far too many questions is refused before they are all in memory.
    """
    cap = limits()
    found: list[ImportedEntry] = []
    for entry in entries:
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
        found.append(entry)
    return found


def too_many_questions(name: str) -> str:
    """The message for a page with more questions than a file `validate` reads can hold."""
    cap = limits()
    return (
        f"{name}: the page has more than {cap.entries:,} questions, more than one file that"
        f" faq-audit reads ({cap.file_bytes // 1_048_576} MB) can hold; split the page and"
        " import each part as a category of its own"
    )

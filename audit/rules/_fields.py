"""Helpers for rules that read the text of questions and answers.

A text rule finds a span of a field's value; these helpers turn it into a
problem on the exact line and column of the file, so no rule does position
arithmetic of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from audit.model import Corpus, Entry, Fix, Problem, Related, SourceFile, TextField

TEXT_FIELDS = ("question", "answer")
# Longer fields fail the schema's maxLength; text rules skip them rather than spend
# seconds on what is certainly not an answer.
MAX_TEXT = 100_000


def texts(
    where: Corpus | SourceFile, fields: Iterable[str] = TEXT_FIELDS
) -> Iterator[tuple[Entry, str, TextField]]:
    """Every text field of every entry of a run or of one file, in order, with its scalar."""
    wanted = tuple(fields)
    for entry in where.entries:
        for name in wanted:
            text = entry.texts.get(name)
            if text is not None and len(text.value) <= MAX_TEXT:
                yield entry, name, text


def problem_at(
    entry: Entry,
    text: TextField,
    index: int,
    length: int,
    message: str,
    *,
    fix: Fix | None = None,
    related: tuple[Related, ...] = (),
    rule: str | None = None,
) -> Problem:
    """A problem on the characters `index:index+length` of a text field's value."""
    return Problem(
        message,
        text.position_of(index, length),
        entry=entry.id,
        related=related,
        fix=fix,
        rule=rule,
    )

"""``h2``-``h6`` headings ending in '?', each answered by the text that follows it.

Tried last among the ways of reading HTML, since a heading that asks is the least explicit
sign of a question: a page with accordions or a definition list may also have such headings.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import ImportedEntry
from audit.importer.readers import Page, Reader, html

__all__ = ["READER"]


def _entries(page: Page) -> Iterator[ImportedEntry]:
    """Questions in ``h2``-``h6`` headings, each answered by the text up to the next heading of
    the same or a higher level, or the next question heading, whichever comes first (a
    question nested under a question is its own entry, not part of the previous answer)."""
    layout = page.layout
    question: str | None = None
    level = 0
    answer: list[str] = []
    for text, heading in zip(layout.blocks, layout.levels, strict=True):
        if heading:
            is_question = heading >= 2 and text.endswith("?")
            if question is not None and (is_question or heading <= level):
                yield ImportedEntry(question, "\n\n".join(answer))
                question = None
            if is_question:
                question, level, answer = text, heading, []
            elif question is not None:
                answer.append(text)
        elif question is not None:
            answer.append(text)
    if question is not None:
        yield ImportedEntry(question, "\n\n".join(answer))


READER = Reader(
    reads="HTML",
    detect=html,
    priority=40,
    expects="h2-h6 headings ending in '?'",
    entries=_entries,
)

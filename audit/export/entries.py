"""What is exported of an entry: the loaded data, read once, in a shape every format shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from audit.export.answers import answer_html
from audit.model import Corpus, Entry

OPTIONAL = ("audience", "tags", "reviewed", "owner")


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One entry as published: `answer` is the Markdown, `answer_html` its rendering."""

    id: str
    category: str
    question: str
    answer: str
    answer_html: str
    extra: tuple[tuple[str, object], ...] = ()  # audience, tags, reviewed, owner, when set


def export_entries(corpus: Corpus) -> Iterator[ExportEntry]:
    """The entries that can be published, in file order. An entry without an id, a
    question or an answer in text is skipped: `validate` reports it, and export runs on
    such content only when forced."""
    for source in corpus.files:
        data = source.data if isinstance(source.data, dict) else {}
        category = data.get("category")
        for entry in source.entries:
            exported = _entry(entry, category if isinstance(category, str) else "")
            if exported is not None:
                yield exported


def _entry(entry: Entry, category: str) -> ExportEntry | None:
    question, answer = entry.question, entry.answer
    if not entry.id or question is None or answer is None:
        return None
    extra = tuple(
        (name, _plain(entry.data[name])) for name in OPTIONAL if entry.data.get(name) is not None
    )
    return ExportEntry(entry.id, category, question, answer, answer_html(answer), extra)


def _plain(value: object) -> object:
    """A value as JSON has it: a date as YYYY-MM-DD, a list as a list."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value

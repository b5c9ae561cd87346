"""Plain JSON for a web front end: every entry with its id, category, question, the answer
as Markdown and as HTML, and the optional fields the schema has (audience, tags, reviewed,
owner) when set."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from audit import __version__
from audit.export.entries import ExportEntry


def render(entries: Sequence[ExportEntry]) -> str:
    document = {
        "tool": "faq-audit",
        "version": __version__,
        "entries": [_entry(entry) for entry in entries],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _entry(entry: ExportEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "category": entry.category,
        "question": entry.question,
        "answer": entry.answer,
        "answer_html": entry.answer_html,
        **dict(entry.extra),
    }

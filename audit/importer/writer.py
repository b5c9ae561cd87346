"""Write imported entries as the text of one ``faq/`` YAML file.

The output is meant to be read and edited by people, so answers with paragraphs are literal
blocks that look like the page, while everything else is left to PyYAML's emitter, which
already knows when YAML 1.1 would read a plain scalar as something other than text ("No",
"on", "1.10", "2024-01-01") and quotes it. The one hard requirement is an exact round trip.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from .ids import unique_ids
from .text import ImportedEntry

__all__ = ["to_yaml"]

_STR_TAG = "tag:yaml.org,2002:str"
_WIDTH = 10**9
"""Wide enough that the emitter never folds a long plain line; folding is lossless but makes
answers harder to diff against the page."""

_OTHER_BREAKS = frozenset("\x85\u2028\u2029")
"""YAML 1.1 line breaks besides ``\\n``. Written raw inside a literal block, NEL (``\\x85``)
would load back as ``\\n``; double quotes escape all three and keep the round trip exact."""

_LINE_BREAKS = _OTHER_BREAKS | {"\n", "\r"}


class _FaqDumper(yaml.SafeDumper):
    """A safe dumper that indents list items under their key, as the files in ``faq/`` do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    """Prefer a literal block for multi-line text; let the emitter choose for the rest.

    If a literal block cannot hold the string (trailing spaces on a line, tabs, control
    characters) the emitter falls back to double quotes by itself.
    """
    style: str | None = None
    if _OTHER_BREAKS.intersection(data):
        style = '"'
    elif "\n" in data:
        style = "|"
    return dumper.represent_scalar(_STR_TAG, data, style=style)


_FaqDumper.add_representer(str, _represent_str)


def to_yaml(
    entries: Sequence[ImportedEntry],
    *,
    category: str,
    schema_ref: str | None = None,
    taken: Iterable[str] = (),
) -> str:
    """Return the text of one ``faq/`` file holding ``entries`` under ``category``.

    Ids come from the questions and are unique within the file and against ``taken``, the
    ids that other files of the FAQ already use. Entries are written as found,
    so an unanswered question gives ``answer: ''``; the schema rejects that on purpose, so the
    audit reports it instead of the import hiding it.

    Raises ValueError for input that could never make a valid file: no entries, a blank
    category, or a ``schema_ref`` that would break out of its comment line.
    """
    if not entries:
        raise ValueError("no entries to write; a FAQ file needs at least one question")
    if not category.strip():
        raise ValueError("category must not be blank")
    if schema_ref is not None and (not schema_ref.strip() or _LINE_BREAKS.intersection(schema_ref)):
        raise ValueError("schema_ref must be a non-blank single line")
    ids = unique_ids((entry.question for entry in entries), taken=taken)
    document: dict[str, Any] = {
        "category": category,
        "entries": [
            {"id": entry_id, "question": entry.question, "answer": entry.answer}
            for entry_id, entry in zip(ids, entries, strict=True)
        ],
    }
    body = yaml.dump(
        document,
        Dumper=_FaqDumper,
        sort_keys=False,
        allow_unicode=True,
        width=_WIDTH,
        default_flow_style=False,
    )
    if schema_ref is None:
        return body
    return f"# yaml-language-server: $schema={schema_ref}\n{body}"

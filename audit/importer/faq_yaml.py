"""Imported entries as the text of one ``faq/`` YAML file (``output`` writes it to disk).

The output is meant to be read and edited by people, so answers with paragraphs are literal
blocks that look like the page, while everything else is left to PyYAML's emitter, which
already knows when YAML 1.1 would read a plain scalar as something other than text ("No",
"on", "1.10", "2024-01-01") and quotes it. The one hard requirement is an exact round trip.

The entries are emitted a few at a time, as a top-level list that is then indented under
``entries:``. That keeps memory to one batch's nodes rather than the whole page's (PyYAML
keeps every node of a document until it is written), lets libyaml's emitter do the work where
it is installed, and lets a file that would be too large for ``validate`` be refused as soon
as it grows past the limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import yaml

from .entries import ImportedEntry
from .errors import OutputTooLargeError
from .ids import unique_ids

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # PyYAML without libyaml: the same output, more slowly
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

__all__ = ["to_yaml"]

_STR_TAG = "tag:yaml.org,2002:str"
_WIDTH = 10**9
"""Wide enough that the emitter never folds a long plain line; folding is lossless but makes
answers harder to diff against the page."""

_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")
"""YAML 1.1 line breaks besides ``\\n``. Written raw, NEL (``\\x85``) would load back as
``\\n``, and any of them would end a line that the indentation under ``entries:`` does not
know of; double quotes escape all four and keep the round trip exact."""

_LINE_BREAKS = _OTHER_BREAKS | {"\n"}
_BATCH_CHARACTERS = 64 * 1024
_BATCH_ENTRIES = 256
_ENTRY_OVERHEAD = 37
"""``  - id: ``, ``    question: ``, ``    answer: `` and three line breaks (the blank line
between entries is not counted: the bound is a lower one)."""
_LINE_START = re.compile(r"^(?=.)", re.M)
_DOCUMENT_END = "...\n"


_ENTRY_START = "\n  - id: "


def _between(entry: dict[str, str], spaced: bool) -> str:
    """What goes between ``entry`` and the next: with ``spaced``, a blank line, unless a value
    of ``entry`` ends in a line break, which YAML writes as a block keeping its final breaks
    (``|+``): a blank line after it would become part of the value."""
    kept = any(value.endswith("\n") for value in entry.values())
    return _ENTRY_START if kept or not spaced else "\n" + _ENTRY_START


class _FaqDumper(_Dumper):
    """A safe dumper whose strings keep their paragraphs as literal blocks."""


def _represent_str(dumper: _FaqDumper, data: str) -> yaml.ScalarNode:
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


def _dump(data: Any) -> str:
    """One YAML document, without the ``...`` that libyaml adds after a block that keeps its
    final line breaks (``|+``): what follows it here ends the block just as well."""
    text = yaml.dump(
        data,
        Dumper=_FaqDumper,
        sort_keys=False,
        allow_unicode=True,
        width=_WIDTH,
        default_flow_style=False,
    )
    if text.endswith("\n" + _DOCUMENT_END):
        text = text[: -len(_DOCUMENT_END)]
    return text


def _batches(
    entries: Sequence[ImportedEntry], ids: Sequence[str]
) -> Iterator[list[dict[str, str]]]:
    batch: list[dict[str, str]] = []
    size = 0
    for entry_id, entry in zip(ids, entries, strict=True):
        batch.append({"id": entry_id, "question": entry.question, "answer": entry.answer})
        size += len(entry.question) + len(entry.answer)
        if len(batch) >= _BATCH_ENTRIES or size >= _BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def to_yaml(
    entries: Sequence[ImportedEntry],
    *,
    category: str,
    description: str = "",
    schema_ref: str | None = None,
    spaced: bool = False,
    taken: Iterable[str] = (),
    max_bytes: int | None = None,
) -> str:
    """Return the text of one ``faq/`` file holding ``entries`` under ``category``.

    With ``spaced``, entries are separated by a blank line, as in the bundled files (what
    ``import`` writes); without, the entries' lines follow each other, as in files written
    before, whose line numbers tests and baselines refer to.

    Ids come from the questions and are unique within the file and against ``taken``, the
    ids that other files of the FAQ already use. Entries are written as found,
    so an unanswered question gives ``answer: ''``; the schema rejects that on purpose, so the
    audit reports it instead of the import hiding it.

    Raises ValueError for input that could never make a valid file: no entries, a blank
    category, or a ``schema_ref`` that would break out of its comment line. Raises
    OutputTooLargeError when the text, encoded as UTF-8, would exceed ``max_bytes``: at once
    when the text alone is too long, otherwise as soon as the output grows past it.
    """
    if not entries:
        raise ValueError("no entries to write; a FAQ file needs at least one question")
    if not category.strip():
        raise ValueError("category must not be blank")
    if schema_ref is not None and (not schema_ref.strip() or _LINE_BREAKS.intersection(schema_ref)):
        raise ValueError("schema_ref must be a non-blank single line")
    ids = unique_ids((entry.question for entry in entries), taken=taken)
    parts = [] if schema_ref is None else [f"# yaml-language-server: $schema={schema_ref}\n"]
    head = {"category": category, **({"description": description} if description else {})}
    parts += [_dump(head), "entries:\n"]
    size = sum(len(part.encode("utf-8")) for part in parts)
    if max_bytes is not None:
        # Every character takes at least a byte in the file: no need to write what cannot fit.
        least = size + sum(
            _ENTRY_OVERHEAD + len(entry_id) + len(entry.question) + max(len(entry.answer), 1)
            for entry_id, entry in zip(ids, entries, strict=True)
        )
        if least > max_bytes:
            raise OutputTooLargeError(max_bytes)
    previous: dict[str, str] | None = None
    for batch in _batches(entries, ids):
        # A blank line between entries, as in the bundled files: "  - id: " starts a line
        # only where an entry starts, since the text of a block scalar is indented deeper.
        pieces = _LINE_START.sub("  ", _dump(batch)).split(_ENTRY_START)
        text = pieces[0]
        for entry, piece in zip(batch, pieces[1:], strict=False):  # the entry before a piece
            text += _between(entry, spaced) + piece
        if previous is not None:
            text = _between(previous, spaced).removesuffix(_ENTRY_START) + text
        previous = batch[-1]
        size += len(text.encode("utf-8"))
        if max_bytes is not None and size > max_bytes:
            raise OutputTooLargeError(max_bytes)
        parts.append(text)
    return "".join(parts)

"""Findings grouped by entry, each with the sentence it is about and its words marked.

A finding knows its line and column in the file; the sentence is found by
asking the entry's text fields where their sentences stand (the same mapping
the rules used to place the finding), so a folded or quoted answer highlights
the right words too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from audit.model import Corpus, Entry, Finding, Position, TextField
from audit.report.model import EntryFindings, FindingItem, Highlight

FIELDS = ("question", "answer")


def by_entry(corpus: Corpus, findings: Iterable[Finding]) -> tuple[EntryFindings, ...]:
    """The findings, one group per entry in file order, then one per file for the rest."""
    entries = {(e.path, e.id): e for e in corpus.entries if e.id is not None}
    groups: dict[tuple[str, str | None], list[FindingItem]] = {}
    heads: dict[tuple[str, str | None], tuple[str | None, str]] = {}
    for finding in findings:
        p = finding.position
        entry = entries.get((p.path, finding.entry)) if finding.entry else None
        key = (p.path, finding.entry if entry else None)
        if key not in heads:
            where = f"{entry.path}:{entry.position.line}" if entry else p.path
            heads[key] = (entry.question if entry else None, where)
        groups.setdefault(key, []).append(_item(finding, entry))
    order = {key: n for n, key in enumerate((e.path, e.id) for e in corpus.entries)}
    keys = sorted(groups, key=lambda k: (k[1] is None, order.get(k, len(order)), k[0]))
    return tuple(EntryFindings(key[1], *heads[key], tuple(groups[key])) for key in keys)


def _item(finding: Finding, entry: Entry | None) -> FindingItem:
    p = finding.position
    field, highlight = _highlight(entry, p) if entry else (None, None)
    related = tuple(f"{r.position.path}:{r.position.line}: {r.message}" for r in finding.related)
    return FindingItem(
        finding.rule,
        str(finding.severity),
        finding.message,
        f"{p.path}:{p.line}:{p.column}",
        field,
        highlight,
        related,
    )


def _highlight(entry: Entry, at: Position) -> tuple[str | None, Highlight | None]:
    for name in FIELDS:
        text = entry.texts.get(name)
        if text is None or not text.value:
            continue
        found = _span(text, at)
        if found is not None:
            start, end = found
            sentence = next(
                (s for s in text.sentences() if s.start <= start < max(s.end, s.start + 1)),
                None,
            )
            lo, hi = (sentence.start, sentence.end) if sentence else (start, end)
            lo, hi = min(lo, start), max(hi, end)
            value = text.value
            return name, Highlight(value[lo:start], value[start:end], value[end:hi])
    return None, None


def _span(text: TextField, at: Position) -> tuple[int, int] | None:
    """The value's characters the finding covers, or None when it is not in this field."""
    value = text.value
    target = (at.line, at.column)
    first, last = text.position_of(0), text.position_of(len(value))
    if not (first.line, first.column) <= target <= (last.line, last.column):
        return None
    start = _index(text, target, 0)
    if start is None:
        return None
    end = None
    if at.end_line is not None and at.end_column is not None:
        end = _index(text, (at.end_line, at.end_column), start)
    if end is None or end == start:  # a point: mark the word there
        return start, _word_end(value, start)
    return start, end


def _index(text: TextField, target: tuple[int, int], low: int) -> int | None:
    """The value index that stands at `target` in the file (positions grow with the index)."""
    indexes = range(low, len(text.value) + 1)
    found = bisect_left(indexes, target, key=lambda i: _at(text, i))
    if found < len(indexes) and _at(text, indexes[found]) == target:
        return indexes[found]
    return None


def _at(text: TextField, index: int) -> tuple[int, int]:
    p = text.position_of(index)
    return (p.line, p.column)


def _word_end(value: str, start: int) -> int:
    end = start
    while end < len(value) and not value[end].isspace():
        end += 1
    return max(end, min(len(value), start + 1))

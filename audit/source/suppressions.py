"""Inline suppressions: `# faq-audit: ignore[rule-id, …] reason`.

A comment at the end of a line silences those rules on that line. A comment on
a line of its own silences them for the entry whose text follows it; before the
first entry, with no entry right after it, for the whole file. A comment after
the last entry covers nothing: read as "the whole file", a note left at the end
of a file would silently hide every later finding of its rule. A suppression
that silences nothing is reported by the core, so that stale ones do not pile
up (ruff's RUF100).

Parsing and matching cost time in proportion to the file and the findings, never
to comments times values: a file of 8,000 entries, each with its comment, took
37 s when every comment was compared with every value and every finding with
every comment.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from audit.model import Entry, Position, Suppression

MARKER = "faq-audit:"
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*faq-audit:\s*ignore\[([^\]]*)\]\s*(.*)$")
_WHOLE_FILE = 10**9
NOWHERE = (0, -1)  # the scope of a comment after the last entry: no line at all


def parse(
    text: str, path: str, entries: Sequence[Entry], scalar_spans: Sequence[tuple[int, int]]
) -> tuple[Suppression, ...]:
    if MARKER not in text:  # the common case costs one substring search
        return ()
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    in_value = _Spans(scalar_spans)
    scope = _Scopes(lines, entries)
    found: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if MARKER not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        if in_value(offsets[number - 1] + match.start()):
            continue  # the text of a value, not a comment
        rules = tuple(r.strip() for r in match.group(1).split(",") if r.strip())
        position = Position(path, number, match.start() + 1, number, len(line) + 1)
        if line[: match.start()].strip():
            first, last = number, number
        else:
            first, last = scope(number)
        found.append(Suppression(rules, match.group(2).strip(), position, first, last))
    return tuple(found)


class _Spans:
    """Whether an offset falls inside one of the values' spans, by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _end in ordered]
        self._reach: list[int] = []  # the furthest end of the spans so far
        furthest = -1
        for _start, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def __call__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._reach[index]


class _Scopes:
    """The lines a comment on a line of its own covers: the entry that the next
    line of content belongs to; else the whole file if no entry comes before it,
    and nothing if one does."""

    def __init__(self, lines: list[str], entries: Sequence[Entry]) -> None:
        self._entries = entries
        self._starts = [e.position.line for e in entries]
        # For each line, the first line from it on that is content (not blank, not a
        # comment), found in one pass from the end; len(lines) + 1 when there is none.
        self._content = [0] * (len(lines) + 2)
        following = len(lines) + 1
        self._content[following] = following
        for number in range(len(lines), 0, -1):
            stripped = lines[number - 1].strip()
            if stripped and not stripped.startswith("#"):
                following = number
            self._content[number] = following

    def __call__(self, number: int) -> tuple[int, int]:
        following = self._content[number + 1]
        starts = self._starts
        index = bisect_right(starts, following) - 1
        if index >= 0:
            entry = self._entries[index]
            last = starts[index + 1] - 1 if index + 1 < len(starts) else entry.position.end_line
            if last is not None and following <= last:
                return starts[index], last
        if self._starts and self._starts[0] < number:
            return NOWHERE
        return 1, _WHOLE_FILE

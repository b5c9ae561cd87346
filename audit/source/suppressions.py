"""Inline suppressions: `# faq-audit: ignore[rule-id, …] reason`.

A comment at the end of a line silences those rules on that line. A comment on
a line of its own silences them for the entry whose text follows it, or for the
whole file when no entry follows. A suppression that silences nothing is
reported by the core, so that stale ones do not pile up (ruff's RUF100).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from audit.model import Entry, Position, Suppression

MARKER = "faq-audit:"
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*faq-audit:\s*ignore\[([^\]]*)\]\s*(.*)$")
_WHOLE_FILE = 10**9


def parse(
    text: str, path: str, entries: Sequence[Entry], scalar_spans: Sequence[tuple[int, int]]
) -> tuple[Suppression, ...]:
    if MARKER not in text:  # the common case costs one substring search
        return ()
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    found: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if MARKER not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        offset = offsets[number - 1] + match.start()
        if any(start <= offset < end for start, end in scalar_spans):
            continue  # the text of a value, not a comment
        rules = tuple(r.strip() for r in match.group(1).split(",") if r.strip())
        position = Position(path, number, match.start() + 1, number, len(line) + 1)
        if line[: match.start()].strip():
            first, last = number, number
        else:
            first, last = _scope(lines, number, entries)
        found.append(Suppression(rules, match.group(2).strip(), position, first, last))
    return tuple(found)


def _scope(lines: list[str], number: int, entries: Sequence[Entry]) -> tuple[int, int]:
    """The lines of the entry that the next line of content belongs to, else the whole file."""
    following = number + 1
    while following <= len(lines):
        stripped = lines[following - 1].strip()
        if stripped and not stripped.startswith("#"):
            break
        following += 1
    starts = [e.position.line for e in entries]
    index = bisect_right(starts, following) - 1
    if index >= 0:
        entry = entries[index]
        last = starts[index + 1] - 1 if index + 1 < len(starts) else entry.position.end_line
        if last is not None and following <= last:
            return starts[index], last
    return 1, _WHOLE_FILE

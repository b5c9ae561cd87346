"""Text fields that remember where each of their characters came from.

A finding about a sentence must point at the line that sentence is on, even
inside a folded or quoted multi-line scalar, where the value's characters and
the file's characters no longer line up one to one. Mapping is done lazily,
on demand, because a run over 100,000 entries needs it only for a few findings.

The map is exact: the scalar's source is read again the way YAML reads it, and
every value character is tied to the source characters that produced it (an
escape such as `\\x41` or `\\ `, a quote written twice, a folded line break).
A fix may replace only characters that stand in the file as themselves, and
only with text that YAML reads back as that text, of the same type.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from audit.model import Fix, Position, Sentence
from audit.source.scalar_edits import (
    keeps_line_shape,
    plain_stays_plain,
    printable_in_style,
    stays_text,
)
from audit.source.scalar_map import BREAKS, SourceMap, source_map
from audit.text.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class ScalarText:
    """A YAML string scalar: its value, its style and where it stands in the source."""

    value: str
    style: str  # "" plain, "'" or '"' quoted, "|" literal, ">" folded
    path: str
    source: str
    start: int  # character offset of the scalar (including anchor, tag, quotes or header)
    end: int
    line: int  # 1-based line and column of `start`
    column: int

    def __reduce__(self) -> tuple[type[ScalarText], tuple[str, str, str, str, int, int, int, int]]:
        # Worker processes send every entry's scalars back pickled; a frozen dataclass's
        # own pickling calls `fields()` for each one, twice the cost of this.
        where = (self.start, self.end, self.line, self.column)
        return (ScalarText, (self.value, self.style, self.path, self.source, *where))

    def position_of(self, index: int, length: int = 0) -> Position:
        """Where the value's character `index` stands in the file (and its end, given a length)."""
        start, end = self._source_range(index, length)
        sl, sc = self._line_col(start)
        el, ec = self._line_col(end)
        return Position(self.path, sl, sc, el, ec)

    def fix(self, index: int, length: int, replacement: str, description: str) -> Fix | None:
        """A fix replacing the value's characters `index:index+length`, if that is safe.

        Safe means the span stands in the file exactly as in the value (not
        folded across lines, no escapes), the replacement reads back as itself
        in this scalar's style and place (no new comment, key or indicator, no
        white space YAML would strip), and the value stays text: a plain
        answer that would read as a number, a boolean or null is put in quotes
        when that is certain, and otherwise gets no fix. A person decides.
        """
        span = self.source_span(index, length)
        mapped = source_map(self.source, self.start, self.end, self.style, self.value)
        if span is None or mapped is None or not printable_in_style(replacement, self.style):
            return None
        if not keeps_line_shape(self.source, mapped, span, replacement):
            return None
        if self.style == "":
            if not plain_stays_plain(self, mapped, index, length, span, replacement):
                return None
            if not mapped.tagged and not stays_text(self.value, index, length, replacement):
                return self._quoted(mapped, index, length, replacement, description)
        return Fix(self.position_of(index, length), span[0], span[1], replacement, description)

    def source_span(self, index: int, length: int) -> tuple[int, int] | None:
        """The file offsets of a value span, when the file holds those very characters.

        Every character of the span must stand in the file as itself, one to
        one and side by side: a character an escape produced, a quote written
        twice or a folded line break makes the span unsafe to replace.
        """
        if length <= 0 or index < 0 or index + length > len(self.value):
            return None
        mapped = source_map(self.source, self.start, self.end, self.style, self.value)
        if mapped is None:
            return None
        begin = mapped.starts[index]
        for k in range(index, index + length):
            if mapped.starts[k] != begin + (k - index) or not mapped.literal(k):
                return None
        return begin, begin + length

    def sentences(self) -> tuple[Sentence, ...]:
        """The value's sentences with their spans (split once, for every rule that asks)."""
        return split_sentences(self.value)

    def _quoted(
        self, mapped: SourceMap, index: int, length: int, replacement: str, description: str
    ) -> Fix | None:
        """The fix as the whole scalar in single quotes, when the plain scalar is one line.

        On one line a plain scalar's source is its value, character for
        character, so the quoted text reads back as exactly the fixed value.
        """
        token, end = mapped.token, self.end
        if self.source[token:end] != self.value or BREAKS.search(self.source, token, end):
            return None
        fixed = self.value[:index] + replacement + self.value[index + length :]
        quoted = "'" + fixed.replace("'", "''") + "'"
        where = self.position_of(0, len(self.value))
        why = f"{description}, in quotes so that YAML still reads it as text"
        return Fix(where, token, end, quoted, why)

    def _source_range(self, index: int, length: int) -> tuple[int, int]:
        """The file offsets that produce the value's characters `index:index+length`."""
        mapped = source_map(self.source, self.start, self.end, self.style, self.value)
        if mapped is None:
            offsets = _alignment(
                self.source, self._content_start(), self.end, self.style, self.value
            )
            first = _legacy_offset(offsets, index, self.start)
            last = _legacy_offset(offsets, index + length - 1, self.start) + 1
            return first, last if length > 0 else first
        if not mapped.starts:
            return mapped.token, mapped.token
        if index >= len(self.value):
            return mapped.ends[-1], mapped.ends[-1]
        first = mapped.starts[index]
        if length <= 0:
            return first, first
        return first, mapped.ends[min(index + length, len(self.value)) - 1]

    def _line_col(self, offset: int) -> tuple[int, int]:
        src = self.source
        if offset < self.start:
            offset = self.start
        breaks = _line_breaks(src, self.start, max(self.end, offset))
        newlines = bisect_left(breaks, offset)  # the line breaks before `offset`
        if newlines == 0:
            return self.line, self.column + (offset - self.start)
        return self.line + newlines, offset - breaks[newlines - 1]

    def _content_start(self) -> int:
        if self.style in ("|", ">"):
            breaks = _BREAK.search(self.source, self.start, self.end)
            return self.end if breaks is None else breaks.end()
        if self.style in ("'", '"'):
            return self.start + 1
        return self.start


@lru_cache(maxsize=256)
def _line_breaks(source: str, start: int, end: int) -> tuple[int, ...]:
    """The offsets of the line breaks of a scalar, found once per scalar.

    Counting them afresh for every finding made a long answer with thousands
    of findings quadratic (a line of 26,000 doubled spaces: 1.7 s of counting).
    """
    if "\r" not in source:
        found = []
        at = source.find("\n", start, end)
        while at >= 0:
            found.append(at)
            at = source.find("\n", at + 1, end)
        return tuple(found)
    # A lone CR ends a line too (old Mac files), as YAML and editors read it: each break
    # is counted at its last character, so a column is counted from just after it.
    return tuple(match.end() - 1 for match in _BREAK.finditer(source, start, end))


_BREAK = re.compile(r"\r\n?|\n")


# --------------------------------------------------------------------------- the source map


@lru_cache(maxsize=256)
def _alignment(source: str, begin: int, end: int, style: str, value: str) -> tuple[int, ...]:
    """A best-effort file offset of every value character, for positions only.

    Used when the exact map cannot be made (a construct the re-reading does
    not follow): non-space characters stand in the file in order, with only
    white space, line breaks and escapes between them. Never used for fixes.
    """
    offsets: list[int] = []
    j = begin
    for char in value:
        if char.isspace():
            offsets.append(j)
            continue
        while j < end and source[j] != char:
            if style == '"' and source[j] == "\\":
                code = source[j + 1 : j + 2]
                if code in " \ttnrN_LP":
                    j += 2
                    continue
                if code not in ("\n", "\r"):
                    break
            if not source[j].isspace() and source[j] != "\\":
                j = end
                break
            j += 1
        if j >= end:
            offsets += [-1] * (len(value) - len(offsets))
            break
        offsets.append(j)
        if style == "'" and source.startswith("''", j):
            j += 2
        elif style == '"' and source[j] == "\\":
            j += {"x": 4, "u": 6, "U": 10}.get(source[j + 1 : j + 2], 2)
        else:
            j += 1
    return tuple(offsets)


def _legacy_offset(offsets: tuple[int, ...], index: int, fallback: int) -> int:
    if not offsets:
        return fallback
    offset = offsets[min(max(index, 0), len(offsets) - 1)]
    return fallback if offset < 0 else offset

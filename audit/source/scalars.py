"""Text fields that remember where each of their characters came from.

A finding about a sentence must point at the line that sentence is on, even
inside a folded or quoted multi-line scalar, where the value's characters and
the file's characters no longer line up one to one. Mapping is done lazily,
on demand, because a run over 100,000 entries needs it only for a few findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from audit.model import Fix, Position, Sentence

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets)
# followed by white space; paragraphs also end sentences.
_SENTENCE_END = re.compile("[.!?]+[\"'\u201d\u2019)\\]]*(?=\\s)|\n\\s*\n")


@dataclass(frozen=True, slots=True)
class ScalarText:
    """A YAML string scalar: its value, its style and where it stands in the source."""

    value: str
    style: str  # "" plain, "'" or '"' quoted, "|" literal, ">" folded
    path: str
    source: str
    start: int  # character offset of the scalar (including quotes or header)
    end: int
    line: int  # 1-based line and column of `start`
    column: int

    def position_of(self, index: int, length: int = 0) -> Position:
        """Where the value's character `index` stands in the file (and its end, given a length)."""
        start = self._offset_of(index)
        end = self._offset_of(index + length - 1) + 1 if length > 0 else start
        sl, sc = self._line_col(start)
        el, ec = self._line_col(end)
        return Position(self.path, sl, sc, el, ec)

    def fix(self, index: int, length: int, replacement: str, description: str) -> Fix | None:
        """A fix replacing the value's characters `index:index+length`, if that is safe.

        Safe means the span stands in the file exactly as in the value (not
        folded across lines, no escapes), and the replacement means the same
        in this scalar's style. Otherwise there is no fix: a person decides.
        """
        span = self.source_span(index, length)
        if span is None or not _safe_in_style(replacement, self.style):
            return None
        return Fix(self.position_of(index, length), span[0], span[1], replacement, description)

    def source_span(self, index: int, length: int) -> tuple[int, int] | None:
        """The file offsets of a value span, when the file holds those very characters."""
        value, src = self.value, self.source
        if length <= 0 or index < 0 or index + length > len(value):
            return None
        first, last = index, index + length - 1
        left = first
        while left < len(value) and value[left].isspace():
            left += 1
        right = last
        while right >= 0 and value[right].isspace():
            right -= 1
        if left <= right:  # anchor on the non-space characters, which align one to one
            start = self._offset_of(left) - (left - first)
            end = self._offset_of(right) + 1 + (last - right)
        else:  # all white space: anchor on the characters around it
            before = first - 1
            if before < 0 or value[before].isspace():
                return None
            start = self._offset_of(before) + 1
            end = start + length
        if start < self.start or end > self.end or src[start:end] != value[first : last + 1]:
            return None
        return start, end

    def sentences(self) -> tuple[Sentence, ...]:
        """The value's sentences with their spans (split once, for every rule that asks)."""
        return split_sentences(self.value)

    def _line_col(self, offset: int) -> tuple[int, int]:
        src = self.source
        newlines = src.count("\n", self.start, offset)
        if newlines == 0:
            return self.line, self.column + (offset - self.start)
        return self.line + newlines, offset - src.rfind("\n", self.start, offset)

    def _offset_of(self, index: int) -> int:
        """The file offset of the value's character `index` (see `_alignment`)."""
        offsets = _alignment(self.source, self._content_start(), self.end, self.style, self.value)
        if index >= len(offsets):
            return offsets[-1] if offsets else self.start
        offset = offsets[index]
        return self.start if offset < 0 else offset

    def _content_start(self) -> int:
        if self.style in ("|", ">"):
            newline = self.source.find("\n", self.start, self.end)
            return self.end if newline < 0 else newline + 1
        if self.style in ("'", '"'):
            return self.start + 1
        return self.start


# Escapes in double-quoted scalars that stand for white space (YAML 1.1, 5.7).
_SPACE_ESCAPES = frozenset(" \ttnrN_LP")


@lru_cache(maxsize=1024)
def split_sentences(value: str) -> tuple[Sentence, ...]:
    found: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(value):
        end = match.end() if not match.group().isspace() else match.start()
        found += _sentence(value, start, end)
        start = match.end()
    found += _sentence(value, start, len(value))
    return tuple(found)


@lru_cache(maxsize=256)
def _alignment(source: str, begin: int, end: int, style: str, value: str) -> tuple[int, ...]:
    """The file offset of every value character, skipping what YAML folds away.

    Non-space characters stand in the file in order, with only white space,
    line breaks and escapes between them; a space of the value maps to where
    the next character would be. Computed once per scalar (a rule asking for
    many positions in one long answer pays once), -1 where alignment failed.
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
                if code in _SPACE_ESCAPES:
                    j += 2  # an escape that produced white space, already skipped
                    continue
                if code not in ("\n", "\r"):
                    break  # an escape sequence produced this character
            if not source[j].isspace() and source[j] != "\\":
                j = end  # unexpected: give up on the rest
                break
            j += 1
        if j >= end:
            offsets += [-1] * (len(value) - len(offsets))
            break
        offsets.append(j)
        j += _width(source, j, style)
    return tuple(offsets)


def _safe_in_style(replacement: str, style: str) -> bool:
    """Whether the replacement reads back as itself inside a scalar of this style."""
    if "\n" in replacement or "\r" in replacement:
        return False
    if style == '"':
        return '"' not in replacement and "\\" not in replacement
    if style == "'":
        return "'" not in replacement
    if style == "":
        return not (": " in replacement or " #" in replacement or replacement.endswith(":"))
    return True


def _width(src: str, j: int, style: str) -> int:
    """How many source characters produce one value character at `j`."""
    if style == "'" and src.startswith("''", j):
        return 2
    if style == '"' and src[j] == "\\":
        code = src[j + 1 : j + 2]
        return {"x": 4, "u": 6, "U": 10}.get(code, 2)
    return 1


def _sentence(value: str, start: int, end: int) -> Iterator[Sentence]:
    chunk = value[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield Sentence(stripped, start + lead, start + lead + len(stripped))

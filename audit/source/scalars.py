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
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import yaml

from audit.model import Fix, Position, Sentence
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
        mapped = _source_map(self.source, self.start, self.end, self.style, self.value)
        if span is None or mapped is None or not _printable_in_style(replacement, self.style):
            return None
        if not _keeps_line_shape(self.source, mapped, span, replacement):
            return None
        if self.style == "":
            if not _plain_stays_plain(self, mapped, index, length, span, replacement):
                return None
            if not mapped.tagged and not _stays_text(self.value, index, length, replacement):
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
        mapped = _source_map(self.source, self.start, self.end, self.style, self.value)
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
        self, mapped: _SourceMap, index: int, length: int, replacement: str, description: str
    ) -> Fix | None:
        """The fix as the whole scalar in single quotes, when the plain scalar is one line.

        On one line a plain scalar's source is its value, character for
        character, so the quoted text reads back as exactly the fixed value.
        """
        token, end = mapped.token, self.end
        if self.source[token:end] != self.value or _BREAKS.search(self.source, token, end):
            return None
        fixed = self.value[:index] + replacement + self.value[index + length :]
        quoted = "'" + fixed.replace("'", "''") + "'"
        where = self.position_of(0, len(self.value))
        why = f"{description}, in quotes so that YAML still reads it as text"
        return Fix(where, token, end, quoted, why)

    def _source_range(self, index: int, length: int) -> tuple[int, int]:
        """The file offsets that produce the value's characters `index:index+length`."""
        mapped = _source_map(self.source, self.start, self.end, self.style, self.value)
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
        if offset > self.end:  # not expected; counted the slow way
            newlines = src.count("\n", self.start, offset)
            if newlines == 0:
                return self.line, self.column + (offset - self.start)
            return self.line + newlines, offset - src.rfind("\n", self.start, offset)
        breaks = _line_breaks(src, self.start, self.end)
        newlines = bisect_left(breaks, offset)  # the line breaks before `offset`
        if newlines == 0:
            return self.line, self.column + (offset - self.start)
        return self.line + newlines, offset - breaks[newlines - 1]

    def _content_start(self) -> int:
        if self.style in ("|", ">"):
            newline = self.source.find("\n", self.start, self.end)
            return self.end if newline < 0 else newline + 1
        if self.style in ("'", '"'):
            return self.start + 1
        return self.start


@lru_cache(maxsize=256)
def _line_breaks(source: str, start: int, end: int) -> tuple[int, ...]:
    """The offsets of the line breaks of a scalar, found once per scalar.

    Counting them afresh for every finding made a long answer with thousands
    of findings quadratic (a line of 26,000 doubled spaces: 1.7 s of counting).
    """
    found = []
    at = source.find("\n", start, end)
    while at >= 0:
        found.append(at)
        at = source.find("\n", at + 1, end)
    return tuple(found)


# --------------------------------------------------------------------------- the source map

# What YAML reads as a line break (each is one break; \r\n is one too).
_BREAK_CHARS = "\r\n\x85\u2028\u2029"
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")
_BLANKS = " \t"
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True, slots=True)
class _SourceMap:
    """For every value character, the file offsets `starts[i]:ends[i]` that produced it."""

    source: str
    value: str
    starts: array[int]
    ends: array[int]
    token: int  # where the scalar itself starts, after its anchor and tag
    content: tuple[int, int]  # the file offsets of the scalar's content (inside quotes)
    tagged: bool  # an explicit tag (`!!str`, `!`): the value is text whatever it looks like
    breaks: tuple[int, ...]  # the line breaks in the content, for the lines of many fixes
    in_block: bool  # the value holds a comma or bracket, so it is not in a flow collection

    def literal(self, index: int) -> bool:
        """Whether the character stands in the file as itself (not escaped, folded or doubled)."""
        at = self.starts[index]
        char = self.value[index]
        return self.ends[index] == at + 1 and self.source[at] == char and char not in _BREAK_CHARS


class _Unmapped(Exception):
    """The scalar is not read the way this module expects; no exact map, so no fix."""


class _Builder:
    """Collects value characters and their source ranges while a scalar is re-read."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts = array("q")
        self.ends = array("q")

    def literal(self, src: str, begin: int, end: int) -> None:
        self.chars.append(src[begin:end])
        self.starts.extend(range(begin, end))
        self.ends.extend(range(begin + 1, end + 1))

    def made(self, text: str, begin: int, end: int) -> None:
        """Characters produced by source that is not them: an escape, a fold, a line break."""
        self.chars.append(text)
        self.starts.extend([begin] * len(text))
        self.ends.extend([end] * len(text))

    def text(self) -> str:
        return "".join(self.chars)


@lru_cache(maxsize=64)  # a rule asks about one scalar at a time; long ones weigh megabytes
def _source_map(source: str, start: int, end: int, style: str, value: str) -> _SourceMap | None:
    """Re-read the scalar as YAML does, keeping where each character came from.

    The result is checked against the value YAML produced; any difference (an
    odd construct this reading does not follow) gives no map, and so no fix.
    Computed once per scalar: a rule asking for many spans in one long answer
    pays once.
    """
    token, tagged = _after_properties(source, start, end)
    built: _Builder | None
    try:
        if style == "":
            built, content = _read_plain(source, token, end), (token, end)
        elif style in ("'", '"'):
            built, content = _read_quoted(source, token, style), (token + 1, end - 1)
        elif style in ("|", ">"):
            built, content = _read_block(source, token, end, style, value)
        else:
            return None
    except (_Unmapped, IndexError, ValueError):
        return None
    if built is None or built.text() != value:
        return None
    breaks = tuple(found.start() for found in _BREAKS.finditer(source, *content))
    in_block = any(char in value for char in _FLOW)
    return _SourceMap(
        source, value, built.starts, built.ends, token, content, tagged, breaks, in_block
    )


def _after_properties(src: str, start: int, end: int) -> tuple[int, bool]:
    """Where the scalar itself begins: after an anchor (`&a`) and a tag (`!!str`), if any."""
    j, tagged = start, False
    while j < end and src[j] in "&!":
        tagged = tagged or src[j] == "!"
        if src.startswith("!<", j):
            j = src.index(">", j) + 1
        while j < end and src[j] not in " \t" + _BREAK_CHARS:
            j += 1
        while j < end:  # white space, line breaks and comments between the parts
            if src[j] in " \t" + _BREAK_CHARS:
                j += 1
            elif src[j] == "#":
                found = _BREAKS.search(src, j, end)
                j = found.start() if found else end
            else:
                break
    return j, tagged


def _line_break(src: str, j: int) -> tuple[str, int]:
    """The break at `j` as YAML reads it, and where the next line starts."""
    if src.startswith("\r\n", j):
        return "\n", j + 2
    char = src[j]
    return ("\n" if char in "\r\n\x85" else char), j + 1


def _fold(src: str, j: int, end: int, out: _Builder, *, escaped_at: int = -1) -> int:
    """Read the white space and line breaks at `j` in a plain or quoted scalar.

    Spaces on one line are kept; a line break and the indentation after it
    become one space, or the empty lines' breaks. After an escaped line break
    (a backslash ending the line, at `escaped_at`), only the empty lines'
    breaks are kept.
    """
    escaped = escaped_at >= 0
    begin = escaped_at if escaped else j
    k = j
    while k < end and src[k] in _BLANKS:
        k += 1
    if escaped or (k < end and src[k] in _BREAK_CHARS):
        first = ""
        if not escaped:
            first, k = _line_break(src, k)
        breaks = []
        while True:
            while k < end and src[k] in _BLANKS:
                k += 1
            if k < end and src[k] in _BREAK_CHARS:
                found, k = _line_break(src, k)
                breaks.append(found)
            else:
                break
        if first == "\n" and not breaks:
            out.made(" ", begin, k)
        else:  # a "\n" break is dropped before empty lines; U+2028 and U+2029 stay
            out.made(("" if first == "\n" else first) + "".join(breaks), begin, k)
        return k
    out.literal(src, begin, k)
    return k


def _read_plain(src: str, token: int, end: int) -> _Builder:
    out = _Builder()
    j = token
    while j < end:
        if src[j] in _BLANKS or src[j] in _BREAK_CHARS:
            j = _fold(src, j, end, out)
            continue
        k = j
        while k < end and src[k] not in _BLANKS and src[k] not in _BREAK_CHARS:
            k += 1
        out.literal(src, j, k)
        j = k
    return out


def _read_quoted(src: str, token: int, quote: str) -> _Builder:
    out = _Builder()
    double = quote == '"'
    if src[token] != quote:
        raise _Unmapped
    j = token + 1
    while True:
        char = src[j]
        if char == quote:
            if not double and src.startswith("''", j):
                out.made("'", j, j + 2)
                j += 2
                continue
            return out
        if double and char == "\\":
            code = src[j + 1]
            if code in _ESCAPES:
                out.made(_ESCAPES[code], j, j + 2)
                j += 2
            elif code in _HEX_ESCAPES:
                digits = src[j + 2 : j + 2 + _HEX_ESCAPES[code]]
                if len(digits) != _HEX_ESCAPES[code] or not set(digits) <= _HEX:
                    raise _Unmapped
                out.made(chr(int(digits, 16)), j, j + 2 + len(digits))
                j += 2 + len(digits)
            elif code in _BREAK_CHARS:
                _, after = _line_break(src, j + 1)
                j = _fold(src, after, len(src), out, escaped_at=j)
            else:
                raise _Unmapped
        elif char in _BLANKS or char in _BREAK_CHARS:
            j = _fold(src, j, len(src), out)
        else:
            k = j
            while src[k] not in _BLANKS and src[k] not in _BREAK_CHARS and src[k] not in "'\"\\":
                k += 1
            if k == j:  # the other quote, or a backslash in single quotes
                k = j + 1
            out.literal(src, j, k)
            j = k


def _read_block(
    src: str, token: int, end: int, style: str, value: str
) -> tuple[_Builder | None, tuple[int, int]]:
    """A literal (|) or folded (>) block scalar, read line by line."""
    j = token + 1
    chomping, increment = "clip", 0
    while j < len(src) and src[j] in "+-123456789":
        if src[j] in "+-":
            chomping = "keep" if src[j] == "+" else "strip"
        else:
            increment = int(src[j])
        j += 1
    found = _BREAKS.search(src, j)
    if found is None:
        return _Builder(), (len(src), len(src))
    _, body = _line_break(src, found.start())
    if increment:
        line_start = src.rfind("\n", 0, token) + 1
        for parent in range(-1, token - line_start):
            built = _read_block_body(src, body, max(parent + 1, 1) + increment - 1, style, chomping)
            if built.text() == value:
                return built, (body, end)
        return None, (body, end)
    # The first line that is not blank sets the indentation.
    k, indent, line_start = body, 0, body
    while k < len(src) and (src[k] == " " or src[k] in _BREAK_CHARS):
        if src[k] == " ":
            k += 1
            indent = max(indent, k - line_start)
        else:
            _, k = _line_break(src, k)
            line_start = k
    return _read_block_body(src, body, max(indent, 1), style, chomping), (body, end)


def _read_block_body(src: str, body: int, indent: int, style: str, chomping: str) -> _Builder:
    out = _Builder()
    size = len(src)

    def skip_indent(k: int, line_start: int) -> int:
        while k < size and k - line_start < indent and src[k] == " ":
            k += 1
        return k

    def read_breaks(k: int) -> tuple[int, int, list[tuple[str, int, int]]]:
        """Empty lines: their breaks, and where the next line's content starts."""
        line_start = k
        breaks: list[tuple[str, int, int]] = []
        k = skip_indent(k, line_start)
        while k < size and src[k] in _BREAK_CHARS:
            found, after = _line_break(src, k)
            breaks.append((found, k, after))
            k = line_start = after
            k = skip_indent(k, line_start)
        return k, line_start, breaks

    j, line_start, breaks = read_breaks(body)
    line_break: tuple[str, int, int] | None = None
    while j - line_start == indent and j < size:
        for found, b, e in breaks:
            out.made(found, b, e)
        leading_blank = src[j] in _BLANKS
        k = j
        while k < size and src[k] not in _BREAK_CHARS:
            k += 1
        out.literal(src, j, k)
        if k < size:
            found, after = _line_break(src, k)
            line_break = (found, k, after)
        else:
            line_break, after = None, k
        j, line_start, breaks = read_breaks(after)
        if j - line_start == indent and j < size and line_break is not None:
            found, b, e = line_break
            if style == ">" and found == "\n" and not leading_blank and src[j] not in _BLANKS:
                if not breaks:
                    out.made(" ", b, e)
            else:
                out.made(found, b, e)
        else:
            break
    if chomping != "strip" and line_break is not None:
        out.made(*line_break)
    if chomping == "keep":
        for found, b, e in breaks:
            out.made(found, b, e)
    return out


# --------------------------------------------------------------------------- what a fix may do

# Characters YAML allows in a document at all (YAML 1.1, 5.1), less the line breaks.
_NOT_PRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_STARTS_KEY = re.compile(":[ \t\r\n\x85\u2028\u2029]")
_STARTS_COMMENT = re.compile("[ \t\r\n\x85\u2028\u2029]#")
_FLOW = ",[]{}"


def _printable_in_style(replacement: str, style: str) -> bool:
    """Whether the replacement reads back as itself inside a scalar of this style."""
    if _NOT_PRINTABLE.search(replacement):
        return False  # a line break, a tab, a control character, a byte-order mark
    if style == '"':
        return '"' not in replacement and "\\" not in replacement
    if style == "'":
        return "'" not in replacement
    return True


def _keeps_line_shape(src: str, mapped: _SourceMap, span: tuple[int, int], text: str) -> bool:
    """Whether the line keeps its leading and trailing white space and stays non-empty.

    YAML strips white space at the ends of the lines of a plain or quoted
    scalar and reads indentation in a block scalar; a fix that adds or
    removes white space there, or empties a line, changes what YAML reads.
    """
    start, end = span
    low, high = mapped.content
    breaks = mapped.breaks
    at = bisect_left(breaks, start)
    begin = breaks[at - 1] + 1 if at > 0 else low
    at = bisect_left(breaks, end)
    stop = breaks[at] if at < len(breaks) else high
    lead = _blank_run(src, begin, stop)
    trail = _blank_run_back(src, stop, begin)
    if start <= begin + lead:  # the fix starts within the line's leading white space
        rest = _blank_run(src, end, stop)
        if text.strip(_BLANKS):
            new_lead = (start - begin) + len(text) - len(text.lstrip(_BLANKS))
        elif rest == stop - end:
            return begin + lead == stop  # the line would be empty (or was blank already)
        else:
            new_lead = (start - begin) + len(text) + rest
        if new_lead != lead:
            return False
    if end >= stop - trail:  # the fix ends within the line's trailing white space
        if text.strip(_BLANKS):
            new_trail = (stop - end) + len(text) - len(text.rstrip(_BLANKS))
        else:
            new_trail = (stop - end) + len(text) + _blank_run_back(src, start, begin)
        if new_trail != trail:
            return False
    return True


def _blank_run(src: str, at: int, stop: int) -> int:
    k = at
    while k < stop and src[k] in _BLANKS:
        k += 1
    return k - at


def _blank_run_back(src: str, at: int, stop: int) -> int:
    k = at
    while k > stop and src[k - 1] in _BLANKS:
        k -= 1
    return at - k


def _plain_stays_plain(
    text: ScalarText,
    mapped: _SourceMap,
    index: int,
    length: int,
    span: tuple[int, int],
    replacement: str,
) -> bool:
    """Whether an unquoted scalar still ends where it did and starts no new structure.

    ": " would start a key and " #" a comment; a value cannot begin with an
    indicator such as "-" or "&"; inside a flow collection ({…} or […]) a
    comma or bracket would end it. A value that already holds a comma or a
    bracket is not inside one.
    """
    src, (start, end) = text.source, span
    left = src[start - 1] if start > mapped.token else ""
    right = src[end] if end < text.end else ""
    window = left + replacement + right
    if _STARTS_KEY.search(window) or _STARTS_COMMENT.search(window):
        return False
    if not right and window.endswith(":"):
        return False
    if any(char in _FLOW for char in replacement) and not mapped.in_block:
        return False
    if index == 0:
        fixed_head = (replacement + text.value[index + length : index + length + 2])[:2]
        if not fixed_head or fixed_head[0] in _BLANKS:
            return False
        if fixed_head[0] in _INDICATORS and not (
            fixed_head[0] in "-?:" and fixed_head[1:2] not in ("", " ", "\t")
        ):
            return False
    return True


# How an unquoted value is typed: by its first character, then a pattern (PyYAML's own).
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
# Longer than this, a value reads as a number or a date only if made of these characters
# (YAML 1.1's booleans and nulls are five characters at most).
_SHORT = 5
_NUMERIC = frozenset("0123456789_+-.:eEbBxXoOabcdfACDFtTzZ \t")
_LONGEST_CHECKED = 1_000


def _stays_text(value: str, index: int, length: int, replacement: str) -> bool:
    """Whether a plain scalar with this fix still reads as text (YAML 1.1, as PyYAML reads it).

    Most values hold a letter that no number or date has, outside the fixed
    span; those are decided without building the new value, so a long answer
    with many fixes costs no more than one.
    """
    size = len(value) - length + len(replacement)
    if size > _SHORT:
        first, last = _non_numeric_bounds(value)
        if first >= 0 and (first < index or last >= index + length):
            return True
        if any(char not in _NUMERIC for char in replacement):
            return True
        if size > _LONGEST_CHECKED:
            return False  # not decided cheaply: no fix rather than a guess
    fixed = value[:index] + replacement + value[index + length :]
    resolvers = _IMPLICIT.get(fixed[:1], []) + _IMPLICIT.get(None, [])
    return not any(pattern.match(fixed) for _tag, pattern in resolvers)


@lru_cache(maxsize=1024)
def _non_numeric_bounds(value: str) -> tuple[int, int]:
    """The first and last index of a character no number or date has (-1, -1 if none)."""
    first = next((i for i, char in enumerate(value) if char not in _NUMERIC), -1)
    if first < 0:
        return -1, -1
    last = next(i for i in range(len(value) - 1, -1, -1) if value[i] not in _NUMERIC)
    return first, last


# --------------------------------------------------------------------------- positions only


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

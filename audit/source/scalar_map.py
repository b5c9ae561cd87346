"""A YAML scalar's source read again the way YAML reads it, character by character.

PyYAML gives a scalar's value and where the scalar starts and ends, not which
source characters produced which value character. Findings inside folded or
quoted text, and fixes that must touch only the characters they name, need
that map: an escape such as `\\x41`, a quote written twice or a folded line
break produces a character that does not stand in the file as itself.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

# What YAML reads as a line break (each is one break; \r\n is one too).
BREAK_CHARS = "\r\n\x85\u2028\u2029"
BREAKS = re.compile("[\r\n\x85\u2028\u2029]")
BLANKS = " \t"
FLOW = ",[]{}"
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True, slots=True)
class SourceMap:
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
        return self.ends[index] == at + 1 and self.source[at] == char and char not in BREAK_CHARS


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
def source_map(source: str, start: int, end: int, style: str, value: str) -> SourceMap | None:
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
    breaks = tuple(found.start() for found in BREAKS.finditer(source, *content))
    in_block = any(char in value for char in FLOW)
    return SourceMap(
        source, value, built.starts, built.ends, token, content, tagged, breaks, in_block
    )


def _after_properties(src: str, start: int, end: int) -> tuple[int, bool]:
    """Where the scalar itself begins: after an anchor (`&a`) and a tag (`!!str`), if any."""
    j, tagged = start, False
    while j < end and src[j] in "&!":
        tagged = tagged or src[j] == "!"
        if src.startswith("!<", j):
            j = src.index(">", j) + 1
        while j < end and src[j] not in " \t" + BREAK_CHARS:
            j += 1
        while j < end:  # white space, line breaks and comments between the parts
            if src[j] in " \t" + BREAK_CHARS:
                j += 1
            elif src[j] == "#":
                found = BREAKS.search(src, j, end)
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
    while k < end and src[k] in BLANKS:
        k += 1
    if escaped or (k < end and src[k] in BREAK_CHARS):
        first = ""
        if not escaped:
            first, k = _line_break(src, k)
        breaks = []
        while True:
            while k < end and src[k] in BLANKS:
                k += 1
            if k < end and src[k] in BREAK_CHARS:
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
        if src[j] in BLANKS or src[j] in BREAK_CHARS:
            j = _fold(src, j, end, out)
            continue
        k = j
        while k < end and src[k] not in BLANKS and src[k] not in BREAK_CHARS:
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
            elif code in BREAK_CHARS:
                _, after = _line_break(src, j + 1)
                j = _fold(src, after, len(src), out, escaped_at=j)
            else:
                raise _Unmapped
        elif char in BLANKS or char in BREAK_CHARS:
            j = _fold(src, j, len(src), out)
        else:
            k = j
            while src[k] not in BLANKS and src[k] not in BREAK_CHARS and src[k] not in "'\"\\":
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
    found = BREAKS.search(src, j)
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
    while k < len(src) and (src[k] == " " or src[k] in BREAK_CHARS):
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
        while k < size and src[k] in BREAK_CHARS:
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
        leading_blank = src[j] in BLANKS
        k = j
        while k < size and src[k] not in BREAK_CHARS:
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
            if style == ">" and found == "\n" and not leading_blank and src[j] not in BLANKS:
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

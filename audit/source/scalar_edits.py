"""Whether a replacement reads back as itself where a fix would put it.

A fix may not create a comment, a key or an indicator, add white space that YAML
strips, or turn a plain answer into a number, a boolean or null.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from audit.source.scalar_map import BLANKS, FLOW, SourceMap

if TYPE_CHECKING:
    from audit.source.scalars import ScalarText

_NOT_PRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_STARTS_KEY = re.compile(":[ \t\r\n\x85\u2028\u2029]")
_STARTS_COMMENT = re.compile("[ \t\r\n\x85\u2028\u2029]#")


def printable_in_style(replacement: str, style: str) -> bool:
    """Whether the replacement reads back as itself inside a scalar of this style."""
    if _NOT_PRINTABLE.search(replacement):
        return False  # a line break, a tab, a control character, a byte-order mark
    if style == '"':
        return '"' not in replacement and "\\" not in replacement
    if style == "'":
        return "'" not in replacement
    return True


def keeps_line_shape(src: str, mapped: SourceMap, span: tuple[int, int], text: str) -> bool:
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
        if text.strip(BLANKS):
            new_lead = (start - begin) + len(text) - len(text.lstrip(BLANKS))
        elif rest == stop - end:
            return begin + lead == stop  # the line would be empty (or was blank already)
        else:
            new_lead = (start - begin) + len(text) + rest
        if new_lead != lead:
            return False
    if end >= stop - trail:  # the fix ends within the line's trailing white space
        if text.strip(BLANKS):
            new_trail = (stop - end) + len(text) - len(text.rstrip(BLANKS))
        else:
            new_trail = (stop - end) + len(text) + _blank_run_back(src, start, begin)
        if new_trail != trail:
            return False
    return True


def _blank_run(src: str, at: int, stop: int) -> int:
    k = at
    while k < stop and src[k] in BLANKS:
        k += 1
    return k - at


def _blank_run_back(src: str, at: int, stop: int) -> int:
    k = at
    while k > stop and src[k - 1] in BLANKS:
        k -= 1
    return at - k


def plain_stays_plain(
    text: ScalarText,
    mapped: SourceMap,
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
    if any(char in FLOW for char in replacement) and not mapped.in_block:
        return False
    if index == 0:
        fixed_head = (replacement + text.value[index + length : index + length + 2])[:2]
        if not fixed_head or fixed_head[0] in BLANKS:
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


def stays_text(value: str, index: int, length: int, replacement: str) -> bool:
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

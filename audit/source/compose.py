"""YAML's failures in an editor's terms: the right line, and plain words.

libyaml's messages are written for parser authors ("did not find expected
key"), its line count treats U+2028 as a line break where editors do not, and
its recursive composer crashes on absurd nesting. This module puts each of
those right before a finding reaches an editor.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

import yaml
from yaml.nodes import Node

from audit.model import Position, Problem
from audit.source.reading import byte_position

SYNTAX = "yaml-syntax"
MAX_DEPTH = 100

try:  # libyaml's parser is several times faster than the pure-Python one
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

_ODD_BREAKS = ("\u2028", "\u2029", "\x85")
_BREAK = re.compile(r"\r\n|\r|\n")
_INDENT = re.compile(r"^[ \-?:]*", re.MULTILINE)


class Locator:
    """Turns libyaml's marks into the line and column an editor shows.

    The marks are right unless the text holds U+0085, U+2028 or U+2029, which
    libyaml counts as line breaks; then lines are counted from the character
    index instead. The check is three substring searches, so clean files pay
    nothing.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self._text = text
        self._marks_are_right = not any(char in text for char in _ODD_BREAKS)
        self._starts: list[int] | None = None

    def line_col(self, mark: Any) -> tuple[int, int]:
        if self._marks_are_right:
            return mark.line + 1, mark.column + 1
        return self.index_line_col(mark.index)

    def index_line_col(self, index: int) -> tuple[int, int]:
        """Line and column of a character index, counting only real line breaks."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _BREAK.finditer(self._text))]
        starts = self._starts
        line = bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1

    def position(self, node: Node) -> Position:
        return Position(self.name, *self.span(node))

    def span(self, node: Node) -> tuple[int, int, int, int]:
        """A node's start line and column and end line and column: `position` without the
        object, for the loader, which keeps them as plain numbers."""
        start, end = node.start_mark, node.end_mark
        if self._marks_are_right:
            return start.line + 1, start.column + 1, end.line + 1, end.column + 1
        return (*self.index_line_col(start.index), *self.index_line_col(end.index))

    def at(self, mark: Any) -> Position:
        return Position(self.name, *self.line_col(mark))


class SyntaxProblem(Exception):
    """Raised to give up on a file with one `yaml-syntax` problem."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.problem = Problem(message, position, rule=SYNTAX)


# libyaml's composer recurses in C: 10,000 levels compose, 100,000 crash the process.
SAFE_FOR_LIBYAML = 5_000


def check_depth(text: str, locator: Locator) -> None:
    """Refuse nesting that would crash libyaml's recursive composer, before it runs.

    No file can nest deeper than its brackets plus its widest indentation; when
    that bound is small, composing is safe and the walk over the nodes stops at
    MAX_DEPTH with a finding. Only a file with thousands of brackets or columns
    of indentation has its parser events counted exactly, here.
    """
    indent = max((len(m) for m in _INDENT.findall(text)), default=0)
    if 1 + indent + text.count("[") + text.count("{") <= SAFE_FOR_LIBYAML:
        return
    position = _too_deep_at(text, locator)
    if position is not None:
        raise SyntaxProblem(too_deep(), position)


def _too_deep_at(text: str, locator: Locator) -> Position | None:
    """Where the parser's events first go deeper than MAX_DEPTH, if they do."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return locator.at(event.start_mark)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing reports the syntax error with its position
    return None


def too_deep() -> str:
    return (
        f"invalid YAML: it nests deeper than {MAX_DEPTH} levels here; a FAQ file needs only a few"
    )


def compose(text: str, locator: Locator) -> Node | None:
    check_depth(text, locator)
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as err:
        raise SyntaxProblem(*_explain(err, text, locator)) from None


def alias_position(text: str, node: Node, locator: Locator) -> Position:
    """Where the first alias to `node` stands.

    PyYAML hands back the anchored node itself for an alias, so its marks are
    the anchor's; the events still know where each `*name` is.
    """
    anchor = None
    start = node.start_mark.index
    try:
        for event in yaml.parse(text, Loader=Loader):
            name = getattr(event, "anchor", None)
            if anchor is None:
                if name and not isinstance(event, yaml.AliasEvent):
                    mark: Any = event.start_mark
                    if mark is not None and mark.index == start:
                        anchor = name
            elif isinstance(event, yaml.AliasEvent) and name == anchor:
                return locator.at(event.start_mark)
    except yaml.YAMLError:
        pass
    return locator.position(node)


def _explain(err: yaml.YAMLError, text: str, locator: Locator) -> tuple[str, Position]:
    if isinstance(err, yaml.MarkedYAMLError) and "maximum nesting depth" in (err.problem or ""):
        deep = _too_deep_at(text, locator)  # point where it first passes our limit
        if deep is not None:
            return too_deep(), deep
    if isinstance(err, yaml.reader.ReaderError):
        code = err.character if isinstance(err.character, int) else ord(err.character)
        offset = err.position
        if not isinstance(err.character, int):  # the pure-Python reader counts characters
            offset = len(text[:offset].encode("utf-8"))
        line, column = byte_position(text.encode("utf-8"), offset)
        return (
            f"invalid YAML: the file contains the control character U+{code:04X}, "
            "which YAML does not allow; delete it",
            Position(locator.name, line, column),
        )
    if not isinstance(err, yaml.MarkedYAMLError):
        return f"invalid YAML: {err}", Position(locator.name, 1, 1)
    mark = err.problem_mark or err.context_mark
    if err.context_mark is not None and (mark is None or mark.index >= len(text.rstrip())):
        mark = err.context_mark  # the parser ran off the end: point at what was left open
    position = locator.at(mark) if mark is not None else Position(locator.name, 1, 1)
    odd = _first_odd_break(text, mark.index if mark is not None else len(text))
    if odd is not None:  # the likely cause: a break the editor does not show
        line, column = locator.index_line_col(odd)
        return (
            f"invalid YAML: the text contains U+{ord(text[odd]):04X} (an invisible line or "
            "paragraph separator), which YAML reads as a line break; replace it with a space",
            Position(locator.name, line, column),
        )
    char = text[mark.index] if mark is not None and mark.index < len(text) else ""
    if char == "\\" and mark is not None:  # libyaml marks the backslash of a bad escape
        char = text[mark.index : mark.index + 2]
    return _message(err, char), position


def _first_odd_break(text: str, before: int) -> int | None:
    found = [i for i in (text.find(c, 0, before + 1) for c in _ODD_BREAKS) if i >= 0]
    return min(found) if found else None


def _message(err: yaml.MarkedYAMLError, char: str) -> str:
    problem = err.problem or ""
    context = err.context or ""
    if char == "\t" or "found character '\\t'" in problem:
        hint = "a tab is used here; YAML allows only spaces for indentation"
    elif "cannot start any token" in problem and char:
        hint = f"a value cannot start with '{char}'; put the whole value in quotes"
    elif "mapping values are not allowed" in problem:
        hint = (
            "a colon followed by a space starts a new key here; if the colon belongs to "
            "the text, put the whole value in quotes"
        )
    elif "unknown escape character" in problem:
        # libyaml names no character; PyYAML's pure-Python parser ends with it in quotes
        escape = char if char.startswith("\\") else "\\" + problem.rsplit(" ", 1)[-1].strip("'")
        hint = (
            f"'{escape}' is not an escape YAML knows inside double quotes; put the value "
            "in single quotes instead (a backslash is plain text there), or write the "
            "backslash twice"
        )
    elif "flow sequence" in context or "flow mapping" in context:
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        where = err.context_mark
        at = f" on line {where.line + 1}" if where is not None else ""
        hint = (
            f"the '{opener}'{at} opens a list that is never closed; add '{closer}' at its "
            "end, or put the value in quotes if the bracket is part of the text"
            if opener == "["
            else f"the '{opener}'{at} is never closed; add '{closer}' at its end, or put "
            "the value in quotes if the brace is part of the text"
        )
    elif "quoted scalar" in context and "end of stream" in problem:
        hint = "this quoted text is never closed; add the closing quote"
    elif any(
        needle in problem
        for needle in (
            "expected <block end>",
            "did not find expected",
            "could not find expected ':'",
        )
    ):
        hint = (
            "this line's indentation or form does not fit the lines above it; "
            "line it up with its siblings and write each field as 'key: value'"
        )
    elif "found undefined alias" in problem:
        hint = "an alias (*name) refers to an anchor (&name) that is not defined before it"
    elif "expected a single document" in problem + context:
        hint = "the file holds more than one YAML document (a second '---'); keep one per file"
    elif "maximum nesting depth" in problem:  # libyaml's own limit, 1,000 levels
        return too_deep()
    else:
        hint = " ".join(part for part in (problem, context) if part)
    return f"invalid YAML: {hint}"

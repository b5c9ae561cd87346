"""faq/*.yaml → entries that know where every key, value and sentence stands.

Nothing here raises for bad content: a file that cannot be read or parsed
becomes a problem on its own line and the run goes on (check-jsonschema's
habit). Positions are taken from PyYAML's composed nodes, before any value is
constructed, because construction throws the marks away.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from audit import suppressions
from audit.model import Entry, Field, Position, Problem, Related, SourceFile
from audit.text import ScalarText

# Tunables are module constants so tests can shrink them.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 100
MAX_ALIAS_EXPANSION = 100_000

UNREADABLE = "unreadable-file"
BOM = "byte-order-mark"
SYNTAX = "yaml-syntax"
DUPLICATE_KEY = "duplicate-key"

YAML_SUFFIXES = (".yaml", ".yml")
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
NULL_TAG = "tag:yaml.org,2002:null"
_STYLES = {None: "", "": "", "'": "'", '"': '"', "|": "|", ">": ">"}

try:  # libyaml's composer is several times faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class TypedScalar:
    """A plain scalar that YAML 1.1 reads as something other than text."""

    path: tuple[str | int, ...]
    text: str
    value: Any
    tag: str
    position: Position


class _Stop(Exception):
    """Raised inside the node walk to give up on a file with one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def discover(paths: list[Path]) -> Iterator[Path]:
    """YAML files below the given paths, in a stable order; files named explicitly are kept."""
    for path in paths:
        if path.is_dir():
            found = [
                p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and not _hidden(p, path)
            ]
            yield from sorted(found)
        else:
            yield path


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def display_path(path: Path) -> str:
    """Paths below the working directory are shown relative to it, as editors expect."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load_file(path: Path) -> SourceFile:
    name = display_path(path)
    problems: list[Problem] = []
    text = _read_text(path, name, problems)
    if text is None:
        return SourceFile(name, None, None, (), tuple(problems))
    try:
        root = _compose(text, name)
        walker = _Walker(name, text)
        data = walker.build(root) if root is not None else None
    except _Stop as stop:
        problems.append(stop.problem)
        return SourceFile(name, text, None, (), tuple(problems))
    except (RecursionError, MemoryError) as err:  # a last guard: a finding, never a traceback
        problem = Problem(
            f"faq-audit could not read this file ({type(err).__name__})",
            Position(name, 1, 1),
            rule=SYNTAX,
        )
        return SourceFile(name, text, None, (), (*problems, problem))
    problems.extend(walker.problems)
    entries = tuple(_entries(root, data, name, text)) if root is not None else ()
    found = suppressions.parse(text, name, entries, walker.scalar_spans)
    return SourceFile(
        name,
        text,
        data,
        entries,
        tuple(problems),
        found,
        YamlTree(root, tuple(walker.typed)),
    )


@dataclass(frozen=True, slots=True)
class YamlTree:
    """The composed node tree and the typed scalars found in it, for file checks."""

    node: Node | None
    typed: tuple[TypedScalar, ...]


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    def unreadable(message: str, line: int = 1, column: int = 1) -> None:
        problems.append(Problem(message, Position(name, line, column), rule=UNREADABLE))

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            unreadable(
                f"the file is {size / 1_048_576:.1f} MB, larger than the "
                f"{MAX_FILE_BYTES // 1_048_576} MB faq-audit reads; split it into smaller "
                "category files"
            )
            return None
        raw = path.read_bytes()
    except IsADirectoryError:
        unreadable("this is a folder, not a file")
        return None
    except OSError as err:
        unreadable(f"cannot read the file: {err.strerror or err}")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        unreadable("the file is UTF-16 text; save it as UTF-8")
        return None
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        unreadable("this is a binary file, not YAML text (it contains a NUL byte)", line, column)
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                "the file starts with a byte-order mark; save it as UTF-8 without BOM",
                Position(name, 1, 1),
                rule=BOM,
            )
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _byte_position(raw, err.start)
        unreadable(
            f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x} here); "
            "save it with UTF-8 encoding",
            line,
            column,
        )
        return None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


_FLOW_OPEN = re.compile(r"[\[{]")
_INDENT = re.compile(r"^[ \-?:]*", re.MULTILINE)


def _compose(text: str, name: str) -> Node | None:
    _check_depth(text, name)
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _Stop(
            Problem(_syntax_message(err), Position(name, line, column), rule=SYNTAX)
        ) from None
    except yaml.YAMLError as err:
        raise _Stop(Problem(f"invalid YAML: {err}", Position(name, 1, 1), rule=SYNTAX)) from None


def _check_depth(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before libyaml's recursive composer sees it.

    The cheap bound (brackets plus the widest indentation) is almost always
    small; only when it is not are the parser's events counted exactly.
    """
    indent = max((len(m) for m in _INDENT.findall(text)), default=0)
    if indent + len(_FLOW_OPEN.findall(text)) <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = (
                        (event.start_mark.line, event.start_mark.column)
                        if event.start_mark
                        else (0, 0)
                    )
                    raise _Stop(
                        Problem(
                            f"the YAML nests deeper than {MAX_DEPTH} levels here; "
                            "a FAQ file needs only a few",
                            Position(name, line + 1, column + 1),
                            rule=SYNTAX,
                        )
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # compose will report the syntax error with its position


_HINTS = (
    ("found character '\\t'", "a tab is used for indentation; YAML allows only spaces"),
    (
        "mapping values are not allowed",
        "a colon followed by a space starts a new key here; if the colon belongs to the "
        "text, put the whole value in quotes",
    ),
    (
        "expected <block end>",
        "this line's indentation does not fit the lines above it; line it up with its siblings",
    ),
    (
        "found undefined alias",
        "an alias (*name) refers to an anchor (&name) that is not defined before it",
    ),
    (
        "expected a single document",
        "the file holds more than one YAML document (a second '---'); keep one per file",
    ),
    (
        "found unexpected end of stream",
        "the file ends inside a quoted text; close the quote",
    ),
)


def _syntax_message(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or str(err)
    for needle, hint in _HINTS:
        if needle in problem or needle in (err.context or ""):
            return f"invalid YAML: {hint}"
    context = f" {err.context}" if err.context else ""
    return f"invalid YAML: {problem}{context}".replace("  ", " ")


def position(name: str, node: Node) -> Position:
    s, e = node.start_mark, node.end_mark
    return Position(name, s.line + 1, s.column + 1, e.line + 1, e.column + 1)


class _Walker:
    """Builds plain data from the node tree, once, finding what PyYAML would hide.

    PyYAML silently keeps the last of two equal keys and happily expands an
    alias bomb; both are caught here, while the nodes still have their marks.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.problems: list[Problem] = []
        self.typed: list[TypedScalar] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self._built: dict[int, Any] = {}
        self._active: set[int] = set()
        self._sizes: dict[int, int] = {}
        self._expanded = 0
        self._nodes = 0

    def build(self, root: Node) -> Any:
        return self._value(root, ())

    def _value(self, node: Node, path: tuple[str | int, ...]) -> Any:
        key = id(node)
        if key in self._active:
            raise _Stop(
                Problem(
                    "an alias (*name) refers to the very node that contains it, which never "
                    "ends; remove the alias",
                    position(self.name, node),
                    rule=SYNTAX,
                )
            )
        self._expanded += 1
        if key in self._built:  # an alias: shared, but counted as the copy it stands for
            self._expanded += self._sizes.get(key, 0)
            if self._expanded - self._nodes > MAX_ALIAS_EXPANSION:
                raise _Stop(
                    Problem(
                        "aliases (*name) here expand to more than "
                        f"{MAX_ALIAS_EXPANSION:,} values (an 'alias bomb'); "
                        "write the content out instead of repeating it through aliases",
                        position(self.name, node),
                        rule=SYNTAX,
                    )
                )
            return self._built[key]
        self._nodes += 1
        before = self._expanded
        self._active.add(key)
        value = self._construct(node, path)
        self._active.discard(key)
        self._built[key] = value
        if not isinstance(node, ScalarNode):
            self._sizes[key] = self._expanded - before
        return value

    def _construct(self, node: Node, path: tuple[str | int, ...]) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        self._check_tag(node)
        if isinstance(node, SequenceNode):
            return [self._value(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self._mapping(node, path)

    def _mapping(self, node: MappingNode, path: tuple[str | int, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = _key_text(key_node)
            if isinstance(key_node, ScalarNode):
                self.scalar_spans.append((key_node.start_mark.index, key_node.end_mark.index))
            first = seen.get(key)
            if first is not None:
                where = f"line {first.start_mark.line + 1}"
                self.problems.append(
                    Problem(
                        f"the key '{key}' appears twice in this mapping (first on {where}); "
                        "YAML keeps only the last one, so the first value is silently lost: "
                        "remove or merge one of them",
                        position(self.name, key_node),
                        related=(_related(self.name, first, f"'{key}' first appears here"),),
                        rule=DUPLICATE_KEY,
                    )
                )
            seen[key] = key_node
            result[key] = self._value(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: tuple[str | int, ...]) -> Any:
        self.scalar_spans.append((node.start_mark.index, node.end_mark.index))
        tag = node.tag
        if tag == STR_TAG:
            return node.value
        constructor = _CONSTRUCTOR.yaml_constructors.get(tag)
        if constructor is None:
            self._check_tag(node)
            return node.value
        try:
            value = constructor(_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value  # e.g. 2024-13-01: looks like a date but is not one; keep the text
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        if not node.style and not (tag == NULL_TAG and node.value == ""):
            self.typed.append(TypedScalar(path, node.value, value, tag, position(self.name, node)))
        return value

    def _check_tag(self, node: Node) -> None:
        if node.tag.startswith("tag:yaml.org,2002:"):
            return
        self.problems.append(
            Problem(
                f"the tag '{node.tag}' is not something faq-audit understands; "
                "remove it and write plain text",
                position(self.name, node),
                rule=SYNTAX,
            )
        )


def _related(name: str, node: Node, message: str) -> Related:
    return Related(position(name, node), message)


def _key_text(node: Node) -> str:
    """Keys are compared as written, so `no:` is the key 'no', not False."""
    if isinstance(node, ScalarNode):
        return str(node.value)
    return f"<{type(node).__name__.removesuffix('Node').lower()} key>"


def _entries(root: Node, data: Any, name: str, text: str) -> Iterator[Entry]:
    if not isinstance(root, MappingNode) or not isinstance(data, dict):
        return
    seq = next((v for k, v in reversed(root.value) if _key_text(k) == "entries"), None)
    items = data.get("entries")
    if not isinstance(seq, SequenceNode) or not isinstance(items, list):
        return
    for index, (node, item) in enumerate(zip(seq.value, items, strict=True)):
        if not isinstance(node, MappingNode) or not isinstance(item, dict):
            continue
        fields: dict[str, Field] = {}
        texts: dict[str, ScalarText] = {}
        for key_node, value_node in node.value:
            key = _key_text(key_node)
            fields[key] = Field(position(name, key_node), position(name, value_node))
            if isinstance(value_node, ScalarNode) and value_node.tag == STR_TAG:
                texts[key] = _scalar_text(value_node, name, text)
        entry_id = item.get("id")
        yield Entry(
            id=entry_id if isinstance(entry_id, str) else None,
            path=name,
            index=index,
            position=position(name, node),
            data=item,
            fields=fields,
            texts=texts,
        )


def _scalar_text(node: ScalarNode, name: str, text: str) -> ScalarText:
    mark = node.start_mark
    return ScalarText(
        value=node.value,
        style=_STYLES.get(node.style, ""),
        path=name,
        source=text,
        start=mark.index,
        end=node.end_mark.index,
        line=mark.line + 1,
        column=mark.column + 1,
    )


def locate(root: Node | None, path: tuple[str | int, ...]) -> tuple[Node | None, Node | None]:
    """The node at a JSON path and the key node that leads to it (for mapping members)."""
    node, key_node = root, None
    for step in path:
        if isinstance(node, MappingNode):
            match = next(((k, v) for k, v in reversed(node.value) if _key_text(k) == step), None)
            if match is None:
                return node, key_node
            key_node, node = match
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            key_node, node = None, node.value[step]
        else:
            return node, key_node
    return node, key_node


__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "TypedScalar",
    "YamlTree",
    "discover",
    "display_path",
    "load_file",
    "locate",
    "position",
]

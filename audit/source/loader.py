"""faq/*.yaml → entries that know where every key, value and sentence stands.

Nothing here raises for bad content: a file that cannot be read or parsed
becomes a problem on its own line and the run goes on (check-jsonschema's
habit). Positions are taken from PyYAML's composed nodes, before any value is
constructed, because construction throws the marks away.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from audit.model import Entry, Fields, Position, Problem, Related, SourceFile
from audit.source import suppressions
from audit.source.compose import (
    MAX_DEPTH,
    SYNTAX,
    Locator,
    SyntaxProblem,
    alias_position,
    compose,
    too_deep,
)
from audit.source.reading import read_text
from audit.source.resources import load_schema
from audit.source.scalars import ScalarText
from audit.text.edits import closest

# Tunable as a module constant so tests can shrink it.
MAX_ALIAS_EXPANSION = 100_000
MAX_INT_BITS = 10_000  # larger integers cannot even be printed in decimal by Python
SHARED_MAX = 24  # values this long or shorter are stored once per file (see _Walker.shared)

DUPLICATE_KEY = "duplicate-key"

YAML_SUFFIXES = (".yaml", ".yml")
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
NULL_TAG = "tag:yaml.org,2002:null"
_STYLES = {None: "", "": "", "'": "'", '"': '"', "|": "|", ">": ">"}

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# Every anchor matches this (`&` and a character that can begin its name); so may some text.
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")


@dataclass(frozen=True, slots=True)
class TypedScalar:
    """A plain scalar that YAML 1.1 reads as something other than text."""

    path: tuple[str | int, ...]
    text: str
    value: Any
    tag: str
    position: Position


def discover(paths: list[Path]) -> Iterator[Path]:
    """YAML files below the given paths, each once, in a stable order.

    Files named explicitly are kept whatever their name. Folders are searched
    for `*.yaml` and `*.yml` (in any case: `FAQ.YAML` too), skipping hidden
    files and folders. Nothing is skipped in silence:

    - a symlinked folder is searched like any other, once: a link back into a
      folder already searched (a symlink loop) adds nothing and is not followed;
    - a folder that cannot be read is yielded itself, so that loading it reports
      it as an `unreadable-file` finding on the folder; so is a folder named like
      a YAML file (`odd.yaml/`), which is searched as well;
    - the same file reached twice (named twice, or through a symlink) is yielded
      once, under the first name it was reached by, so it is never reported as
      a duplicate of itself.
    """
    seen_files: set[object] = set()
    seen_folders: set[object] = set()
    for path in paths:
        found = _search(path, seen_folders) if _is_folder(path) else iter((path,))
        for file in found:
            key = _identity(file)
            if key not in seen_files:
                seen_files.add(key)
                yield file


def _search(root: Path, seen: set[object]) -> Iterator[Path]:
    """The YAML files below `root`, depth first in name order (as sorting the paths
    would give), with an explicit stack: a deep tree cannot exhaust recursion."""
    if _identity(root) in seen:
        return
    seen.add(_identity(root))
    stack: list[Iterator[os.DirEntry[str]]] = []
    listing = _listing(root)
    if listing is None:
        yield root  # unreadable: reported on the folder
        return
    stack.append(iter(listing))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if _hidden(entry.name):
            continue
        path = Path(entry.path)
        if _entry_is_folder(entry):
            key = _identity(path)
            if key in seen:
                continue  # a symlink to a folder already searched, or a loop
            seen.add(key)
            listing = _listing(path)
            if listing is None or entry.name.lower().endswith(YAML_SUFFIXES):
                yield path  # unreadable, or named like a file: reported on the folder
            if listing is not None:
                stack.append(iter(listing))
        elif entry.name.lower().endswith(YAML_SUFFIXES):
            yield path


def _listing(folder: Path) -> list[os.DirEntry[str]] | None:
    """A folder's entries in name order; None when the folder cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError:
        return None


def _entry_is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, or a symlink to one; a link that leads nowhere (or in a circle) is not."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False  # loading reports what is wrong with it


def _identity(path: Path) -> object:
    """What makes two names the same file: device and inode, following symlinks;
    the absolute path for a name that leads nowhere (reported once, too)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.abspath(path)
    return (info.st_dev, info.st_ino)


def _hidden(name: str) -> bool:
    """Hidden files and folders (`.git`, `.name.yaml.tmp` left by an interrupted fix)."""
    return name.startswith(".")


def display_path(path: Path) -> str:
    """Paths below the working directory are shown relative to it, as editors expect,
    and by the name given (a symlink is not replaced by its target).

    A name must print, be valid UTF-8 in JSON, and name one file: bytes that
    are not UTF-8 are written as `\\xff` (as `ls -b` does), other characters
    that do not print as `\\n` or `\\u200b`, and a backslash as two, so two
    different files never show the same name.
    """
    try:
        # Made absolute without following symlinks: a finding names a symlinked file by
        # the name the editor gave or found, not by its target's, which they may not know.
        shown = Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        shown = str(path)
    if shown.isprintable() and not (_ESCAPED_BACKSLASH and "\\" in shown):
        return shown
    return "".join(map(_escaped, shown))


_ESCAPED_BACKSLASH = os.sep == "/"  # on Windows it separates folders and is in no name


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as Python decodes file names
        return f"\\x{code - 0xDC00:02x}"
    if char == "\\" and _ESCAPED_BACKSLASH:
        return "\\\\"
    if not char.isprintable():
        named = _NAMED_ESCAPES.get(char)
        return named or (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return char


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def load_file(path: Path, text: str | None = None) -> SourceFile:
    """Load a file from disk, or its given text (what `fix` is about to write)."""
    name = display_path(path)
    problems: list[Problem] = []
    if text is None:
        text, problems = read_text(path, name)
    if text is None:
        return SourceFile(name, None, None, (), tuple(problems), file=path)
    locator = Locator(name, text)
    try:
        root = compose(text, locator)
        walker = _Walker(locator, text)
        data = walker.build(root) if root is not None else None
    except SyntaxProblem as stop:
        return SourceFile(name, text, None, (), (*problems, stop.problem), file=path)
    except (RecursionError, MemoryError) as err:  # a last guard: a finding, never a traceback
        problem = Problem(
            f"faq-audit could not read this file ({type(err).__name__})",
            Position(name, 1, 1),
            rule=SYNTAX,
        )
        return SourceFile(name, text, None, (), (*problems, problem), file=path)
    problems.extend(walker.problems)
    entries = tuple(_entries(root, data, walker)) if root is not None else ()
    found = suppressions.parse(text, name, entries, walker.scalar_spans)
    tree = YamlTree(root, tuple(walker.typed), locator)
    return SourceFile(name, text, data, entries, tuple(problems), found, tree, path)


@dataclass(frozen=True, slots=True)
class YamlTree:
    """The composed node tree and the typed scalars found in it, for file checks."""

    node: Node | None
    typed: tuple[TypedScalar, ...]
    locator: Locator


class _Walker:
    """Builds plain data from the node tree, once, finding what PyYAML would hide.

    PyYAML silently keeps the last of two equal keys and happily expands an
    alias bomb; both are caught here, while the nodes still have their marks.
    """

    def __init__(self, locator: Locator, text: str) -> None:
        self.locator = locator
        self.text = text
        self.problems: list[Problem] = []
        self.typed: list[TypedScalar] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self._built: dict[int, Any] = {}
        self._active: set[int] = set()
        self._sizes: dict[int, int] = {}
        self._heights: dict[int, int] = {}  # how deep each collection's data nests
        self._expanded = 0
        self._nodes = 0
        self._strings: dict[str, str] = {}
        # Aliases are followed and counted only where there can be one: an alias needs an
        # anchor (`&name`), and most files have none.
        self._anchored = _ANCHOR.search(text) is not None

    def build(self, root: Node) -> Any:
        return self._value(root, ())

    def shared(self, text: str) -> str:
        """One string for each key and short value of the file, however often it stands.

        Keys and short values repeat on every entry (`audience: everyone`, tags): one
        string for all saved nearly 400 bytes an entry, and pickling sends each once per file.
        """
        if len(text) > SHARED_MAX:
            return text
        return self._strings.setdefault(text, text)

    def _stop(self, message: str, node: Node) -> SyntaxProblem:
        """Give up on the file at the alias that caused it (not at its anchor)."""
        return SyntaxProblem(message, alias_position(self.text, node, self.locator))

    def _value(self, node: Node, path: tuple[str | int, ...]) -> Any:
        if not self._anchored:  # no alias anywhere: no node is met twice, nothing to count
            if len(path) >= MAX_DEPTH:
                raise self._stop(too_deep(), node)
            return self._construct(node, path)
        key = id(node)
        if key in self._active:
            raise self._stop(
                "invalid YAML: this alias (*name) refers to the node that contains it, "
                "which never ends; remove the alias",
                node,
            )
        if len(path) >= MAX_DEPTH:  # the root is the first level
            raise self._stop(too_deep(), node)
        self._expanded += 1
        if key in self._built:  # an alias: shared, but counted as the copy it stands for
            self._expanded += self._sizes.get(key, 0)
            if self._expanded - self._nodes > MAX_ALIAS_EXPANSION:
                raise self._stop(
                    f"invalid YAML: aliases (*name) expand to more than {MAX_ALIAS_EXPANSION:,} "
                    "values by here (an 'alias bomb'); write the content out instead of "
                    "repeating it through aliases",
                    node,
                )
            if len(path) + self._heights.get(key, 0) > MAX_DEPTH:
                raise self._stop(too_deep(), node)
            return self._built[key]
        self._nodes += 1
        before = self._expanded
        self._active.add(key)
        value = self._construct(node, path)
        self._active.discard(key)
        self._built[key] = value
        if not isinstance(node, ScalarNode):
            self._sizes[key] = self._expanded - before
            self._heights[key] = 1 + max(map(self._height, _children(node)), default=0)
        return value

    def _height(self, node: Node) -> int:
        return self._heights.get(id(node), 0)

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
            key = self.shared(_key_text(key_node))
            if isinstance(key_node, ScalarNode):
                self.scalar_spans.append((key_node.start_mark.index, key_node.end_mark.index))
            first = seen.get(key)
            if first is not None:
                first_at = self.locator.position(first)
                self.problems.append(
                    Problem(
                        f"the key '{key}' appears twice in this mapping (first on line "
                        f"{first_at.line}); YAML keeps only the last one, so the first value "
                        "is silently lost: remove or merge one of them",
                        self.locator.position(key_node),
                        related=(Related(first_at, f"'{key}' first appears here"),),
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
            return self.shared(node.value)
        constructor = _CONSTRUCTOR.yaml_constructors.get(tag)
        if constructor is None:
            self._check_tag(node)
            return node.value
        try:
            value = constructor(_CONSTRUCTOR, node)
        except Exception:
            return node.value
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            value = float("inf") if value > 0 else float("-inf")
        if not node.style and not (tag == NULL_TAG and node.value == ""):
            position = self.locator.position(node)
            self.typed.append(TypedScalar(path, node.value, value, tag, position))
        return value

    def _check_tag(self, node: Node) -> None:
        if node.tag in _CONSTRUCTOR.yaml_constructors:
            return
        self.problems.append(
            Problem(
                f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not something "
                "faq-audit understands; "
                "remove it and write plain text",
                self.locator.position(node),
                rule=SYNTAX,
            )
        )


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return list(node.value) if isinstance(node, SequenceNode) else []


def _key_text(node: Node) -> str:
    """Keys are compared as written, so `no:` is the key 'no', not False."""
    if isinstance(node, ScalarNode):
        return str(node.value)
    return f"<{type(node).__name__.removesuffix('Node').lower()} key>"


def _entries(root: Node, data: Any, walker: _Walker) -> Iterator[Entry]:
    if not isinstance(root, MappingNode) or not isinstance(data, dict):
        return
    locator, shared = walker.locator, walker.shared
    span = locator.span
    shapes: dict[tuple[str, ...], tuple[str, ...]] = {}  # entries mostly share their keys
    seq = next((v for k, v in reversed(root.value) if _key_text(k) == "entries"), None)
    items = data.get("entries")
    if not isinstance(seq, SequenceNode) or not isinstance(items, list):
        return
    for index, (node, item) in enumerate(zip(seq.value, items, strict=True)):
        if not isinstance(node, MappingNode) or not isinstance(item, dict):
            continue
        rows: dict[str, tuple[int, ...]] = {}
        texts: dict[str, ScalarText] = {}
        for key_node, value_node in node.value:
            key = shared(_key_text(key_node))
            where = span(value_node)
            rows[key] = span(key_node) + where
            if isinstance(value_node, ScalarNode) and value_node.tag == STR_TAG:
                texts[key] = _scalar_text(value_node, walker, where)
        shape = tuple(rows)
        for meant, written in _misspelt_texts(shape):
            if written in texts:  # a misspelt key's text is still read as what it means
                texts[meant] = texts[written]
        entry_id = item.get("id")
        yield Entry(
            id=entry_id if isinstance(entry_id, str) else None,
            path=locator.name,
            index=index,
            position=locator.position(node),
            data=item,
            fields=Fields.build(locator.name, shapes.setdefault(shape, shape), rows.values()),
            texts=texts,
        )


TEXT_FIELDS = ("question", "answer")


@functools.lru_cache(maxsize=1024)
def _misspelt_texts(shape: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """For an entry with these keys, each text field it lacks and the unknown key that is
    a slip for it (`anwser:`, `Question:`), as the schema's "did you mean" pairs them.

    The schema reports the key; the text rules still read its text, so that one run
    shows the editor every problem, not the spelling first and the rest next time.
    Entries share a handful of shapes, so each is worked out once.
    """
    known = _entry_fields()
    pairs: list[tuple[str, str]] = []
    for key in shape:
        if key in known:
            continue
        meant = closest(key, known)
        if meant in TEXT_FIELDS and meant not in shape and meant not in dict(pairs):
            pairs.append((meant, key))
    return tuple(pairs)


@functools.cache
def _entry_fields() -> tuple[str, ...]:
    """The fields an entry may have, in the schema's order."""
    entry = load_schema("faq.schema.json").get("$defs", {}).get("entry", {})
    return tuple(entry.get("properties", {}))


def _scalar_text(node: ScalarNode, walker: _Walker, where: tuple[int, int, int, int]) -> ScalarText:
    """`where` is the node's span, which the caller has already worked out."""
    return ScalarText(
        value=walker.shared(node.value),  # the very string the entry's data holds
        style=_STYLES.get(node.style, ""),
        path=walker.locator.name,
        source=walker.text,
        start=node.start_mark.index,
        end=node.end_mark.index,
        line=where[0],
        column=where[1],
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
    "TypedScalar",
    "YamlTree",
    "discover",
    "display_path",
    "load_file",
    "locate",
]

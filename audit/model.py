"""The plain data that flows one way through faq-audit: load → check → report.

Every type here is a frozen dataclass so that a check cannot change what the
next one sees, and so that findings can be sorted, compared and de-duplicated.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pathlib import Path


class Severity(enum.Enum):
    """How much a finding matters; ordered so that `--fail-on` is a comparison."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """A place in a file; line and column are 1-based, columns count characters."""

    path: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None

    def __reduce__(self) -> tuple[type[Position], tuple[str, int, int, int | None, int | None]]:
        # Worker processes send entries back pickled; a frozen dataclass's own pickling
        # calls `fields()` for every object, and a large run pickles millions of them.
        return (Position, (self.path, self.line, self.column, self.end_line, self.end_column))


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding involves, such as the first copy of a duplicated id."""

    position: Position
    message: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A mechanical repair: replace the file's characters `start:end` with `replacement`.

    Offsets are into the file's text, so applying a fix touches nothing else;
    `position` says the same place in lines and columns, for people.
    """

    position: Position
    start: int
    end: int
    replacement: str
    description: str


@dataclass(frozen=True, slots=True)
class Problem:
    """What a check yields: the core stamps the rule id and severity onto it.

    `rule` is left empty by a check that reports a single rule; a check that
    reports a small family of rules names the one each problem belongs to.
    `at_most` caps the severity of this one problem below its rule's (a case the
    rule is less sure of, such as a repeat that may be on purpose); it never raises it.
    """

    message: str
    position: Position
    entry: str | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    rule: str | None = None
    at_most: Severity | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem with its rule and severity, ready for reporters.

    `fingerprint` names the finding across edits that move it (see
    `audit.findings.fingerprints`); the findings layer sets it once the
    findings of a run are final, so a check never computes one.
    """

    rule: str
    severity: Severity
    message: str
    position: Position
    entry: str | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    fingerprint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        p = self.position
        return (p.path, p.line, p.column, self.rule, self.message)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text field and the span of the value it covers."""

    text: str
    start: int
    end: int


class TextField(Protocol):
    """What rules need of a text field: its value, and where any part of it stands.

    The model does not know how a value was written (YAML folds, quotes and
    escapes it); the loader's `audit.source.scalars.ScalarText` does, and is
    what `Entry.texts` holds. Rules ask through this, so they read the same
    whatever the source format.
    """

    @property
    def value(self) -> str: ...

    @property
    def style(self) -> str: ...

    @property
    def source(self) -> str:
        """The file's text, into which `source_span`'s offsets point."""
        ...

    def position_of(self, index: int, length: int = 0) -> Position:
        """Where the value's character `index` stands in the file (and its end, given a length)."""
        ...

    def fix(self, index: int, length: int, replacement: str, description: str) -> Fix | None:
        """A fix replacing the value's characters `index:index+length`, when that is safe."""
        ...

    def source_span(self, index: int, length: int) -> tuple[int, int] | None:
        """The file offsets of a value span, when the file holds those very characters."""
        ...

    def sentences(self) -> tuple[Sentence, ...]:
        """The value's sentences with their spans."""
        ...


class NodeLocator(Protocol):
    def position(self, node: Any) -> Position: ...


class SourceTree(Protocol):
    """What file checks need of a file's parse tree, kept opaque here.

    The root node and the typed scalars are the parser's own objects, known to
    the modules in `audit.source` that build and read them
    (`audit.source.loader.YamlTree` is the one implementation).
    """

    @property
    def node(self) -> Any: ...

    @property
    def typed(self) -> Sequence[Any]: ...

    @property
    def locator(self) -> NodeLocator: ...


@dataclass(frozen=True, slots=True)
class Field:
    """Where one key of an entry and its value stand in the file."""

    key: Position
    value: Position


class Fields(Mapping[str, Field]):
    """Where each key of an entry and its value stand, kept as integers.

    A `Field` per key, each with two `Position`s, was 1.7 KB of an entry's
    4 KB once loaded, and most of the objects worker processes pickle back;
    rules look at one or two of them, on a few entries. So an entry's
    positions are one array of integers (start and end line and column of
    each key and value), and a `Field` is made when a rule asks for one.
    Read-only, like the frozen dataclasses here.
    """

    __slots__ = ("_names", "_numbers", "_path")

    _WIDTH = 8  # key line, column, end line, end column; then the same for the value

    def __init__(self, path: str, names: tuple[str, ...], numbers: array[int]) -> None:
        if len(numbers) != len(names) * self._WIDTH:
            raise ValueError("Fields needs 8 numbers for each name")
        self._path = path
        self._names = names
        self._numbers = numbers

    @classmethod
    def build(cls, path: str, names: tuple[str, ...], rows: Iterable[tuple[int, ...]]) -> Fields:
        """From each name's 8 numbers, in order (4-byte numbers unless a file is huge)."""
        flat = [number for row in rows for number in row]
        try:
            numbers = array("i", flat)
        except OverflowError:
            numbers = array("q", flat)
        return cls(path, names, numbers)

    def __getitem__(self, name: str) -> Field:
        try:
            at = self._names.index(name) * self._WIDTH
        except ValueError:
            raise KeyError(name) from None
        n, path = self._numbers, self._path
        return Field(
            Position(path, n[at], n[at + 1], n[at + 2], n[at + 3]),
            Position(path, n[at + 4], n[at + 5], n[at + 6], n[at + 7]),
        )

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Fields({dict(self)!r})"

    def __reduce__(self) -> tuple[type[Fields], tuple[str, tuple[str, ...], array[int]]]:
        return (Fields, (self._path, self._names, self._numbers))


@dataclass(frozen=True, slots=True)
class Entry:
    """One question and its answer, with the position of everything in it.

    `data` is exactly what the YAML says (YAML 1.1 types included), which is
    what the schema is checked against. Text fields keep a handle on their
    scalar so that a sentence's line can be found when a finding needs it.
    """

    id: str | None
    path: str
    index: int
    position: Position
    data: Mapping[str, Any]
    fields: Mapping[str, Field]
    texts: Mapping[str, TextField] = field(default_factory=dict)

    def __reduce__(self) -> tuple[type[Entry], tuple[Any, ...]]:
        # Pickled by worker processes, like `Position`: the fields in order, no `fields()`.
        return (
            Entry,
            (self.id, self.path, self.index, self.position, self.data, self.fields, self.texts),
        )

    @property
    def question(self) -> str | None:
        value = self.data.get("question")
        return value if isinstance(value, str) else None

    @property
    def answer(self) -> str | None:
        value = self.data.get("answer")
        return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class Suppression:
    """An `# faq-audit: ignore[rule] reason` comment and the lines it covers."""

    rules: tuple[str, ...]
    reason: str
    position: Position
    first_line: int
    last_line: int


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file as loaded: its entries, its raw data, and what went wrong reading it."""

    path: str
    text: str | None
    data: Any
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    suppressions: tuple[Suppression, ...] = ()
    root: SourceTree | None = None  # for file checks only; released after them
    file: Path | None = None  # the file on disk (`path` is how it is shown)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything loaded in one run; the only input a check receives."""

    files: tuple[SourceFile, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for f in self.files for e in f.entries)


@dataclass(frozen=True, slots=True)
class AuditResult:
    """The only thing reporters see.

    `error` says, in words, what stopped a run before any file was checked
    (a usage error); its findings are then empty.
    """

    corpus: Corpus
    findings: tuple[Finding, ...]
    error: str | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

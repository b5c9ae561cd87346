"""Apply the fixes that findings carry, touching only the characters they name.

Everything outside the fixed spans (comments, key order, quoting, indentation,
line endings, a byte-order mark) stays byte for byte as it was. Fixes that
overlap are applied one at a time: the first wins, and the next run sees the
rest, so a run never writes a guess.

Fixes are applied to the file they were computed for, never to another file
that merely shows the same name; and a fixed text that would not read back as
the same YAML but for the fixed strings is refused (`FileChange.refused`).
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from audit.fix.atomic import ChangedOnDiskError as ChangedOnDiskError
from audit.fix.atomic import NotWrittenError, rewrite
from audit.fix.meaning import EditLog, refusal
from audit.model import AuditResult, Fix, SourceFile

if TYPE_CHECKING:
    from audit.engine import Options

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file's text before and after its fixes.

    `refused` says, in one line, why `after` must not be written (it would not
    read back as the same YAML but for the fixed strings); the file is then
    left as it is.
    """

    path: str  # as shown to people
    file: Path
    before: str
    after: str
    fixes: tuple[Fix, ...]
    refused: str | None = None

    def diff(self) -> str:
        """A unified diff that `git apply` and `patch` take: lines end at `\\n` only (as
        git's do), and a last line without one is followed by git's marker."""
        lines = difflib.unified_diff(
            _lines(self.before),
            _lines(self.after),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + _NO_NEWLINE for line in lines)


_NO_NEWLINE = "\n\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """The text's lines, each with its `\\n` but the last; `\\r` or U+2028 ends none."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, tuple[Fix, ...]]:
    """The text with non-overlapping fixes applied, and the fixes that were."""
    applied: list[Fix] = []
    parts: list[str] = []
    cursor = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < cursor or fix.end > len(text):
            continue
        parts += [text[cursor : fix.start], fix.replacement]
        cursor = fix.end
        applied.append(fix)
    parts.append(text[cursor:])
    return "".join(parts), tuple(applied)


def plan(result: AuditResult) -> list[FileChange]:
    """What fixing every finding with a fix would change, file by file.

    A finding names its file only by the name shown to people. Names of
    different files differ, but should two files ever show the same name, the
    fixes cannot be told apart and neither file is fixed: offsets meant for
    one file would mangle the other.
    """
    fixes_by_name: dict[str, list[Fix]] = defaultdict(list)
    for finding in result.findings:
        if finding.fix is not None:
            fixes_by_name[finding.position.path].append(finding.fix)
    sources_by_name: dict[str, list[SourceFile]] = defaultdict(list)
    for source in result.corpus.files:
        sources_by_name[source.path].append(source)
    changes = []
    for name, sources in sources_by_name.items():
        fixes = fixes_by_name.get(name)
        only = _one_source(sources)
        if not fixes or only is None or only.text is None or only.file is None:
            continue
        after, applied = apply(only.text, dict.fromkeys(fixes))  # a file read twice: once
        if after != only.text:
            changes.append(FileChange(only.path, only.file, only.text, after, applied))
    return changes


def _one_source(sources: list[SourceFile]) -> SourceFile | None:
    """The file all these sources are, when they are one file with one text; else None."""
    first = sources[0]
    for other in sources[1:]:
        if other.text != first.text or not _same_file(other.file, first.file):
            return None
    return first


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return a is b
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a == b


MAX_PASSES = 10


def fix_all(paths: Sequence[Path], options: Options) -> list[FileChange]:
    """Fix, audit the result in memory, and fix again until nothing changes.

    Two fixes can touch the same characters (a doubled space inside a
    repeated word); only one is applied per pass, and the next pass sees the
    text the first produced. So one run of `fix` leaves nothing for a second.
    """
    return fix_run(paths, options).changes


@dataclass(frozen=True, slots=True)
class FixRun:
    """What `fix_all` changes, with the audits it made on the way: `first` of the files as
    they are (what could not be read), `last` of the fixed texts (what a fix leaves)."""

    changes: list[FileChange]
    first: AuditResult
    last: AuditResult


def fix_run(paths: Sequence[Path], options: Options) -> FixRun:
    """`fix_all`, keeping the first and the last audit, so `fix` can say what it could not
    read and what is left without auditing again."""
    from audit import engine

    texts: dict[Path, str] = {}
    originals: dict[Path, tuple[str, str]] = {}
    applied: dict[Path, list[Fix]] = defaultdict(list)
    logs: dict[Path, EditLog] = defaultdict(EditLog)
    first: AuditResult | None = None
    for _ in range(MAX_PASSES):
        last = engine.audit(paths, options, texts)
        first = first or last
        changes = plan(last)
        if not changes:
            break
        for change in changes:
            originals.setdefault(change.file, (change.path, change.before))
            texts[change.file] = change.after
            applied[change.file].extend(change.fixes)
            logs[change.file].record(change.fixes)
    else:
        last = engine.audit(paths, options, texts)
    assert first is not None
    done = [
        _checked(FileChange(name, file, before, texts[file], tuple(applied[file])), logs[file])
        for file, (name, before) in originals.items()
        if texts[file] != before
    ]
    return FixRun(done, first, last)


def _checked(change: FileChange, log: EditLog) -> FileChange:
    """The change, refused when its text would not read back as the same YAML.

    Re-reads what is about to be written: the same keys, types and values,
    with only the strings a fix was applied to changed. Every fix is made
    safe where it is computed; this is the net under that, so a file never
    gets worse.
    """
    reason = refusal(change.path, change.before, change.after, log.regions)
    return change if reason is None else replace(change, refused=reason)


def write(change: FileChange) -> None:
    """Write one change to the file its path leads to (through symlinks).

    The file must hold exactly the bytes the change was computed from (with or without a
    byte-order mark) when it is read here and again immediately before it is replaced;
    otherwise it is left alone (ChangedOnDiskError), so an edit saved while `fix` runs is
    not overwritten. A refused change, or a file that cannot be written, raises
    NotWrittenError and leaves the file as it was. How links, owners, modes and hard links
    are kept is `fileio.rewrite`'s business.
    """
    if change.refused is not None:
        raise NotWrittenError(change.refused)
    try:
        before, after = change.before.encode("utf-8"), change.after.encode("utf-8")
    except UnicodeEncodeError:
        raise NotWrittenError("the fixed text cannot be saved as UTF-8") from None
    mark = _BOM.encode("utf-8")

    def edit(raw: bytes) -> bytes | None:
        bom = mark if raw.startswith(mark) else b""
        return bom + after if raw == bom + before else None

    rewrite(change.file, edit)

"""Apply the fixes that findings carry, touching only the characters they name.

Everything outside the fixed spans (comments, key order, quoting, indentation,
line endings, a byte-order mark) stays byte for byte as it was. Fixes that
overlap are applied one at a time: the first wins, and the next run sees the
rest, so a run never writes a guess.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audit.fix.atomic import write_atomic
from audit.model import AuditResult, Fix

if TYPE_CHECKING:
    from audit.engine import Options

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file's text before and after its fixes."""

    path: str  # as shown to people
    file: Path
    before: str
    after: str
    fixes: tuple[Fix, ...]

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class ChangedOnDiskError(Exception):
    """A file changed between reading and writing; it is left as it is."""


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
    """What fixing every finding with a fix would change, file by file."""
    by_path: dict[str, list[Fix]] = defaultdict(list)
    for finding in result.findings:
        if finding.fix is not None:
            by_path[finding.position.path].append(finding.fix)
    changes = []
    for source in result.corpus.files:
        fixes = by_path.get(source.path)
        if not fixes or source.text is None or source.file is None:
            continue
        after, applied = apply(source.text, fixes)
        if after != source.text:
            changes.append(FileChange(source.path, source.file, source.text, after, applied))
    return changes


MAX_PASSES = 10


def fix_all(paths: Sequence[Path], options: Options) -> list[FileChange]:
    """Fix, audit the result in memory, and fix again until nothing changes.

    Two fixes can touch the same characters (a doubled space inside a
    repeated word); only one is applied per pass, and the next pass sees the
    text the first produced. So one run of `fix` leaves nothing for a second.
    """
    from audit import engine as pipeline

    texts: dict[Path, str] = {}
    originals: dict[Path, tuple[str, str]] = {}
    applied: dict[Path, list[Fix]] = defaultdict(list)
    for _ in range(MAX_PASSES):
        changes = plan(pipeline.audit(paths, options, texts))
        if not changes:
            break
        for change in changes:
            originals.setdefault(change.file, (change.path, change.before))
            texts[change.file] = change.after
            applied[change.file].extend(change.fixes)
    return [
        FileChange(name, file, before, texts[file], tuple(applied[file]))
        for file, (name, before) in originals.items()
        if texts[file] != before
    ]


def write(change: FileChange) -> None:
    """Write one change atomically, unless the file changed since it was read."""
    raw = change.file.read_bytes()
    bom = _BOM if raw.startswith(b"\xef\xbb\xbf") else ""
    if raw.decode("utf-8", errors="replace") != bom + change.before:
        raise ChangedOnDiskError(change.path)
    write_atomic(change.file, bom + change.after)

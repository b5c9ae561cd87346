"""Which entries a change touched: on a pull request only their links are probed.

An entry counts as changed when the file at the base revision (`git show
REF:path`) has no entry with its id, or has one with other content. Content is
compared as data, so re-indenting a file or moving an entry changes nothing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from audit.model import SourceFile
from audit.source.loader import load_file


class GitError(Exception):
    """The base revision could not be read: not a repository, or no such revision."""


def changed_entries(files: Iterable[SourceFile], ref: str) -> set[str]:
    """The ids of the entries added or edited since `ref`."""
    changed: set[str] = set()
    for source in files:
        if source.file is None:
            continue
        before = _old_text(source.file, ref)
        old = {} if before is None else _by_id(load_file(source.file, before))
        for entry in source.entries:
            if entry.id is not None and old.get(entry.id) != dict(entry.data):
                changed.add(entry.id)
    return changed


def _by_id(source: SourceFile) -> dict[str, dict[str, object]]:
    return {e.id: dict(e.data) for e in source.entries if e.id is not None}


def _old_text(path: Path, ref: str) -> str | None:
    """The file's text at `ref`; None when the file did not exist there."""
    folder = path.resolve().parent
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except (OSError, subprocess.CalledProcessError) as err:
        raise GitError(f"cannot read revision {ref!r}: {err}") from err
    relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
    try:
        return _git(folder, "show", f"{ref}:{relative}")
    except subprocess.CalledProcessError:
        return None  # a file added since


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout

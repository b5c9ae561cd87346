"""Where ``import`` writes its file, and the writing of it: all or nothing.

Everything that can be refused is refused before anything is created (``output_file``), so a
failed import leaves no folder and no file behind; a write that fails half way removes the
folders it created (``write_output``). Each refusal is a PathError that says why in one line.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from audit.fix.atomic import NotWrittenError, write_atomic

from .errors import PathError
from .ids import slugify

__all__ = ["output_file", "schema_ref", "taken_ids", "write_output"]


def output_file(out: Path, category: str, *, force: bool) -> Path:
    """The file ``import`` will write in the folder ``out``, named for ``category``.

    Raises PathError if it cannot be written there: checked before the page is read, so
    that a mistyped option costs nothing and creates nothing. Root may write anywhere its
    mode bits say it may not, so writability is asked of the system (os.access), not read
    from the mode.
    """
    problem = _unwritable(out)
    if problem:
        raise PathError(problem)
    target = out / f"{slugify(category)}.yaml"
    if target.is_dir():
        raise PathError(
            f"'{target}' is a folder, so the file cannot be written there; remove the folder"
            " or choose another --category"
        )
    if os.path.lexists(target) and not force:
        raise PathError(f"'{target}' already exists; use --force to overwrite it")
    return target


def _unwritable(out: Path) -> str | None:
    """Why no file can be written in the folder `out` (or in it once created), if so."""
    existing = out
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    if existing == out:
        if not out.is_dir():
            return f"--out '{out}' is a file, not a folder; name the folder to write the YAML in"
        if not os.access(out, os.W_OK | os.X_OK):
            return f"cannot write in the folder '{out}': permission denied; choose another --out"
        return None
    if not existing.is_dir():
        return f"cannot create the folder '{out}': '{existing}' is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        reason = f"'{existing}' is not writable; choose another --out"
        return f"cannot create the folder '{out}': {reason}"
    return None


def taken_ids(folder: Path, replaced: Path) -> set[str]:
    """Ids the other files of the FAQ already use, since ids must be unique across files."""
    from audit.source.loader import discover, load_file

    if not folder.is_dir():
        return set()
    return {
        entry.id
        for path in discover([folder])
        if path.resolve() != replaced.resolve()
        for entry in load_file(path).entries
        if entry.id
    }


def schema_ref(out: Path) -> str | None:
    """Point editors' YAML language servers at the project's schema, when there is one."""
    schema = Path("schemas") / "faq.schema.json"
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), out.resolve())).as_posix()


def write_output(target: Path, document: str) -> None:
    """Create the missing folders and write the file atomically.

    If that fails, the folders this call created are removed, so that nothing is left half
    done, and PathError says why. An interruption or a MemoryError is raised as it is, after
    the same cleanup.
    """
    created: list[Path] = []
    folders = (target.parent, *target.parent.parents)
    missing = [folder for folder in folders if not os.path.lexists(folder)]
    try:
        for folder in reversed(missing):
            folder.mkdir()
            created.append(folder)
        write_atomic(target, document)
    except BaseException as err:
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not isinstance(err, OSError | NotWrittenError):
            raise  # interrupted, or out of memory: reported by the caller
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise PathError(f"cannot write '{target}': {reason}; nothing was written") from None

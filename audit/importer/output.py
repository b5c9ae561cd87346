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

__all__ = ["check_folder", "file_stem", "output_files", "schema_ref", "taken_ids", "write_outputs"]

_NO_NAME = "faq"
"""The file name of a category whose title has no Latin letter or digit to name it by."""


def file_stem(category: str) -> str:
    """The file name, without ``.yaml``, of a category: its title as a slug."""
    stem = slugify(category)
    if stem == "question" and "question" not in category.casefold():
        return _NO_NAME  # slugify's fallback is for ids; "???" names no question
    return stem


def check_folder(out: Path) -> None:
    """PathError when no file can be written in the folder ``out`` (or in it once created)."""
    problem = _unwritable(out)
    if problem:
        raise PathError(problem)


def output_files(out: Path, categories: list[str], *, force: bool) -> list[Path]:
    """The files ``import`` will write in the folder ``out``, one per category.

    Raises PathError if one cannot be written there, before anything is created. Two
    categories whose titles make the same name get ``-2``, ``-3``... Root may write anywhere
    its mode bits say it may not, so writability is asked of the system (os.access), not read
    from the mode.
    """
    check_folder(out)
    targets: list[Path] = []
    used: set[str] = set()
    for category in categories:
        stem = base = file_stem(category)
        number = 2
        while stem in used:
            stem, number = f"{base}-{number}", number + 1
        used.add(stem)
        target = out / f"{stem}.yaml"
        if target.is_dir():
            raise PathError(
                f"'{target}' is a folder, so the file cannot be written there; remove the"
                " folder or choose another --category"
            )
        if os.path.lexists(target) and not force:
            raise PathError(f"'{target}' already exists; use --force to overwrite it")
        targets.append(target)
    return targets


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


def taken_ids(folder: Path, replaced: list[Path]) -> set[str]:
    """Ids the other files of the FAQ already use, since ids must be unique across files."""
    from audit.source.loader import discover, load_file

    if not folder.is_dir():
        return set()
    skipped = {path.resolve() for path in replaced}
    return {
        entry.id
        for path in discover([folder])
        if path.resolve() not in skipped
        for entry in load_file(path).entries
        if entry.id
    }


def schema_ref(out: Path) -> str:
    """Where editors' YAML language servers find the schema, relative to the folder ``out``:
    the project's own ``schemas/``, or else the one installed with faq-audit."""
    from audit.source.resources import schema_path

    schema = Path("schemas") / "faq.schema.json"
    if not schema.is_file():
        schema = schema_path("faq.schema.json")
    return Path(os.path.relpath(schema.resolve(), out.resolve())).as_posix()


def write_outputs(documents: list[tuple[Path, str]]) -> None:
    """Create the missing folders and write each file atomically: all of them, or none.

    If a write fails, the files this call wrote and the folders it created are removed, so
    that nothing is left half done, and PathError says why. An interruption or a MemoryError
    is raised as it is, after the same cleanup.
    """
    created: list[Path] = []
    written: list[Path] = []
    target = documents[0][0] if documents else Path()
    try:
        for target, document in documents:
            folders = (target.parent, *target.parent.parents)
            missing = [folder for folder in folders if not os.path.lexists(folder)]
            for folder in reversed(missing):
                folder.mkdir()
                created.append(folder)
            existed = os.path.lexists(target)
            write_atomic(target, document)
            if not existed:
                written.append(target)
    except BaseException as err:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not isinstance(err, OSError | NotWrittenError):
            raise  # interrupted, or out of memory: reported by the caller
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        reason = reason.removesuffix("; nothing was written")  # said once, below
        raise PathError(f"cannot write '{target}': {reason}; nothing was written") from None

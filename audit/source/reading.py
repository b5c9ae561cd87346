"""Bytes on disk → text, or a problem that says in plain words why not.

Kept apart from YAML parsing because what can go wrong here (a folder, a
pipe, a device, a huge or binary file, the wrong encoding) is about the file,
not its content, and must be decided before a single byte is parsed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from audit.model import Position, Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
UNREADABLE = "unreadable-file"
BOM = "byte-order-mark"

_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The file's text (None when it cannot be used) and the problems found reading it."""
    problems: list[Problem] = []

    def unreadable(message: str, line: int = 1, column: int = 1) -> tuple[None, list[Problem]]:
        problems.append(Problem(message, Position(name, line, column), rule=UNREADABLE))
        return None, problems

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return unreadable(_folder_problem(path))
        if not stat.S_ISREG(info.st_mode):
            return unreadable("this is not a regular file (a pipe, socket or device); remove it")
        if info.st_size > MAX_FILE_BYTES:
            return unreadable(_too_large(info.st_size))
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # st_size can lie (/proc, growing files)
    except FileNotFoundError:
        return unreadable("the file does not exist (a broken link?)")
    except OSError as err:
        if err.errno == errno.ELOOP:
            return unreadable(
                "this is a symlink that leads back to itself (a symlink loop), not a file; "
                "remove it, or point it at the file it stands for"
            )
        return unreadable(f"cannot read the file: {err.strerror or err}")
    if len(raw) > MAX_FILE_BYTES:
        return unreadable(_too_large(len(raw), at_least=True))
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            return unreadable(f"the file is {encoding} text; save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = byte_position(raw, nul)
        return unreadable(
            "this is a binary file, not YAML text (it contains a NUL byte)", line, column
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        message = "the file starts with a byte-order mark; save it as UTF-8 without BOM"
        problems.append(Problem(message, Position(name, 1, 1), rule=BOM))
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as err:
        line, column = byte_position(raw, err.start)
        return unreadable(
            f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x} here); "
            "save it with UTF-8 encoding",
            line,
            column,
        )


def _folder_problem(path: Path) -> str:
    """A folder reaches the loader when it was named like a YAML file, or when
    `discover` could not search it: then say why, since its files went unchecked."""
    try:
        with os.scandir(path):
            pass
    except OSError as err:
        return (
            f"cannot read this folder ({err.strerror or err}), so its YAML files were not "
            "checked; give faq-audit permission to read it, or leave it out"
        )
    return "this is a folder, not a file"


def _too_large(size: int, *, at_least: bool = False) -> str:
    return too_large("the file", size, at_least=at_least) + "; split it into smaller category files"


def too_large(what: str, size: int, *, at_least: bool = False) -> str:
    """The size limit in words, for a content file or for a page `import` reads or writes."""
    more = "more than " if at_least else ""
    return (
        f"{what} is {more}{size / 1_048_576:.1f} MB, larger than the "
        f"{MAX_FILE_BYTES // 1_048_576} MB faq-audit reads"
    )


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column

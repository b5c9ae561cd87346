"""Replacing a file's content so that nothing is lost: not the old text, not an edit saved
meanwhile, not a link, an owner or a mode.

`rewrite` follows symbolic links to the file they lead to and changes that file, so a link
stays a link and its target is what gets fixed. It then takes one of two ways:

- **rename (the usual case):** the new content goes to a temporary file beside the target
  (`.NAME.XXXXXXXX.tmp`, hidden, so `validate` skips a stray one; NAME is cut short where a
  long name would not leave room), which gets the target's owner, group and mode, is
  flushed to disk and is renamed over the target. rename(2) is atomic, so a run killed at
  any moment leaves the old file or the new one, never half of each.
- **in place, when a rename would lose something:** a file with several hard links
  (st_nlink > 1), where a rename would give one name a new file and leave the others with
  the old text; or a file whose owner the temporary file cannot take (a user who is not
  root fixing someone else's file), where a rename would hand the file to that user. The
  old content is first saved to a temporary file beside the target, then the new content
  is written into the same inode (write, truncate, fsync). If that write fails, the old
  content is put back; if even that fails, the saved copy stays and the message names it.
  A run killed during this write can leave the file incomplete, with the old text in the
  copy beside it. (Editors such as Vim choose between the same two ways for the same
  reasons.)

Either way the file is checked again immediately before the rename or the in-place write:
its inode, size, modification time and every byte must be what was read, or nothing is
written (`ChangedOnDiskError`), so an edit saved meanwhile is not overwritten. What remains
is the short window between that last check and the rename(2) or write(2) itself, which no
check can close without locks that editors do not take.

A read-only file (no write bit for its owner, or not writable by this user) is refused.
Running as root, os.access() says yes to everything, hence the mode check.

Every failure is a `NotWrittenError` whose message says in plain words why, and the file
is then exactly as it was (except where the message says otherwise).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# A temporary name is `.` + stem + `.` + 8 random characters + `.tmp`; the stem is cut so
# that even a name of NAME_MAX (255) bytes leaves room for the rest.
_TEMP_STEM_BYTES = 200
_CHUNK = 1 << 16


class NotWrittenError(Exception):
    """The file could not be (fully) written; the message says why, in plain words."""


class ChangedOnDiskError(NotWrittenError):
    """The file changed after it was read; writing would lose that edit, so it is left."""


_CHANGED = "changed while faq-audit ran; left as it is, run again"


@dataclass(frozen=True, slots=True)
class _Stamp:
    """What identifies one state of a file without reading it."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> _Stamp:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) a path leads to, following links; None when it leads nowhere.

    Two names for one file (a symlink and its target, two hard links) have one identity,
    so a caller can write such a file once.
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def rewrite(path: Path, edit: Callable[[bytes], bytes | None]) -> Path:
    """Replace the content of the file `path` leads to with `edit(content)`; the file written.

    `edit` returns None when the content is not what it was computed for; then nothing is
    written and `ChangedOnDiskError` is raised. Raises `NotWrittenError` for every other
    reason the file cannot be written. See the module docstring for how, and why.
    """
    target = _resolve(path)
    try:
        info = os.stat(target)
        if not stat.S_ISREG(info.st_mode):
            raise NotWrittenError("this is not a regular file; faq-audit writes only files")
        if not info.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
            raise NotWrittenError(
                "the file is read-only; make it writable (chmod u+w) if fix may change it"
            )
        fd = os.open(target, os.O_RDONLY)
        try:
            info = os.fstat(fd)  # the file as opened, in case the name moved on meanwhile
            stamp, content = _read(fd)
        finally:
            os.close(fd)
        new = edit(content)
        if new is None:
            raise ChangedOnDiskError(_CHANGED)
        if info.st_nlink > 1 or not _replace(target, info, stamp, content, new):
            _write_in_place(target, stamp, content, new)
    except OSError as err:
        raise NotWrittenError(_reason(err, target)) from None
    return target


def write_atomic(path: Path, text: str) -> None:
    """Write a new file (or replace one) beside the target, flush it, then rename it over."""
    fd, temp = _temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _resolve(path: Path) -> Path:
    """The file a path leads to, through every symbolic link."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except OSError as err:
        raise NotWrittenError(_reason(err, path)) from None
    except (RuntimeError, ValueError):  # a loop, on Pythons that raise it this way
        raise NotWrittenError("the path is a loop of symbolic links") from None


def _read(fd: int) -> tuple[_Stamp, bytes]:
    """The stamp and content of an open file; a write during the read counts as a change."""
    stamp = _Stamp.of(os.fstat(fd))
    chunks = []
    while chunk := os.read(fd, _CHUNK):
        chunks.append(chunk)
    if _Stamp.of(os.fstat(fd)) != stamp:
        raise ChangedOnDiskError(_CHANGED)
    return stamp, b"".join(chunks)


def _check(fd: int, stamp: _Stamp, content: bytes) -> None:
    """Raise ChangedOnDiskError unless the open file is still the one read, byte for byte."""
    if _Stamp.of(os.fstat(fd)) != stamp:
        raise ChangedOnDiskError(_CHANGED)
    os.lseek(fd, 0, os.SEEK_SET)
    now = _read(fd)
    if now != (stamp, content):
        raise ChangedOnDiskError(_CHANGED)


def _replace(target: Path, info: os.stat_result, stamp: _Stamp, content: bytes, new: bytes) -> bool:
    """Write `new` to a temporary file with the target's owner and mode, check, rename.

    False, with nothing written, when the temporary file cannot get the target's owner and
    group (a user who is not root fixing someone else's file): a rename would hand the file
    to the user running `fix`, so the caller writes in place instead.
    """
    fd, temp = _temp_beside(target)
    try:
        try:
            if not _keep_owner(fd, info):
                os.unlink(temp)
                return False
            os.fchmod(fd, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
            _write_all(fd, new)
            os.fsync(fd)
        finally:
            os.close(fd)
        check = os.open(target, os.O_RDONLY)
        try:
            _check(check, stamp, content)
        finally:
            os.close(check)
        os.replace(temp, target)  # the last check stands right before this
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)
    return True


def _write_in_place(target: Path, stamp: _Stamp, content: bytes, new: bytes) -> None:
    """Write `new` into the target's own inode, keeping a copy of the old content meanwhile.

    The copy is removed only while the target is known to be whole (untouched, completely
    rewritten, or restored); an interruption mid-write (Ctrl-C, a kill) leaves it behind.
    """
    fd, backup = _temp_beside(target)
    whole = True
    try:
        try:
            _write_all(fd, content)
            os.fsync(fd)
        finally:
            os.close(fd)
        fd = os.open(target, os.O_RDWR)
        try:
            _check(fd, stamp, content)
            whole = False
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                _write_all(fd, new)
                os.ftruncate(fd, len(new))
                os.fsync(fd)
            except OSError as err:
                reason = _reason(err, target)
                whole = _restore(fd, content)
                if whole:
                    raise NotWrittenError(reason) from None
                raise NotWrittenError(
                    f"{reason}; the file may be incomplete, and its old content is saved "
                    f"in {os.fsdecode(backup)}"
                ) from None
            whole = True
        finally:
            os.close(fd)
    finally:
        if whole:
            with contextlib.suppress(OSError):
                os.unlink(backup)


def _restore(fd: int, content: bytes) -> bool:
    """Put the old content back after a failed in-place write; whether that worked."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        _write_all(fd, content)
        os.ftruncate(fd, len(content))
        os.fsync(fd)
    except OSError:
        return False
    return True


def _temp_beside(path: Path) -> tuple[int, bytes]:
    """A new hidden temporary file in the path's folder (mode 0600), its name short enough."""
    stem = os.fsencode(path.name)[:_TEMP_STEM_BYTES]
    folder = os.fsencode(path.parent)
    return tempfile.mkstemp(prefix=b"." + stem + b".", suffix=b".tmp", dir=folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _keep_owner(fd: int, info: os.stat_result) -> bool:
    """Give the temporary file the target's owner and group; whether that was allowed."""
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (info.st_uid, info.st_gid):
        return True
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        return False
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every file system lets a folder be fsynced."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(err: OSError, path: Path | bytes) -> str:
    """Why an operation on a file failed, in words a person can act on."""
    code = err.errno
    if code == errno.ENOENT:
        return "the file was deleted or moved while faq-audit ran; nothing was written"
    if code == errno.ENOSPC:
        return "the disk is full; free some space and run again"
    if code == errno.EDQUOT:
        return "the disk quota is used up; free some space and run again"
    if code == errno.EFBIG:
        return "the fixed file is larger than this system lets faq-audit write (a size limit)"
    if code == errno.EROFS:
        return "the file is on a read-only file system"
    if code in (errno.EACCES, errno.EPERM):
        folder = Path(os.fsdecode(path)).parent
        return f"permission denied; faq-audit needs to write the file and its folder {folder}"
    if code == errno.ELOOP:
        return "the path is a loop of symbolic links"
    if code == errno.ENAMETOOLONG:
        return "the file's name or path is too long for this file system"
    return f"cannot write the file: {err.strerror or err}"

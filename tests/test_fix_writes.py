"""How `fix` writes: an edit saved meanwhile is kept, links, owners and modes survive, and a
file that cannot be written is reported while the others are still fixed.

Every failure here is real, not mocked: a file changed or deleted at the exact moment
between `fix`'s read and its rename (a hook on os.fsync, which the writer calls on the
temporary file just before its last check), a 64 KB tmpfs that fills up, a file-size limit
(RLIMIT_FSIZE) in a child process, a folder that the user `nobody` may not write in.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from audit.engine import Options
from audit.fix import apply as fixer
from tests.conftest import ROOT, CliRun

BROKEN = "Call (800) 796 - 7546 today."
FIXED = "Call (800) 796-7546 today."


def faq(answer: str = BROKEN, filler: int = 0) -> str:
    """One category whose first answer has one phone-format fix, and `filler` clean entries."""
    entries = [f"  - id: call\n    question: How do I call?\n    answer: {answer}\n"]
    entries += [
        f"  - id: filler-{n}\n    question: Question {n}?\n    answer: Nothing to fix here.\n"
        for n in range(filler)
    ]
    return "category: Calls\nentries:\n" + "".join(entries)


def put(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text or faq(), encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def hook_fsync(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> None:
    """Run `action` once, at the first fsync: the temporary file (or the backup of a
    hard-linked file) is written, and the rename (or in-place write) has not happened yet."""
    real = os.fsync
    calls: list[int] = []

    def hooked(fd: int) -> None:
        real(fd)
        if not calls:
            calls.append(fd)
            action()

    monkeypatch.setattr(os, "fsync", hooked)


# 5. An edit saved while `fix` writes is not lost.


def _append(target: Path) -> None:
    with target.open("a", encoding="utf-8") as handle:
        handle.write("  # an editor's note, saved while fix ran\n")


def _save_as_new_file(target: Path) -> None:
    """How most editors save: write a new file and rename it over the old one."""
    new = target.with_name(".editor-save")
    new.write_text(target.read_text(encoding="utf-8") + "  # saved by rename\n", "utf-8")
    os.replace(new, target)


def _same_size_same_mtime(target: Path) -> None:
    """An edit that keeps the size and the modification time: only the bytes tell."""
    info = target.stat()
    target.write_text(target.read_text(encoding="utf-8").replace("call?", "ring?"), "utf-8")
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))


@pytest.mark.parametrize("links", [1, 2], ids=["one-name", "hard-linked"])
@pytest.mark.parametrize("edit", [_append, _save_as_new_file, _same_size_same_mtime])
def test_an_edit_saved_between_the_temp_file_and_the_rename_is_kept_and_reported(
    cli: CliRun,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[Path], None],
    links: int,
) -> None:
    target = put(tmp_path / "faq" / "a.yaml")
    if links == 2:
        os.link(target, tmp_path / "other-name.yaml")
    edited: list[bytes] = []

    def editor_saves() -> None:
        edit(target)
        edited.append(target.read_bytes())

    hook_fsync(monkeypatch, editor_saves)
    code, _, err = cli("fix", "faq")
    assert edited, "the hook never ran: the test proved nothing"
    assert target.read_bytes() == edited[0]  # the edit is there, and no fix over it
    assert "faq/a.yaml: changed while faq-audit ran; left as it is, run again" in err
    # every file skipped: not "fixed 0 problems in 1 file"
    assert err.splitlines()[-1].startswith("nothing fixed; could not fix 1 file")
    assert code == 1
    assert leftovers(target.parent) == []


# 6. Links, owners and modes survive.


def test_a_symlinked_file_is_fixed_in_its_target_and_stays_a_link(
    cli: CliRun, tmp_path: Path
) -> None:
    real = put(tmp_path / "shared" / "real.yaml")
    link = tmp_path / "faq" / "link.yaml"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "shared" / "real.yaml")
    code, _, err = cli("fix", "faq")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "shared", "real.yaml")
    assert real.read_text(encoding="utf-8") == faq(FIXED)
    assert "fixed 1 problem in 1 file" in err


@pytest.mark.parametrize("kind", ["symlink", "hard link"])
def test_two_names_for_one_file_are_fixed_once(cli: CliRun, tmp_path: Path, kind: str) -> None:
    first = put(tmp_path / "a.yaml")
    second = tmp_path / "b.yaml"
    if kind == "symlink":
        second.symlink_to("a.yaml")
    else:
        os.link(first, second)
    code, _, err = cli("fix", "a.yaml", "b.yaml")
    assert code == 0, err
    assert "changed while" not in err
    assert "fixed 1 problem in 1 file" in err
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == faq(FIXED)
    if kind == "symlink":
        assert second.is_symlink()
    else:
        assert first.stat().st_ino == second.stat().st_ino and first.stat().st_nlink == 2


def test_a_hard_linked_file_is_rewritten_in_place_and_every_name_sees_the_fix(
    cli: CliRun, tmp_path: Path
) -> None:
    target = put(tmp_path / "faq" / "a.yaml")
    elsewhere = tmp_path / "published" / "a.yaml"
    elsewhere.parent.mkdir()
    os.link(target, elsewhere)
    inode = target.stat().st_ino
    code, _, err = cli("fix", "faq")
    assert code == 0, err
    assert elsewhere.read_text(encoding="utf-8") == faq(FIXED)
    assert target.stat().st_ino == inode and target.stat().st_nlink == 2
    assert leftovers(target.parent) == []


def test_the_owner_and_the_mode_survive_a_fix(cli: CliRun, tmp_path: Path) -> None:
    target = put(tmp_path / "faq" / "a.yaml")
    if os.geteuid() == 0:  # only root can give a file away; as another user, the mode still
        os.chown(target, 65534, 65534)  # counts
    target.chmod(0o640)
    before = target.stat()
    code, _, err = cli("fix", "faq")
    assert code == 0, err
    after = target.stat()
    assert target.read_text(encoding="utf-8") == faq(FIXED)
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert stat.S_IMODE(after.st_mode) == 0o640


# The interpreter may live where `nobody` cannot read (/root/.pyenv), so the child starts as
# root, loads every module a run needs by running `fix --check` once, and only then becomes
# `nobody` for the run that writes.
_AS_NOBODY = """
import contextlib, io, os, sys
from audit.cli import main
with contextlib.redirect_stderr(io.StringIO()):
    main(["fix", "--check", sys.argv[1]])
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
sys.exit(main(["fix", *sys.argv[2:]]))
"""


def _as_nobody(base: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    """The real CLI as the user `nobody` (see _AS_NOBODY), from `base`."""
    put(base / "warm" / "a.yaml")
    return subprocess.run(
        [sys.executable, "-c", _AS_NOBODY, "warm", *paths],
        cwd=base,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a file of another user's")
def test_a_file_of_another_user_keeps_its_owner_when_fixed_by_a_user_who_cannot_chown() -> None:
    base = Path(tempfile.mkdtemp(prefix="faq-audit-"))
    try:
        base.chmod(0o755)
        target = put(base / "faq" / "a.yaml")  # owned by root, written by `nobody`
        target.chmod(0o666)
        target.parent.chmod(0o777)
        done = _as_nobody(base, "faq")
        assert done.returncode == 0, done.stderr
        assert target.read_text(encoding="utf-8") == faq(FIXED)
        info = target.stat()
        assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (0, 0, 0o666)
        assert leftovers(target.parent) == []
    finally:
        shutil.rmtree(base)


def test_a_read_only_file_is_refused_and_the_others_are_fixed(cli: CliRun, tmp_path: Path) -> None:
    locked = put(tmp_path / "faq" / "a.yaml")
    other = put(tmp_path / "faq" / "b.yaml")
    locked.chmod(0o444)  # the folder stays writable; tests may run as root, who could write
    code, _, err = cli("fix", "faq")
    assert locked.read_text(encoding="utf-8") == faq()
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_text(encoding="utf-8") == faq(FIXED)
    assert "faq/a.yaml: not fixed: the file is read-only" in err
    assert "fixed 1 problem in 1 file; could not fix 1 file" in err
    assert code == 1


# 7. One failure does not abandon the rest.


def test_a_file_deleted_mid_run_is_reported_and_the_others_are_fixed(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doomed = put(tmp_path / "faq" / "a.yaml")
    other = put(tmp_path / "faq" / "b.yaml")
    plan = fixer.fix_run

    def plan_then_delete(paths: Sequence[Path], options: Options) -> fixer.FixRun:
        run = plan(paths, options)
        doomed.unlink()  # after the fixes are computed, before any is written
        return run

    monkeypatch.setattr(fixer, "fix_run", plan_then_delete)
    code, _, err = cli("fix", "faq")
    assert other.read_text(encoding="utf-8") == faq(FIXED)
    assert "faq/a.yaml: not fixed: the file was deleted or moved while faq-audit ran" in err
    assert "fixed 1 problem in 1 file; could not fix 1 file" in err
    assert code == 1
    assert not doomed.exists() and leftovers(doomed.parent) == []


def test_a_name_too_long_for_a_temporary_name_beside_it_is_still_fixed(
    cli: CliRun, tmp_path: Path
) -> None:
    name = "a" * 245 + ".yaml"  # 250 bytes: `.{name}.XXXXXXXX.tmp` would pass NAME_MAX (255)
    target = put(tmp_path / "faq" / name)
    code, _, err = cli("fix", "faq")
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == faq(FIXED)
    assert leftovers(target.parent) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KB file system (tmpfs), where root may mount one; skipped elsewhere."""
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the file-size-limit test covers this case")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_fails_that_file_only(cli: CliRun, tmp_path: Path, small_disk: Path) -> None:
    big = put(small_disk / "a.yaml", faq(filler=600))  # about 48 KB: no room for a second copy
    assert 32 * 1024 < big.stat().st_size < 60 * 1024
    other = put(tmp_path / "faq" / "b.yaml")
    code, _, err = cli("fix", "small", "faq")
    assert big.read_text(encoding="utf-8") == faq(filler=600)
    assert other.read_text(encoding="utf-8") == faq(FIXED)
    assert "small/a.yaml: not fixed: the disk is full" in err
    assert "fixed 1 problem in 1 file; could not fix 1 file" in err
    assert code == 1
    assert leftovers(small_disk) == []


def _run_limited(
    cwd: Path, *args: str, file_size: int | None = None
) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process, under a file-size limit."""

    def limit() -> None:
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run(
        [sys.executable, "-m", "audit", "fix", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
    )


def test_a_file_that_passes_the_file_size_limit_fails_and_the_others_are_fixed(
    tmp_path: Path,
) -> None:
    big = put(tmp_path / "a" / "a.yaml", faq(filler=400))  # about 32 KB
    other = put(tmp_path / "b" / "b.yaml")
    done = _run_limited(tmp_path, "a", "b", file_size=16 * 1024)
    assert "Traceback" not in done.stderr, done.stderr
    assert big.read_text(encoding="utf-8") == faq(filler=400)
    assert other.read_text(encoding="utf-8") == faq(FIXED)
    assert "a/a.yaml: not fixed: the fixed file is larger than this system lets" in done.stderr
    assert "fixed 1 problem in 1 file; could not fix 1 file" in done.stderr
    assert done.returncode == 1
    assert leftovers(big.parent) == []


def test_a_hard_linked_file_whose_rewrite_fails_gets_its_old_content_back(
    tmp_path: Path,
) -> None:
    target = put(tmp_path / "faq" / "a.yaml", faq("Call (800) 796-7546 today."))
    os.link(target, tmp_path / "copy.yaml")
    original = target.read_bytes()
    # International style makes the file one byte longer, one byte past the limit: the
    # in-place write fails after writing all but that byte.
    done = _run_limited(tmp_path, "faq", "--phone-style", "international", file_size=len(original))
    assert "Traceback" not in done.stderr, done.stderr
    assert "faq/a.yaml: not fixed: the fixed file is larger" in done.stderr
    assert target.read_bytes() == original
    assert target.stat().st_nlink == 2
    assert done.returncode == 1
    assert leftovers(target.parent) == []


def test_a_folder_the_user_may_not_write_in_fails_that_file_only(
    cli: CliRun, tmp_path: Path
) -> None:
    """As root every folder is writable, so then the CLI runs as `nobody`."""
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="faq-audit-")) if as_root else tmp_path
    try:
        base.chmod(0o755)
        locked = put(base / "locked" / "a.yaml")
        other = put(base / "open" / "b.yaml")
        for path in (locked, other):
            path.chmod(0o666)  # the files themselves may be written
        (base / "open").chmod(0o777)
        (base / "locked").chmod(0o555)
        if as_root:
            done = _as_nobody(base, "locked", "open")
            code, err = done.returncode, done.stderr
        else:
            code, _, err = cli("fix", str(base / "locked"), str(base / "open"))
        assert "Traceback" not in err, err
        assert locked.read_text(encoding="utf-8") == faq()
        assert other.read_text(encoding="utf-8") == faq(FIXED)
        assert "a.yaml: not fixed: permission denied" in err
        assert "fixed 1 problem in 1 file; could not fix 1 file" in err
        assert code == 1
    finally:
        (base / "locked").chmod(0o755)
        if as_root:
            shutil.rmtree(base)


# A change refused because its fixes would change the YAML's structure is never written.


@pytest.mark.parametrize("mode", [(), ("--check",), ("--diff",)], ids=["write", "check", "diff"])
def test_a_refused_change_is_never_written_and_counts_as_not_fixed(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: tuple[str, ...]
) -> None:
    refused = put(tmp_path / "faq" / "a.yaml")
    other = put(tmp_path / "faq" / "b.yaml")
    plan = fixer.fix_run
    reason = "the fixes would change what YAML reads here; fix it by hand"

    def refuse_first(paths: Sequence[Path], options: Options) -> fixer.FixRun:
        run = plan(paths, options)
        first, *rest = run.changes
        return dataclasses.replace(run, changes=[dataclasses.replace(first, refused=reason), *rest])

    monkeypatch.setattr(fixer, "fix_run", refuse_first)
    code, out, err = cli("fix", *mode, "faq")
    assert refused.read_text(encoding="utf-8") == faq()
    assert f"faq/a.yaml: {reason}" in err
    assert "a.yaml" not in out  # no diff for it either
    verb = "would fix" if mode else "fixed"
    assert f"{verb} 1 problem in 1 file; could not fix 1 file" in err
    assert other.read_text(encoding="utf-8") == (faq() if mode else faq(FIXED))
    assert code == 1

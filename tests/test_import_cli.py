"""`faq-audit import`: from a page on disk to faq/ YAML that validates, through the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, CliRun
from tests.test_import_bounds import run_cli

SEED = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"
CHROME = ("Skip to content", "Cart", "Your cart is empty")


def _seed_pairs() -> list[tuple[str, str]]:
    """The seed's questions and answers, read the simplest way: blank-line-separated lines."""
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines = [ln for ln in lines if ln not in CHROME]
    pairs: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.endswith("?"):
            pairs.append((line, []))
        else:
            pairs[-1][1].append(line)
    return [(q, "\n\n".join(a)) for q, a in pairs]


def test_importing_the_seed_reproduces_every_question_and_answer_and_validates(
    cli: CliRun, tmp_path: Path
) -> None:
    code, _, err = cli("import", str(SEED), "--out", "faq", "--category", "FAQ")
    assert code == 0, err
    assert "wrote faq/faq.yaml: 25 entries" in err
    data = yaml.safe_load((tmp_path / "faq" / "faq.yaml").read_text(encoding="utf-8"))
    got = [(e["question"], e["answer"]) for e in data["entries"]]
    assert got == _seed_pairs()
    assert len(got) == 25

    code, out, _ = cli("validate", "faq", "--format", "json")
    document: dict[str, Any] = json.loads(out)
    assert document["summary"]["entries"] == 25
    assert document["summary"]["errors"] == 0
    assert code == 0


def test_import_refuses_to_overwrite_without_force(cli: CliRun, tmp_path: Path) -> None:
    target = tmp_path / "faq" / "faq.yaml"
    target.parent.mkdir()
    target.write_text("keep me\n", encoding="utf-8")
    code, _, err = cli("import", str(SEED), "--out", "faq")
    assert code == 2
    assert "already exists; use --force" in err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    code, _, _ = cli("import", str(SEED), "--out", "faq", "--force")
    assert code == 0
    assert "reset-my-password" in target.read_text(encoding="utf-8")


def test_a_page_without_questions_is_a_clear_error_and_writes_nothing(
    cli: CliRun, tmp_path: Path
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Welcome to our shop.\n\nWe sell bicycles.\n", encoding="utf-8")
    code, out, err = cli("import", str(page), "--out", "faq")
    assert code == 1
    assert out == ""
    assert err.startswith("faq-audit: ") and "question" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "faq").exists()


def test_a_missing_page_is_a_usage_error(cli: CliRun, tmp_path: Path) -> None:
    code, _, err = cli("import", "nope.html", "--out", "faq")
    assert code == 2
    assert "the page 'nope.html' does not exist" in err


def test_imported_ids_do_not_clash_with_ids_already_in_the_folder(
    cli: CliRun, tmp_path: Path
) -> None:
    existing = tmp_path / "faq" / "account.yaml"
    existing.parent.mkdir()
    existing.write_text(
        "category: Account\nentries:\n"
        "  - id: how-do-i-reset-my-password\n    question: How do I reset it?\n    answer: A.\n",
        encoding="utf-8",
    )
    code, _, err = cli("import", str(SEED), "--out", "faq")
    assert code == 0, err
    code, out, _ = cli("validate", "faq", "--format", "json", "--select", "duplicate-id")
    assert json.loads(out)["findings"] == []
    imported = yaml.safe_load((tmp_path / "faq" / "faq.yaml").read_text(encoding="utf-8"))
    assert imported["entries"][0]["id"] == "how-do-i-reset-my-password-2"


# --- refusals: one line, the right exit code, and nothing created ----------------------------


def tree(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_out_naming_a_file_is_a_usage_error_that_creates_nothing(
    cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = cli("import", str(SEED), "--out", "notes.txt")
    assert code == 2
    assert "--out 'notes.txt' is a file, not a folder" in one_line(err)
    assert tree(tmp_path) == before
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_out_below_a_file_is_a_usage_error_that_creates_nothing(
    cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = cli("import", str(SEED), "--out", "notes.txt/faq")
    assert code == 2
    assert "cannot create the folder 'notes.txt/faq': 'notes.txt' is a file" in one_line(err)
    assert tree(tmp_path) == before


@pytest.mark.parametrize("category", ["", "  "])
def test_a_blank_category_is_a_usage_error_that_creates_nothing(
    cli: CliRun, tmp_path: Path, category: str
) -> None:
    code, _, err = cli("import", str(SEED), "--out", "faq", "--category", category)
    assert code == 2
    assert "argument --category: the category must not be blank" in one_line(err)
    assert tree(tmp_path) == []


def test_force_over_a_folder_named_like_the_file_is_a_usage_error(
    cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "faq" / "faq.yaml" / "inside").mkdir(parents=True)
    before = tree(tmp_path)
    code, _, err = cli("import", str(SEED), "--out", "faq", "--force")
    assert code == 2
    assert "'faq/faq.yaml' is a folder" in one_line(err)
    assert tree(tmp_path) == before


def test_a_page_that_cannot_be_imported_is_named_once_in_the_message(
    cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "page.txt").write_text("We sell bicycles.\n", encoding="utf-8")
    code, _, err = cli("import", "page.txt", "--out", "faq")
    assert code == 1
    assert one_line(err).startswith("faq-audit: page.txt: no question found")
    assert err.count("page.txt") == 1


AS_NOBODY = """
import os, sys
# Load every module the run may need while the standard library is readable (it may lie
# under /root, mode 0700), then become nobody.
import audit.cli, audit.commands.arguments, audit.findings, audit.fix.atomic
import audit.importer.limits, audit.reporters.text, audit.rules, audit.source.loader
audit.commands.arguments.build_parser()
audit.rules.all_rules()
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
raise SystemExit(audit.cli.main(sys.argv[1:]))
"""
"""Run the command line as user nobody: running as root, the tests would otherwise write
into any folder, whatever its mode."""


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the user nobody can reach (pytest's tmp_path lies in one only root can)."""
    folder = Path(tempfile.mkdtemp(prefix="faq-audit-import-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("out", ["read-only", "read-only/new/deeper"])
def test_a_read_only_output_folder_is_a_usage_error_that_creates_nothing(
    shared_folder: Path, out: str
) -> None:
    page = shared_folder / "page.txt"
    shutil.copyfile(SEED, page)
    page.chmod(0o644)
    read_only = shared_folder / "read-only"
    read_only.mkdir()
    if os.geteuid() == 0:  # owned by root: nobody may not write in it
        run = run_cli(["import", page, "--out", out], cwd=shared_folder, wrapper=AS_NOBODY)
    else:
        read_only.chmod(0o555)
        run = run_cli(["import", page, "--out", out], cwd=shared_folder)
    assert run.code == 2, run.stderr
    expected = (
        "cannot write in the folder 'read-only': permission denied"
        if out == "read-only"
        else f"cannot create the folder '{out}': 'read-only' is not writable"
    )
    assert expected in run.message()
    assert list(read_only.iterdir()) == []


def test_a_write_that_fails_removes_the_folders_it_created(tmp_path: Path) -> None:
    # A file size limit of 1 KiB makes writing the 12 KB file fail half way (EFBIG).
    run = run_cli(["import", SEED, "--out", "new/deeper"], cwd=tmp_path, file_size=1024)
    assert run.code == 2, run.stderr
    message = run.message()
    assert message.startswith("faq-audit import: error: cannot write 'new/deeper/faq.yaml': ")
    assert "nothing was written" in message
    assert tree(tmp_path) == []

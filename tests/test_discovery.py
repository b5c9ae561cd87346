"""Which files a run reads: none skipped in silence, none read twice.

Folders are searched for *.yaml and *.yml in any case, through symlinked folders (once,
so a link back up the tree is not a loop), and however deep they go. A file reached by
two names (named on the command line and found in its folder, or through a symlink) is
one file: read once, never a duplicate of itself. Folders and files that cannot be read
are findings; tests/test_bad_inputs.py runs those with file modes in force.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from audit.source.loader import discover
from tests.conftest import CliRun

ENTRY = """\
category: {name}
entries:
  - id: {name}
    question: What is {name}?
    answer: It is {name}.
"""


def faq_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY.format(name=path.stem.lower()), encoding="utf-8")
    return path


def report(cli: CliRun, *paths: str) -> dict[str, Any]:
    code, out, err = cli("validate", *paths, "--format", "json")
    assert "Traceback" not in err
    doc: dict[str, Any] = json.loads(out)
    doc["exit"] = code
    return doc


def test_upper_case_yaml_suffixes_are_read_and_hidden_files_are_not(
    cli: CliRun, tmp_path: Path
) -> None:
    faq_file(tmp_path / "faq" / "SHIPPING.YAML")
    faq_file(tmp_path / "faq" / "returns.Yml")
    faq_file(tmp_path / "faq" / "orders.yaml")
    faq_file(tmp_path / "faq" / ".draft.yaml")  # hidden: a stray temporary file of `fix`
    faq_file(tmp_path / "faq" / ".old" / "archive.yaml")
    faq_file(tmp_path / "faq" / "notes.txt")
    doc = report(cli, "faq")
    assert doc["summary"] == {"files": 3, "entries": 3, "errors": 0, "warnings": 0, "info": 0}
    assert [p.name for p in discover([tmp_path / "faq"])] == [
        "SHIPPING.YAML",
        "orders.yaml",
        "returns.Yml",
    ]


def test_a_symlinked_subfolder_is_searched_once_and_a_link_back_up_is_not_a_loop(
    cli: CliRun, tmp_path: Path
) -> None:
    faq_file(tmp_path / "faq" / "orders.yaml")
    faq_file(tmp_path / "shared" / "contact.yaml")
    (tmp_path / "faq" / "shared").symlink_to(tmp_path / "shared")
    (tmp_path / "faq" / "also-shared").symlink_to(tmp_path / "shared")  # the same folder again
    (tmp_path / "faq" / "sub").mkdir()
    (tmp_path / "faq" / "sub" / "up").symlink_to("..")  # leads back to faq/
    doc = report(cli, "faq")
    assert doc["exit"] == 0, doc["findings"]
    assert doc["summary"]["files"] == 2
    assert doc["summary"]["entries"] == 2  # orders and contact, each once: no duplicate id
    assert [p.name for p in discover([tmp_path / "faq"])] == ["contact.yaml", "orders.yaml"]


def test_a_file_named_twice_is_read_once(cli: CliRun, tmp_path: Path) -> None:
    faq_file(tmp_path / "faq" / "orders.yaml")
    faq_file(tmp_path / "faq" / "returns.yaml")
    doc = report(cli, "faq", "faq/orders.yaml", "./faq/returns.yaml", "faq")
    assert doc["findings"] == []  # not a duplicate id, not a duplicate question
    assert doc["summary"]["files"] == 2
    assert doc["exit"] == 0


def test_a_symlink_to_a_file_in_the_run_is_read_once(cli: CliRun, tmp_path: Path) -> None:
    faq_file(tmp_path / "faq" / "orders.yaml")
    (tmp_path / "faq" / "z-link.yaml").symlink_to("orders.yaml")
    (tmp_path / "elsewhere.yaml").symlink_to(tmp_path / "faq" / "orders.yaml")
    doc = report(cli, "faq", "elsewhere.yaml")
    assert doc["findings"] == []
    assert doc["summary"]["files"] == 1


def test_a_folder_tree_deeper_than_the_recursion_limit_is_searched(
    cli: CliRun, tmp_path: Path
) -> None:
    # The standard library's recursive glob raised RecursionError at about 1,000 levels.
    # (So does shutil.rmtree, which pytest cleans up with: the test removes its tree.)
    deep = tmp_path / "faq"
    deep.mkdir()
    try:
        os.chdir(deep)
        for _ in range(1_500):
            os.mkdir("d")
            os.chdir("d")
        faq_file(Path.cwd() / "deep.yaml")
        os.chdir(tmp_path)
        doc = report(cli, "faq")
        assert doc["summary"]["files"] == 1
        assert doc["exit"] == 0
    finally:
        remove_deep_tree(deep)


def remove_deep_tree(top: Path) -> None:
    """Remove a folder tree of any depth without recursion: down by chdir, then up."""
    back = Path.cwd()
    os.chdir(top)
    below: list[str] = []  # the folders gone down into, from `top`
    try:
        while True:
            entries = list(os.scandir("."))
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.name)
            folders = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
            if folders:
                os.chdir(folders[0])
                below.append(folders[0])
            elif not below:
                break
            else:
                os.chdir("..")
                os.rmdir(below.pop())
    finally:
        os.chdir(back)
    top.rmdir()


def test_a_symlinked_file_is_named_by_the_name_given_not_its_target(
    cli: CliRun, tmp_path: Path
) -> None:
    target = faq_file(tmp_path / "shared" / "orders.yaml")
    target.write_text(target.read_text(encoding="utf-8") + "  - id: orders\n    question: A?\n")
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "orders.yaml").symlink_to(target)
    doc = report(cli, "faq")
    assert {f["path"] for f in doc["findings"]} == {"faq/orders.yaml"}


def test_run_from_a_subfolder_without_a_path_reads_the_projects_faq_folder(
    cli: CliRun, tmp_path: Path, monkeypatch: Any
) -> None:
    faq_file(tmp_path / "faq" / "orders.yaml")
    (tmp_path / "faq-audit.yaml").write_text("region: US\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    doc = report(cli)
    assert (doc["exit"], doc["summary"]["files"], doc["summary"]["entries"]) == (0, 1, 1)


def test_without_a_path_or_a_faq_folder_every_command_stops_with_a_usage_error(
    cli: CliRun, tmp_path: Path
) -> None:
    for command in (["validate"], ["fix"], ["fix", "--check"], ["facts"]):
        code, _, err = cli(*command)
        assert code == 2, command
        assert "there is no 'faq' folder in this folder; name the files or folders" in err

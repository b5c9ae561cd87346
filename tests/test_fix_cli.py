"""What `fix` says and how it exits: unreadable files, `--diff` with `--check`, what is left,
and a diff `git apply` takes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CliRun

BROKEN = "Call (800) 796 - 7546 today."
NOT_YAML = "category: Calls\nentries:\n  - id: [call\n"


def faq(answer: str = BROKEN, extra: str = "") -> str:
    entry = f"  - id: call\n    question: How do I call?\n    answer: {answer}\n"
    return f"category: Calls\nentries:\n{entry}{extra}"


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", [(), ("--check",), ("--diff",)])
def test_fix_on_a_file_that_is_not_yaml_says_so_and_exits_1_like_validate(
    cli: CliRun, tmp_path: Path, mode: tuple[str, ...]
) -> None:
    put(tmp_path / "faq" / "bad.yaml", NOT_YAML)
    code, out, _ = cli("validate", "faq")
    validate_line = out.splitlines()[0]
    code_fix, _, err_fix = cli("fix", *mode, "faq")
    assert code_fix == code == 1
    assert validate_line in err_fix.splitlines()
    assert "nothing to fix" not in err_fix


@pytest.mark.parametrize("command", ["validate", "fix", "links"])
@pytest.mark.parametrize("value", ["", ",", " , "])
def test_an_empty_select_is_a_usage_error_in_every_command_that_takes_it(
    cli: CliRun, tmp_path: Path, command: str, value: str
) -> None:
    put(tmp_path / "faq" / "bad.yaml", NOT_YAML)
    code, out, err = cli(command, "--select", value, "faq")
    assert code == 2, err
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "--select" in err, err


def test_fix_diff_and_check_together_show_the_diff_and_exit_1_while_a_fix_is_pending(
    cli: CliRun, tmp_path: Path
) -> None:
    path = put(tmp_path / "faq" / "calls.yaml", faq())
    code, out, err = cli("fix", "--diff", "--check", "faq")
    assert code == 1, err
    assert "+    answer: Call (800) 796-7546 today." in out
    assert path.read_text(encoding="utf-8") == faq()  # written nowhere
    code, out, err = cli("fix", "--diff", "faq")
    assert code == 0 and out, err
    put(path, faq("Call (800) 796-7546 today."))
    assert cli("fix", "--diff", "--check", "faq")[0] == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("last", ["    answer: Call (800) 796 - 7546 today.", "    answer: ok"])
def test_fix_diff_of_a_file_without_a_final_newline_is_a_patch_git_applies(
    cli: CliRun, tmp_path: Path, last: str
) -> None:
    text = faq(extra="  - id: more\n    question: And more?\n" + last)
    path = put(tmp_path / "faq" / "calls.yaml", text)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    code, out, err = cli("fix", "--diff", "faq")
    assert code == 0 and out, err
    assert "\\ No newline at end of file\n" in out
    patch = tmp_path / "fix.patch"
    patch.write_text(out, encoding="utf-8")
    subprocess.run(["git", "apply", "--check", str(patch)], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", str(patch)], cwd=tmp_path, check=True)
    cli("fix", "faq")
    assert path.read_text(encoding="utf-8").endswith(last.replace(" - ", "-"))


def test_fix_ends_by_saying_how_many_problems_remain_as_validate_counts_them(
    cli: CliRun, tmp_path: Path
) -> None:
    put(
        tmp_path / "faq" / "a.yaml",
        faq(extra="  - id: call\n    question: Again?\n    answer: Yes.\n"),
    )
    put(tmp_path / "faq" / "b.yaml", faq().replace("category: Calls", "category: More"))
    code, _, err = cli("fix", "--check", "faq")
    assert "would fix 2 problems in 2 files; " in err
    code, _, err = cli("fix", "faq")
    assert code == 0, err
    _, out, _ = cli("validate", "faq")
    left = len([line for line in out.splitlines() if not line.startswith(" ")])
    assert left > 0
    assert f"fixed 2 problems in 2 files; {left} remain, see `faq-audit validate`" in err
    code, _, err = cli("fix", "faq")
    assert f"nothing to fix; {left} remain, see `faq-audit validate`" in err


def test_fix_counts_what_the_baseline_accepts_apart_as_validate_does(
    cli: CliRun, tmp_path: Path
) -> None:
    put(
        tmp_path / "faq" / "a.yaml",
        faq(extra="  - id: call\n    question: Again?\n    answer: Yes.\n"),
    )
    (tmp_path / "faq-audit.yaml").write_text("baseline: accepted.json\n", encoding="utf-8")
    cli("fix", "faq")
    _, out, _ = cli("validate", "faq", "--no-baseline")
    left = len([line for line in out.splitlines() if not line.startswith(" ")])
    assert left > 0
    code, _, err = cli("baseline", "faq")
    assert code == 0, err
    _, out, _ = cli("validate", "faq")
    assert out == ""  # validate shows none of them now
    code, _, err = cli("fix", "faq")
    assert err.splitlines()[-1] == f"nothing to fix; {left} accepted in the baseline"


@pytest.mark.parametrize(
    "argv",
    [
        ("validate", "no-such-folder"),
        ("fix", "no-such-folder"),
        ("fix", "--select", "no-such-rule"),
        ("facts", "no-such-folder"),
        ("rules", "no-such-rule"),
        ("links", "no-such-folder"),
    ],
)
def test_a_usage_error_of_a_command_points_at_that_commands_help(
    cli: CliRun, argv: tuple[str, ...]
) -> None:
    code, _, err = cli(*argv)
    assert code == 2
    assert err.strip().endswith(f"(see `faq-audit {argv[0]} --help`)"), err


ESCAPE_ID = (
    "category: Calls\nentries:\n"
    '  - id: "a\\e[2J\\x9b0m\\x07"\n    question: Why?\n    answer: Yes.\n'
)


def test_control_characters_from_the_content_are_escaped_in_text_but_kept_in_json(
    cli: CliRun, tmp_path: Path
) -> None:
    put(tmp_path / "faq" / "a.yaml", ESCAPE_ID)
    put(tmp_path / "faq" / "b.yaml", ESCAPE_ID.replace("Calls", "More"))
    _, out, err = cli("validate", "faq", "--color", "never")
    assert "\\x1b[2J" in out, out
    for text in (out, err):
        assert not any(ch in text for ch in "\x1b\x9b\x07"), repr(text)
    _, out, _ = cli("validate", "faq", "--format", "json")
    assert "\\u001b[2J" in out  # JSON escapes them itself, and keeps the value exact
    assert "\\\\x1b" not in out


def test_notes_escape_control_characters_but_keep_their_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from audit.commands.output import note

    note("a.yaml: \x1b[2Jgone\nsecond line")
    assert capsys.readouterr().err == "a.yaml: \\x1b[2Jgone\nsecond line\n"

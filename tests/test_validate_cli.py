"""`faq-audit validate`: findings on the right file and line, exit codes, formats, options."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUNDLED_FAQ, DUPLICATED_QUESTION, ROOT, CliRun

Run = CliRun


@pytest.fixture
def run(cli: CliRun) -> CliRun:
    return cli


def _json(out: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(out)
    return document


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_bundled_faq_has_25_entries_and_passes(run: Run) -> None:
    code, out, err = run("validate", str(BUNDLED_FAQ), "--format", "json")
    document = _json(out)
    assert document["tool"] == "faq-audit"
    assert document["summary"]["entries"] == 25
    assert document["summary"]["files"] == 6
    assert document["summary"]["errors"] == 0
    assert code == 0
    assert "Traceback" not in err


def test_one_defect_of_each_kind_gives_exactly_one_finding_on_its_line(
    run: Run, tmp_path: Path
) -> None:
    faq = tmp_path / "faq"
    shutil.copytree(BUNDLED_FAQ, faq)
    # a schema error: a value outside the allowed audiences
    _edit(
        faq / "account.yaml",
        "  - id: reset-password\n",
        "  - id: reset-password\n    audience: everybody\n",
    )
    text = (faq / "account.yaml").read_text(encoding="utf-8")
    (faq / "account.yaml").write_text(
        text.replace("    audience: everyone\n", "", 1), encoding="utf-8"
    )
    # a repeated key
    _edit(
        faq / "orders.yaml",
        "  - id: track-order\n",
        "  - id: track-order\n    owner: web\n    owner: care\n",
    )
    # a repeated id (the first copy is in account.yaml)
    _edit(faq / "shipping.yaml", "  - id: shipping-options-and-costs\n", "  - id: reset-password\n")
    # a malformed YAML line
    _edit(faq / "returns.yaml", "    audience: everyone\n", "    audience: [everyone\n")

    code, out, _ = run("validate", "faq", "--format", "json")
    # the seed's own defects are warnings; the four planted defects are the errors
    findings = [f for f in _json(out)["findings"] if f["severity"] == "error"]
    got = sorted((f["rule"], f["path"], f["line"]) for f in findings)
    assert got == sorted(
        [
            ("schema", "faq/account.yaml", _line_of(faq / "account.yaml", "audience: everybody")),
            ("duplicate-key", "faq/orders.yaml", _line_of(faq / "orders.yaml", "owner: care")),
            (
                "duplicate-id",
                "faq/shipping.yaml",
                _line_of(faq / "shipping.yaml", "id: reset-password"),
            ),
            # a repeated id is reported on both copies, each naming the other
            (
                "duplicate-id",
                "faq/account.yaml",
                _line_of(faq / "account.yaml", "id: reset-password"),
            ),
            (
                "yaml-syntax",
                "faq/returns.yaml",
                _line_of(faq / "returns.yaml", "audience: [everyone") + 1,
            ),
        ]
    )
    duplicate = next(
        f for f in findings if f["rule"] == "duplicate-id" and f["path"] == "faq/shipping.yaml"
    )
    assert duplicate["related"][0]["path"] == "faq/account.yaml"
    assert duplicate["related"][0]["line"] == _line_of(faq / "account.yaml", "id: reset-password")
    assert code == 1


def test_text_format_is_one_finding_a_line_with_summary_on_stderr(run: Run, write: Any) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    question: Is it?\n    answer: Yes\n",
    )
    code, out, err = run("validate", "faq")
    assert out == (
        "faq/a.yaml:5:13: error implicit-type 'Yes' is read by YAML as the boolean true, "
        'not as text; put it in quotes: answer: "Yes"\n'
    )
    assert err.strip().splitlines()[-1] == (
        "Found 1 error, 0 warnings, 0 info in 1 file, 1 entry. 1 can be fixed with `faq-audit fix`."
    )
    assert "\033[" not in out
    assert code == 1


def test_colour_only_when_asked_or_on_a_terminal(run: Run, write: Any) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - {id: a, question: Is it?, answer: x, audience: all}\n",
    )
    _, plain, _ = run("validate", "faq")
    _, coloured, _ = run("validate", "faq", "--color", "always")
    assert "\033[" not in plain
    assert "\033[31merror\033[0m" in coloured


def test_default_path_is_faq_folder(run: Run, write: Any) -> None:
    write("faq/a.yaml", "category: A\nentries:\n  - {id: a, question: Q?, answer: A.}\n")
    code, _, err = run("validate")
    assert code == 0
    assert "1 file, 1 entry" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "missing/"], "the path 'missing/' does not exist"),
        (["validate", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["validate", "--select", "no-such-rule"], "unknown rule 'no-such-rule'"),
        (["validate", "--fail-on", "fatal"], "invalid choice: 'fatal'"),
        (["rules", "nope"], "unknown rule 'nope'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    run: Run, write: Any, argv: list[str], message: str
) -> None:
    write("faq/a.yaml", "category: A\nentries:\n  - {id: a, question: Q?, answer: A.}\n")
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err


def test_fail_on_decides_the_exit_code(run: Run, write: Any) -> None:
    write("faq/a.yaml", DUPLICATED_QUESTION)  # warnings only
    code, out, _ = run("validate", "faq", "--select", "duplicate-question")
    assert code == 0 and "duplicate-question" in out
    code, _, _ = run("validate", "faq", "--select", "duplicate-question", "--fail-on", "warning")
    assert code == 1


def test_select_and_ignore_filter_rules(run: Run, write: Any) -> None:
    write("faq/a.yaml", DUPLICATED_QUESTION)
    _, out, _ = run("validate", "faq", "--format", "json")
    everything = ["duplicate-question", "question-form", "spacing"]
    assert sorted(f["rule"] for f in _json(out)["findings"]) == everything
    _, out, _ = run("validate", "faq", "--format", "json", "--select", "question-form")
    assert [f["rule"] for f in _json(out)["findings"]] == ["question-form"]
    _, out, _ = run("validate", "faq", "--format", "json", "--ignore", ",".join(everything))
    assert _json(out)["findings"] == []


def test_json_finding_has_the_documented_shape(run: Run, write: Any) -> None:
    write("faq/a.yaml", "category: A\nentries:\n  - id: a\n    question: Q?\n    answr: A.\n")
    _, out, _ = run("validate", "faq", "--format", "json")
    document = _json(out)
    assert set(document) == {"tool", "version", "findings", "summary"}
    (finding,) = document["findings"]
    assert finding == {
        "rule": "schema",
        "severity": "error",
        "message": "`answr` is not a field of an entry; did you mean `answer`?",
        "path": "faq/a.yaml",
        "line": 5,
        "column": 5,
        "end_line": 5,
        "end_column": 10,
        "entry": "a",
        # rule, entry, the text at the span ("answr"), the occurrence: see audit.findings
        "fingerprint": hashlib.sha256(b"schema\0a\0answr\0" + b"0").hexdigest()[:16],
        "related": [],
        "fix": {
            "description": "rename `answr` to `answer`",
            "replacement": "answer",
            "line": 5,
            "column": 5,
            "end_line": 5,
            "end_column": 10,
        },
    }
    assert document["summary"] == {"files": 1, "entries": 1, "errors": 1, "warnings": 0, "info": 0}


def test_rules_lists_every_rule_with_severity(run: Run) -> None:
    code, out, _ = run("rules")
    ids = [line.split()[0] for line in out.splitlines()]
    assert {
        "yaml-syntax",
        "schema",
        "duplicate-key",
        "duplicate-id",
        "duplicate-question",
        "implicit-type",
        "unused-suppression",
    } <= set(ids)
    assert code == 0
    code, out, _ = run("rules", "duplicate-key")
    assert out.startswith("duplicate-key (error)") and "silently drops the first" in out


def test_python_dash_m_and_console_script_agree() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "audit", "validate", str(BUNDLED_FAQ), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert module.returncode == 0, module.stderr
    assert json.loads(module.stdout)["summary"]["entries"] == 25
    version = subprocess.run(
        [sys.executable, "-m", "audit", "--version"], capture_output=True, text=True, check=False
    )
    assert version.stdout.startswith("faq-audit ")

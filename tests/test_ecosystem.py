"""What other repositories use: the pre-commit hooks, the composite action, and this
repository's workflows that run the formats, the report and the link audit."""

from __future__ import annotations

import os
import re
import shlex
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from audit.commands.arguments import build_parser
from tests.conftest import ROOT


def _yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def _commands() -> set[str]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    assert isinstance(action.choices, dict)
    return set(action.choices)


def test_pre_commit_hooks_run_validate_and_fix_on_the_faq_yaml() -> None:
    hooks = {hook["id"]: hook for hook in _yaml(".pre-commit-hooks.yaml")}
    assert set(hooks) == {"faq-audit-validate", "faq-audit-fix"}
    for hook_id, hook in hooks.items():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        program, command = shlex.split(hook["entry"])
        assert program == "faq-audit" and command in _commands()
        assert hook_id == f"faq-audit-{command}"
        files = re.compile(hook["files"])
        assert files.search("faq/shipping.yaml") and files.search("faq/a.yml")
        assert not files.search("docs/faq.yaml") and not files.search("faq/notes.md")
    # validate compares entries across files, so it checks the folder, not the staged files
    assert hooks["faq-audit-validate"]["pass_filenames"] is False


def _action_script() -> str:
    steps = _yaml("action.yml")["runs"]["steps"]
    return str(steps[-1]["run"])


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        (
            {"command": "validate", "paths": "faq/", "format": "sarif", "args": "--output a.sarif"},
            ["validate", "faq/", "--format", "sarif", "--output", "a.sarif"],
        ),
        (
            {"command": "report", "paths": "faq/ more/", "format": "", "args": "--html r.html"},
            ["report", "faq/", "more/", "--html", "r.html"],
        ),
        (
            {"command": "links", "paths": "faq/", "format": "", "args": "; touch pwned $(id)"},
            ["links", "faq/", ";", "touch", "pwned", "$(id)"],
        ),
    ],
)
def test_action_runs_the_chosen_command_with_its_inputs_never_evaluated(
    tmp_path: Path, inputs: dict[str, str], expected: list[str]
) -> None:
    action = _yaml("action.yml")
    assert set(action["inputs"]) == {"command", "paths", "format", "args", "python-version"}
    assert action["runs"]["using"] == "composite"
    fake = tmp_path / "bin" / "faq-audit"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    env = {
        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
        **{f"FAQ_AUDIT_{name.upper()}": value for name, value in inputs.items()},
    }
    done = subprocess.run(
        ["bash", "-e", "-c", _action_script()],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == expected
    assert not (tmp_path / "pwned").exists()


def _steps(workflow: str) -> list[dict[str, Any]]:
    jobs = _yaml(f".github/workflows/{workflow}")["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_pull_request_workflow_annotates_and_uploads_sarif() -> None:
    workflow = _yaml(".github/workflows/content.yml")
    assert workflow["permissions"]["security-events"] == "write"
    runs = " ".join(str(step.get("run", "")) for step in _steps("content.yml"))
    assert "faq-audit validate faq/ --format github" in runs
    assert "--format sarif --output faq-audit.sarif" in runs
    uploads = [s for s in _steps("content.yml") if "upload-sarif" in str(s.get("uses", ""))]
    assert [s["with"]["sarif_file"] for s in uploads] == ["faq-audit.sarif"]


def test_nightly_workflow_uploads_the_report_and_fails_only_on_lasting_breakage() -> None:
    steps = _steps("links.yml")
    runs = " ".join(str(step.get("run", "")) for step in steps)
    assert re.search(r"faq-audit links faq/ .*--fail-after [2-9]", runs)
    assert "faq-audit report faq/ --html report/report.html" in runs
    uploaded = [str(s["with"]["path"]) for s in steps if "upload-artifact" in str(s.get("uses"))]
    assert any("report/" in path for path in uploaded)

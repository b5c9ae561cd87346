"""Fingerprints: the same when the text around a finding moves, new when what it is about changes.

The baseline and SARIF's partialFingerprints rely on these properties, so they
are checked on real files through the real command line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from audit.findings import fingerprints
from audit.model import Finding, Position, Severity
from tests.conftest import ROOT, CliRun

ENTRY_A = """\
  - id: pay
    question: How do I pay?
    answer: {answer}
"""
ANSWER = "Click here to pay, or call (800) 796 - 7546 from the US."
OTHER = """\
  - id: other
    question: Where do you ship?
    answer: We ship to the US.
"""


def _faq(*entries: str, preamble: str = "") -> str:
    return f"{preamble}category: A\nentries:\n" + "".join(entries)


def _validate_json(cwd: Path) -> list[dict[str, Any]]:
    """`python -m audit validate faq --format json` in a fresh process, as CI runs it."""
    run = subprocess.run(
        [sys.executable, "-m", "audit", "validate", "faq", "--format", "json"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        check=False,
        timeout=60,
    )
    assert run.returncode in (0, 1), run.stderr
    findings: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return findings


def _by_rule(findings: list[dict[str, Any]]) -> dict[str, tuple[int, str]]:
    return {f["rule"]: (f["line"], f["fingerprint"]) for f in findings}


def _json(cli: CliRun) -> list[dict[str, Any]]:
    _, out, _ = cli("validate", "faq", "--format", "json")
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return findings


def test_fingerprints_are_unchanged_when_lines_are_inserted_above_the_finding(
    tmp_path: Path,
) -> None:
    faq = tmp_path / "faq" / "a.yaml"
    faq.parent.mkdir()
    faq.write_text(_faq(ENTRY_A.format(answer=ANSWER)), encoding="utf-8")
    before = _by_rule(_validate_json(tmp_path))
    assert set(before) == {"vague-link-text", "phone-format"}

    moved = _faq(OTHER, ENTRY_A.format(answer=ANSWER), preamble="# Payments\n\n")
    faq.write_text(moved, encoding="utf-8")
    after = _by_rule(_validate_json(tmp_path))

    assert set(after) == set(before)
    for rule, (line, fingerprint) in before.items():
        assert after[rule][0] == line + 5, rule  # the finding moved down five lines...
        assert after[rule][1] == fingerprint, rule  # ...and kept its name


def test_fingerprints_are_unchanged_when_the_entry_moves_to_another_file(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", _faq(ENTRY_A.format(answer=ANSWER), OTHER))
    before = _by_rule(_json(cli))
    write("faq/a.yaml", _faq(OTHER))
    write("faq/b.yaml", _faq(ENTRY_A.format(answer=ANSWER)))
    after = _json(cli)
    assert {f["path"] for f in after} == {"faq/b.yaml"}
    assert _by_rule(after).keys() == before.keys()
    assert {r: fp for r, (_, fp) in _by_rule(after).items()} == {
        r: fp for r, (_, fp) in before.items()
    }


def test_a_fingerprint_changes_when_its_evidence_changes(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", _faq(ENTRY_A.format(answer=ANSWER)))
    before = _by_rule(_json(cli))
    changed = ANSWER.replace("(800) 796 - 7546", "(888) 796 - 7546")
    write("faq/a.yaml", _faq(ENTRY_A.format(answer=changed)))
    after = _by_rule(_json(cli))
    assert after["phone-format"][1] != before["phone-format"][1]
    assert after["vague-link-text"] == before["vague-link-text"]  # its words did not change


def test_a_fingerprint_ignores_case_and_the_wrapping_of_its_evidence(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", _faq(ENTRY_A.format(answer=ANSWER)))
    before = _by_rule(_json(cli))["vague-link-text"][1]
    wrapped = ANSWER.replace("Click here", "click\n      here")
    write("faq/a.yaml", _faq(ENTRY_A.format(answer=">-\n      " + wrapped)))
    (finding,) = [f for f in _json(cli) if f["rule"] == "vague-link-text"]
    assert finding["end_line"] == finding["line"] + 1  # the evidence now spans two lines
    assert finding["fingerprint"] == before


def test_two_equal_findings_in_one_entry_have_distinct_fingerprints(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", _faq(ENTRY_A.format(answer="It is  here and  there.")))
    findings = _json(cli)
    assert [f["rule"] for f in findings] == ["spacing", "spacing"]
    assert findings[0]["fingerprint"] != findings[1]["fingerprint"]


def test_the_same_slip_in_two_entries_has_distinct_fingerprints(cli: CliRun, write: Any) -> None:
    write(
        "faq/a.yaml",
        _faq(
            ENTRY_A.format(answer="It is  here."),
            ENTRY_A.replace("id: pay", "id: pay-later").format(answer="It is  here."),
        ),
    )
    findings = [f for f in _json(cli) if f["rule"] == "spacing"]
    assert len({f["fingerprint"] for f in findings}) == 2


def test_every_json_finding_has_a_fingerprint_of_16_hex_digits(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", "\ufeff" + _faq(ENTRY_A.format(answer=ANSWER), ENTRY_A.format(answer="")))
    findings = _json(cli)
    assert {f["rule"] for f in findings} >= {"byte-order-mark", "schema", "phone-format"}
    for finding in findings:
        assert re.fullmatch("[0-9a-f]{16}", finding["fingerprint"]), finding


def _finding(message: str, position: Position, entry: str | None = None) -> Finding:
    return Finding("duplicate-id", Severity.ERROR, message, position, entry)


def test_a_finding_without_a_span_is_known_by_its_message_without_numbers() -> None:
    """A point position has no text to quote; its message names lines, which must not count."""
    first = _finding("the id 'a' is already used at faq/a.yaml:6", Position("faq/b.yaml", 9, 5))
    moved = _finding("the id 'a' is already used at  faq/a.yaml:16", Position("faq/b.yaml", 3, 5))
    other = _finding("the id 'b' is already used at faq/a.yaml:6", Position("faq/b.yaml", 9, 5))
    (a,) = fingerprints.assign([first], {"faq/b.yaml": "x\n" * 20})
    (b,) = fingerprints.assign([moved], {"faq/b.yaml": "x\n" * 20})
    (c,) = fingerprints.assign([other], {"faq/b.yaml": "x\n" * 20})
    assert a.fingerprint == b.fingerprint != c.fingerprint


def test_the_fingerprint_is_rule_scope_evidence_and_occurrence_hashed() -> None:
    """The documented definition, computed here independently of the code."""
    text = "a: 1\nb:  2\n"
    span = Position("f.yaml", 2, 3, 2, 5)  # the two spaces after "b:"
    findings = [
        Finding("spacing", Severity.WARNING, "m", span, entry=None),
        Finding("spacing", Severity.WARNING, "m", span, entry="e"),
    ]
    got = [f.fingerprint for f in fingerprints.assign(findings, {"f.yaml": text})]

    def expected(scope: str) -> str:
        data = f"spacing\0{scope}\0 \0" + "0"
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    assert got == [expected("f.yaml"), expected("e")]

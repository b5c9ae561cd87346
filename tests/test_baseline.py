"""The baseline: accepted findings stay quiet, moved text stays accepted, changed text is
new, and entries that match nothing are named, so the baseline only shrinks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, CliRun

BASELINE = ".faq-audit-baseline.json"
FREE = "  - id: free\n    question: Is it free?\n    answer: No\n"
PAY = "  - id: pay\n    question: How do I pay?\n    answer: By card.\n"
HEAD = "category: A\nentries:\n"


def _entries(tmp_path: Path) -> list[dict[str, Any]]:
    document = json.loads((tmp_path / BASELINE).read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = document["findings"]
    return entries


def test_baseline_writes_each_finding_with_its_evidence_and_an_empty_reason(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    code, out, err = cli("baseline", "faq")
    assert (code, out) == (0, "")
    assert "Wrote 1 accepted findings to .faq-audit-baseline.json" in err
    (entry,) = _entries(tmp_path)
    assert list(entry) == ["fingerprint", "rule", "entry", "path", "message", "evidence", "reason"]
    assert {k: entry[k] for k in ("rule", "entry", "path", "evidence", "reason")} == {
        "rule": "implicit-type",
        "entry": "free",
        "path": "faq/a.yaml",
        "evidence": "no",
        "reason": "",
    }
    _, listed, _ = cli("validate", "faq", "--format", "json")
    assert entry["fingerprint"] == json.loads(listed)["findings"][0]["fingerprint"]


def test_validate_with_a_baseline_reports_nothing_accepted_and_passes(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    assert cli("validate", "faq")[0] == 1
    cli("baseline", "faq")
    code, out, err = cli("validate", "faq", "--baseline", BASELINE)
    assert (code, out) == (0, "")
    assert "1 accepted finding in .faq-audit-baseline.json not shown." in err
    assert "No problems found in 1 file, 1 entry." in err


def test_moved_text_stays_accepted(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", HEAD + FREE)
    cli("baseline", "faq")
    write("faq/a.yaml", HEAD + PAY + PAY.replace("pay", "ship") + FREE)  # six lines lower
    code, out, err = cli("validate", "faq", "--baseline", BASELINE)
    assert (code, out) == (0, "")
    assert "matches nothing" not in err


def test_changed_evidence_is_a_new_finding_and_the_old_entry_is_stale(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    cli("baseline", "faq")
    write("faq/a.yaml", HEAD + FREE.replace("No", "Yes"))
    code, out, err = cli("validate", "faq", "--baseline", BASELINE)
    assert code == 1
    assert out.startswith("faq/a.yaml:5:13: error implicit-type 'Yes' is read by YAML")
    assert len(out.splitlines()) == 1
    assert (
        ".faq-audit-baseline.json: the accepted implicit-type finding of 'free' in faq/a.yaml"
    ) in err
    assert "matches nothing any more" in err


def test_a_fixed_finding_leaves_a_stale_entry_named_in_json(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    cli("baseline", "faq")
    (accepted,) = _entries(tmp_path)
    write("faq/a.yaml", HEAD + FREE.replace("No", '"No"'))
    code, out, err = cli("validate", "faq", "--baseline", BASELINE, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["findings"] == []
    assert document["baseline"] == {"file": BASELINE, "accepted": 0, "stale": [accepted]}
    assert "matches nothing any more" in err
    cli("baseline", "faq")  # rewriting drops it: the baseline only shrinks
    assert _entries(tmp_path) == []


def test_rewriting_keeps_the_reasons_of_findings_still_found(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    cli("baseline", "faq")
    baseline = tmp_path / BASELINE
    document = json.loads(baseline.read_text(encoding="utf-8"))
    document["findings"][0]["reason"] = "known: the answer is being rewritten"
    baseline.write_text(json.dumps(document), encoding="utf-8")
    write("faq/b.yaml", HEAD + FREE.replace("free", "gift"))
    code, _, err = cli("baseline", "faq")
    assert code == 0
    assert "(1 with a reason, 1 without" in err
    assert [(e["path"], e["reason"]) for e in _entries(tmp_path)] == [
        ("faq/a.yaml", "known: the answer is being rewritten"),
        ("faq/b.yaml", ""),
    ]
    first = baseline.read_text(encoding="utf-8")
    cli("baseline", "faq")
    assert baseline.read_text(encoding="utf-8") == first  # stable: no churn in the diff


def test_checking_one_file_calls_no_entry_of_another_file_stale(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    write("faq/b.yaml", HEAD + FREE.replace("free", "gift"))
    cli("baseline", "faq")
    code, out, err = cli("validate", "faq/b.yaml", "--baseline", BASELINE)
    assert (code, out) == (0, "")
    assert "matches nothing" not in err
    write("faq/b.yaml", HEAD + PAY)
    cli("baseline", "faq/b.yaml")  # rewriting one file keeps the other's entries
    assert [e["path"] for e in _entries(tmp_path)] == ["faq/a.yaml"]


def test_with_a_baseline_fail_on_judges_only_the_findings_not_in_it(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    assert cli("validate", "faq", "--fail-on", "info")[0] == 1
    cli("baseline", "faq")
    assert cli("validate", "faq", "--baseline", BASELINE, "--fail-on", "info")[:2] == (0, "")
    write("faq/b.yaml", HEAD + PAY.replace("By card.", "By  card."))  # a new warning
    code, out, _ = cli("validate", "faq", "--baseline", BASELINE, "--fail-on", "info")
    assert code == 1
    assert [line.split(" ")[1:3] for line in out.splitlines()] == [["warning", "spacing"]]
    assert cli("validate", "faq", "--baseline", BASELINE)[0] == 0  # default: errors only


def test_the_config_names_the_default_baseline_and_no_baseline_ignores_it(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", HEAD + FREE)
    write("faq-audit.yaml", "baseline: accepted.json\n")
    code, out, err = cli("validate", "faq")
    assert code == 1 and out
    assert "the baseline 'accepted.json' that the config names does not exist yet" in err
    cli("baseline", "faq")
    assert cli("validate", "faq")[:2] == (0, "")
    assert cli("validate", "faq", "--no-baseline")[0] == 1


def test_a_broken_baseline_is_a_one_line_usage_error(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", HEAD + FREE)
    write(BASELINE, '{"findings": [\n  {"rule": 3}\n')
    code, out, err = cli("validate", "faq", "--baseline", BASELINE)
    assert (code, out) == (2, "")
    assert err == (
        "faq-audit validate: error: .faq-audit-baseline.json:3:1: the baseline file is not "
        "valid JSON: Expecting ',' delimiter; fix it, or write it anew with `faq-audit "
        "baseline` (see `faq-audit validate --help`)\n"
    )
    write(BASELINE, '{"findings": [{"rule": 3}]}')
    code, _, err = cli("validate", "faq", "--baseline", BASELINE)
    assert code == 2
    assert "finding 1 of the baseline needs `fingerprint`, `rule` and `path`" in err
    code, _, err = cli("validate", "faq", "--baseline", "missing.json")
    assert code == 2
    assert "the baseline file 'missing.json' does not exist" in err


# ---------------------------------------------------------------- the shipped baseline


def _validate(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audit", "validate", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_bundled_faq_passes_with_its_shipped_baseline_even_failing_on_info() -> None:
    done = _validate(ROOT, "faq/", "--fail-on", "info")
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    assert "accepted findings in .faq-audit-baseline.json not shown." in done.stderr
    assert "matches nothing" not in done.stderr
    shipped = json.loads((ROOT / BASELINE).read_text(encoding="utf-8"))["findings"]
    assert shipped and all(entry["reason"].strip() for entry in shipped)


def _copy_with_baseline(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "faq", tmp_path / "faq")
    for name in ("faq-audit.yaml", BASELINE):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path / "faq" / "shipping.yaml"


def test_a_new_defect_in_a_copy_of_the_bundled_faq_fails_and_is_the_only_finding_named(
    tmp_path: Path,
) -> None:
    shipping = _copy_with_baseline(tmp_path)
    with shipping.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n  - id: gift-wrap\n    question: Do you gift wrap orders?\n"
            "    audience: everyone\n    tags: [shipping]\n    answer: No\n"
        )
    done = _validate(tmp_path, "faq/")
    assert done.returncode == 1, done.stderr
    (line,) = done.stdout.splitlines()
    assert line.startswith("faq/shipping.yaml:27:13: error implicit-type 'No' is read")


def test_a_new_warning_in_a_copy_of_the_bundled_faq_fails_with_fail_on_info(
    tmp_path: Path,
) -> None:
    shipping = _copy_with_baseline(tmp_path)
    text = shipping.read_text(encoding="utf-8")
    shipping.write_text(
        text.replace("Pricing can be viewed", "Pricing can  be viewed"), encoding="utf-8"
    )
    assert _validate(tmp_path, "faq/").returncode == 0  # a warning; errors fail by default
    done = _validate(tmp_path, "faq/", "--fail-on", "info")
    assert done.returncode == 1, done.stderr
    (line,) = done.stdout.splitlines()
    assert line.startswith("faq/shipping.yaml:") and " warning spacing " in line

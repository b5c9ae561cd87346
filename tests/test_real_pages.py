"""FAQ pages written by other people (tests/content/real): import finds the entries a reader
sees, and validate reports exactly the findings classified by hand in expected.yml.

The pages, their sources and hand counts are in SOURCES.md; each finding's verdict (a true
problem or a false alarm, with the reason) is in expected.yml and FINDINGS.md. The README's
"Real pages" figures are computed from expected.yml here, so they cannot drift from it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, CliRun

REAL = ROOT / "tests" / "content" / "real"
EXPECTED: dict[str, Any] = yaml.safe_load((REAL / "expected.yml").read_text(encoding="utf-8"))
PAGES: dict[str, dict[str, Any]] = EXPECTED["pages"]
VERDICTS = {"problem", "false-alarm"}


def _found(spec: dict[str, Any]) -> int:
    """What `faq-audit import` finds on the page today (the hand count when it finds them all)."""
    return int(spec.get("found", spec["entries"]))


def _counted_right(spec: dict[str, Any]) -> bool:
    return _found(spec) == spec["entries"]


def _read_in_full(spec: dict[str, Any]) -> bool:
    """Every entry found, and found right (a `gap` notes a page whose count is right but whose
    entries are not, e.g. two answers run together)."""
    return _counted_right(spec) and "gap" not in spec


def _all_pages() -> Iterator[Any]:
    for name, spec in PAGES.items():
        yield pytest.param(name, spec, id=name)


def _pages_with_a_gap() -> Iterator[Any]:
    """Every page, the ones the importer cannot read in full yet marked as known failures."""
    for name, spec in PAGES.items():
        marks = []
        if not _counted_right(spec):
            marks.append(pytest.mark.xfail(strict=True, reason=spec["gap"]))
        yield pytest.param(name, spec, id=name, marks=marks)


def _pages_read_in_full() -> Iterator[Any]:
    for name, spec in PAGES.items():
        if _read_in_full(spec):
            yield pytest.param(name, spec, id=name)


def _import(cli: CliRun, tmp_path: Path, page: str) -> list[dict[str, Any]]:
    """Run `faq-audit import PAGE --out imported` as a user does; the entries it wrote."""
    cli("import", str(REAL / page), "--out", "imported")
    entries: list[dict[str, Any]] = []
    for path in sorted((tmp_path / "imported").glob("**/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries.extend(data.get("entries") or [])
    return entries


@pytest.mark.parametrize(("page", "spec"), list(_all_pages()))
def test_import_finds_the_number_of_entries_recorded_for_the_page(
    cli: CliRun, tmp_path: Path, page: str, spec: dict[str, Any]
) -> None:
    assert len(_import(cli, tmp_path, page)) == _found(spec)


@pytest.mark.parametrize(("page", "spec"), list(_pages_with_a_gap()))
def test_import_finds_every_entry_a_reader_sees(
    cli: CliRun, tmp_path: Path, page: str, spec: dict[str, Any]
) -> None:
    assert len(_import(cli, tmp_path, page)) == spec["entries"]


@pytest.mark.parametrize(("page", "spec"), list(_pages_read_in_full()))
def test_validate_reports_exactly_the_findings_classified_by_hand(
    cli: CliRun, tmp_path: Path, page: str, spec: dict[str, Any]
) -> None:
    _import(cli, tmp_path, page)
    _, out, err = cli("validate", "imported", "--format", "json")
    document = json.loads(out)
    got = sorted((f["rule"], f.get("entry") or "") for f in document["findings"])
    expected = sorted((f["rule"], f.get("entry") or "") for f in spec.get("findings") or [])
    assert got == expected, err
    assert document["summary"]["entries"] == spec["entries"]


def test_every_expected_finding_is_classified_with_a_reason() -> None:
    for page, spec in PAGES.items():
        for finding in spec.get("findings") or []:
            assert finding.get("verdict") in VERDICTS, (page, finding)
            assert str(finding.get("reason", "")).strip(), (page, finding)


def _sources_rows() -> dict[str, int]:
    """File name -> hand count, from the SOURCES.md table."""
    rows: dict[str, int] = {}
    for line in (REAL / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0].endswith(".html"):
            rows[cells[0]] = int(cells[6])
    return rows


def test_sources_lists_every_page_on_disk_with_the_hand_count_the_tests_use() -> None:
    on_disk = sorted(path.name for path in REAL.glob("*.html"))
    assert sorted(_sources_rows()) == on_disk == sorted(PAGES)
    assert _sources_rows() == {page: spec["entries"] for page, spec in PAGES.items()}


def _figures() -> dict[str, str]:
    entries = sum(spec["entries"] for spec in PAGES.values())
    correct = sum(int(spec.get("correct", _found(spec))) for spec in PAGES.values())
    checked = sum(spec["entries"] for spec in PAGES.values() if _read_in_full(spec))
    per_100 = 100 / checked if checked else 0.0
    findings = [f for spec in PAGES.values() for f in spec.get("findings") or []]
    false_alarms = sum(1 for f in findings if f["verdict"] == "false-alarm")
    relative = sum(1 for f in findings if str(f["reason"]).startswith("relative link"))
    return {
        "pages": str(len(PAGES)),
        "entries": str(entries),
        "correct": str(correct),
        "accuracy": f"{100 * correct / entries:.0f} %",
        "checked": str(checked),
        "findings": str(len(findings)),
        "false_alarms": str(false_alarms),
        "rate": f"{false_alarms * per_100:.1f}",
        "problems": str(len(findings) - false_alarms),
        "relative": str(relative),
        "rate_with_relative": f"{(false_alarms + relative) * per_100:.1f}",
    }


def test_readme_states_the_figures_expected_yml_gives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^### Real pages\n(.*?)(?=^#{1,3} )", readme + "\n# end", re.S | re.M)
    assert match, "README has no '### Real pages' section"
    section = " ".join(match.group(1).split())
    figures = _figures()
    assert f"{figures['pages']} pages" in section
    assert f"{figures['correct']} of the {figures['entries']} entries" in section
    assert f"({figures['accuracy']})" in section
    assert f"{figures['findings']} findings on the {figures['checked']} entries" in section
    assert f"{figures['false_alarms']} false alarms" in section
    assert f"{figures['rate']} per 100 entries" in section
    assert f"{figures['relative']} of the {figures['problems']} problems" in section
    assert f"{figures['rate_with_relative']} per 100" in section


def test_readme_lists_each_rule_that_gave_a_false_alarm() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Real pages", 1)[1].split("\n## ", 1)[0]
    for spec in PAGES.values():
        for finding in spec.get("findings") or []:
            if finding["verdict"] == "false-alarm":
                assert f"`{finding['rule']}`" in section, finding

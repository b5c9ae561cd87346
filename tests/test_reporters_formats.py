"""The formats for CI and code hosts: GitHub workflow commands, SARIF, JUnit XML and a
Markdown summary, each checked against the syntax its reader expects, with hostile text."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from audit.model import AuditResult, Corpus, Finding, Position, Related, Severity
from audit.reporters import ReportContext, github, junit, markdown, sarif
from audit.rules import all_rules
from tests.conftest import ROOT, CliRun

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0.json"
IMPLICIT_NO = "category: A\nentries:\n  - id: free\n    question: Is it free?\n    answer: No\n"
TWO_IDS = (
    "category: A\nentries:\n"
    "  - id: a\n    question: How do I pay?\n    answer: By card.\n"
    "  - id: a\n    question: How do I ship?\n    answer: By post.\n"
)
HOSTILE = "100% sure: a, b\r\nsecond line\nESC\x1b[2J, BEL\x07 and %0A literally"


def _copy_bundled(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "faq", tmp_path / "faq")
    shutil.copy(ROOT / "faq-audit.yaml", tmp_path / "faq-audit.yaml")


# ---------------------------------------------------------------- github


_COMMAND = re.compile(r"^::(?P<kind>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def _unescape_data(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(value: str) -> str:
    return _unescape_data(value.replace("%3A", ":").replace("%2C", ","))


def _annotations(out: str) -> list[dict[str, Any]]:
    """Each workflow command of the output, read back as the runner reads it: properties
    split on `,` and `=`, then unescaped; lines inside a stop-commands fence are text."""
    found: list[dict[str, Any]] = []
    fence: str | None = None
    for line in out.splitlines():
        if fence is not None:
            if line == f"::{fence}::":
                fence = None
            continue
        if line.startswith("::stop-commands::"):
            fence = line.removeprefix("::stop-commands::")
            continue
        match = _COMMAND.match(line)
        assert match, f"not a workflow command, outside a fence: {line!r}"
        props = {}
        for pair in (match["props"] or "").split(","):
            key, _, value = pair.partition("=")
            props[key] = _unescape_property(value)
        found.append({"kind": match["kind"], **props, "message": _unescape_data(match["data"])})
    assert fence is None, "the stop-commands fence is never closed"
    return found


def test_github_escapes_messages_and_properties_as_the_workflow_command_syntax_reads_them() -> None:
    hostile_path = "faq/we,ird:100%.yaml"
    finding = Finding(
        "spacing",
        Severity.WARNING,
        HOSTILE,
        Position(hostile_path, 3, 4, 3, 9),
        related=(Related(Position(hostile_path, 7, 1), "other, place: 5%"),),
    )
    out = github.render(AuditResult(Corpus(()), (finding,)), all_rules(), ReportContext())
    command = next(line for line in out.splitlines() if line.startswith("::warning "))
    assert command == (
        "::warning file=faq/we%2Cird%3A100%25.yaml,line=3,col=4,endLine=3,endColumn=9,"
        "title=faq-audit spacing::100%25 sure: a, b%0D%0Asecond line%0AESC\\x1b[2J, "
        "BEL\\x07 and %250A literally%0Afaq/we,ird:100%25.yaml:7:1: other, place: 5%25"
    )
    (annotation,) = _annotations(out)
    assert annotation["file"] == hostile_path
    assert annotation["message"].startswith("100% sure: a, b\r\nsecond line\n")
    assert "%0A literally" in annotation["message"]  # a literal %0A stays literal


def test_github_annotates_each_finding_and_prints_it_as_text_too(cli: CliRun, write: Any) -> None:
    write("faq/we,ird:100%.yaml", IMPLICIT_NO)
    write("faq/ids.yaml", TWO_IDS)
    code, out, _ = cli("validate", "faq", "--format", "github")
    assert code == 1
    annotations = _annotations(out)
    assert [(a["kind"], a["file"], a["line"], a["col"], a["title"]) for a in annotations] == [
        ("error", "faq/ids.yaml", "3", "9", "faq-audit duplicate-id"),
        ("error", "faq/ids.yaml", "6", "9", "faq-audit duplicate-id"),
        ("error", "faq/we,ird:100%.yaml", "5", "13", "faq-audit implicit-type"),
    ]
    assert annotations[2]["message"].startswith("'No' is read by YAML as the boolean false")
    fenced = out.split("\n::", 1)[0]  # the plain text, for more than 10 annotations
    assert "\nfaq/we,ird:100%.yaml:5:13: error implicit-type 'No' is read" in fenced
    assert "\nfaq/ids.yaml:6:9: error duplicate-id" in fenced


def test_github_text_lines_cannot_issue_commands(cli: CliRun, write: Any) -> None:
    write("faq/::error file=x::forged.yaml", IMPLICIT_NO)
    code, out, _ = cli("validate", "faq", "--format", "github")
    assert code == 1
    # The forged-looking path is fenced text; the one real command is ours.
    (annotation,) = _annotations(out)
    assert annotation["file"] == "faq/::error file=x::forged.yaml"


def test_github_is_the_default_under_github_actions_and_appends_a_step_summary(
    cli: CliRun, write: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write("faq/a.yaml", IMPLICIT_NO)
    summary = write("summary.md", "earlier step\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path.parent))
    code, out, _ = cli("validate", "faq")
    assert code == 1
    (annotation,) = _annotations(out)
    assert annotation["file"] == f"{tmp_path.name}/faq/a.yaml"  # from the workspace root
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## faq-audit: 1 error, 0 warnings, 0 info\n")
    assert f"| {tmp_path.name}/faq/a.yaml:5:13 | implicit-type |" in written.replace("\\", "")
    code, out, _ = cli("validate", "faq", "--format", "text")
    assert out.startswith("faq/a.yaml:5:13: error implicit-type")


# ---------------------------------------------------------------- sarif


def _sarif(out: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    return document


def test_sarif_of_the_bundled_faq_is_valid_sarif_with_what_code_scanning_requires(
    cli: CliRun, tmp_path: Path
) -> None:
    _copy_bundled(tmp_path)
    _, listed, _ = cli("validate", "faq", "--format", "json", "--no-baseline")
    findings = json.loads(listed)["findings"]
    assert findings, "the bundled FAQ has findings to carry"
    code, out, _ = cli("validate", "faq", "--format", "sarif", "--no-baseline")
    assert code == 0
    document = _sarif(out)
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "faq-audit"
    # the home page only where the package declares one: never an address made up
    assert driver.get("informationUri") == sarif.information_uri()
    assert driver["version"] == __import__("audit").__version__
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids)) and set(all_rules()) <= set(ids)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert len(results) == len(findings)
    for result, finding in zip(results, findings, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        assert result["message"]["text"] == finding["message"]
        assert result["partialFingerprints"] == {"faqAudit/v1": finding["fingerprint"]}
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": finding["path"], "uriBaseId": "%SRCROOT%"}
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert (region["endLine"], region["endColumn"]) == (
            finding["end_line"],
            finding["end_column"],
        )
    with_related = [r for r in results if "relatedLocations" in r]
    assert with_related, "the bundled FAQ has a finding with another place"
    for result in with_related:
        for number, related in enumerate(result["relatedLocations"], start=1):
            assert related["id"] == number and related["message"]["text"]


def test_sarif_paths_are_relative_uris_from_the_repository_root(
    cli: CliRun, write: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write("faq/we,ird 100%.yaml", IMPLICIT_NO)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path.parent))
    code, out, _ = cli("validate", "faq", "--format", "sarif")
    assert code == 1
    (result,) = _sarif(out)["runs"][0]["results"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {
        "uri": f"{tmp_path.name}/faq/we%2Cird%20100%25.yaml",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_of_a_run_that_could_not_start_says_why_and_stays_valid(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq-audit.yaml", "region: US\nrules:\n  spacing:\n    severity: loud\n")
    code, out, _ = cli("validate", "--format", "sarif", "--output", "faq-audit.sarif")
    assert (code, out) == (2, "")  # the document goes where code scanning will look for it
    run = _sarif((tmp_path / "faq-audit.sarif").read_text(encoding="utf-8"))["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert (
        "config file has problems" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    )
    (result,) = run["results"]
    assert result["ruleId"] == "config"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "config"


# ---------------------------------------------------------------- junit


def _cases(document: ET.Element) -> list[ET.Element]:
    return list(document.iter("testcase"))


def test_junit_has_a_suite_per_family_and_a_case_per_entry_with_unique_names(
    cli: CliRun, write: Any
) -> None:
    write("faq/ids.yaml", TWO_IDS)
    write("faq/b.yaml", "category: B\nentries: [\n")  # not YAML: a finding outside entries
    code, out, _ = cli("validate", "faq", "--format", "junit")
    assert code == 1
    document = ET.fromstring(out.encode("utf-8"))
    assert document.tag == "testsuites"
    families = {rule.family for rule in all_rules().values()}
    suites = {suite.get("name"): suite for suite in document.iter("testsuite")}
    assert families <= set(suites)
    pairs = Counter((c.get("classname"), c.get("name")) for c in _cases(document))
    assert max(pairs.values()) == 1, [pair for pair, n in pairs.items() if n > 1]
    ids = suites["duplicate-id"]
    assert [(c.get("name"), c.get("file"), c.get("line")) for c in _cases(ids)] == [
        ("faq/ids.yaml#a", "faq/ids.yaml", "3"),
        ("faq/ids.yaml#a (2)", "faq/ids.yaml", "6"),
    ]
    assert (ids.get("tests"), ids.get("failures")) == ("2", "2")
    failure = _cases(ids)[0].find("failure")
    assert failure is not None
    assert failure.get("type") == "duplicate-id"
    assert "error duplicate-id: the id 'a'" in (failure.get("message") or "")
    assert (failure.text or "").startswith("faq/ids.yaml:3:9: error duplicate-id the id 'a'")
    (broken,) = [c for c in _cases(document) if c.get("file") == "faq/b.yaml"]
    assert broken.get("name") == "faq/b.yaml" and broken.find("failure") is not None
    passing = [c for c in _cases(suites["spacing"]) if c.find("failure") is None]
    assert len(passing) == 2  # checked entries without findings count as passed
    total = sum(int(s.get("tests") or 0) for s in suites.values())
    assert document.get("tests") == str(total) == str(len(_cases(document)))


def test_junit_stays_well_formed_with_control_characters_and_markup() -> None:
    finding = Finding(
        "spacing", Severity.ERROR, "<b>&" + HOSTILE + "\x00\ud800", Position("a\x01.yaml", 1, 1)
    )
    out = junit.render(AuditResult(Corpus(()), (finding,)), all_rules(), ReportContext())
    document = ET.fromstring(out.encode("utf-8"))
    failure = next(document.iter("failure"))
    assert (failure.get("message") or "").startswith("error spacing: <b>&100% sure")
    assert "\\x1b[2J" in (failure.get("message") or "") and "\\x00" in (failure.text or "")


# ---------------------------------------------------------------- markdown


def test_markdown_escapes_table_breaking_text_and_caps_the_rows() -> None:
    hostile = Finding(
        "spacing",
        Severity.ERROR,
        "a | b <img src=x> [l](http://x) *e*\nnext",
        Position("f.yaml", 1, 1),
    )
    many = tuple(
        Finding("spacing", Severity.WARNING, f"m{n}", Position("f.yaml", n + 2, 1))
        for n in range(60)
    )
    out = markdown.render(AuditResult(Corpus(()), (hostile, *many)), all_rules(), ReportContext())
    lines = out.splitlines()
    assert lines[0] == "## faq-audit: 1 error, 60 warnings, 0 info"
    row = next(line for line in lines if "img" in line)
    assert row == (
        "| **error** | f.yaml:1:1 | spacing | "
        "a \\| b \\<img src=x\\> \\[l\\](http://x) \\*e\\* next |"
    )
    assert row.count(" | ") == 3  # four cells, whatever the message holds
    rows = [line for line in lines if line.startswith(("| **error**", "| warning"))]
    assert len(rows) == markdown.LIMIT
    assert lines[-1] == f"… and {61 - markdown.LIMIT} more."


# ---------------------------------------------------------------- --output


@pytest.mark.parametrize("form", ["sarif", "junit", "markdown", "github", "json", "text"])
def test_output_writes_the_report_to_a_file_and_nothing_to_standard_output(
    cli: CliRun, write: Any, tmp_path: Path, form: str
) -> None:
    write("faq/a.yaml", IMPLICIT_NO)
    code, printed, _ = cli("validate", "faq", "--format", form)
    code, out, err = cli("validate", "faq", "--format", form, "--output", "report.out")
    assert (code, out) == (1, "")
    assert "Found 1 error" in err
    written = (tmp_path / "report.out").read_text(encoding="utf-8")
    token = re.compile(r"\b[0-9a-f]{32}\b")  # github's fence is new each run
    assert token.sub("T", written) == token.sub("T", printed)


def test_output_to_a_folder_that_does_not_exist_is_a_one_line_usage_error(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", IMPLICIT_NO)
    code, out, err = cli("validate", "faq", "--output", "missing/report.txt")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "faq-audit validate: error: cannot write 'missing/report.txt': No such file or "
        "directory (see `faq-audit validate --help`)"
    )


def test_links_writes_the_formats_too(cli: CliRun, write: Any, tmp_path: Path) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: steps\n    question: Where are the steps?\n"
        "    answer: Read [these](#nowhere) first.\n",
    )
    code, out, _ = cli("links", "faq", "--format", "sarif", "--output", "links.sarif")
    assert (code, out) == (1, "")
    document = _sarif((tmp_path / "links.sarif").read_text(encoding="utf-8"))
    (result,) = document["runs"][0]["results"]
    assert result["ruleId"] == "link-fragment"
    code, out, _ = cli("links", "faq", "--format", "junit")
    failure = next(ET.fromstring(out.encode("utf-8")).iter("failure"))
    assert failure.get("type") == "link-fragment"

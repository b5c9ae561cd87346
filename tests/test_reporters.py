"""Output formats: what each prints, what the command line says around it, and how a run
that cannot start is reported in the chosen format."""

from __future__ import annotations

import json
from typing import Any

import pytest

from audit import reporters
from audit.commands.summary import plural, summary
from audit.model import AuditResult, Corpus, Entry, Finding, Position, Severity, SourceFile
from audit.rules import all_rules
from tests.conftest import CliRun

BROKEN_CONFIG = "region: US\nrules:\n  spacing:\n    severity: loud\n"
ONE_ENTRY = "category: A\nentries:\n  - id: a\n    question: How do I pay?\n    answer: By card.\n"


def _document(out: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(out)
    return document


def test_json_reports_config_problems_as_findings_of_the_config_rule(
    cli: CliRun, write: Any
) -> None:
    write("faq-audit.yaml", BROKEN_CONFIG)
    write("faq/a.yaml", ONE_ENTRY)
    code, out, err = cli("validate", "faq", "--format", "json")
    assert code == 2
    assert err == ""  # everything a tool needs is in the document
    document = _document(out)
    assert list(document) == ["tool", "version", "error", "findings", "summary"]
    assert document["error"] == "the config file has problems; fix them first"
    (finding,) = document["findings"]
    assert {k: finding[k] for k in ("rule", "severity", "path", "line", "column", "entry")} == {
        "rule": "config",
        "severity": "error",
        "path": "faq-audit.yaml",
        "line": 4,
        "column": 15,
        "entry": None,
    }
    assert finding["message"] == "severity 'loud' is not one of: error, warning, info, off"
    assert len(finding["fingerprint"]) == 16
    assert document["summary"] == {"files": 0, "entries": 0, "errors": 1, "warnings": 0, "info": 0}


def test_text_reports_config_problems_on_standard_error_as_before(cli: CliRun, write: Any) -> None:
    write("faq-audit.yaml", BROKEN_CONFIG)
    write("faq/a.yaml", ONE_ENTRY)
    code, out, err = cli("validate", "faq")
    assert (code, out) == (2, "")
    assert err == (
        "faq-audit.yaml:4:15: error config severity 'loud' is not one of: "
        "error, warning, info, off\n"
        "faq-audit: error: the config file has problems; fix them first\n"
    )


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (("missing",), "the path 'missing' does not exist"),
        (("faq", "--select", "nope"), "unknown rule 'nope'; `faq-audit rules` lists them"),
        (("faq", "--region", "zz"), "'zz' is not a region faq-audit knows phone numbers for"),
    ],
)
def test_json_reports_a_usage_error_as_a_document_with_its_error(
    cli: CliRun, write: Any, argv: tuple[str, ...], error: str
) -> None:
    write("faq/a.yaml", ONE_ENTRY)
    code, out, err = cli("validate", *argv, "--format", "json")
    assert (code, err) == (2, "")
    document = _document(out)
    assert document["error"] == error
    assert document["findings"] == []
    assert document["summary"]["files"] == 0


def test_text_reports_a_usage_error_as_one_line(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", ONE_ENTRY)
    code, out, err = cli("validate", "faq", "--select", "nope")
    assert (code, out) == (2, "")
    assert err == (
        "faq-audit validate: error: unknown rule 'nope'; `faq-audit rules` lists them "
        "(see `faq-audit validate --help`)\n"
    )


def test_an_argument_error_is_words_even_with_json_because_the_format_is_not_read_yet(
    cli: CliRun,
) -> None:
    code, out, err = cli("validate", "--format", "json", "--fail-on", "loud")
    assert (code, out) == (2, "")
    assert err.startswith("faq-audit validate: error: argument --fail-on: invalid choice")


def test_the_summary_line_goes_to_standard_error_and_not_into_the_findings(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", ONE_ENTRY.replace("By card.", "By  card."))
    code, out, err = cli("validate", "faq")
    assert code == 0
    assert (
        out == "faq/a.yaml:5:15: warning spacing 2 spaces in a row inside a sentence; write one\n"
    )
    assert err == (
        "Found 0 errors, 1 warning, 0 info in 1 file, 1 entry. "
        "1 can be fixed with `faq-audit fix`.\n"
    )


def _result(*findings: Finding, entries: int = 2) -> AuditResult:
    entry = Entry("a", "a.yaml", 0, Position("a.yaml", 3, 5), {}, {})
    source = SourceFile("a.yaml", "", None, (entry,) * entries, ())
    return AuditResult(Corpus((source,)), findings)


def test_the_summary_counts_in_words() -> None:
    warning = Finding("spacing", Severity.WARNING, "m", Position("a.yaml", 3, 1))
    error = Finding("schema", Severity.ERROR, "m", Position("a.yaml", 4, 1))
    assert summary(_result(entries=1)) == "No problems found in 1 file, 1 entry."
    assert summary(_result(warning, error, warning)) == (
        "Found 1 error, 2 warnings, 0 info in 1 file, 2 entries."
    )
    assert [plural(1, "file"), plural(2, "entry", "entries")] == ["1 file", "2 entries"]


@pytest.mark.parametrize("name", reporters.names())
def test_every_format_renders_a_result_given_the_rules_metadata(name: str) -> None:
    finding = Finding("spacing", Severity.WARNING, "two spaces", Position("a.yaml", 3, 1, 3, 3))
    text = reporters.get(name)(_result(finding), all_rules(), reporters.ReportContext())
    assert "two spaces" in text
    assert "Found" not in text  # the summary is the command line's, not a format's

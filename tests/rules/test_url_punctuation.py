"""`url-punctuation`: a web address glued to the punctuation that ends its sentence."""

from __future__ import annotations

from pathlib import Path

from tests.rules.helpers import CONTENT, assert_findings, audit


def test_url_punctuation_points_at_the_full_stop_after_the_url(seed_file: Path) -> None:
    found = audit(seed_file, ["url-punctuation"])
    lines = seed_file.read_text(encoding="utf-8").splitlines()
    for finding in found:
        p = finding.position
        assert lines[p.line - 1][p.column - 1] == "."
        assert (p.end_line, p.end_column) == (p.line, p.column + 1)
        assert finding.fix is None


def test_url_punctuation_on_a_bank_page() -> None:
    assert_findings(
        audit(CONTENT / "bank.yaml", ["url-punctuation"]),
        [
            ("url-punctuation", "wire-transfer", 34, "',' right after the link"),
            ("url-punctuation", "wire-transfer", 38, "'!' right after the link"),
            ("url-punctuation", "statements", 51, "www.bank.example/tax"),
            ("url-punctuation", "wikipedia-link", 55, "wiki/Routing_(banking) reads"),
            # silent: "(https://…/fees).", "Rates: https://…" at the end of a line,
            # "<https://…>.", "statement.pdf today", "?topic=statements and",
            # '"https://…/tax".', an email address before a full stop, the HTML href, and
            # a markdown link whose text is its URL: "[https://…](https://…)."
        ],
    )


def test_url_punctuation_marks_are_an_option() -> None:
    found = audit(
        CONTENT / "bank.yaml", ["url-punctuation"], {"url-punctuation": {"punctuation": "!"}}
    )
    assert_findings(found, [("url-punctuation", "wire-transfer", 38, "'!'")])

"""`stale-term`: wording that dates the content, found on its words, with the terms configurable."""

from __future__ import annotations

from pathlib import Path

from audit import engine
from audit.config import Config
from tests.rules.helpers import CONTENT, assert_findings, audit

FAQ = """\
category: Events
entries:
  - id: tradeshows
    question: Are your tradeshows open?
    answer: Some tradeshows are virtual due to COVID-19.
"""


def findings(tmp_path: Path, config: Config | None = None) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "events.yaml"
    path.write_text(FAQ, encoding="utf-8")
    options = engine.Options(select=frozenset({"stale-term"}), config=config or Config())
    result = engine.audit([path], options)
    return [(f.rule, f.position.line, f.position.column, f.message) for f in result.findings]


def test_the_longest_term_is_reported_once_on_its_words(tmp_path: Path) -> None:
    (finding,) = findings(tmp_path)  # "due to COVID-19", not "COVID-19" as well
    assert finding[:3] == ("stale-term", 5, 41)
    assert finding[3].startswith("'due to COVID-19' dates this text to the time it was written")


def test_the_terms_option_replaces_the_built_in_list(tmp_path: Path) -> None:
    config = Config(rules={"stale-term": {"terms": ["tradeshows"]}})
    assert [found[:3] for found in findings(tmp_path, config)] == [
        ("stale-term", 4, 24),  # questions are read too
        ("stale-term", 5, 18),
    ]


def test_stale_term_on_a_clinic_page() -> None:
    assert_findings(
        audit(CONTENT / "clinic.yaml", ["stale-term"]),
        [
            ("stale-term", "walk-ins", 22, "'Due to COVID-19'"),
            ("stale-term", "book-online", 32, "'pandemic'"),
            # silent: "pandemics" and "coronaviruses" are other words.
        ],
    )


def test_stale_term_reads_its_terms_from_the_config() -> None:
    found = audit(
        CONTENT / "clinic.yaml", ["stale-term"], {"stale-term": {"terms": ["video visits"]}}
    )
    assert_findings(found, [("stale-term", "book-online", 32, "'video visits'")])

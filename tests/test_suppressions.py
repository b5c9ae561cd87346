"""Inline `# faq-audit: ignore[rule] reason` comments, and the stale ones."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from audit import engine
from audit.findings.suppressions import apply
from audit.model import Finding, Position, Severity, SourceFile, Suppression
from audit.rules import Rule, all_rules, members

TWO_QUESTIONS = """\
category: A
entries:
  - id: a
    question: How do I pay?
    answer: One.
{comment_b}  - id: b
    question: How do I pay?{trailing}
    answer: Two.
"""


def _findings(path: Path) -> list[tuple[str, int, str]]:
    result = engine.audit([path])
    return [(f.rule, f.position.line, f.message) for f in result.findings]


def _file(write: Any, comment_b: str = "", trailing: str = "") -> Path:
    path: Path = write("faq/a.yaml", TWO_QUESTIONS.format(comment_b=comment_b, trailing=trailing))
    return path


def test_without_a_comment_the_duplicate_question_is_reported(write: Any) -> None:
    assert [r for r, _, _ in _findings(_file(write))] == ["duplicate-question"]


def test_trailing_comment_silences_its_line(write: Any) -> None:
    path = _file(write, trailing="  # faq-audit: ignore[duplicate-question] asked twice on purpose")
    assert _findings(path) == []


def test_comment_above_an_entry_silences_the_whole_entry(write: Any) -> None:
    path = _file(write, comment_b="  # faq-audit: ignore[duplicate-question] kept for old links\n")
    assert _findings(path) == []


def test_a_comment_for_another_rule_does_not_silence_and_is_itself_reported(write: Any) -> None:
    path = _file(write, trailing="  # faq-audit: ignore[duplicate-id] wrong rule")
    findings = _findings(path)
    assert [(r, line) for r, line, _ in findings] == [
        ("duplicate-question", 7),
        ("unused-suppression", 7),
    ]
    assert "ignore[duplicate-id] silences nothing here" in findings[1][2]


def test_an_unknown_rule_in_a_comment_is_reported_with_the_rule_it_resembles(
    write: Any,
) -> None:
    path = _file(write, comment_b="  # faq-audit: ignore[duplicate-questions] asked twice\n")
    messages = [m for r, _, m in _findings(path) if r == "unused-suppression"]
    assert messages == [
        "ignore[duplicate-questions]: faq-audit has no rule 'duplicate-questions'; "
        "did you mean 'duplicate-question'?"
    ]


def test_an_unknown_rule_like_no_other_points_at_the_rules_list(write: Any) -> None:
    path = _file(write, comment_b="  # faq-audit: ignore[zebra] no idea\n")
    messages = [m for r, _, m in _findings(path) if r == "unused-suppression"]
    assert messages == [
        "ignore[zebra]: faq-audit has no rule 'zebra'; `faq-audit rules` lists them"
    ]


def test_a_comment_without_a_reason_is_reported_and_still_silences(write: Any) -> None:
    path = _file(write, comment_b="  # faq-audit: ignore[duplicate-question]\n")
    assert [(r, line) for r, line, _ in _findings(path)] == [("unexplained-suppression", 6)]


def test_a_comment_after_the_last_entry_covers_nothing_and_says_where_to_put_it(
    write: Any,
) -> None:
    # read as file-wide, a note left at the end would hide every later duplicate question
    path = _file(write)
    path.write_text(path.read_text() + "  # faq-audit: ignore[duplicate-question] asked twice\n")
    findings = _findings(path)
    assert [(r, line) for r, line, _ in findings] == [
        ("duplicate-question", 7),
        ("unused-suppression", 9),
    ]
    assert "a comment after the last entry belongs to no entry" in findings[1][2]


def test_a_comment_before_the_first_entry_covers_the_whole_file(write: Any) -> None:
    path = _file(write)
    path.write_text("# faq-audit: ignore[duplicate-question] both on purpose\n" + path.read_text())
    assert _findings(path) == []


def test_comment_text_inside_an_answer_is_not_a_suppression(write: Any) -> None:
    path = write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    question: How?\n    answer: |\n"
        "      Write # faq-audit: ignore[schema] in YAML.\n",
    )
    assert _findings(path) == []


def test_suppressions_of_rules_not_selected_are_not_judged(write: Any) -> None:
    path = _file(write, trailing="  # faq-audit: ignore[duplicate-id] wrong rule")
    result = engine.audit([path], engine.Options(ignore=frozenset({"duplicate-id"})))
    assert [f.rule for f in result.findings] == ["duplicate-question"]


def test_file_wide_comment_before_the_entries(write: Any) -> None:
    path = write(
        "faq/a.yaml",
        "# faq-audit: ignore[duplicate-question] a legacy page\n"
        + TWO_QUESTIONS.format(comment_b="", trailing=""),
    )
    assert _findings(path) == []


AGREEMENT = """\
category: A
entries:
{comment}  - id: a
    question: When do you ship?
    answer: Once order are placed, we ship them.
"""


def test_a_family_id_in_a_comment_silences_every_rule_of_the_family(write: Any) -> None:
    plain = write("faq/a.yaml", AGREEMENT.format(comment=""))
    assert [r for r, _, _ in _findings(plain)] == ["grammar-agreement"]
    path = write("faq/a.yaml", AGREEMENT.format(comment="  # faq-audit: ignore[grammar] quoted\n"))
    assert _findings(path) == []


def test_a_comment_for_another_rule_of_the_family_does_not_silence(write: Any) -> None:
    path = write(
        "faq/a.yaml", AGREEMENT.format(comment="  # faq-audit: ignore[grammar-articles] no\n")
    )
    assert [(r, line) for r, line, _ in _findings(path)] == [
        ("unused-suppression", 3),
        ("grammar-agreement", 6),
    ]


def test_an_unused_family_comment_is_reported_by_the_id_it_was_written_with(write: Any) -> None:
    path = _file(write, comment_b="  # faq-audit: ignore[grammar] stale\n")
    messages = [m for r, _, m in _findings(path) if r == "unused-suppression"]
    assert messages == [
        "ignore[grammar] silences nothing here: there is no grammar finding in its scope; remove it"
    ]


def test_the_first_comment_in_the_file_silences_and_a_later_one_for_the_same_line_is_unused(
    write: Any,
) -> None:
    path = _file(
        write,
        comment_b="  # faq-audit: ignore[duplicate-question] above the entry\n",
        trailing="  # faq-audit: ignore[duplicate-question] on the line",
    )
    assert [(r, line) for r, line, _ in _findings(path)] == [("unused-suppression", 8)]


def _reference(
    findings: list[Finding], listed: list[Suppression], rules: Mapping[str, Rule]
) -> tuple[list[Finding], list[tuple[int, str]]]:
    """The obvious quadratic matching, to hold the indexed one to: every finding against
    every comment, in file order; then the (comment, id) pairs reported unused."""
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        for number, s in enumerate(listed):
            written = [w for w in s.rules if finding.rule in members(w)]
            if written and s.first_line <= finding.position.line <= s.last_line:
                used.update((number, w) for w in written)
                break
        else:
            kept.append(finding)
    unused = [
        (number, w)
        for number, s in enumerate(listed)
        for w in s.rules
        if not members(w) or (not members(w).isdisjoint(rules) and (number, w) not in used)
    ]
    return kept, unused


IDS = ("grammar", "grammar-articles", "grammar-agreement", "spacing", "no-such-rule")
FINDING_IDS = ("grammar-articles", "grammar-agreement", "spacing")


@settings(max_examples=300, deadline=None)
@given(
    comments=st.lists(
        st.tuples(
            st.lists(st.sampled_from(IDS), min_size=1, max_size=3),
            st.integers(1, 30),
            st.integers(0, 10),
        ),
        max_size=8,
    ),
    found=st.lists(st.tuples(st.sampled_from(FINDING_IDS), st.integers(1, 40)), max_size=12),
)
def test_indexed_matching_agrees_with_comparing_every_finding_with_every_comment(
    comments: list[tuple[list[str], int, int]], found: list[tuple[str, int]]
) -> None:
    listed = [
        Suppression(tuple(ids), "why", Position("f.yaml", first, 1), first, first + length)
        for ids, first, length in comments
    ]
    findings = [Finding(r, Severity.WARNING, "m", Position("f.yaml", line, 1)) for r, line in found]
    source = SourceFile("f.yaml", "", None, (), (), tuple(listed))
    rules = all_rules()
    got = apply(findings, [source], rules)
    kept, unused = _reference(findings, listed, rules)
    assert got[: len(got) - len(unused)] == kept
    assert [f.position for f in got[len(kept) :]] == [listed[n].position for n, _ in unused]
    assert [f.message.split("]")[0] for f in got[len(kept) :]] == [f"ignore[{w}" for _, w in unused]


def test_matching_takes_time_in_proportion_to_comments_and_findings() -> None:
    """20,000 comments and 20,000 findings in one file: compared pairwise, that is
    400 million comparisons (minutes); indexed, a fraction of a second."""
    count = 20_000
    listed = tuple(
        Suppression(
            ("duplicate-question",), "why", Position("f.yaml", 2 * i + 1, 5), 2 * i + 2, 2 * i + 2
        )
        for i in range(count)
    )
    findings = [
        Finding("duplicate-question", Severity.WARNING, "m", Position("f.yaml", 2 * i + 2, 5))
        for i in range(count)
    ]
    source = SourceFile("f.yaml", "", None, (), (), listed)
    start = time.perf_counter()
    kept = apply(findings, [source], all_rules())
    assert time.perf_counter() - start < 2.0
    assert kept == []  # each comment silenced the finding below it, and was used


def test_an_unused_suppression_has_the_severity_the_config_gives_it(write: Any) -> None:
    from audit.config import Config

    path = _file(write, trailing="  # faq-audit: ignore[duplicate-id] wrong rule")
    config = Config(rules={"unused-suppression": {"severity": "error"}})
    result = engine.audit([path], engine.Options(config=config))
    assert [(f.rule, f.severity) for f in result.findings] == [
        ("duplicate-question", Severity.WARNING),
        ("unused-suppression", Severity.ERROR),
    ]

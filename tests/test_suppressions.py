"""Inline `# faq-audit: ignore[rule] reason` comments, and the stale ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from audit import engine as pipeline

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
    result = pipeline.audit([path])
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


def test_an_unknown_rule_in_a_comment_is_reported(write: Any) -> None:
    path = _file(write, comment_b="  # faq-audit: ignore[duplicate-questions]\n")
    messages = [m for r, _, m in _findings(path) if r == "unused-suppression"]
    assert messages == [
        "ignore[duplicate-questions]: faq-audit has no rule 'duplicate-questions'; "
        "`faq-audit rules` lists them"
    ]


def test_comment_text_inside_an_answer_is_not_a_suppression(write: Any) -> None:
    path = write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    question: How?\n    answer: |\n"
        "      Write # faq-audit: ignore[schema] in YAML.\n",
    )
    assert _findings(path) == []


def test_suppressions_of_rules_not_selected_are_not_judged(write: Any) -> None:
    path = _file(write, trailing="  # faq-audit: ignore[duplicate-id] wrong rule")
    result = pipeline.audit([path], pipeline.Options(ignore=frozenset({"duplicate-id"})))
    assert [f.rule for f in result.findings] == ["duplicate-question"]


def test_file_wide_comment_before_the_entries(write: Any) -> None:
    path = write(
        "faq/a.yaml",
        "# faq-audit: ignore[duplicate-question] a legacy page\n"
        + TWO_QUESTIONS.format(comment_b="", trailing=""),
    )
    assert _findings(path) == []

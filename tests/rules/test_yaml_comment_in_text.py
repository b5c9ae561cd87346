"""`yaml-comment-in-text`: text YAML cut off at ` #`, found on its line and quoted back whole.

Each test writes a real file, audits it with the real engine and, where there is a fix,
applies it as `faq-audit fix` does and reads the result back with PyYAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit import engine
from audit.fix import apply as fixer
from audit.fix.meaning import refusal
from audit.model import Finding

RULE = "yaml-comment-in-text"


def _audit(path: Path, *rules: str) -> list[Finding]:
    options = engine.Options(select=frozenset(rules or (RULE,)))
    return list(engine.audit([path], options).findings)


def _entry_file(answer_line: str) -> str:
    return f"category: A\nentries:\n  - id: a\n    question: Is there a code?\n{answer_line}"


@pytest.mark.parametrize(
    ("answer_line", "meant"),
    [
        ("    answer: Use code #SAVE10 at checkout.\n", "Use code #SAVE10 at checkout."),
        ("    answer: It's code #SAVE10.\n", "It's code #SAVE10."),
        ('    answer: It\'s the "spring" code #SAVE10.\n', 'It\'s the "spring" code #SAVE10.'),
        ("    answer: Use   code  #SAVE10 now.   \n", "Use   code  #SAVE10 now."),
        (
            "    answer: Enter it\n      at checkout #SAVE10 now.\n",
            "Enter it at checkout #SAVE10 now.",
        ),
        (
            "    answer: Enter it\n\n      at checkout #SAVE10 now.\n",
            "Enter it\nat checkout #SAVE10 now.",
        ),
        ("    answer: Ask at desk #4\r\n", "Ask at desk #4"),
        ("    answer: Say \\n at desk #4 please.\n", "Say \\n at desk #4 please."),
    ],
)
def test_the_fix_makes_yaml_read_the_whole_text_and_nothing_else_changes(
    answer_line: str, meant: str, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    text = _entry_file(answer_line)
    path.write_bytes(text.encode("utf-8"))
    (finding,) = _audit(path)
    assert finding.severity.value == "error"
    assert finding.fix is not None
    fixed, applied = fixer.apply(text, [finding.fix])
    assert applied == (finding.fix,)
    assert yaml.safe_load(fixed)["entries"][0]["answer"] == meant
    # byte for byte outside the quoted value, and allowed by fix's safety net
    start, end = finding.fix.start, finding.fix.end
    assert fixed[:start] == text[:start]
    assert fixed[start + len(finding.fix.replacement) :] == text[end:]
    assert refusal("a.yaml", text, fixed, [(start, end)]) is None


def test_the_issue_example_is_an_error_on_the_words_that_were_cut(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_entry_file("    answer: Use code #SAVE10 at checkout.\n"), encoding="utf-8")
    assert yaml.safe_load(path.read_text())["entries"][0]["answer"] == "Use code"
    (finding,) = _audit(path)
    p = finding.position
    assert (p.line, p.column, p.end_line, p.end_column) == (5, 22, 5, 42)
    assert finding.entry == "a"
    assert finding.message == (
        "YAML reads ' #' as the start of a comment, so this answer is cut short after "
        "'Use code' and '#SAVE10 at checkout.' is dropped; put the whole answer in quotes"
    )
    assert finding.fix is not None
    assert finding.fix.replacement == "'Use code #SAVE10 at checkout.'"


def test_a_value_with_an_anchor_is_reported_without_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_entry_file("    answer: &code Use code #SAVE10 at checkout.\n"))
    (finding,) = _audit(path)
    assert finding.fix is None


@pytest.mark.parametrize(
    "answer_line",
    [
        "    answer: We ship worldwide.  # checked with legal\n",
        "    answer: We ship worldwide.  # TODO: add Canada\n",
        "    answer: Yes. # faq-audit: ignore[spacing] quoted as written\n",
        "    answer: 'Use code #SAVE10 at checkout.'\n",
        '    answer: "Use code #SAVE10 at checkout."\n',
        "    answer: |-\n      Use code #SAVE10 at checkout.\n",
        "    answer: >-\n      Use code #SAVE10 at checkout.\n",
        "    answer: Orders ship from warehouse#2 daily.\n",
        "    answer: Call us on weekdays.\n    # a note for editors: check the hours\n",
    ],
)
def test_comments_an_editor_meant_and_hashes_yaml_keeps_are_not_reported(
    answer_line: str, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_entry_file(answer_line), encoding="utf-8")
    assert _audit(path) == []


def test_text_under_a_misspelt_field_is_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_entry_file("    anwser: Use code #SAVE10 at checkout.\n"), encoding="utf-8")
    found = _audit(path, RULE, "schema")
    assert [(f.rule, f.position.line) for f in found] == [("schema", 5), (RULE, 5)]

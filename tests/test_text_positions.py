"""A sentence's finding must land on the sentence's own line, in every scalar style."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from audit.source.loader import load_file

STYLES = """\
category: Styles
entries:
  - id: plain
    question: Plain?
    answer: First sentence here. Second
      sentence on the next line. Third one.
  - id: single
    question: Single?
    answer: 'It''s one. It''s
      two.'
  - id: double
    question: Double?
    answer: "Caf\\u00e9 one. \\"Quoted\\" two.\\
      \\ Three here."
  - id: literal
    question: Literal?
    answer: |
      Para one. Still one.

      Para two.
  - id: folded
    question: Folded?
    answer: >-
      Folded one. Folded
      two.

      Folded three.
"""

# entry id -> [(sentence, line, column, end_line, end_column)], all 1-based, read off the text above
EXPECTED = {
    "plain": [
        ("First sentence here.", 5, 13, 5, 33),
        ("Second sentence on the next line.", 5, 34, 6, 33),
        ("Third one.", 6, 34, 6, 44),
    ],
    "single": [("It's one.", 9, 14, 9, 24), ("It's two.", 9, 25, 10, 11)],
    "double": [
        ("Café one.", 13, 14, 13, 28),
        ('"Quoted" two.', 13, 29, 13, 44),
        ("Three here.", 14, 9, 14, 20),
    ],
    "literal": [
        ("Para one.", 18, 7, 18, 16),
        ("Still one.", 18, 17, 18, 27),
        ("Para two.", 20, 7, 20, 16),
    ],
    "folded": [
        ("Folded one.", 24, 7, 24, 18),
        ("Folded two.", 24, 19, 25, 11),
        ("Folded three.", 27, 7, 27, 20),
    ],
}


@pytest.fixture
def styles(write: Callable[[str, str], Path]) -> dict[str, object]:
    source = load_file(write("styles.yaml", STYLES))
    assert not source.problems
    return {e.id: e for e in source.entries}


@pytest.mark.parametrize("entry_id", sorted(EXPECTED))
def test_each_sentence_knows_its_line_and_column_in_every_scalar_style(
    styles: dict[str, object], entry_id: str
) -> None:
    entry = styles[entry_id]
    text = entry.texts["answer"]  # type: ignore[attr-defined]
    got = []
    for sentence in text.sentences():
        p = text.position_of(sentence.start, len(sentence.text))
        got.append((sentence.text, p.line, p.column, p.end_line, p.end_column))
    assert got == EXPECTED[entry_id]


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_positions_are_the_same_whatever_ends_the_lines(
    write: Callable[[str, str], Path], ending: str
) -> None:
    # a lone CR ends a line for YAML and for editors: findings inside block values
    # once all sat on the value's first line in such files
    source = load_file(write("styles.yaml", STYLES.replace("\n", ending)))
    assert not source.problems
    for entry in source.entries:
        text = entry.texts["answer"]
        got = []
        for sentence in text.sentences():
            p = text.position_of(sentence.start, len(sentence.text))
            got.append((sentence.text, p.line, p.column, p.end_line, p.end_column))
        assert got == EXPECTED[entry.id], entry.id


def test_sentence_position_points_at_the_characters_of_the_file(
    write: Callable[[str, str], Path],
) -> None:
    path = write("one.yaml", STYLES)
    lines = path.read_text(encoding="utf-8").splitlines()
    for entry in load_file(path).entries:
        if entry.id == "double":
            continue  # escapes make the source differ from the value by design
        text = entry.texts["answer"]
        for sentence in text.sentences():
            p = text.position_of(sentence.start)
            assert lines[p.line - 1][p.column - 1] == sentence.text[0]


def test_fields_know_the_line_of_their_key_and_value(write: Callable[[str, str], Path]) -> None:
    source = load_file(write("f.yaml", STYLES))
    literal = next(e for e in source.entries if e.id == "literal")
    assert (literal.position.line, literal.position.column) == (15, 5)
    assert (literal.fields["question"].key.line, literal.fields["question"].key.column) == (16, 5)
    assert (literal.fields["answer"].value.line, literal.fields["answer"].value.column) == (17, 13)


def test_columns_count_characters_not_bytes(write: Callable[[str, str], Path]) -> None:
    source = load_file(
        write(
            "u.yaml", "category: Çà\nentries:\n  - {id: é-1, question: Où?, answer: Ça va. Oui.}\n"
        )
    )
    entry = source.entries[0]
    text = entry.texts["answer"]
    second = list(text.sentences())[1]
    position = text.position_of(second.start)
    assert (position.line, position.column) == (3, 45)  # 48 if bytes were counted


def test_findings_after_escapes_anchors_and_tags_point_at_the_text(
    write: Callable[[str, str], Path],
) -> None:
    # once they pointed at the opening quote, or at the anchor or tag before the text
    path = write(
        "marks.yaml",
        "category: A\nentries:\n"
        '  - id: a\n    question: Why?\n    answer: "Caf\\u00e9 is open.\\x20The the cat."\n'
        "  - id: b\n    question: &q Why  so?\n    answer: Fine.\n"
        "  - id: c\n    question: !!str Is  it?\n    answer: Fine.\n",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = {e.id: e for e in load_file(path).entries}
    cases = [("a", "answer", "The the"), ("b", "question", "  so?"), ("c", "question", "  it?")]
    for entry_id, field, words in cases:
        text = entries[entry_id].texts[field]
        p = text.position_of(text.value.index(words))
        assert lines[p.line - 1][p.column - 1 :].startswith(words), (entry_id, p)

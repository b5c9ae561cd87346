"""`duplicate-sentence`: the same sentence in two answers, reported where it does not fit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.rules.helpers import CONTENT, assert_findings, audit


def test_the_misplaced_download_sentence_is_reported_where_it_does_not_fit(
    seed_file: Path,
) -> None:
    (finding,) = audit(seed_file, ["duplicate-sentence"])
    assert (finding.position.line, finding.position.column) == (124, 7)
    (related,) = finding.related
    assert (related.position.line, related.position.column) == (153, 7)
    assert related.message == "the copy that fits its question is here"
    lines = seed_file.read_text(encoding="utf-8").splitlines()
    assert lines[123].strip().startswith("You may also download")
    assert lines[152].strip().startswith("You may also download")


def test_duplicate_sentence_on_a_clinic_page() -> None:
    found = audit(CONTENT / "clinic.yaml", ["duplicate-sentence"])
    assert_findings(
        found,
        [
            # differs from the first copy only in spacing and the closing "!"
            ("duplicate-sentence", "walk-ins", 24, "answer of 'insurance-card', at line 14"),
            ("duplicate-sentence", "book-online", 38, "earlier in this answer, at line 34"),
            # silent: "Call us to book." in two answers: four words, under the minimum.
        ],
    )
    assert [f.related[0].position.line for f in found] == [14, 34]
    # neither copy of the forms sentence fits its question better: it may be on purpose
    assert [str(f.severity) for f in found] == ["info", "warning"]
    assert "remove" not in found[0].message


def test_the_seed_copy_is_misplaced_because_it_fits_the_other_question_clearly_better(
    seed_file: Path,
) -> None:
    (finding,) = audit(seed_file, ["duplicate-sentence"])
    assert str(finding.severity) == "warning"
    assert finding.message.endswith("remove it from this one")


def test_duplicate_sentence_reports_answers_that_are_the_same_text(write: Any) -> None:
    """Equal answers share their (cached) sentences; each copy is still a copy."""
    answer = "You may also download by selecting the arrow on the top left."
    path = write(
        "faq/a.yaml",
        "category: A\nentries:\n"
        + "".join(
            f"  - id: e{n}\n    question: Question {n}?\n    answer: {answer}\n" for n in (1, 2, 3)
        ),
    )
    assert_findings(
        audit(path, ["duplicate-sentence"]),
        [
            ("duplicate-sentence", "e2", 8, "answer of 'e1', at line 5"),
            ("duplicate-sentence", "e3", 11, "answer of 'e1', at line 5"),
        ],
    )


def test_duplicate_sentence_minimum_length_and_ignore_list_are_options() -> None:
    found = audit(
        CONTENT / "clinic.yaml",
        ["duplicate-sentence"],
        {
            "duplicate-sentence": {
                "min-words": 4,
                "ignore": [
                    "please arrive fifteen minutes before your appointment to complete forms",
                    "You can book online or by phone at any time of the day.",
                ],
            }
        },
    )
    assert_findings(found, [("duplicate-sentence", "walk-ins", 26, "'insurance-card'")])

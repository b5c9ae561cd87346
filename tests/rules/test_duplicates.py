"""`duplicate-id` and `duplicate-question`: the same entry twice, by id or by question."""

from __future__ import annotations

from typing import Any

from tests.conftest import DUPLICATED_QUESTION, CliRun
from tests.rules.helpers import json_document


def test_duplicate_question_ignores_case_spacing_and_punctuation(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", DUPLICATED_QUESTION)
    _, out, _ = cli("validate", "faq", "--format", "json", "--select", "duplicate-question")
    (finding,) = json_document(out)["findings"]
    assert (finding["line"], finding["entry"]) == (7, "b")
    assert finding["related"] == [
        {"path": "faq/a.yaml", "line": 4, "column": 15, "message": "first question is here"}
    ]


def test_duplicate_ids_are_found_across_files(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", "category: A\nentries:\n  - {id: same, question: A?, answer: A.}\n")
    write(
        "faq/b.yaml",
        "category: B\nentries:\n"
        "  - id: other\n    question: B?\n    answer: B.\n"
        "  - id: same\n    question: C?\n    answer: C.\n",
    )
    _, out, _ = cli("validate", "faq", "--format", "json")
    (finding,) = json_document(out)["findings"]
    assert (finding["rule"], finding["path"], finding["line"], finding["column"]) == (
        "duplicate-id",
        "faq/b.yaml",
        6,
        9,
    )
    assert "faq/a.yaml:3" in finding["message"]

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


def test_a_duplicated_id_is_reported_on_every_copy_each_naming_the_other(
    cli: CliRun, write: Any
) -> None:
    # the editor who adds b.yaml must see the finding in b.yaml, and whoever owns a.yaml too
    write("faq/a.yaml", "category: A\nentries:\n  - {id: same, question: A?, answer: A.}\n")
    write(
        "faq/b.yaml",
        "category: B\nentries:\n"
        "  - id: other\n    question: B?\n    answer: B.\n"
        "  - id: same\n    question: C?\n    answer: C.\n",
    )
    _, out, _ = cli("validate", "faq", "--format", "json")
    first, second = json_document(out)["findings"]
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in (first, second)] == [
        ("duplicate-id", "faq/a.yaml", 3, 10),
        ("duplicate-id", "faq/b.yaml", 6, 9),
    ]
    assert "faq/b.yaml:6" in first["message"]
    assert "faq/a.yaml:3" in second["message"]
    assert [(r["path"], r["line"]) for r in first["related"]] == [("faq/b.yaml", 6)]


def test_many_copies_of_an_id_name_three_others_and_count_the_rest(cli: CliRun, write: Any) -> None:
    entries = "".join(f"  - id: same\n    question: Q{n}?\n    answer: A.\n" for n in range(6))
    write("faq/a.yaml", "category: A\nentries:\n" + entries)
    _, out, _ = cli("validate", "faq", "--format", "json", "--select", "duplicate-id")
    findings = json_document(out)["findings"]
    assert len(findings) == 6
    assert findings[0]["message"].startswith(
        "the id 'same' is also used by the entries at line 6, line 9, line 12 and 2 more;"
    )
    assert all(len(f["related"]) == 3 for f in findings)


def test_duplicate_question_names_the_question_line_in_message_and_note(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", DUPLICATED_QUESTION)
    _, out, _ = cli("validate", "faq", "--format", "json", "--select", "duplicate-question")
    (finding,) = json_document(out)["findings"]
    assert "at line 4;" in finding["message"]
    assert finding["related"][0]["line"] == 4

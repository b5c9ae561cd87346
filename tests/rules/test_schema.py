"""`schema` and `implicit-type`: the shape of the content, said in plain words on its line."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import CliRun
from tests.rules.helpers import json_document


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        ("category: A\n", 1, "the file has no `entries`; add `entries:`"),
        (
            "category: A\nentries:\n  - {id: a, answer: A.}\n",
            3,
            "this entry has no `question`; add `question:`",
        ),
        (
            "category: A\nentries:\n  - {id: a, question: Q?, answer: '  '}\n",
            3,
            "answer is empty; write the answer",
        ),
        (
            "category: A\nentries:\n  - {id: a, question: Q?, answer: A., tags: [x, x]}\n",
            3,
            "tags lists 'x' more than once",
        ),
        (
            "category: A\nentries:\n  - {id: a, question: Q?, answer: A., reviewed: 'May 2024'}\n",
            3,
            "reviewed 'May 2024' is not a valid date",
        ),
        ("category: A\nentries: []\n", 2, "entries is an empty list; add at least one item"),
        ("- id: a\n", 1, "the file holds a list; a FAQ file is a mapping"),
        ("", 1, "the file has no content"),
        (
            "category: A\nentries:\n  - id: a\n    question: Q?\n    answer:\n",
            5,
            "answer is empty; write text after the colon",
        ),
        (
            "category: A\nentries:\n  - id: a\n    question: Q?\n    answer: Call us: now.\n",
            5,
            "a colon followed by a space starts a new key here",
        ),
    ],
)
def test_schema_problems_are_said_in_plain_words_on_their_line(
    cli: CliRun, write: Any, yaml_text: str, line: int, message: str
) -> None:
    write("faq/a.yaml", yaml_text)
    code, out, _ = cli("validate", "faq", "--format", "json")
    findings = json_document(out)["findings"]
    assert [(f["line"], message in f["message"]) for f in findings] == [(line, True)], findings
    assert code == 1


def test_a_misspelt_field_is_one_finding_not_two(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", "category: A\nentries:\n  - id: a\n    question: Q?\n    anwser: A.\n")
    _, out, _ = cli("validate", "faq", "--format", "json")
    assert [f["message"] for f in json_document(out)["findings"]] == [
        "`anwser` is not a field of an entry; did you mean `answer`?"
    ]


def test_every_unknown_field_of_an_entry_is_reported_on_its_own_line(
    cli: CliRun, write: Any
) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    question: Q?\n    anwser: A.\n"
        "    colour: red\n    Tags: [x]\n",
    )
    _, out, _ = cli("validate", "faq", "--format", "json", "--select", "schema")
    assert [(f["line"], f["column"], f["message"]) for f in json_document(out)["findings"]] == [
        (5, 5, "`anwser` is not a field of an entry; did you mean `answer`?"),
        (
            6,
            5,
            "`colour` is not a field of an entry; the fields are: id, question, answer, "
            "tags, audience, reviewed, owner",
        ),
        (7, 5, "`Tags` is not a field of an entry; did you mean `tags`?"),
    ]


def test_an_unknown_field_is_reported_beside_a_missing_one(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", "category: A\nentries:\n  - question: Q?\n    answer: A.\n    x: 1\n")
    _, out, _ = cli("validate", "faq", "--format", "json", "--select", "schema")
    assert [(f["line"], f["message"]) for f in json_document(out)["findings"]] == [
        (3, "this entry has no `id`; add `id:`"),
        (
            5,
            "`x` is not a field of an entry; the fields are: id, question, answer, tags, "
            "audience, reviewed, owner",
        ),
    ]


def test_text_under_a_misspelt_field_is_still_checked_by_the_text_rules(
    cli: CliRun, write: Any
) -> None:
    path = write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    qestion: How do I track my order\n"
        "    anwser: Call (800) 796 - 7546. It takes a hour.\n",
    )
    _, out, _ = cli("validate", "faq", "--format", "json")
    found = [(f["rule"], f["line"], f["column"]) for f in json_document(out)["findings"]]
    assert found == [
        ("schema", 4, 5),
        ("question-form", 4, 14),
        ("schema", 5, 5),
        ("phone-format", 5, 18),
        ("grammar-articles", 5, 45),
    ]
    # the phone number under the misspelt field is fixed where it stands
    code, _, _ = cli("fix", "faq", "--select", "phone-format")
    assert code == 0
    assert path.read_text(encoding="utf-8").endswith(
        "anwser: Call (800) 796-7546. It takes a hour.\n"
    )


def test_a_misspelt_field_beside_the_right_one_is_not_read_as_it(cli: CliRun, write: Any) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    question: Q?\n    answer: A.\n"
        "    anwser: It takes a hour.\n",
    )
    _, out, _ = cli("validate", "faq", "--format", "json")
    assert [f["rule"] for f in json_document(out)["findings"]] == ["schema"]


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        ("No", "the boolean false"),
        ("on", "the boolean true"),
        ("1.10", "the number 1.1"),
        ("2024-01-01", "a date"),
        ("~", "an empty value (null)"),
    ],
)
def test_implicit_types_say_what_yaml_read_and_how_to_quote(
    cli: CliRun, write: Any, value: str, reading: str
) -> None:
    write(
        "faq/a.yaml", f"category: A\nentries:\n  - id: a\n    question: Q?\n    answer: {value}\n"
    )
    _, out, _ = cli("validate", "faq", "--format", "json")
    (finding,) = json_document(out)["findings"]
    assert finding["rule"] == "implicit-type"
    assert finding["line"] == 5
    assert finding["message"] == (
        f"'{value}' is read by YAML as {reading}, not as text; "
        f'put it in quotes: answer: "{value}"'
    )


def test_an_unquoted_date_is_fine_where_a_date_is_meant(cli: CliRun, write: Any) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - {id: a, question: Q?, answer: A., reviewed: 2025-03-31}\n",
    )
    code, out, _ = cli("validate", "faq", "--format", "json", "--select", "schema,implicit-type")
    assert json_document(out)["findings"] == [] and code == 0

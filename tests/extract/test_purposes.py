"""`audit.extract.purposes`: the department named next to a contact detail, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

from audit.extract.purposes import (
    DEFAULT_PURPOSES,
    Vocabulary,
    assign_purposes,
    display,
    sentence_clauses,
)


@dataclass(frozen=True)
class Desk:
    """A department as the config names one (anything with a name and words will do)."""

    name: str
    words: tuple[str, ...]


def spans_of(value: str, *details: str) -> list[tuple[int, int]]:
    return [(value.index(d), value.index(d) + len(d)) for d in details]


def test_a_detail_takes_the_department_named_before_it_in_its_sentence() -> None:
    value = "Email sales at s@x.example or billing at b@x.example."
    spans = spans_of(value, "s@x.example", "b@x.example")
    found = assign_purposes(value, spans, Vocabulary.build(()))
    assert [purpose for purpose, _clause in found] == ["sales", "billing"]
    assert {clause for _purpose, clause in found} == {(0, len(value))}


def test_a_department_in_another_sentence_is_not_this_details() -> None:
    value = "Billing is closed. Write to b@x.example."
    found = assign_purposes(value, spans_of(value, "b@x.example"), Vocabulary.build(()))
    assert found == [(None, (19, len(value)))]


def test_a_departments_own_words_outrank_the_built_in_list() -> None:
    vocabulary = Vocabulary.build([Desk("care-desk", ("customer care team",))])
    value = "Write to our Customer-Care team at c@x.example."
    found = assign_purposes(value, spans_of(value, "c@x.example"), vocabulary)
    assert [purpose for purpose, _clause in found] == ["care-desk"]
    assert display("care-desk") == "care desk"


def test_a_line_of_purposes_names_one_department_by_several_names() -> None:
    vocabulary = Vocabulary.build((), ["help desk|helpdesk"])
    value = "Our helpdesk: h@x.example. Sales: s@x.example."
    found = assign_purposes(value, spans_of(value, "h@x.example", "s@x.example"), vocabulary)
    assert [purpose for purpose, _clause in found] == ["help desk", None]


def test_the_built_in_purposes_are_the_default() -> None:
    assert Vocabulary.build(()) == Vocabulary.build((), DEFAULT_PURPOSES)


def test_a_detail_that_runs_over_a_period_joins_the_two_sentences() -> None:
    value = "Call 555 ext. 12 today. Then wait."
    (clause,) = sentence_clauses(value, spans_of(value, "555 ext. 12"))
    assert value[slice(*clause)] == "Call 555 ext. 12 today."

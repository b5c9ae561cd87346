"""The plain model: `Fields` keeps positions as numbers yet reads like the dict of `Field`s
it replaced, and what worker processes pickle comes back equal."""

from __future__ import annotations

import pickle

import pytest

from audit.model import Entry, Field, Fields, Position


def _fields() -> Fields:
    return Fields.build(
        "faq/a.yaml",
        ("id", "question"),
        [(3, 5, 3, 7, 3, 9, 3, 14), (4, 5, 4, 13, 4, 15, 5, 20)],
    )


def test_fields_give_each_key_and_value_position_by_name() -> None:
    fields = _fields()
    assert fields["question"] == Field(
        Position("faq/a.yaml", 4, 5, 4, 13), Position("faq/a.yaml", 4, 15, 5, 20)
    )
    assert fields.get("answer") is None
    assert "id" in fields and "answer" not in fields
    with pytest.raises(KeyError):
        fields["answer"]


def test_fields_read_like_the_dict_they_replace() -> None:
    fields = _fields()
    as_dict = {name: fields[name] for name in ("id", "question")}
    assert list(fields) == ["id", "question"]
    assert len(fields) == 2
    assert fields == as_dict and dict(fields.items()) == as_dict


def test_positions_that_do_not_fit_four_bytes_are_kept() -> None:
    big = 2**31 + 5
    fields = Fields.build("a.yaml", ("id",), [(big, 1, big, 2, big, 3, big, 4)])
    assert fields["id"].value == Position("a.yaml", big, 3, big, 4)


def test_an_entry_pickles_to_an_equal_entry() -> None:
    entry = Entry("a", "faq/a.yaml", 0, Position("faq/a.yaml", 3, 5, 4, 1), {"id": "a"}, _fields())
    assert pickle.loads(pickle.dumps(entry)) == entry

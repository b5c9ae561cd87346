"""The schema's fixes are offered only where the replacement is the one possible, and its
messages quote long values by their start and end (audit/source/schema_fixes.py,
audit/source/schema_messages.py)."""

from __future__ import annotations

import pytest

from audit.source.schema_fixes import enum_case, one_slip
from audit.source.schema_messages import SHOWN_MAX, no_such_day, shorten

FIELDS = ("id", "question", "answer", "tags", "audience", "reviewed", "owner")


@pytest.mark.parametrize(
    ("name", "meant"),
    [("anwser", "answer"), ("answr", "answer"), ("answeer", "answer"), ("tag", "tags")],
)
def test_a_field_one_slip_from_one_field_is_that_field(name: str, meant: str) -> None:
    assert one_slip(name, FIELDS, {}) == meant


@pytest.mark.parametrize(
    ("name", "known", "present"),
    [
        ("cat", ("bat", "cap"), {}),  # one slip from two fields: a person decides
        ("anwser", FIELDS, {"answer": "A."}),  # the right field is there already
        ("audyense", FIELDS, {}),  # two slips away
        ("answer", FIELDS, {}),  # no slip at all
    ],
)
def test_no_field_is_guessed_where_it_is_not_the_only_one(
    name: str, known: tuple[str, ...], present: dict[str, str]
) -> None:
    assert one_slip(name, known, present) is None


def test_an_enum_value_is_corrected_only_to_its_one_case_twin() -> None:
    assert enum_case("Everyone", ["everyone", "customer"]) == "everyone"
    assert enum_case("YES", ["Yes", "yes"]) is None  # two values match: no guess
    assert enum_case("everybody", ["everyone"]) is None
    assert enum_case(True, ["true"]) is None


def test_a_long_value_is_shown_by_its_start_and_end() -> None:
    number = "1234567" + "0" * 8000 + "890"
    shown = shorten(number)
    assert len(shown) == SHOWN_MAX
    assert shown.startswith("1234567") and shown.endswith("890") and "…" in shown
    assert shorten("short") == "short"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2030-02-30", "2030-02-30 is not a day: February 2030 has 28 days"),
        ("2028-02-30", "2028-02-30 is not a day: February 2028 has 29 days"),
        ("2030-04-31", "2030-04-31 is not a day: April 2030 has 30 days"),
        ("2030-13-01", "2030-13-01 is not a day: there is no month 13"),
        ("2030-01-00", "2030-01-00 is not a day: days start at 01"),
        ("2030-02-28", None),
        ("May 2024", None),
    ],
)
def test_a_date_that_does_not_exist_says_why(value: str, why: str | None) -> None:
    assert no_such_day(value) == why

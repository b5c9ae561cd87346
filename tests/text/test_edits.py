"""One slip apart: the test behind the fixes that rename a field or repair a scheme."""

from __future__ import annotations

import pytest

from audit.text.edits import one_slip_apart


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("anwser", "answer"),
        ("questin", "question"),
        ("htps", "https"),
        ("httpss", "https"),
        ("idd", "id"),
        ("cateogry", "category"),
        ("hxtp", "http"),
    ],
)
def test_a_letter_added_dropped_changed_or_swapped_is_one_slip(a: str, b: str) -> None:
    assert one_slip_apart(a, b) and one_slip_apart(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("answer", "answer"), ("anwsre", "answer"), ("ftp", "https"), ("ab", "ba c"), ("qa", "aq x")],
)
def test_the_same_word_or_two_slips_is_not_one_slip(a: str, b: str) -> None:
    assert not one_slip_apart(a, b)

"""`audit.text.sentences`: where sentences end and begin, one reading for every rule."""

from __future__ import annotations

import pytest

from audit.text.sentences import (
    at_sentence_start,
    ends_sentence_before,
    sentence_around,
    sentence_ends,
    split_sentences,
)


def texts_of(value: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(value)]


def test_a_sentence_ends_at_its_marks_and_closing_quotes_before_white_space() -> None:
    value = 'We ship daily. Is it "free?" Yes!  (Mostly.) Done'
    assert texts_of(value) == ["We ship daily.", 'Is it "free?"', "Yes!", "(Mostly.)", "Done"]


def test_each_sentence_span_points_at_its_text_in_the_value() -> None:
    value = "  First one.\n  Second one?  "
    for sentence in split_sentences(value):
        assert value[sentence.start : sentence.end] == sentence.text


def test_a_period_inside_a_word_ends_nothing() -> None:
    assert texts_of("See www.example.com or e.g.this one. Then go.") == [
        "See www.example.com or e.g.this one.",
        "Then go.",
    ]


def test_a_blank_line_ends_a_sentence_that_has_no_mark() -> None:
    assert texts_of("Returns\n\nSend it back within 30 days") == [
        "Returns",
        "Send it back within 30 days",
    ]


def test_a_full_width_question_mark_ends_a_sentence() -> None:
    assert texts_of("Ship abroad\uff1f Yes.") == ["Ship abroad\uff1f", "Yes."]


def test_a_run_of_marks_ends_one_sentence() -> None:
    ends = list(sentence_ends("Really?! Yes... Fine."))
    assert [end.marks for end in ends] == ["?!", "...", "."]


def test_strict_ends_skip_abbreviations_initials_and_lower_case_continuations() -> None:
    value = "Dr. Smith sees U.S. patients. He is in, e.g. on Mondays. No. 5 is open. Ask?"
    strict = [value[end.start - 5 : end.end] for end in sentence_ends(value, strict=True)]
    assert strict == ["ients.", "ndays.", " open."]
    assert len(list(sentence_ends(value))) == 8


def test_strict_ends_need_a_sentence_after_them() -> None:
    assert list(sentence_ends("One. 2 follows. \u201cQuoted\u201d too.", strict=True)) != []
    assert list(sentence_ends("Nothing follows.", strict=True)) == []
    assert list(sentence_ends("Heading\n\nText", strict=True)) == []  # no marks


def test_sentence_ends_are_looked_for_only_within_the_given_range() -> None:
    value = "One. Two. Three."
    assert [end.start for end in sentence_ends(value, 5, 9)] == [8]


@pytest.mark.parametrize(
    ("value", "index", "expected"),
    [
        ("Done.  Next", 5, True),
        ('He said "done."  Next', 15, True),
        ("Done\uff1f  Next", 5, True),
        ("two  spaces", 3, False),
        ("", 0, False),
    ],
)
def test_ends_sentence_before_reads_back_over_closing_quotes(
    value: str, index: int, expected: bool
) -> None:
    assert ends_sentence_before(value, index) is expected


@pytest.mark.parametrize(
    ("value", "index", "expected"),
    [
        ("Order now", 0, True),
        ("Done. Order now", 6, True),
        ('Done. "Order now', 7, True),
        ("Note: order now", 6, True),
        ("Title\norder now", 6, True),
        ("- order now", 2, True),
        ("Please order now", 7, False),
    ],
)
def test_at_sentence_start_allows_quotes_brackets_and_bullets_before_the_word(
    value: str, index: int, expected: bool
) -> None:
    assert at_sentence_start(value, index) is expected


def test_the_sentence_around_a_span_stops_at_the_ends_on_either_side() -> None:
    value = "Questions? Call 800 555 0123 today. Thanks."
    start = value.index("800")
    begin, end = sentence_around(value, start, start + 12, window=300)
    assert value[begin:end].strip() == "Call 800 555 0123 today"


def test_the_sentence_around_a_span_is_bounded_by_the_window() -> None:
    value = "a" * 1000 + " 800 " + "b" * 1000
    begin, end = sentence_around(value, 1001, 1004, window=10)
    assert (begin, end) == (991, 1014)


def test_a_mark_glued_to_the_span_does_not_end_its_sentence() -> None:
    value = "Call us on tel.8005550123 now"
    start = value.index("8005")
    assert sentence_around(value, start, start + 10, window=300) == (0, len(value))


def test_a_strict_end_after_a_single_digit_is_an_end_not_an_initial() -> None:
    # "J. Smith" is an initial; "$5. The fee" ends a sentence.
    value = "Orders under $50 ship for $5. The fee is 20%. Ask J. Smith."
    strict = [value[end.start - 2 : end.end] for end in sentence_ends(value, strict=True)]
    assert strict == ["$5.", "0%."]

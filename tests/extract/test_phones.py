"""`audit.extract.phones`: which digits count as a phone number, read by sentence."""

from __future__ import annotations

from audit.extract.phones import find_phones


def raws(value: str) -> list[str]:
    return [phone.raw for phone in find_phones(value, "US")]


def test_an_invalid_grouped_number_counts_with_a_phone_word_in_its_sentence() -> None:
    assert raws("Please call 999-999-9999 for help.") == ["999-999-9999"]


def test_a_phone_word_in_another_sentence_does_not_make_digits_a_number() -> None:
    # the sentence ends at the question mark as at a period (one reading for every rule)
    assert raws("Want to call? 999-999-9999 is our order code.") == []
    assert raws("We called. 999-999-9999 is the order code.") == []

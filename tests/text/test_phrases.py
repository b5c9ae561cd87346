"""`audit.text.phrases`: configured words as one pattern that finds them in prose."""

from __future__ import annotations

import re

from audit.text.phrases import phrase_pattern, phrase_words


def found(pattern: re.Pattern[str] | None, value: str) -> list[str]:
    assert pattern is not None
    return [match.group() for match in pattern.finditer(value)]


def test_phrases_match_whole_words_in_any_case_and_any_spacing() -> None:
    pattern = phrase_pattern(["click here"])
    assert found(pattern, "Click\n  HERE to start; clicks here; click hereafter") == [
        "Click\n  HERE"
    ]


def test_the_longest_phrase_wins_where_phrases_overlap() -> None:
    pattern = phrase_pattern(["COVID", "due to COVID-19", "COVID-19"], in_compounds=True)
    assert found(pattern, "Closed due to COVID-19, COVID-19 and COVID.") == [
        "due to COVID-19",
        "COVID-19",
        "COVID",
    ]


def test_a_contraction_or_compound_is_another_word_unless_in_compounds() -> None:
    strict = phrase_pattern(["here", "COVID"])
    loose = phrase_pattern(["here", "COVID"], in_compounds=True)
    value = "here's the post-COVID plan"
    assert found(strict, value) == []
    assert found(loose, value) == ["here", "COVID"]


def test_a_hyphen_can_stand_for_a_space_between_words() -> None:
    pattern = phrase_pattern(["customer care team"], hyphen_as_space=True, in_compounds=True)
    assert found(pattern, "our Customer-Care team and customer - care  team") == [
        "Customer-Care team",
        "customer - care  team",
    ]
    assert found(phrase_pattern(["customer care"]), "Customer-Care") == []


def test_no_phrases_or_blank_phrases_give_no_pattern() -> None:
    assert phrase_pattern([]) is None
    assert phrase_pattern(["", "   "]) is None


def test_phrases_that_differ_only_in_spacing_are_one_phrase() -> None:
    pattern = phrase_pattern(["new  normal", "new normal"])
    assert pattern is not None
    assert pattern.pattern.count("normal") == 1


def test_special_characters_in_a_phrase_are_literal() -> None:
    assert found(phrase_pattern(["a.m. (EST)"]), "9 a.m. (EST) or 9 axmx (EST)") == ["a.m. (EST)"]


def test_phrase_words_split_on_hyphens_only_when_asked() -> None:
    assert phrase_words(" pick-up  desk ") == ("pick-up", "desk")
    assert phrase_words(" pick-up  desk ", hyphen_as_space=True) == ("pick", "up", "desk")

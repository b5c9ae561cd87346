"""`audit.text.normalize`: case and spacing never make two texts different."""

from __future__ import annotations

from audit.text.normalize import fold


def test_fold_ignores_case_and_spacing() -> None:
    assert fold("  Add to\tCART\n ") == "add to cart"
    assert fold("Stra\u00dfe") == fold("STRASSE")  # case folding, not lower-casing


def test_fold_keeps_punctuation_and_hyphens_by_default() -> None:
    assert fold("Customer-Care, please!") == "customer-care, please!"


def test_fold_can_read_a_hyphen_as_a_space() -> None:
    assert fold("Customer-Care  team", hyphens=False) == "customer care team"
    assert fold("customer - care", hyphens=False) == "customer care"


def test_fold_can_ignore_punctuation() -> None:
    assert fold("How do I  track my order?", punctuation=False) == "how do i track my order"
    assert fold("how_do-I... track my order", punctuation=False) == "how do i track my order"

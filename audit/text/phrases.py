"""Phrases as one regular expression that finds them in prose.

Rules that look for words a user can configure ("click here", "COVID-19",
a contact's "customer care team", a grammar `allow` entry) all need the same
thing: whole words only, any case, any white space between the words, and the
longest phrase first where phrases overlap. What differs between them is on
purpose, and is a parameter:

- `in_compounds`: whether a phrase is found inside a hyphenated word or a
  contraction. "COVID" must be found in "post-COVID" (a stale term), but
  "here" must not be found in "here's" (the words of a link).
- `hyphen_as_space`: whether "customer-care" and "customer care" are the same
  words (the name of a department).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A word's edges where apostrophes and hyphens join words: "here's", "e-mail".
WORD_BEFORE = r"(?<![\w'\u2019-])"
WORD_AFTER = r"(?![\w'\u2019-])"
_HYPHENS_AND_SPACES = re.compile(r"[\s-]+")


def phrase_words(phrase: str, *, hyphen_as_space: bool = False) -> tuple[str, ...]:
    """The words of a phrase, as a pattern built from it separates them."""
    if hyphen_as_space:
        return tuple(word for word in _HYPHENS_AND_SPACES.split(phrase) if word)
    return tuple(phrase.split())


def phrase_pattern(
    phrases: Iterable[str], *, in_compounds: bool = False, hyphen_as_space: bool = False
) -> re.Pattern[str] | None:
    """One case-insensitive pattern for all `phrases`, longest first; None when there are none.

    Phrases that differ only in their spacing are one phrase.
    """
    unique = {
        words
        for phrase in phrases
        if (words := phrase_words(phrase, hyphen_as_space=hyphen_as_space))
    }
    if not unique:
        return None
    ordered = sorted(unique, key=lambda words: (-len(" ".join(words)), words))
    gap = r"[\s-]+" if hyphen_as_space else r"\s+"
    body = "|".join(gap.join(map(re.escape, words)) for words in ordered)
    before, after = (r"(?<!\w)", r"(?!\w)") if in_compounds else (WORD_BEFORE, WORD_AFTER)
    return re.compile(rf"{before}(?:{body}){after}", re.IGNORECASE)

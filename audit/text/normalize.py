"""What makes two texts the same text: case and spacing never count.

Duplicate questions, duplicate sentences, the words of a link, a line of page
chrome and the name of a department are each compared after folding. The core
(case folded, runs of white space as one space, no space at the ends) is the
same for all of them; what a comparison ignores beyond that is a parameter.
"""

from __future__ import annotations

import re

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str, *, hyphens: bool = True, punctuation: bool = True) -> str:
    """`text` case-folded, with each run of white space as one space and none at the ends.

    `hyphens=False` reads a hyphen as a space ("customer-care" is "customer
    care"); `punctuation=False` reads every run of punctuation as a space
    ("How do I track my order?" is "how do i track my order").
    """
    folded = text.casefold()
    if not punctuation:
        return _NOT_WORD.sub(" ", folded).strip()
    if not hyphens:
        folded = folded.replace("-", " ")
    return " ".join(folded.split())

"""How near a word is to the one meant: one slip apart, the test behind every "did
you mean" that offers a certain fix (`anwser` → `answer`, `htps` → `https`); and
the closest of a list, for a "did you mean" that only hints.

One slip is a letter added, dropped or changed, or two neighbouring letters
swapped (the Damerau-Levenshtein distance of 1). Typists make these; two slips
are as likely a different word, so no fix is offered for them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def one_slip_apart(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one added, dropped, changed or swapped letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1 :]


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice `word` most likely stands for, for a "did you mean" hint; none is
    close enough below `cutoff` (difflib's ratio, 0 to 1)."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None

"""The slips the `grammar` rule knows, each found by its own module.

`find_slips` runs the chosen checks over one text and drops what stands in
quotes, URLs, addresses and code, which are quoted verbatim, not written.
"""

from __future__ import annotations

from collections.abc import Iterable

from audit.rules.grammar.agreement import NOUNS, agreement_slips
from audit.rules.grammar.articles import article_slips
from audit.rules.grammar.common import (
    AGREEMENT,
    ARTICLES,
    ASCII_LOWER,
    CHECKS,
    ITS,
    MAX_LENGTH,
    REPEATED_WORDS,
    YOUR,
    Slip,
    quoted_spans,
    verbatim_spans,
)
from audit.rules.grammar.each_every import each_every_slips
from audit.rules.grammar.its import its_slips
from audit.rules.grammar.repeated_words import repeated_word_slips
from audit.rules.grammar.your import your_slips

__all__ = [
    "AGREEMENT",
    "ARTICLES",
    "CHECKS",
    "ITS",
    "REPEATED_WORDS",
    "YOUR",
    "Slip",
    "find_slips",
]
_NOUNS = frozenset(NOUNS)


def find_slips(value: str, checks: Iterable[str] = CHECKS) -> list[Slip]:
    """The slips of one text, in text order, outside quotes, URLs, addresses and code."""
    if len(value) > MAX_LENGTH:
        return []
    wanted = frozenset(checks)
    low = value.translate(ASCII_LOWER)  # same length and offsets as value
    found: list[Slip] = []
    if AGREEMENT in wanted:
        found += agreement_slips(value, low)
        found += each_every_slips(value, low, _NOUNS)
    if ARTICLES in wanted:
        found += article_slips(value, low)
    if REPEATED_WORDS in wanted:
        found += repeated_word_slips(value, low)
    if ITS in wanted:
        found += its_slips(value, low)
    if YOUR in wanted:
        found += your_slips(value, low)
    if not found:
        return found
    quoted, verbatim = quoted_spans(value), verbatim_spans(value)
    return sorted(
        (
            slip
            for slip in found
            if not any(start <= slip.start and slip.end <= end for start, end in quoted)
            and not any(slip.start < end and start < slip.end for start, end in verbatim)
        ),
        key=lambda slip: (slip.start, slip.end, slip.check),
    )

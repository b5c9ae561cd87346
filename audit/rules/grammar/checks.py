"""The slips the `grammar` rule knows, each found by its own module.

`find_slips` runs the chosen checks over one text and drops what stands in
quotes, URLs, addresses and code, which are quoted verbatim, not written.
"""

from __future__ import annotations

from collections.abc import Iterable

from audit.rules.grammar.agreement import agreement_slips
from audit.rules.grammar.articles import article_slips
from audit.rules.grammar.common import (
    AGREEMENT,
    ARTICLES,
    ASCII_LOWER,
    CHECKS,
    MAX_LENGTH,
    REPEATED_WORDS,
    Slip,
    quoted_spans,
    verbatim_spans,
)
from audit.rules.grammar.repeated_words import repeated_word_slips

__all__ = ["AGREEMENT", "ARTICLES", "CHECKS", "REPEATED_WORDS", "Slip", "find_slips"]


def find_slips(value: str, checks: Iterable[str] = CHECKS) -> list[Slip]:
    """The slips of one text, in text order, outside quotes, URLs, addresses and code."""
    if len(value) > MAX_LENGTH:
        return []
    wanted = frozenset(checks)
    low = value.translate(ASCII_LOWER)  # same length and offsets as value
    found: list[Slip] = []
    if AGREEMENT in wanted:
        found += agreement_slips(value, low)
    if ARTICLES in wanted:
        found += article_slips(value, low)
    if REPEATED_WORDS in wanted:
        found += repeated_word_slips(value, low)
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

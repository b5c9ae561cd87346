"""The quantities of a text as tokens, and a sentence with each quantity as one symbol.

The claim grammar (`audit.extract.claim_grammar`) is written over words and
quantities: "orders under MONEY", "within DURATION of purchase". So each
sentence is *shaped*: every quantity the extractors found is replaced by two
private-use characters, one for its kind and one for its index, and the
words stay as they are. The grammar's patterns then read like the prose they
match, and a quantity can never be half-matched. `Shaped.original` maps a
place in the shaped sentence back to the text.

Quantities that overlap a non-quantity (a phone number, a year, "24/7"; see
`audit.extract.numbers`) are dropped here, once, before any grammar sees them.
Where two extractors claim the same characters the longer span wins ("10 or
more items" over "10"), then the kind listed first in `KINDS`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from audit.extract.clock import ClockTime, HoursWindow, find_hours, find_times
from audit.extract.counts import find_counts, find_weights
from audit.extract.durations import find_durations
from audit.extract.money import find_money, find_percents
from audit.extract.numbers import NonQuantity, non_quantities

# Each kind and the private-use character that stands for it in a shaped sentence.
KINDS = ("hours", "money", "percent", "duration", "weight", "count", "time")
MARK = {kind: chr(0xE000 + i) for i, kind in enumerate(KINDS)}
INDEX_BASE = 0xE100
INDEX = "[\ue100-\uf8ff]"
# Characters of the text itself in that area would read as marks: they are replaced (one
# for one, so that places do not move).
_PRIVATE = re.compile("[\ue000-\uf8ff]")
# The private-use characters left for indices: a sentence reads at most this many quantities
# (no sentence a person writes comes near; the rest of a longer one is left unread).
MAX_QUANTITIES = 0xF8FF - INDEX_BASE + 1


@dataclass(frozen=True, slots=True)
class Token:
    """One quantity of a text: its kind, span and normalized value.

    `unit` is a currency code, "%", a unit of time, a counted noun, "kg" or
    "minute"; `open` is "above" or "below" for "$50+" or "10 or more items".
    """

    kind: str
    start: int
    end: int
    value: Decimal
    unit: str
    upper: Decimal | None = None
    open: str | None = None
    window: HoursWindow | None = None
    time: ClockTime | None = None


def tokens_of(text: str, region: str = "US") -> tuple[Token, ...]:
    """Every quantity of `text` that is not explained away, in order, none overlapping."""
    candidates = _candidates(text)
    if not candidates:
        return ()
    blocked = _Blocked(non_quantities(text, region))
    kept: list[Token] = []
    rank = {kind: i for i, kind in enumerate(KINDS)}
    for token in sorted(candidates, key=lambda t: (t.start, t.start - t.end, rank[t.kind])):
        if kept and token.start < kept[-1].end:
            continue
        if blocked.explains(token):
            continue
        kept.append(token)
    return tuple(kept)


def _candidates(text: str) -> list[Token]:
    found = [
        Token("hours", w.start, w.end, Decimal(w.opens), "minute", Decimal(w.closes), window=w)
        for w in find_hours(text)
    ]
    found += [Token("money", m.start, m.end, m.amount, m.currency, m.upper,
                    "above" if m.open_above else None) for m in find_money(text)]  # fmt: skip
    found += [Token("percent", p.start, p.end, p.value, "%", p.upper) for p in find_percents(text)]
    found += [Token("duration", d.start, d.end, d.value, d.unit, d.upper)
              for d in find_durations(text)]  # fmt: skip
    found += [Token("weight", w.start, w.end, w.kg, "kg", w.upper_kg, w.open)
              for w in find_weights(text)]  # fmt: skip
    found += [Token("count", c.start, c.end, c.value, c.noun, c.upper, c.open)
              for c in find_counts(text)]  # fmt: skip
    found += [Token("time", t.start, t.end, Decimal(t.minutes), "minute", time=t)
              for t in find_times(text)]  # fmt: skip
    return found


class Spans:
    """Spans of a text, asked whether one overlaps a range, in log time.

    Sorted by start, with the furthest end among the spans up to each one: a
    range overlaps some span exactly when that furthest end, over the spans
    that start before the range ends, lies past the range's start. Asking for
    each of n quantities stays n log n, whatever the text.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max, initial=-1))

    def overlaps(self, start: int, end: int) -> bool:
        return self.reach[bisect_left(self.starts, end)] > start


class _Blocked:
    """The non-quantities of a text, as what explains a token away.

    "7 days a week" says that something never closes, but inside a window of
    hours ("7 days a week, 9am-9pm") it names the days: a window is blocked
    only by what overlaps its clock times.
    """

    _NOT_IN_HOURS = ("always", "date", "year")

    def __init__(self, spans: tuple[NonQuantity, ...]) -> None:
        self.any = Spans((span.start, span.end) for span in spans)
        self.in_hours = Spans(
            (span.start, span.end) for span in spans if span.reason not in self._NOT_IN_HOURS
        )

    def explains(self, token: Token) -> bool:
        spans = self.in_hours if token.window is not None else self.any
        return spans.overlaps(token.start, token.end)


@dataclass(frozen=True, slots=True)
class Shaped:
    """A sentence with each quantity replaced by its kind's mark and its index.

    `tokens[i]` is the quantity whose index character is `chr(INDEX_BASE + i)`;
    `start`/`end` bound the sentence in the text.
    """

    text: str
    tokens: tuple[Token, ...]
    start: int
    end: int
    _shaped_at: tuple[int, ...]  # where each token's mark stands in `text`

    @classmethod
    def of(cls, text: str, start: int, end: int, tokens: tuple[Token, ...]) -> Shaped:
        tokens = tokens[:MAX_QUANTITIES]
        pieces, marks = [], []
        position, length = start, 0
        for i, token in enumerate(tokens):
            gap = _PRIVATE.sub("\ufffd", text[position : token.start])
            pieces += [gap, MARK[token.kind], chr(INDEX_BASE + i)]
            marks.append(length + len(gap))
            length += len(gap) + 2
            position = token.end
        pieces.append(_PRIVATE.sub("\ufffd", text[position:end]))
        return cls("".join(pieces), tokens, start, end, tuple(marks))

    def token(self, mark: str) -> tuple[int, Token]:
        """The index and the token that a mark (the two characters) stands for."""
        index = ord(mark[1]) - INDEX_BASE
        return index, self.tokens[index]

    def original(self, shaped: int) -> int:
        """The offset in the text of a place in the shaped sentence."""
        i = bisect_right(self._shaped_at, shaped) - 1
        if i < 0:
            return self.start + shaped
        mark_at, token = self._shaped_at[i], self.tokens[i]
        if shaped < mark_at + 2:
            return token.start if shaped == mark_at else token.end
        return token.end + (shaped - mark_at - 2)

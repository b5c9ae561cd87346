"""Claims put together from the phrases of one sentence.

The productions of the grammar are matched in an order that settles which
phrase a quantity belongs to: conditions first, then outcomes, times of
delivery, windows, order cut-offs; a quantity one production takes is not
read again. The sentence is then cut into clauses (at ";", ",", "and",
"but", …, never inside a matched phrase), each condition takes the outcome
of its clause (or borrows one from a neighbouring clause without a condition
of its own), and every claim gets its topic. `audit.extract.claims`
documents the grammar as a whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from audit.extract import claim_grammar as grammar
from audit.extract.claim_parts import (
    AMOUNT_GROUPS,
    Condition,
    Outcome,
    anchored,
    outcome_words,
    read_condition,
    read_outcome,
    scale,
    take,
)
from audit.extract.claim_tokens import Shaped, Spans, Token
from audit.extract.claims import Claim, ClaimKind, Comparator
from audit.extract.lexicon import Lexicon, TopicWord

# Topics whose terms run "for" a time: any other "for 30 days" states no window.
_LASTING = frozenset({"trial", "warranty", "returns"})
# Outcomes that name their topic themselves; fees and free things name it in their words
# ("restocking fee", "free shipping"); a refund tier or a plan is about its clause.
_KIND_TOPIC = {"back": "rewards"}
_FALLBACK_TOPIC = {"off": "discounts", "credit": "credits"}
_QUANTITY = {"fee": "fee", "free": "fee", "back": "reward", "off": "discount",
             "credit": "credit", "tier": "refund", "plan": "plan"}  # fmt: skip


def read_sentence(text: str, offset: int, shaped: Shaped, lexicon: Lexicon) -> list[Claim]:
    """The claims of one sentence (`text`, at `offset` in its answer), in order."""
    return _Reader(text, offset, shaped, lexicon).claims()


class _Reader:
    """The claims of one shaped sentence: productions matched, then put together."""

    def __init__(self, text: str, offset: int, shaped: Shaped, lexicon: Lexicon) -> None:
        self.text = text  # the sentence
        self.offset = offset  # where it stands in the answer
        self.shaped = shaped
        self.lexicon = lexicon
        self.used: set[int] = set()  # token indices that a production has taken
        self.taken: list[tuple[int, int]] = []  # shaped spans of conditions and outcomes
        self.topic_words: list[TopicWord] = []  # in the sentence, outside its anchors
        self.starts: list[int] = []  # where each clause starts and stops, shaped
        self.stops: list[int] = []
        self.condition_clauses: set[int] = set()
        self.by_clause: dict[int, list[Outcome]] = {}  # outcomes by clause
        self.borrowed: dict[int, Outcome | None] = {}  # what a clause's conditions borrow
        self.word_starts: list[int] = []
        self.topics: dict[tuple[int, int], str | None] = {}  # the topic of each region asked

    def claims(self) -> list[Claim]:
        anchors = Spans(
            self._span(m.start(), m.end()) for m in grammar.ANCHORS.finditer(self.shaped.text)
        )
        self.topic_words = [
            word
            for word in self.lexicon.topic_words(self.text)
            if not anchors.overlaps(word.start, word.start + 1)
        ]
        self.word_starts = [word.start for word in self.topic_words]
        conditions = self._conditions()
        outcomes = self._outcomes()
        breaks = self._breaks()
        self.starts = [0, *(end for _, end in breaks)]
        self.stops = [*(start for start, _ in breaks), len(self.shaped.text)]
        self.condition_clauses = {self._clause_of(c.start) for c in conditions}
        for outcome in outcomes:
            self.by_clause.setdefault(self._clause_of(outcome.start), []).append(outcome)
        claims = self._hours()
        assigned: set[int] = set()
        for condition in conditions:
            found = self._outcome_for(condition)
            if found is not None:
                assigned.add(id(found))
                claims += self._threshold(condition, found)
            else:
                claims += self._without_outcome(condition)
        unassigned = [o for o in outcomes if id(o) not in assigned]
        claims += self._fees(unassigned)
        claims += self._times()
        claims += self._windows(assigned)
        claims += self._cutoffs()
        return sorted(claims, key=lambda c: (c.start, c.kind.value, c.variable or ""))

    # ------------------------------------------------------------------ productions

    def _conditions(self) -> list[Condition]:
        found = []
        for match in grammar.CONDITION.finditer(self.shaped.text):
            condition = read_condition(self.shaped, match)
            if condition is None:
                continue
            for group in AMOUNT_GROUPS:
                if match.group(group):
                    self.used.add(self.shaped.token(match.group(group))[0])
            self.taken.append((match.start(), match.end()))
            found.append(condition)
        return found

    def _outcomes(self) -> list[Outcome]:
        found = []
        for match in grammar.OUTCOME.finditer(self.shaped.text):
            outcome = read_outcome(self.shaped, match, self.used)
            if outcome is not None:
                if outcome.index is not None:
                    self.used.add(outcome.index)
                self.taken.append((match.start(), match.end()))
                found.append(outcome)
        return found

    def _breaks(self) -> list[tuple[int, int]]:
        """Where clauses end: a break inside a matched phrase ("between $5 and $9") is none."""
        taken = Spans(self.taken)
        return [
            (m.start(), m.end())
            for m in grammar.CLAUSE_BREAK.finditer(self.shaped.text)
            if not taken.overlaps(m.start(), m.end())
        ]

    def _hours(self) -> list[Claim]:
        claims = []
        for match in grammar.HOURS_WINDOW.finditer(self.shaped.text):
            _, token = self.shaped.token(match.group())
            window = token.window
            assert window is not None
            regions = [self._clause_span(match.start()), (0, len(self.shaped.text))]
            topic = self._topic(regions) or "hours"
            claims.append(
                self._claim(
                    ClaimKind.HOURS,
                    topic,
                    "hours",
                    Comparator.RANGE,
                    token,
                    upper=token.upper,
                    days=window.days,
                    opens=window.opens,
                    closes=window.closes,
                    zone=window.zone,
                    zone_start=window.zone_start,
                    zone_end=window.zone_end,
                )
            )
        return claims

    def _times(self) -> list[Claim]:
        claims = []
        for match in grammar.TAKES.finditer(self.shaped.text):
            group = "t1" if match.group("t1") else "t2"
            taken = take(self.shaped, match, group, self.used)
            if taken is None:
                continue
            self.used.add(taken[0])
            claims += self._value("time", taken[1], match, None, None)
        return claims

    def _windows(self, assigned: set[int]) -> list[Claim]:
        claims = []
        for match in grammar.WINDOW.finditer(self.shaped.text):
            group = next(k for k in ("w1", "w2", "w3") if match.group(k))
            taken = take(self.shaped, match, group, self.used)
            if taken is None:
                continue
            self.used.add(taken[0])
            token = taken[1]
            g = match.groupdict()
            variable = anchored(token, g)
            clause = self._clause_of(match.start())
            tiers = [o for o in self._outcomes_in(clause, "tier") if id(o) not in assigned]
            if tiers:  # "within 30 days for a full refund": one tier of a refund policy
                since = variable or f"{scale(token)}-since-purchase"
                condition = Condition(
                    match.start(), match.end(), Comparator.LE, token, token, since, False
                )
                claims += self._threshold(condition, tiers[0])
                continue
            noun = (match.start("noun"), match.end("noun")) if g["noun"] else None
            found = self._value("window", token, match, variable, noun)
            if g["weak"] and not all(c.topic in _LASTING for c in found):
                continue  # "stored for 30 days" is no policy window; "try it free for 14 days" is
            claims += found
        return claims

    def _cutoffs(self) -> list[Claim]:
        claims = []
        for match in grammar.CUTOFF.finditer(self.shaped.text):
            taken = take(self.shaped, match, "t", self.used)
            if taken is None:
                continue
            token, clause = taken[1], self._clause_of(match.start())
            days = self._outcomes_in(clause, "sameday")
            topic = self._topic([self._clause_span(match.start()), (0, len(self.shaped.text))])
            if topic is None and days:
                topic = "shipping"
            if topic != "shipping":
                continue  # a time of day about anything else is no order cut-off
            pre = " ".join(match.group("pre").casefold().split())
            comparator = {"by": Comparator.LE, "until": Comparator.LE, "after": Comparator.GT}
            time = token.time
            assert time is not None
            claims.append(
                self._claim(
                    ClaimKind.THRESHOLD,
                    topic,
                    "cut-off",
                    comparator.get(pre, Comparator.LT),
                    token,
                    variable="order-time",
                    outcome=days[0].words if days else None,
                    zone=time.zone,
                    zone_start=time.zone_start,
                    zone_end=time.zone_end,
                )
            )
        return claims

    # ------------------------------------------------------------------ assembly

    def _outcome_for(self, condition: Condition) -> Outcome | None:
        """The outcome of the condition's clause; else one borrowed from a clause without a
        condition, the next ones first ("For orders over $100, shipping is free")."""
        here = self._clause_of(condition.start)
        mine = self._outcomes_in(here)
        if mine:
            return min(mine, key=lambda o: max(o.start - condition.end, condition.start - o.end))
        if here not in self.borrowed:
            self.borrowed[here] = self._borrow(here)
        return self.borrowed[here]

    def _borrow(self, here: int) -> Outcome | None:
        for step in (1, -1):
            k = here + step
            while 0 <= k < len(self.starts) and k not in self.condition_clauses:
                theirs = self._outcomes_in(k)
                if theirs:
                    return theirs[0] if step == 1 else theirs[-1]
                k += step
        return None

    def _outcomes_in(self, clause: int, kind: str | None = None) -> list[Outcome]:
        """The outcomes of a clause (of one kind; else any a condition may take)."""
        found = self.by_clause.get(clause, [])
        if kind is not None:
            return [o for o in found if o.kind == kind]
        return [o for o in found if o.kind != "sameday"]

    def _threshold(self, condition: Condition, outcome: Outcome) -> list[Claim]:
        if outcome.kind in _KIND_TOPIC:
            topic: str | None = _KIND_TOPIC[outcome.kind]
        else:
            named = [(outcome.start, outcome.end)] if outcome.kind in ("fee", "free") else []
            regions = [
                *named,
                self._clause_span(outcome.start),
                self._clause_span(condition.start),
                (0, len(self.shaped.text)),
            ]
            topic = self._topic(regions) or _FALLBACK_TOPIC.get(outcome.kind)
        if topic is None:
            return []
        first, last = condition.first, condition.last
        upper = (
            (last.value if last is not first else first.upper)
            if (condition.comparator is Comparator.RANGE)
            else None
        )
        token = outcome.token
        return [
            self._claim(
                ClaimKind.THRESHOLD,
                topic,
                _QUANTITY[outcome.kind],
                condition.comparator,
                first,
                end=last.end,
                upper=upper,
                variable=condition.variable,
                outcome=outcome_words(outcome),
                outcome_value=token.value if token is not None else None,
                outcome_unit=token.unit if token is not None else None,
            )
        ]

    def _without_outcome(self, condition: Condition) -> list[Claim]:
        """A minimum stands as a value; "up to 30 days after purchase" is a window."""
        token = condition.first
        region = [self._clause_span(condition.start), (0, len(self.shaped.text))]
        if condition.minimum:
            topic = self._topic(region) or "minimum-order"
            return [self._claim(ClaimKind.VALUE, topic, "minimum", Comparator.EQ, token)]
        if token.kind == "duration" and condition.comparator is Comparator.LE:
            found = self._topic(region)
            if found is not None:
                return [
                    self._claim(
                        ClaimKind.VALUE,
                        found,
                        "window",
                        Comparator.EQ,
                        token,
                        variable=condition.variable,
                    )
                ]
        return []

    def _fees(self, free: list[Outcome]) -> list[Claim]:
        """Named fees that no condition took: "a 20% restocking fee applies to all returns"."""
        claims = []
        for outcome in free:
            if outcome.kind != "fee" or not outcome.named or outcome.token is None:
                continue
            regions = [
                (outcome.start, outcome.end),
                self._clause_span(outcome.start),
                (0, len(self.shaped.text)),
            ]
            topic = self._topic(regions)
            if topic is not None:
                claims.append(
                    self._claim(ClaimKind.VALUE, topic, "fee", Comparator.EQ, outcome.token)
                )
        return claims

    def _value(
        self,
        quantity: str,
        token: Token,
        match: re.Match[str],
        variable: str | None,
        noun: tuple[int, int] | None,
    ) -> list[Claim]:
        regions = [self._clause_span(match.start()), (0, len(self.shaped.text))]
        topic = self._topic([noun, *regions] if noun else regions)
        if topic is None:
            return []
        comparator = Comparator.RANGE if token.upper is not None else Comparator.EQ
        return [
            self._claim(
                ClaimKind.VALUE,
                topic,
                quantity,
                comparator,
                token,
                upper=token.upper,
                variable=variable,
            )
        ]

    def _claim(
        self,
        kind: ClaimKind,
        topic: str,
        quantity: str,
        comparator: Comparator,
        token: Token,
        *,
        end: int | None = None,
        zone_start: int | None = None,
        zone_end: int | None = None,
        **fields: Any,
    ) -> Claim:
        """A claim on `token` (to `end`), with every offset into the answer, not the sentence."""
        at = self.offset
        return Claim(
            kind,
            topic,
            quantity,
            comparator,
            token.value,
            token.unit,
            at + token.start,
            at + (token.end if end is None else end),
            at,
            at + len(self.text),
            zone_start=None if zone_start is None else at + zone_start,
            zone_end=None if zone_end is None else at + zone_end,
            **fields,
        )

    # ------------------------------------------------------------------ places and topics

    def _span(self, start: int, end: int) -> tuple[int, int]:
        """The text span of a span of the shaped sentence."""
        return self.shaped.original(start), self.shaped.original(end)

    def _clause_of(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def _clause_span(self, position: int) -> tuple[int, int]:
        k = self._clause_of(position)
        return self.starts[k], self.stops[k]

    def _topic(self, regions: list[tuple[int, int]]) -> str | None:
        """The most specific topic of the first region that names one (anchors never do)."""
        for region in regions:
            if region not in self.topics:
                begin, stop = self._span(*region)
                first = bisect_left(self.word_starts, begin)
                last = bisect_left(self.word_starts, stop)
                words = [w for w in self.topic_words[first:last] if w.end <= stop]
                best = min(words, key=lambda w: (w.rank, w.start)) if words else None
                self.topics[region] = best.topic if best else None
            if self.topics[region] is not None:
                return self.topics[region]
        return None

"""Which topic a claim is about, read from the words around it.

A topic is a name ("shipping", "returns", "restocking-fee") and the words
that bring it up. The default lexicon covers what customer FAQs state as
policy; a config extends it (`Lexicon.extended`) with its own words and
topics, such as a "referral" topic for "refer a friend".

Topics are listed most specific first, and that order decides when a clause
names several: "return damaged items within 48 hours" is about the damage
report, not returns in general; "a 20% restocking fee" about the restocking
fee. Topics a config adds come first, since a config names something
particular.

Which variant of a topic a claim is about ("express shipping", "business
class") is not a topic: the policy rules tell variants apart
(`audit.rules.policy.variants`), so "express shipping is $25" keeps the
topic "shipping".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

Topics = tuple[tuple[str, tuple[str, ...]], ...]

_DEFAULT_TOPICS: Topics = (
    ("damage-report", ("damaged", "damage", "defective", "broken", "faulty", "shipping error",
                       "wrong item", "missing item", "arrived damaged")),
    ("restocking-fee", ("restocking", "restocking fee", "restock fee")),
    ("cancellation", ("cancel", "cancels", "cancelled", "canceled", "cancellation",
                      "cancelling", "canceling", "no-show", "reschedule")),
    ("warranty", ("warranty", "warranties", "warrantied")),
    ("trial", ("free trial", "trial period", "trial", "trial membership", "trial subscription",
               "try it free", "try us free", "try free")),
    ("samples", ("trial kit", "sample", "free sample")),
    ("rewards", ("back program", "cash back", "cashback", "rewards", "reward points",
                 "loyalty", "loyalty program")),
    ("returns", ("return", "returned", "returning", "refund", "refunded", "refundable",
                 "exchange", "exchanged", "money-back", "rma", "return window")),
    ("shipping", ("ship", "shipped", "shipping", "shipment", "delivery", "deliveries",
                  "deliver", "delivered", "postage", "freight", "dispatch", "dispatched",
                  "courier")),
    ("credits", ("store credit", "credit", "gift card", "voucher")),
    ("discounts", ("discount", "promo code", "coupon", "sale")),
    ("baggage", ("baggage", "bag", "luggage", "carry-on", "checked bag", "suitcase")),
    ("plans", ("plan", "subscription", "pricing tier", "billing")),
    ("payments", ("late payment", "late fee", "payment", "financing", "interest", "invoice",
                  "credit card", "debit card")),
    ("minimum-order", ("minimum order", "order minimum", "minimum purchase", "minimum spend")),
    ("store-hours", ("store", "shop", "showroom", "boutique", "branch", "warehouse", "pickup",
                     "pick-up", "collection point")),
    ("support-hours", ("customer care", "care team", "customer service", "customer support",
                       "support", "support team", "call center", "call centre", "contact center",
                       "helpline", "hotline", "phone lines", "live chat", "chat",
                       "hours of operation", "business hours", "office hours", "opening hours",
                       "agents", "representatives", "call us", "reach us", "call", "calling",
                       "phone")),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TopicWord:
    """A word of a topic as it stands in a text."""

    topic: str
    start: int
    end: int
    rank: int  # the topic's place in the lexicon: lower is more specific


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Topics, each a name and its words, most specific first."""

    topics: Topics

    @classmethod
    def default(cls) -> Lexicon:
        return _DEFAULT

    def extended(self, mapping: Mapping[str, Iterable[str]]) -> Lexicon:
        """This lexicon with more words: to a topic it has, or as a new topic, listed first."""
        known = dict(self.topics)
        added = tuple(
            (topic, tuple(words)) for topic, words in mapping.items() if topic not in known
        )
        merged = tuple(
            (topic, words + tuple(w for w in mapping.get(topic, ()) if w not in words))
            for topic, words in self.topics
        )
        return Lexicon(added + merged)

    def topic_words(self, text: str, start: int = 0, end: int | None = None) -> list[TopicWord]:
        """The topic words in `text[start:end]`, in order."""
        return _find(self.topics, text, start, len(text) if end is None else end)

    def topic_in(self, text: str, start: int = 0, end: int | None = None) -> str | None:
        """The most specific topic that `text[start:end]` names; None when it names none."""
        words = self.topic_words(text, start, end)
        return min(words, key=lambda w: (w.rank, w.start)).topic if words else None


# A word as `audit.text.phrases` bounds one: apostrophes and hyphens join ("no-show").
_WORD = re.compile(r"[\w'\u2019-]+")
Phrase = tuple[tuple[str, ...], str, int]  # its words, its topic, the topic's rank


def _find(topics: Topics, text: str, start: int, end: int) -> list[TopicWord]:
    """The topic words of `text[start:end]`, the longest phrase first where phrases overlap.

    Read word by word and looked up by first word, rather than by one pattern
    of all phrases: this runs on every sentence with a number, and a pattern
    of a few hundred phrases tries each of them at every character.
    """
    by_first = _indexed(topics)
    words = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    found = []
    i = 0
    while i < len(words):
        for phrase, topic, rank in by_first.get(words[i][0], ()):
            n = len(phrase)
            if tuple(word for word, _, _ in words[i : i + n]) == phrase:
                found.append(TopicWord(topic, words[i][1], words[i + n - 1][2], rank))
                i += n
                break
        else:
            i += 1
    return found


@lru_cache(maxsize=32)
def _indexed(topics: Topics) -> dict[str, tuple[Phrase, ...]]:
    """Every phrase of every topic (and its plural) by its first word, longest first."""
    owner: dict[tuple[str, ...], tuple[str, int]] = {}
    for rank, (topic, phrases) in enumerate(topics):
        for phrase in phrases:
            words = tuple(phrase.casefold().split())
            plural = (*words[:-1], words[-1] + "s") if not words[-1].endswith("s") else words
            for form in (words, plural):
                owner.setdefault(form, (topic, rank))
    by_first: dict[str, list[Phrase]] = {}
    for words, (topic, rank) in owner.items():
        by_first.setdefault(words[0], []).append((words, topic, rank))
    return {
        first: tuple(sorted(phrases, key=lambda p: -len(p[0])))
        for first, phrases in by_first.items()
    }


_DEFAULT = Lexicon(_DEFAULT_TOPICS)

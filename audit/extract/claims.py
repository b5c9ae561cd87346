"""Policy claims: the typed statements of policy that an answer's numbers make.

"We offer $10 flat rate ground shipping on orders under $499" makes one claim:
on the topic `shipping`, for the variable `order-total`, below 499 USD, the
outcome is a fee of 10 USD. The policy rules compare claims with each other
and with the registry of facts; this module only reads them, and yields no
finding.

The contract between the extractor and the rules is the `Claim` type below.

How a sentence is read
----------------------
The quantity extractors (money, percents, durations, counts, weights, clock)
find the numbers and drop those that are no quantity (phone numbers, years,
identifiers, "24/7"; `audit.extract.numbers`). Each sentence is then *shaped*:
every quantity becomes one symbol (`audit.extract.claim_tokens`), and the
productions below are matched over words and symbols
(`audit.extract.claim_grammar`). A number that no production binds makes no
claim: a price, a product's "15%", a count with no comparator are left alone.

    sentence   = { clause } ;                 clauses break at ";", ",", "and", "but", …
    claim      = threshold | window | time | fee | minimum | hours | cut-off ;

    threshold  = condition , outcome          in either order, within a clause, or an
                                              outcome borrowed from a clause that has
                                              no condition of its own
    condition  = [ variable , [ link ] ] ,
                 ( "between" AMOUNT "and" AMOUNT | "from" AMOUNT ( "to" | "-" ) AMOUNT
                 | comparator AMOUNT | AMOUNT after-comparator
                 | AMOUNT-open | RANGE-with-variable | minimum ) ,
                 [ anchor ] , [ variable ] ;
    variable   = "orders" | "order total" | "purchases" | "spend" | "subtotal" | … ;
    comparator = "under" | "below" | "less than" | "up to" | "at most" | "over" | "above"
               | "more than" | "at least" | "from" | "after" | … ;
    after-comparator = "or more" | "or less" | "and up" | "and above" | … ;
    AMOUNT-open = "$50+" | "10+ items" | "10 or more items" ;
    anchor     = ( "of" | "after" | "from" ) , event     → since-purchase, since-delivery
               | ( "before" | "prior to" ) , event ;     → before-start
    outcome    = MONEY fee-noun  ("$10 flat rate", "$4.95 shipping", "$25 cancellation fee")
               | PERCENT fee-noun  ("20% restocking fee") | fee-noun "of"|"is" AMOUNT
               | ( "pay" | "for" | "costs" ) MONEY        (only as a threshold's outcome)
               | AMOUNT "back" | AMOUNT "off" | "save" AMOUNT | MONEY "credit"
               | "free" thing | "ships free" | "at no cost" | "no fee"
               | "non-refundable" | "full refund" | "store credit" | Name "plan" ;
    window     = ( "within" | "up to" | "for" | … ) DURATION , [ anchor ]
               | DURATION window-noun ("30-day return window", "14-day free trial")
               | window-noun "is"|"lasts" DURATION ;
    time       = verb … ( "in" | "within" ) DURATION ("ships within 2 business days")
               | ( "allow" | "takes" ) DURATION ;
    fee        = a named-fee outcome that no condition takes ;
    minimum    = "minimum order of" MONEY | MONEY "minimum" ;   (a condition when it has
                                                                an outcome)
    hours      = HOURS ("Monday - Friday, 8:30 am - 6:00 pm EST") ;
    cut-off    = ( "before" | "by" | "after" ) TIME , about orders or shipping ;

A condition on a duration needs its anchor ("after 30 days of purchase"):
without one there is nothing to count from. A duration condition that finds
no outcome and bounds from above ("up to 30 days after purchase") is read as
a window. Discounts, credits and free things stated without a condition make
no claim: promotions come and go, and several stand side by side. A window
whose clause names a refund tier ("within 30 days for a full refund") is a
threshold on the time since purchase, so that tiers never read as
contradicting windows.

A claim needs a topic: the topic the outcome itself names ("10% back" is
rewards, "restocking fee" restocking-fee), else the most specific topic of its
clause, else of its sentence (`audit.extract.lexicon`); a claim whose
sentence names no topic is left out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from audit.extract.claim_tokens import Shaped, tokens_of
from audit.extract.lexicon import Lexicon
from audit.extract.numbers import may_hold_quantity
from audit.model import Sentence
from audit.text.sentences import sentence_ends, split_sentences

__all__ = ["Claim", "ClaimKind", "Comparator", "Lexicon", "read_claims"]


class Comparator(enum.Enum):
    """How a threshold bounds its variable ("under $499" is LT 499)."""

    LT = "<"  # under, below, less than
    LE = "<="  # up to, at most, or less, no more than
    GT = ">"  # over, above, more than
    GE = ">="  # at least, or more, from, $50+
    EQ = "="  # exactly, a stated value (a window of 30 days, a fee of 20%)
    RANGE = "range"  # between … and, from … to, $20-$30: value..upper, both included

    def __str__(self) -> str:
        return self.value


class ClaimKind(enum.Enum):
    """What a claim states."""

    THRESHOLD = "threshold"  # a condition on a variable with an outcome ("free over $500")
    VALUE = "value"  # a quantity of a topic ("a 20% restocking fee", "within 30 days")
    HOURS = "hours"  # a time window of days and clock times ("Mon-Fri 8:30-18:00 EST")

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim, located in the text it was read from.

    `start`/`end` are offsets into the text of the number (or the whole phrase
    for hours); `sentence_start`/`sentence_end` bound its sentence. Values are
    normalized: money in its currency's units, weights in kilograms, durations
    in their unit (`day`, `business-day`, `hour`, `week`, `month`, `year`),
    clock times in minutes after midnight.

    - THRESHOLD: `variable` is what is bounded (`order-total`, `items`, `seats`,
      `users`, `weight`, `days-since-purchase`, `hours-since-delivery`, …),
      `comparator`/`value`/`upper` the bound in `unit`, and `outcome` the
      result in plain normalized words ("free", "fee 10 USD", "10% back").
    - VALUE: `quantity` names what is stated (`fee`, `rate`, `window`,
      `minimum`, …), `comparator` is usually EQ, `value`/`unit` the value.
    - HOURS: `days` (0 = Monday … 6 = Sunday), `opens`/`closes` in minutes,
      `zone` as written ("EST", "ET", "PT", None when no zone is given).

    Windows (`quantity` "window") and times ("time") name the anchor they are
    counted from in `variable` when the text gives one ("within 30 days of
    purchase": `days-since-purchase`).
    """

    kind: ClaimKind
    topic: str
    quantity: str
    comparator: Comparator
    value: Decimal
    unit: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    upper: Decimal | None = None
    variable: str | None = None
    outcome: str | None = None
    days: tuple[int, ...] = ()
    opens: int | None = None
    closes: int | None = None
    zone: str | None = None
    zone_start: int | None = None  # where the zone is written, for a finding on it
    zone_end: int | None = None
    # Added with the parser: the outcome's amount, for comparing outcomes by value
    # ("fee 10 USD" is 10 and "USD"; "free" and worded outcomes have none).
    outcome_value: Decimal | None = None
    outcome_unit: str | None = None


def read_claims(
    text: str, lexicon: Lexicon | None = None, *, region: str = "US"
) -> tuple[Claim, ...]:
    """Every claim of `text`, sentence by sentence, in order.

    `lexicon` names the topics (`Lexicon.default()` when None); `region` is how
    phone numbers are read, so that none is taken for a quantity. A text with
    no digit and no number word is answered at once: most answers are.
    """
    if not may_hold_quantity(text):
        return ()
    return _read(text, lexicon or Lexicon.default(), region)


@lru_cache(maxsize=4096)
def _read(text: str, lexicon: Lexicon, region: str) -> tuple[Claim, ...]:
    """Cached: each policy rule asks for the claims of the same answers.

    Each sentence is read on its own, and only one with a digit or a number
    word: the extractors then scan a few sentences, not the whole answer.
    """
    # The reader builds `Claim`s, so it imports this module: it is imported here, once
    # this module is complete, rather than at the top.
    from audit.extract.claim_reader import read_sentence

    claims: list[Claim] = []
    for start, end in _numeric_sentences(text):
        sentence = text[start:end]
        tokens = tokens_of(sentence, region)
        if tokens:
            claims += read_sentence(
                sentence, start, Shaped.of(sentence, 0, len(sentence), tokens), lexicon
            )
    return tuple(claims)


def _numeric_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences with a digit or a number word, joined where a reader sees no end.

    The splitter ends a sentence at any period before white space, so at
    "a.m. " ("9 a.m. to 5 p.m. ET"), "No. 5" and "U.S. and". An end that the
    strict reading does not confirm (after an abbreviation or an initial,
    before a lower-case word) does not part a claim from its words; a blank
    line always ends a sentence. Only ends next to a sentence with numbers
    are judged: joining two sentences without numbers changes nothing.
    """
    sentences = split_sentences(text)
    numeric = [may_hold_quantity(s.text) for s in sentences]
    spans: list[tuple[int, int, bool]] = []
    for i, sentence in enumerate(sentences):
        if spans and (numeric[i] or spans[-1][2]) and _runs_on(text, sentences[i - 1], sentence):
            spans[-1] = (spans[-1][0], sentence.end, spans[-1][2] or numeric[i])
        else:
            spans.append((sentence.start, sentence.end, numeric[i]))
    return [(start, end) for start, end, has_numbers in spans if has_numbers]


def _runs_on(text: str, before: Sentence, after: Sentence) -> bool:
    """Whether the end between two sentences is one no reader would see."""
    if text.count("\n", before.end, after.start) >= 2 or not before.text.endswith("."):
        return False  # a blank line, or "!" or "?": ends
    window = max(before.start, before.end - 8)
    return not any(
        end.end == before.end
        for end in sentence_ends(text, window, min(len(text), after.start + 1), strict=True)
    )

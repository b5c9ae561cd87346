"""The productions of the claim grammar, as patterns over a shaped sentence.

Each production is one compiled pattern over a sentence in which every
quantity is a two-character mark (see `audit.extract.claim_tokens`): MONEY,
PERCENT, DURATION, COUNT, WEIGHT, HOURS, TIME below stand for those marks.
`audit.extract.claims` documents the grammar as a whole and decides what the
matches mean; this module only says what each phrase looks like, and finds
it. Patterns are compiled once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from audit.extract.claim_tokens import INDEX, MARK


def _q(*kinds: str) -> str:
    return "[" + "".join(MARK[k] for k in kinds) + "]" + INDEX


def _any_of(phrases: Iterable[str]) -> str:
    """Phrases as one alternation, longest first, any white space between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")"


MONEY, PERCENT, DURATION = _q("money"), _q("percent"), _q("duration")
COUNT, WEIGHT, HOURS, TIME = _q("count"), _q("weight"), _q("hours"), _q("time")
MONEY_OR_PERCENT = _q("money", "percent")
AMOUNT = _q("money", "count", "weight", "duration")  # what a threshold may bound

# Comparator phrases and the comparator each means (as `Comparator` values).
BEFORE_AMOUNT = {
    "<": ("under", "below", "less than", "lower than", "fewer than", "beneath", "<"),
    "<=": ("up to", "at most", "no more than", "not more than", "not exceeding", "maximum of",
           "a maximum of", "max", "max.", "\u2264", "no later than"),
    ">": ("over", "above", "more than", "greater than", "higher than", "exceeding",
          "in excess of", "after", "beyond", "longer than", "later than", ">"),
    ">=": ("at least", "from", "starting at", "no less than", "not less than", "\u2265"),
}  # fmt: skip
AFTER_AMOUNT = {
    ">=": ("or more", "or over", "or above", "or greater", "or higher", "or longer", "and up",
           "and above", "and over", "and higher", "and more", "plus"),
    "<=": ("or less", "or fewer", "or under", "or below", "or lower", "or shorter",
           "and under", "and below"),
}  # fmt: skip
COMPARATOR_OF = {
    " ".join(phrase.split()): comparator
    for table in (BEFORE_AMOUNT, AFTER_AMOUNT)
    for comparator, phrases in table.items()
    for phrase in phrases
}
_BEFORE = _any_of(p for ps in BEFORE_AMOUNT.values() for p in ps)
_AFTER = _any_of(p for ps in AFTER_AMOUNT.values() for p in ps)

# What a money threshold bounds, when it is named ("orders", "your order total", "spend").
VARIABLE_WORDS = (
    r"(?:(?:order|cart|basket|purchase)\s+(?:total|value|amount|subtotal)s?|subtotals?|"
    r"orders?|purchases?|spend(?:ing)?|spent|shipments?|packages?|parcels?)"
)
_LINK = (
    r"(?:\s+(?:of|with|totall?ing|worth|valued\s+at|amounting\s+to|weighing|that\s+(?:are|is|"
    r"total|come\s+to)|is|are))?"
)
# The event a time is counted from or to ("of purchase", "after delivery", "before check-in").
ANCHOR = r"""
    (?:of|after|from|following|since)\s+(?:the\s+)?(?:date\s+of\s+)?(?:your\s+|the\s+)?
      (?:original\s+)?(?P<since>purchase|order(?:ing)?|invoice|receipt|delivery|arrival|shipment|
      dispatch|booking)(?:\s+date)?
      (?:\s+of\s+(?:the\s+|your\s+)?(?:shipment|order|goods|items?|packages?|products?|
      merchandise|parcel))?
  | (?:before|prior\s+to|ahead\s+of)\s+(?:the\s+|your\s+)?(?:scheduled\s+)?
      (?:start\s+of\s+(?:the\s+|your\s+)?)?(?P<before>appointment|check-?in|departure|arrival|
      reservation|booking|event|start|renewal|class|session|pick-?up|tour|flight|trip|stay|
      service|delivery|visit|lesson|cruise)
  | (?P<advance>in\s+advance(?:\s+of\s+(?:the\s+|your\s+)?[\w-]+)?)
"""
_MINIMUM = (
    r"(?:an?\s+)?min(?:imum|\.)?\s+(?:(?:order|purchase|spend)\s+(?:amount\s+|value\s+|total\s+)?)?"
)

_TO = r"\s*(?:to|through|thru|until|-|\u2013|\u2014)\s*"
CONDITION = re.compile(
    rf"""
    (?:(?<![\w-])(?P<var>{VARIABLE_WORDS}){_LINK}\s+)?
    (?:
        (?<![\w-])between\s+(?P<r1>{AMOUNT})\s+and\s+(?P<r2>{AMOUNT})
      | (?<![\w-])from\s+(?P<f1>{AMOUNT}){_TO}(?P<f2>{AMOUNT})
      | (?<![\w-])(?P<min>{_MINIMUM}(?:of\s+|is\s+|:\s*)?)(?P<m1>{MONEY})
      | (?P<m2>{MONEY})\s+(?:order\s+|purchase\s+)?minimum\b
      | (?<![\w-])(?P<pre>{_BEFORE})\s+(?P<a1>{AMOUNT})
      | (?P<a2>{AMOUNT})\s*,?\s*(?P<post>{_AFTER})\b
      | (?P<a3>{AMOUNT})
    )
    (?:\s+(?P<anchor>{ANCHOR}))?
    (?:\s+(?P<var2>{VARIABLE_WORDS}))?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Names of fees ("a $25 cancellation fee", "restocking fee of 20%").
_FEE_NAME = (
    r"(?:restocking|restock|cancellation|cancel|late|change|rebooking|booking|processing|"
    r"handling|service|admin(?:istration|istrative)?|set-?up|installation|delivery|shipping|"
    r"return\s+shipping|return|no-show|membership|annual|monthly|subscription|early\s+"
    r"termination|transaction|convenience|baggage|cleaning|pet|resort|reactivation)"
)
_FEE_NOUN = r"(?:fee|charge|surcharge|penalty)"
_FREE_OF = (
    r"(?:shipping|delivery|postage|returns?|return\s+shipping|exchanges?|installation|assembly|"
    r"set-?up|cancellation|upgrades?|gift\s+wrap(?:ping)?)"
)
_NOT_A_NAME = r"(?!(?:This|That|The|Our|Your|Each|Every|Any|A|An|My|Which|What)\s)"
OUTCOME = re.compile(
    rf"""
      (?P<back>{MONEY_OR_PERCENT})\s+(?:back|cash\s*back|in\s+rewards)\b
    | (?P<off1>{MONEY_OR_PERCENT})\s+(?:off|discount|savings?)\b
    | (?P<credit>{MONEY})\s+(?:(?:store|account|shop|bonus)\s+)?(?:credit|gift\s+card|voucher|
          coupon|bonus)\b
    | (?P<fee1>{MONEY_OR_PERCENT})\s+(?P<named1>(?:{_FEE_NAME}\s+)?{_FEE_NOUN}\b
          |flat[- ]rate\b(?:(?:\s+[\w-]+){{0,2}}?\s+(?:shipping|delivery|postage)\b)?
          |flat\s+fee\b|(?:[\w-]+\s+)?(?:shipping|delivery|postage|handling)\b)
    | (?<![\w-])(?P<named2>(?:{_FEE_NAME}\s+)?(?:{_FEE_NOUN}|rate)|shipping|delivery|postage)\s+
          (?:is|of|costs?|will\s+be|amounts\s+to|:)\s+(?:just\s+|only\s+)?
          (?:a\s+flat\s+(?:rate\s+of\s+)?)?(?P<fee2>{MONEY_OR_PERCENT})
    | (?<![\w-])(?:pay|costs?|charged?|for(?:\s+(?:just|only))?)\s+(?:a\s+flat\s+)?(?P<fee3>{MONEY})
    | (?<![\w-])save\s+(?:an?\s+(?:extra|additional)\s+)?(?P<off2>{MONEY_OR_PERCENT})
    | (?<![\w-])discount\s+of\s+(?P<off3>{MONEY_OR_PERCENT})
    | (?P<free>(?<![\w-])free\s+(?:(?:[\w-]+|{DURATION})\s+)?(?P<free_of>{_FREE_OF})\b
          |(?:ships?|shipped|delivered|delivery\s+is|shipping\s+is)\s+(?:for\s+)?free\b
          |(?:is|are)\s+(?:free|included)\b|free\s+of\s+charge|at\s+no\s+(?:extra\s+|additional\s+)?
          (?:cost|charge)|complimentary(?:\s+{_FREE_OF})?
          |no\s+(?:(?:shipping|delivery|restocking|cancellation)\s+)?(?:fee|charge)s?\b
          |avoid(?:ing)?\s+(?:an?\s+|the\s+|any\s+)?(?P<avoided>{MONEY_OR_PERCENT}\s+)?
          (?:{_FEE_NAME}\s+)?{_FEE_NOUN}s?\b)
    | (?P<tier>non[- ]refundable|not\s+(?:be\s+)?refundable|no\s+refunds?|(?:full|partial)\s+
          refund|store\s+credit|exchange\s+only)
    | (?-i:\b{_NOT_A_NAME}(?P<plan>[A-Z][\w-]*)\s+plan\b)
    | (?P<sameday>(?:the\s+)?same\s+(?:business\s+)?day|next\s+(?:business\s+)?day)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_WINDOW_NOUN = (
    r"(?:free\s+)?(?:returns?|refunds?|exchanges?|money[- ]back|trial|warranty|guarantee|grace|"
    r"cooling[- ]off|cancellation|notice|price[- ]match|satisfaction)(?:\s+(?:window|period|"
    r"policy|guarantee|trial))?"
)
WINDOW = re.compile(
    rf"""
      (?:within|in\s+the\s+first|during\s+the\s+first|no\s+later\s+than|inside\s+of|
         (?P<weak>for)(?:\s+up\s+to)?|up\s+to)\s+(?:the\s+first\s+|a\s+)?(?P<w1>{DURATION})
         (?:\s+(?P<anchor>{ANCHOR}))?
    | (?P<w2>{DURATION})\s+(?P<noun>{_WINDOW_NOUN})\b
    | (?:window|period|trial|warranty|guarantee|policy)\s+(?:is|of|lasts|lasting|runs|covers|
         extends\s+to|:)\s+(?:for\s+)?(?:up\s+to\s+)?(?P<w3>{DURATION})
    """,
    re.VERBOSE | re.IGNORECASE,
)
TAKES = re.compile(
    rf"""
      \b(?:ships?|shipped|dispatch(?:es|ed)?|deliver(?:s|ed)?|arrives?|processed|processes|
         takes?|credited|refunded|issued|respond|replies|reply|answered|ready|leaves?)\b
         (?:\s+[\w-]+){{0,6}}?\s+(?:with)?in\s+(?:approximately\s+|about\s+|around\s+)?
         (?P<t1>{DURATION})
    | \b(?:allow|takes?|expect)\s+(?:up\s+to\s+|approximately\s+|about\s+|around\s+)?
         (?P<t2>{DURATION})
    """,
    re.VERBOSE | re.IGNORECASE,
)
CUTOFF = re.compile(rf"\b(?P<pre>before|by|until|prior\s+to|after)\s+(?P<t>{TIME})", re.IGNORECASE)
HOURS_WINDOW = re.compile(HOURS)
# Where one clause ends and the next begins.
CLAUSE_BREAK = re.compile(
    r";|\s[\u2013\u2014]\s|,?\s+(?:and|but|while|whereas|though|although|plus)\s+|,\s+",
    re.IGNORECASE,
)
# Every anchor of a sentence: its words say what a time counts from, not what it is about.
ANCHORS = re.compile(rf"(?<![\w-])(?:{ANCHOR})", re.VERBOSE | re.IGNORECASE)

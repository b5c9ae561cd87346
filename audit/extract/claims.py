"""Policy claims: the typed statements of policy that an answer's numbers make.

"We offer $10 flat rate ground shipping on orders under $499" makes one claim:
on the topic `shipping`, for the variable `order-total`, below 499 USD, the
outcome is a fee of 10 USD. The policy rules compare claims with each other
and with the registry of facts; this module only reads them, and yields no
finding.

The contract between the extractor and the rules is the `Claim` type below.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal


class Comparator(enum.Enum):
    """How a threshold bounds its variable ("under $499" is LT 499)."""

    LT = "<"  # under, below, less than
    LE = "<="  # up to, at most, or less, no more than
    GT = ">"  # over, above, more than
    GE = ">="  # at least, or more, from, $50+
    EQ = "="  # exactly, a stated value (a window of 30 days, a fee of 20%)
    RANGE = "range"  # between … and, from … to, $20–$30: value..upper, both included

    def __str__(self) -> str:
        return self.value


class ClaimKind(enum.Enum):
    """What a claim states."""

    THRESHOLD = "threshold"  # a condition on a variable with an outcome ("free over $500")
    VALUE = "value"  # a quantity of a topic ("a 20% restocking fee", "within 30 days")
    HOURS = "hours"  # a time window of days and clock times ("Mon–Fri 8:30–18:00 EST")

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

"""The registry of canonical facts that rules check the content against.

The prices, thresholds, return windows and opening hours that
`faq/policies.yaml` states once, for the policy rules to compare with what the
answers say (`audit.facts.registry` reads the file; `audit.facts.matching`
says which claim states which fact). Rules read the facts from their
`RuleContext`, so adding a kind of fact adds a field here, not a parameter to
every check.

Contacts have one home, the config's `contacts:` (faq-audit.yaml); the
registry does not repeat them, and `Facts.contacts` names the file they are in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from audit.model import Position

if TYPE_CHECKING:  # the claim parser is heavy to import; every rule imports this module
    from audit.extract.claims import Comparator


@dataclass(frozen=True, slots=True)
class Fact:
    """One canonical fact, in the terms of a claim (`audit.extract.claims.Claim`).

    A value fact states a quantity of a topic (the return window is 30 days,
    counted from the event its `variable` names); a threshold fact bounds a
    `variable` and says what applies, its `outcome` (free shipping on order
    totals of 500 USD or more); an hours fact gives
    days (0 = Monday), opening and closing times in minutes, and a zone.
    `position` is where its value stands in the registry.
    """

    id: str
    topic: str
    quantity: str
    comparator: Comparator
    value: Decimal
    unit: str
    position: Position
    variable: str | None = None
    upper: Decimal | None = None
    outcome: str | None = None
    days: tuple[int, ...] = ()
    opens: int | None = None
    closes: int | None = None
    zone: str | None = None
    description: str = ""

    @property
    def is_hours(self) -> bool:
        return self.opens is not None

    @property
    def is_threshold(self) -> bool:
        """A bound on a variable with what applies there, not a value with its anchor."""
        if self.variable is None:
            return False
        return self.outcome is not None or self.comparator.value not in ("=", "range")


@dataclass(frozen=True, slots=True)
class Facts:
    """The canonical facts of one FAQ: none when it keeps no registry.

    `path` is the registry read, `contacts` the file that holds the contacts.
    """

    facts: tuple[Fact, ...] = ()
    path: str | None = None
    contacts: str | None = None

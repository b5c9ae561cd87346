"""The registry of canonical facts that rules check the content against.

Empty today. The policy issue fills it: the prices, thresholds, return
windows and opening hours that `policies.yaml` states once, next to the
config, for rules to compare with what the answers say. Rules read it from
their `RuleContext`, so adding a kind of fact adds a field here, not a
parameter to every check.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Facts:
    """The canonical facts of one FAQ (none yet: the policy issue adds them as fields)."""

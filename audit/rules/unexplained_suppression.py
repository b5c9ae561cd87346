"""`# faq-audit: ignore[…]` comments that give no reason.

- `unexplained-suppression`: a suppression hides a finding from everyone who
  edits the file after its author. Without a reason, the next editor cannot
  tell a deliberate exception from a defect someone wanted to go away, and
  nobody can tell when it may be removed. The core reports each comment that
  names its rules but says nothing after them:

    - id: promo  # faq-audit: ignore[duplicate-id]
      question: What is in this month's promotion?
    - id: promo  # faq-audit: ignore[duplicate-id]
      question: What was in last month's promotion?

  It passes where each comment says why:

    - id: promo  # faq-audit: ignore[duplicate-id] kept for old links
      question: What is in this month's promotion?
    - id: promo  # faq-audit: ignore[duplicate-id] kept for old links
      question: What was in last month's promotion?
"""

from __future__ import annotations

from audit.model import Severity
from audit.rules import Rule, Scope

# Reported by the core, which alone sees every suppression: no check.
UNEXPLAINED_SUPPRESSION = Rule(
    "unexplained-suppression",
    Severity.WARNING,
    "an ignore comment that does not say why",
    Scope.CORPUS,
)
RULES = (UNEXPLAINED_SUPPRESSION,)

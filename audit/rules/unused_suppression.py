"""`# faq-audit: ignore[…]` comments that silence nothing.

- `unused-suppression`: a suppression outlives the defect it was written
  for: once the text is fixed or the rule no longer fires, the comment only
  hides the next real finding. The core reports each suppression that
  matched no finding, and each that names neither a rule nor a family of
  rules (`ignore[grammar]` stands for every `grammar-…` rule):

    - id: promo  # faq-audit: ignore[duplicate-id] kept for old links   (matches nothing)
      question: What is in this month's promotion?

  It passes where the comment silences a finding, here a second `promo`:

    - id: promo  # faq-audit: ignore[duplicate-id] kept for old links
      question: What was in last month's promotion?
    - id: promo  # faq-audit: ignore[duplicate-id] kept for old links
      question: What is in this month's promotion?

A misspelt id gets a "did you mean"; a comment on a line of its own after
the last entry belongs to no entry and covers nothing (only one before the
first entry covers the whole file). Suppressions of rules that are not
selected in this run are not judged.
"""

from __future__ import annotations

from audit.model import Severity
from audit.rules import Rule, Scope

# Reported by the core, which alone sees every suppression and every finding: no check.
UNUSED_SUPPRESSION = Rule(
    "unused-suppression", Severity.WARNING, "an ignore comment that silences nothing", Scope.CORPUS
)
RULES = (UNUSED_SUPPRESSION,)

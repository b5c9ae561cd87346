"""`# faq-audit: ignore[…]` comments that silence nothing.

A suppression outlives the defect it was written for: once the text is fixed
or the rule no longer fires, the comment only hides the next real finding.
The core reports each suppression that matched no finding, and each that names
a rule faq-audit does not have:

    - id: promo  # faq-audit: ignore[duplicate-id] kept for old links   (matches nothing)

Suppressions of rules that are not selected in this run are not judged.
"""

from __future__ import annotations

from audit.model import Severity
from audit.rules import register

UNUSED_SUPPRESSION = register(
    "unused-suppression", Severity.WARNING, "an ignore comment that silences nothing"
)

"""What the rule families' tests share: the style pages, and findings written out.

Every expected finding is written out (rule, entry, line, words of its message), so a
finding that is not listed (a false alarm) fails the test as surely as a missed one.
The pages under tests/content/style/ come from other trades than skin care (a bank, a
bike shop, a clinic); each holds the cases a rule must flag next to look-alikes it must
leave alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from audit import engine
from audit.config import Config
from audit.model import Finding
from tests.conftest import ROOT

CONTENT = ROOT / "tests" / "content" / "style"

STYLE_RULES = (
    "duplicate-sentence",
    "vague-link-text",
    "stale-term",
    "page-chrome",
    "question-form",
    "url-punctuation",
    "spacing",
    "review-due",
)

Expected = tuple[str, str | None, int, str]  # rule, entry id, line, words of the message


def audit(
    path: Path, rules: Iterable[str] = STYLE_RULES, settings: Mapping[str, Any] | None = None
) -> list[Finding]:
    config = Config(rules=dict(settings or {}))
    options = engine.Options(select=frozenset(rules), config=config)
    return list(engine.audit([path], options).findings)


def assert_findings(found: list[Finding], expected: list[Expected]) -> None:
    got = [(f.rule, f.entry, f.position.line) for f in found]
    assert got == [(rule, entry, line) for rule, entry, line, _ in expected]
    for finding, (_, _, _, words) in zip(found, expected, strict=True):
        assert words in finding.message, (finding.message, words)


def json_document(out: str) -> dict[str, Any]:
    """The JSON report `validate --format json` printed."""
    document: dict[str, Any] = json.loads(out)
    return document

"""`path:line:col: severity rule-id message`, one finding a line (what editors and CI parse)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from audit.model import AuditResult, Finding, Severity
from audit.reporters import ReportContext

if TYPE_CHECKING:
    from audit.rules import Rule

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def printable(text: str, *, keep: str = "") -> str:
    """The text with each control character but those in `keep` written as an escape
    (`\\x1b`, `\\x9b`): values come from the content, and an id holding `ESC[2J` would
    otherwise clear the terminal it is printed on, or a newline forge a finding's line."""
    if text.isprintable() and not keep:
        return text
    return "".join(
        ch if ch in keep or unicodedata.category(ch) != "Cc" else _escape(ch) for ch in text
    )


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _paint(text: str, code: str, on: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if on else text


def render(result: AuditResult, rules: Mapping[str, Rule], context: ReportContext) -> str:
    """The findings only: the command line says how many there were, on standard error."""
    lines: list[str] = []
    for finding in result.findings:
        lines.append(_line(finding, context.color))
        for related in finding.related:
            p = related.position
            where = _paint(printable(f"{p.path}:{p.line}:{p.column}:"), "1", context.color)
            lines.append(f"    {where} note: {printable(related.message)}")
    return "".join(line + "\n" for line in lines)


def _line(finding: Finding, color: bool) -> str:
    p = finding.position
    where = _paint(printable(f"{p.path}:{p.line}:{p.column}:"), "1", color)
    severity = _paint(str(finding.severity), _COLORS[finding.severity], color)
    rule = _paint(printable(finding.rule), "2", color)
    return f"{where} {severity} {rule} {printable(finding.message)}"

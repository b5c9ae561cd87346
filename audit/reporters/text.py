"""`path:line:col: severity rule-id message`, one finding a line (what editors and CI parse)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from audit.model import AuditResult, Finding, Severity
from audit.reporters import ReportContext

if TYPE_CHECKING:
    from audit.rules import Rule

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if on else text


def render(result: AuditResult, rules: Mapping[str, Rule], context: ReportContext) -> str:
    """The findings only: the command line says how many there were, on standard error."""
    lines: list[str] = []
    for finding in result.findings:
        lines.append(_line(finding, context.color))
        for related in finding.related:
            p = related.position
            where = _paint(f"{p.path}:{p.line}:{p.column}:", "1", context.color)
            lines.append(f"    {where} note: {related.message}")
    return "".join(line + "\n" for line in lines)


def _line(finding: Finding, color: bool) -> str:
    p = finding.position
    where = _paint(f"{p.path}:{p.line}:{p.column}:", "1", color)
    severity = _paint(str(finding.severity), _COLORS[finding.severity], color)
    rule = _paint(finding.rule, "2", color)
    return f"{where} {severity} {rule} {finding.message}"

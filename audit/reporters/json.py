"""A stable JSON document for tools; later formats (SARIF, JUnit) keep the same fields.

With a baseline, `baseline` says which file, how many findings it accepted (left
out of `findings`) and its stale entries, which match no finding any more."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit.model import AuditResult, Finding, Position, Severity
from audit.reporters import ReportContext

if TYPE_CHECKING:
    from audit.rules import Rule


def render(result: AuditResult, rules: Mapping[str, Rule], context: ReportContext) -> str:
    document: dict[str, Any] = {"tool": "faq-audit", "version": __version__}
    if result.error is not None:  # a run that could not start says why, where tools look
        document["error"] = result.error
    if context.baseline is not None:  # what the baseline left out, and what in it is stale
        document["baseline"] = {
            "file": context.baseline.file,
            "accepted": len(context.baseline.accepted),
            "stale": [a.as_json() for a in context.baseline.stale],
        }
    document |= {
        "findings": [_finding(f) for f in result.findings],
        "summary": {
            "files": len(result.corpus.files),
            "entries": sum(len(f.entries) for f in result.corpus.files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "path": finding.position.path,
        **_span(finding.position),
        "entry": finding.entry,
        "fingerprint": finding.fingerprint,
        "related": [
            {
                "path": r.position.path,
                "line": r.position.line,
                "column": r.position.column,
                "message": r.message,
            }
            for r in finding.related
        ],
        "fix": _fix(finding),
    }


def _fix(finding: Finding) -> dict[str, Any] | None:
    """What `faq-audit fix` would write, so editors and bots can apply it themselves."""
    fix = finding.fix
    if fix is None:
        return None
    return {"description": fix.description, "replacement": fix.replacement, **_span(fix.position)}


def _span(p: Position) -> dict[str, int]:
    """Start and end, 1-based; a position without an end ends where it starts."""
    return {
        "line": p.line,
        "column": p.column,
        "end_line": p.end_line if p.end_line is not None else p.line,
        "end_column": p.end_column if p.end_column is not None else p.column,
    }

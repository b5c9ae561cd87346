"""`path:line:col: severity rule-id message`, one finding a line (what editors and CI parse)."""

from __future__ import annotations

from audit.model import AuditResult, Finding, Severity
from audit.reporters import ReportContext

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if on else text


def render(result: AuditResult, context: ReportContext) -> str:
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


def summary(result: AuditResult) -> str:
    """One closing line; the CLI writes it to standard error, apart from the findings."""
    files = len(result.corpus.files)
    entries = sum(len(f.entries) for f in result.corpus.files)
    counts = [
        plural(result.count(severity), str(severity), "info" if severity is Severity.INFO else None)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    checked = f"{plural(files, 'file')}, {plural(entries, 'entry', 'entries')}"
    if not result.findings:
        return f"No problems found in {checked}."
    fixable = sum(1 for f in result.findings if f.fix is not None)
    hint = f" {fixable} can be fixed with `faq-audit fix`." if fixable else ""
    return f"Found {', '.join(counts)} in {checked}.{hint}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """Say "1 error" and "2 errors"; `many` is for words that do not just take an s."""
    return f"{count} {word if count == 1 else many or word + 's'}"

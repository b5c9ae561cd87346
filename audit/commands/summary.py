"""The closing line of a run, in words: said by the command line, not by a reporter.

The command writes it to standard error, apart from the findings, so that
standard output holds only the chosen format and `validate | tool` reads
nothing else.
"""

from __future__ import annotations

from audit.model import AuditResult, Severity


def summary(result: AuditResult) -> str:
    """One closing line, such as "Found 1 error, 2 warnings, 0 info in 6 files, 25 entries."."""
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

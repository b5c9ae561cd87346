"""A compact summary for a pull-request comment or GitHub's step summary.

Counts by severity, then a table of the findings (where, rule, message),
cut at `LIMIT` rows with "and N more", so that a run with thousands of
findings still fits a comment. Every value from the content is escaped:
a message holding `|`, `<img>` or `[link](…)` shows as those characters,
never as a table cell, an image or a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from audit.model import AuditResult, Finding, Severity
from audit.reporters import ReportContext
from audit.reporters.text import printable

if TYPE_CHECKING:
    from audit.rules import Rule

LIMIT = 50  # table rows at most; a comment is read, not searched

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the
# characters that could start emphasis, code, a link, HTML, a table cell or an entity.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~!#])")
_BREAKS = re.compile(r"\r\n|\r|\n")


def cell(text: str) -> str:
    """Text shown as itself in a Markdown table cell, on one line."""
    one_line = _BREAKS.sub(" ", text)
    return _SPECIAL.sub(r"\\\1", printable(one_line))


def render(result: AuditResult, rules: Mapping[str, Rule], context: ReportContext) -> str:
    files = len(result.corpus.files)
    entries = sum(len(f.entries) for f in result.corpus.files)
    counts = ", ".join(
        f"{result.count(s)} {_word(s, result.count(s))}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    lines = [f"## faq-audit: {counts}", ""]
    if result.error is not None:
        lines += [f"**The run could not start:** {cell(result.error)}", ""]
    lines.append(
        f"Checked {files} {_plural(files, 'file')}, {entries} {_plural(entries, 'entry')}."
    )
    outcome = context.baseline
    if outcome is not None:
        lines.append(
            f"Not shown: {len(outcome.accepted)} accepted "
            f"{_plural(len(outcome.accepted), 'finding')} in the baseline {cell(outcome.file)}. "
            f"Stale baseline entries (matching nothing any more): {len(outcome.stale)}."
        )
    lines.append("")
    if result.findings:
        lines += ["| | where | rule | message |", "| --- | --- | --- | --- |"]
        lines += [_row(f, context) for f in result.findings[:LIMIT]]
        rest = len(result.findings) - LIMIT
        if rest > 0:
            lines += ["", f"… and {rest} more."]
    elif result.error is None:
        lines.append("No problems found.")
    return "\n".join(lines) + "\n"


_MARK = {Severity.ERROR: "**error**", Severity.WARNING: "warning", Severity.INFO: "info"}


def _row(finding: Finding, context: ReportContext) -> str:
    p = finding.position
    where = cell(f"{context.repository_path(p.path)}:{p.line}:{p.column}")
    return (
        f"| {_MARK[finding.severity]} | {where} | {cell(finding.rule)} | {cell(finding.message)} |"
    )


def _word(severity: Severity, count: int) -> str:
    return "info" if severity is Severity.INFO else _plural(count, str(severity))


def _plural(count: int, word: str) -> str:
    if count == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"

"""GitHub Actions workflow commands: an annotation on the line of each finding.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, with
`::warning` and `::notice` for the lower severities. The workflow-command
syntax has its own escapes, which several linters get wrong: in the message,
`%` is `%25`, a carriage return `%0D` and a line feed `%0A`; in a property
value also `:` is `%3A` and `,` is `%2C`, or a path holding a comma would
end the property early. Other control characters are written as `\\x1b`.

GitHub shows only the first 10 error and 10 warning annotations of a step,
so every finding is printed once more as a plain text line. Those lines come
from the content (a path, an id), and a line of the log that starts with `::`
is a command, so they are fenced with `::stop-commands::` and a random token:
nothing in the content can issue a command. Paths are given from the
repository root, where GitHub looks for them. With `GITHUB_STEP_SUMMARY` set,
the markdown summary is appended to that file (`appendices`).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from audit.model import AuditResult, Finding, Severity
from audit.reporters import ReportContext, markdown, text
from audit.reporters.text import printable

if TYPE_CHECKING:
    from audit.rules import Rule

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """A message, as the workflow-command syntax reads it back (actions/toolkit's escapeData)."""
    clean = printable(value, keep="\r\n")
    return clean.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (file, title): a message's escapes, and `:` and `,` too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: AuditResult, rules: Mapping[str, Rule], context: ReportContext) -> str:
    lines: list[str] = []
    plain = text.render(result, rules, ReportContext())
    if plain:
        token = secrets.token_hex(16)
        lines += [f"::stop-commands::{token}", *plain.splitlines(), f"::{token}::"]
    if result.error is not None:
        lines.append(f"::error title={escape_property('faq-audit')}::{escape_data(result.error)}")
    lines += [annotation(f, context) for f in result.findings]
    return "".join(line + "\n" for line in lines)


def annotation(finding: Finding, context: ReportContext) -> str:
    p = finding.position
    properties = {
        "file": context.repository_path(p.path),
        "line": str(p.line),
        "col": str(p.column),
        "endLine": str(p.end_line if p.end_line is not None else p.line),
        "endColumn": str(p.end_column if p.end_column is not None else p.column),
        "title": f"faq-audit {finding.rule}",
    }
    said = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = finding.message
    for related in finding.related:  # the other places, on lines of their own
        r = related.position
        message += f"\n{context.repository_path(r.path)}:{r.line}:{r.column}: {related.message}"
    return f"::{COMMAND[finding.severity]} {said}::{escape_data(message)}"


def appendices(
    result: AuditResult, rules: Mapping[str, Rule], context: ReportContext
) -> dict[Path, str]:
    """The step summary, when GitHub gave a file for it."""
    if context.summary_file is None:
        return {}
    return {context.summary_file: markdown.render(result, rules, context)}

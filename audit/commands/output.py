"""What every command writes besides its own output: notes, colour, and a run that cannot start.

Notes (progress, the summary, why a file was skipped) go to standard error, so
that standard output holds only what the command was asked for and
`validate --format json | tool` reads nothing else.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from audit.commands import EXIT_USAGE
from audit.model import Severity

if TYPE_CHECKING:
    from audit.commands.arguments import UsageError
    from audit.config import ConfigError
    from audit.findings.baseline import Outcome
    from audit.model import AuditResult
    from audit.reporters import ReportContext
    from audit.rules import Rule

CONFIG_RULE = "config"  # the id a config file's problems are reported under


def note(message: str) -> None:
    """One line for the user, on standard error; control characters from the content
    (a path, a value) are escaped, so a note cannot drive the terminal."""
    from audit.reporters.text import printable

    sys.stderr.write(printable(message, keep="\n") + "\n")


def use_color(choice: str, stream: TextIO) -> bool:
    """`--color`: `auto` colours a terminal, unless NO_COLOR says not to (FORCE_COLOR, to)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def report_format(args: argparse.Namespace) -> str:
    """The `--format` given; without one, `github` under GitHub Actions (which sets
    GITHUB_ACTIONS=true), so a workflow gets annotations without asking, else `text`."""
    chosen: str | None = getattr(args, "format", None)
    if chosen:
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def report_context(
    args: argparse.Namespace, *, baseline: Outcome | None = None, color: bool = False
) -> ReportContext:
    """What a format needs from the environment: the repository root (GitHub's
    workspace, else the working folder) and GitHub's step-summary file."""
    from audit import reporters

    workspace = os.environ.get("GITHUB_WORKSPACE")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    return reporters.ReportContext(
        color=color,
        root=Path(workspace) if workspace else Path.cwd(),
        cwd=Path.cwd(),
        summary_file=Path(summary) if summary else None,
        baseline=baseline,
    )


def write_report(
    args: argparse.Namespace,
    result: AuditResult,
    rules: Mapping[str, Rule],
    context: ReportContext,
    *,
    extra: str = "",
) -> None:
    """Render the result in the chosen format (then `extra`) to standard output or to
    `--output FILE`, and append what the format adds beside it (GitHub's step summary).

    The file is written whole or not at all (a temporary file renamed over it), so a
    dashboard never reads half a report. A file that cannot be written is a usage error.
    """
    from audit import reporters
    from audit.commands.arguments import UsageError

    form = report_format(args)
    emit(args, reporters.get(form)(result, rules, context) + extra)
    try:
        for path, appendix in reporters.appendices(form, result, rules, context).items():
            with path.open("a", encoding="utf-8") as handle:
                handle.write(appendix)
    except OSError as err:
        reason = err.strerror or str(err)
        raise UsageError(
            f"cannot write '{err.filename}': {reason}", f"faq-audit {args.command}"
        ) from None


def emit(args: argparse.Namespace, text: str) -> None:
    """A command's report, to standard output or, whole or not at all, to `--output FILE`."""
    from audit.commands.arguments import UsageError

    output: Path | None = getattr(args, "output", None)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from audit.fix.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as err:
        reason = err.strerror or str(err)
        raise UsageError(
            f"cannot write '{output}': {reason}", f"faq-audit {args.command}"
        ) from None


def stopped(args: argparse.Namespace, err: UsageError | ConfigError) -> int:
    """A run that cannot start (a usage error, a broken config) says why in the chosen
    format, and exits 2.

    In text, that is lines on standard error, as for any note. A format for tools
    prints its usual document on standard output, with an `error` and the config's
    problems as findings of the `config` rule, on their lines, so a tool that reads
    the report learns why there is nothing else in it.
    """
    from audit import reporters
    from audit.config import ConfigError
    from audit.findings import fingerprints
    from audit.model import AuditResult, Corpus, Finding
    from audit.rules import all_rules

    findings: tuple[Finding, ...] = ()
    if isinstance(err, ConfigError):
        message = f"{err.what} has problems; fix them first"
        stamped = (
            Finding(CONFIG_RULE, Severity.ERROR, p.message, p.position, related=p.related)
            for p in err.problems
        )
        findings = tuple(fingerprints.assign(stamped, {}))
        said = f"faq-audit: error: {message}"
    else:
        message, said = err.message, str(err)
    result = AuditResult(Corpus(()), findings, error=message)
    form = report_format(args) if args.command in ("validate", "links") else "text"
    render = reporters.get(form)(result, all_rules(), reporters.ReportContext())
    if form == "text":  # words go to standard error, like every note
        sys.stderr.write(render)
        note(said)
        return EXIT_USAGE
    from audit.commands.arguments import UsageError

    try:  # where the report was asked for, so that a tool reading that file learns why
        emit(args, render)
    except UsageError:  # the file cannot be written either: standard output, then
        sys.stdout.write(render)
    return EXIT_USAGE

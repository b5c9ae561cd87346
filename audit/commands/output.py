"""What every command writes besides its own output: notes, colour, and a run that cannot start.

Notes (progress, the summary, why a file was skipped) go to standard error, so
that standard output holds only what the command was asked for and
`validate --format json | tool` reads nothing else.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, TextIO

from audit.commands import EXIT_USAGE
from audit.model import Severity

if TYPE_CHECKING:
    from audit.commands.arguments import UsageError
    from audit.config import ConfigError

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
    form = args.format if args.command == "validate" else "text"
    render = reporters.get(form)(result, all_rules(), reporters.ReportContext())
    if form == "text":  # words go to standard error, like every note
        sys.stderr.write(render)
        note(said)
    else:
        sys.stdout.write(render)
    return EXIT_USAGE

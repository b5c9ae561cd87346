"""`faq-audit validate`: check the files, print the findings in the chosen format, and say
how many there were.

With a baseline (`--baseline FILE`, or the config's `baseline:`), the findings it
accepts are left out of the report, and its entries that match nothing any more
are named, so that it only shrinks.

Exit 1 when a finding (not in the baseline) is at least as severe as `--fail-on`,
else 0. A baseline only leaves findings out; it is what makes `--fail-on info`
usable on content with known findings: then any new finding fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Container
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import note, report_context, use_color, write_report
from audit.model import Severity

if TYPE_CHECKING:
    from audit.config import Config
    from audit.findings.baseline import Baseline, Outcome
    from audit.model import AuditResult


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine
    from audit.commands.summary import summary

    paths, options = audit_options(args, parser)
    accepted = _baseline(args, parser, options.config)
    result = engine.audit(paths, options)
    if not result.corpus.files:
        note(f"no YAML files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    ran = engine.enabled_rules(options)
    outcome = None
    if accepted is not None:
        result, outcome = _without_accepted(result, accepted, ran)
    color = use_color(args.color, sys.stdout) and args.output is None
    write_report(args, result, ran, report_context(args, baseline=outcome, color=color))
    if outcome is not None:
        _say(outcome)
    note(summary(result))
    threshold = Severity(args.fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _baseline(
    args: argparse.Namespace, parser: argparse.ArgumentParser, config: Config
) -> Baseline | None:
    """The baseline in force: `--baseline FILE`, else the config's, unless `--no-baseline`.

    A file named on the command line must be there (a usage error otherwise); the
    config's may not be there yet (a new repository), which a note says.
    """
    from audit.findings.baseline import BaselineError, load
    from audit.source.loader import display_path

    if args.no_baseline:
        return None
    path: Path | None = args.baseline
    if path is None:
        path = config.baseline_file()
        if path is None:
            return None
        if not path.exists():
            note(
                f"the baseline '{path}' that the config names does not exist yet; every "
                "finding is reported (write it with `faq-audit baseline`)"
            )
            return None
    try:
        return load(path, display_path(path))
    except BaselineError as err:
        parser.error(str(err))


def _without_accepted(
    result: AuditResult, accepted: Baseline, ran: Container[str]
) -> tuple[AuditResult, Outcome]:
    from audit.findings.baseline import compare

    outcome = compare(result, accepted, rules=ran)
    return replace(result, findings=outcome.new), outcome


def _say(outcome: Outcome) -> None:
    """What the baseline did, on standard error like every note."""
    if outcome.accepted:
        count = len(outcome.accepted)
        note(f"{count} accepted finding{'s' if count != 1 else ''} in {outcome.file} not shown.")
    for stale in outcome.stale:
        where = f"'{stale.entry}' in {stale.path}" if stale.entry else stale.path
        note(
            f"{outcome.file}: the accepted {stale.rule} finding of {where} "
            f"({stale.fingerprint}) matches nothing any more; it was fixed or changed: "
            "remove it, or rewrite the file with `faq-audit baseline`"
        )

"""`faq-audit validate`: check the files, print the findings in the chosen format, and say
how many there were.

Exit 1 when a finding is at least as severe as `--fail-on`, else 0.
"""

from __future__ import annotations

import argparse
import sys

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import note, use_color
from audit.model import Severity


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine, reporters
    from audit.commands.summary import summary
    from audit.rules import all_rules

    paths, options = audit_options(args, parser)
    result = engine.audit(paths, options)
    if not result.corpus.files:
        note(f"no YAML files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    render = reporters.get(args.format)
    color = use_color(args.color, sys.stdout)
    sys.stdout.write(render(result, all_rules(), reporters.ReportContext(color=color)))
    sys.stdout.flush()
    note(summary(result))
    threshold = Severity(args.fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_OK

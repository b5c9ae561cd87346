"""`faq-audit baseline`: accept today's findings, so that `validate` fails only on new ones.

Writes every finding of the run to the baseline file (the `--baseline` given,
else the config's `baseline:`, else `.faq-audit-baseline.json` here), keeping
the reason a person gave each finding still found, and the entries of files
this run did not check. Findings that are gone leave the file. Exit 0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from audit.commands import EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import note


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine
    from audit.commands.arguments import UsageError
    from audit.findings.baseline import FILE_NAME, Baseline, BaselineError, build, dumps, load
    from audit.fix.atomic import NotWrittenError, write_atomic

    paths, options = audit_options(
        argparse.Namespace(**{**vars(args), "select": None, "ignore": None}), parser
    )
    target: Path = args.baseline or options.config.baseline_file() or Path(FILE_NAME)
    previous = Baseline(str(target))
    if target.exists():
        try:
            previous = load(target)
        except BaselineError as err:
            parser.error(f"{err}; move it away to start anew")
    result = engine.audit(paths, options)
    if not result.corpus.files:
        note(f"no YAML files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    checked = {source.path for source in result.corpus.files}
    texts = {source.path: source.text for source in result.corpus.files}
    written = build(result.findings, texts, previous, checked=checked)
    try:
        write_atomic(target, dumps(written))
    except (OSError, NotWrittenError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise UsageError(f"cannot write '{target}': {reason}", "faq-audit baseline") from None
    kept = sum(1 for a in written.accepted if a.reason)
    missing = len(written.accepted) - kept
    dropped = len(
        {a.fingerprint for a in previous.accepted} - {a.fingerprint for a in written.accepted}
    )
    note(
        f"Wrote {len(written.accepted)} accepted findings to {target} "
        f"({kept} with a reason, {missing} without: give each a reason; "
        f"{dropped} no longer found and dropped)."
    )
    return EXIT_OK

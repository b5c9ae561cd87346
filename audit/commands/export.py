"""`faq-audit export [PATH…] --format jsonld|json|html [--output FILE] [--force]`: the FAQ
as the site is built from it.

It runs `validate` first (every rule, the config in force) and refuses, in one
line and with exit 1, while that finds errors: a page built from content that
fails its checks is exactly what the tool is there to prevent. `--force`
exports anyway (entries without an id, a question or an answer are left out,
and a note says how many). The document goes to standard output, or to
`--output FILE`, written atomically so a site build never reads half of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import note
from audit.model import Severity


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine, export
    from audit.fix.atomic import write_atomic

    args.select, args.ignore = None, None  # every rule: what `validate` would say
    paths, options = audit_options(args, parser)
    result = engine.audit(paths, options)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors and not args.force:
        first, many = errors[0], len(errors) > 1
        p = first.position
        note(
            f"faq-audit export: not exported: `faq-audit validate` finds {len(errors)} "
            f"error{'s' if many else ''} (first: {p.path}:{p.line}:{p.column} {first.rule}); "
            f"fix {'them' if many else 'it'}, or pass --force to export anyway"
        )
        return EXIT_FINDINGS
    entries = list(export.export_entries(result.corpus))
    left_out = len(result.corpus.entries) - len(entries)
    if left_out:
        note(f"left out {left_out} entries without an id, a question or an answer in text")
    document = export.render(args.format, entries)
    output: Path | None = args.output
    if output is None:
        sys.stdout.write(document)
        return EXIT_OK
    if output.is_dir():
        parser.error(f"--output '{output}' is a folder; name the file to write")
    if not output.parent.is_dir():
        parser.error(f"--output '{output}': the folder '{output.parent}' does not exist")
    try:
        write_atomic(output, document)
    except OSError as err:
        note(f"faq-audit export: could not write {output}: {err.strerror or err}")
        return EXIT_FINDINGS
    note(f"wrote {output}: {len(entries)} entries as {args.format}")
    return EXIT_OK

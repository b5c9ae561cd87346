"""`faq-audit import PAGE --out DIR`: a page on disk to faq/ YAML files, or why not.

The importer does the work and raises what stops it (`audit.importer.errors`); this module
says it. A page or an output folder that cannot be used is a usage error (exit 2); a page
that cannot make a file `validate` reads (no question, too large, see
`audit.importer.limits`) exits 1. Either way nothing is left behind. What the import did not
keep is said on standard error, one line each, and with `--format json` as a document on
standard output.
"""

from __future__ import annotations

import argparse
import json

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.output import note


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.importer import OutputTooLargeError, PageError, PathError, import_page

    page = args.page
    try:
        imported = import_page(page, args.out, category=args.category, force=args.force)
    except PathError as err:
        parser.error(str(err))
    except PageError as err:
        note(f"faq-audit: {err}")
        return EXIT_FINDINGS
    except OutputTooLargeError as err:
        note(
            f"faq-audit: {page}: the YAML for its questions would be larger than the"
            f" {err.limit // 1_048_576} MB faq-audit reads; split the page and import each part"
            " as a category of its own"
        )
        return EXIT_FINDINGS
    except MemoryError:
        note(f"faq-audit: {page}: not enough memory to import this page; nothing was written")
        return EXIT_FINDINGS
    files = imported.files
    if len(files) == 1:
        target = files[0].target
        note(
            f"wrote {target}: {_entries(files[0].entries)}; check them with"
            f" `faq-audit validate {target}`"
        )
    else:
        written = ", ".join(f"{f.target.name} ({_entries(f.entries)})" for f in files)
        note(
            f"wrote {len(files)} files in {args.out}: {written}; check them with"
            f" `faq-audit validate {args.out}`"
        )
    for item in imported.notes:
        note(f"faq-audit: {page}: {item.message}")
    if getattr(args, "format", "text") == "json":
        document = {
            "page": str(page),
            "read_as": imported.reader,
            "files": [
                {"path": str(f.target), "category": f.category, "entries": f.entries} for f in files
            ],
            "not_kept": [
                {"kind": item.kind, "text": item.text, "message": item.message}
                for item in imported.notes
            ],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    return EXIT_OK

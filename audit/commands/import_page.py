"""`faq-audit import PAGE --out DIR`: a page on disk to one faq/ YAML file, or why not.

The importer does the work and raises what stops it (`audit.importer.errors`); this module
says it. A page or an output folder that cannot be used is a usage error (exit 2); a page
that cannot make a file `validate` reads (no question, too large, see
`audit.importer.limits`) exits 1. Either way nothing is left behind.
"""

from __future__ import annotations

import argparse

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.output import note


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
    target = imported.target
    note(
        f"wrote {target}: {imported.entries} entries; check them with `faq-audit validate {target}`"
    )
    return EXIT_OK

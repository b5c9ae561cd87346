"""`faq-audit fix`: apply the fixes in place, or show them (`--diff`) or ask for them (`--check`).

A file that cannot be fixed is reported, not fatal: every file that is not
fixed (a refused change, a file changed meanwhile, one that cannot be written)
gets one line, the others are still fixed, the summary counts both, and the
exit code is 1. `--check` also exits 1 when anything would change.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import note

if TYPE_CHECKING:
    from audit.engine import Options
    from audit.fix.apply import FileChange


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.commands.summary import plural
    from audit.fix import apply as fixer

    paths, options = audit_options(args, parser)
    if args.links:
        options = _with_moved_links(args, options)
    changes = _one_per_file(fixer.fix_all(paths, options))
    done = []  # the changes fixed, or that would be
    for change in changes:
        if change.refused is None:
            done.append(change)
        else:
            note(f"{change.path}: {change.refused}")
    if args.diff:
        sys.stdout.write("".join(change.diff() for change in done))
    elif args.check:
        for change in done:
            problems = plural(len(change.fixes), "fixable problem")
            note(f"{change.path}: {problems}; run `faq-audit fix`")
    else:
        done = _write_changes(done)
    failed = len(changes) - len(done)
    count = sum(len(change.fixes) for change in done)
    verb = "would fix" if args.diff or args.check else "fixed"
    if not changes:
        note("nothing to fix")
    else:
        could_not = f"; could not fix {plural(failed, 'file')}" if failed else ""
        note(f"{verb} {plural(count, 'problem')} in {plural(len(done), 'file')}{could_not}")
    return EXIT_FINDINGS if failed or (args.check and changes) else EXIT_OK


def _with_moved_links(args: argparse.Namespace, options: Options) -> Options:
    """The options with each permanent redirect in the link history as a link result,
    so that `link-redirect` offers its fix: the new address in place of the old."""
    from dataclasses import replace

    from audit.links.history import DEFAULT_PATH, History
    from audit.links.results import LinkResult, Verdict

    with History(args.history or DEFAULT_PATH) as history:
        for warning in history.warnings:
            note(warning)
        moved = history.permanent_redirects()
    links = {url: LinkResult(url, Verdict.REDIRECT, final_url=new) for url, new in moved.items()}
    return replace(options, links=links)


def _one_per_file(changes: list[FileChange]) -> list[FileChange]:
    """The changes, one per file on disk, so that a file is written once.

    Two names can lead to one file (a symlink and its target, two hard links). The
    identities are all taken before anything is written, since a rename gives a file a
    new inode.
    """
    from audit.fix.atomic import identity

    seen: set[tuple[int, int]] = set()
    kept = []
    for change in changes:
        key = identity(change.file)
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        kept.append(change)
    return kept


def _write_changes(changes: list[FileChange]) -> list[FileChange]:
    """Write each change; the ones written. Each failure is one line, and the run goes on."""
    from audit.fix import apply as fixer
    from audit.fix.atomic import ChangedOnDiskError, NotWrittenError

    written = []
    for change in changes:
        try:
            fixer.write(change)
        except ChangedOnDiskError as err:
            note(f"{change.path}: {err}")
        except NotWrittenError as err:
            note(f"{change.path}: not fixed: {err}")
        else:
            written.append(change)
    return written

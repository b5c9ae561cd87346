"""`faq-audit fix`: apply the fixes in place, or show them (`--diff`) or ask for them (`--check`).

A file that cannot be fixed is reported, not fatal: every file that is not
fixed (a refused change, a file changed meanwhile, one that cannot be written)
gets one line, the others are still fixed, the summary counts both, and the
exit code is 1. `--check` also exits 1 when anything would change (with `--diff`
too: the diff is shown, `--check` decides the exit code). A file that cannot be
read as YAML is named as `validate` names it, and exits 1 as `validate` would.
The last line says what the fix leaves, from the audit of the fixed texts.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import note
from audit.model import AuditResult

if TYPE_CHECKING:
    from audit.engine import Options
    from audit.fix.apply import FileChange

UNREADABLE_RULES = frozenset({"unreadable-file", "yaml-syntax"})  # a file not read at all


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.commands.summary import plural
    from audit.fix import apply as fixer

    paths, options = audit_options(args, parser)
    if args.links:
        options = _with_moved_links(args, options)
    run = fixer.fix_run(paths, options)
    unreadable = _unreadable(run.first)
    changes = _one_per_file(run.changes)
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
    # What is left: the findings of the fixed texts, and the fixes of the files not fixed.
    kept = {id(change) for change in done}
    accepted = _accepted(run.last, options)
    left = len(run.last.findings) - accepted
    left += sum(len(c.fixes) for c in changes if id(c) not in kept)
    remain = f"; {left} remain{'s' if left == 1 else ''}, see `faq-audit validate`" if left else ""
    if accepted:  # validate leaves these out: "8 remain" would send the editor on a hunt
        if left:
            remain += f" ({accepted} more accepted in the baseline)"
        else:
            remain = f"; {accepted} accepted in the baseline"
    not_read = f"; could not read {plural(unreadable, 'file')}" if unreadable else ""
    if not changes:
        note(f"{'no fixes' if unreadable else 'nothing to fix'}{not_read}{remain}")
    else:
        could_not = f"; could not fix {plural(failed, 'file')}" if failed else ""
        could_not += not_read
        if done:
            done_count = f"{plural(count, 'problem')} in {plural(len(done), 'file')}"
            note(f"{verb} {done_count}{could_not}{remain}")
        else:  # every file was skipped: "fixed 0 problems in 10 files" would say otherwise
            note(f"nothing {verb}{could_not}{remain}")
    return EXIT_FINDINGS if failed or unreadable or (args.check and changes) else EXIT_OK


def _accepted(result: AuditResult, options: Options) -> int:
    """How many of what is left the config's baseline accepts, as `validate` counts them."""
    from audit import engine
    from audit.findings.baseline import BaselineError, compare, load

    path = options.config.baseline_file()
    if path is None or not path.exists():
        return 0
    try:
        accepted = load(path)
    except BaselineError:
        return 0  # validate says what is wrong with it
    outcome = compare(result, accepted, rules=engine.enabled_rules(options))
    return len(outcome.accepted)


def _unreadable(result: AuditResult) -> int:
    """Say, as `validate` prints them, which files could not be read, so they are not
    mistaken for files with nothing to fix; how many there were."""
    from audit import reporters
    from audit.rules import all_rules

    findings = tuple(f for f in result.findings if f.rule in UNREADABLE_RULES)
    if findings:
        shown = AuditResult(result.corpus, findings)
        sys.stderr.write(reporters.get("text")(shown, all_rules(), reporters.ReportContext()))
    return len({f.position.path for f in findings})


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

"""`faq-audit report [PATH…] [--html FILE] [--markdown FILE] [--since GIT_REF]`: the page for
the people who approve a publish.

It runs every check (as `validate` does), reads the policy facts as `faq-audit
facts` does, the contacts as the phone and email rules read them, link health
from the link history (no probing: the nightly `links` run keeps it), and with
`--since` what changed since a git ref. The page says first whether the
content is fit to publish. Files are written atomically (their folder made
when missing); with neither
`--html` nor `--markdown`, the Markdown goes to standard output.

Exit 0 when fit to publish, 1 when not (so CI can gate on it), 2 for a usage
error: a ref that is not a commit, a folder that is not a git repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import note
from audit.model import Severity

if TYPE_CHECKING:
    from audit.engine import Options
    from audit.extract.lexicon import Lexicon
    from audit.model import Corpus
    from audit.report.model import Facts

TITLE = "FAQ pre-publish report"


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine
    from audit.commands.links_settings import with_config
    from audit.facts.statements import lexicon_of
    from audit.links.history import DEFAULT_PATH
    from audit.report import model, render
    from audit.report.changes import ChangesError, changes
    from audit.report.contacts import contacts
    from audit.report.findings import by_entry
    from audit.report.link_health import link_health
    from audit.rules import options_for
    from audit.rules.policy import THRESHOLD_GAP

    args.select, args.ignore = None, None  # every rule: what `validate` would say
    paths, options = audit_options(args, parser)
    result = engine.audit(paths, options)
    corpus, config = result.corpus, options.config
    lexicon = lexicon_of(options_for(THRESHOLD_GAP, config)["topics"])
    facts = _facts(corpus, options, lexicon)
    history = with_config(argparse.Namespace(history=args.history), config).history
    notes: list[str] = []
    links = link_health(corpus, Path(history) if history else DEFAULT_PATH, notes)
    since = None
    if args.since:
        registries = config.policies_files(paths)
        try:
            since = changes(
                args.since, paths, corpus, options.facts, registries, lexicon, config.region
            )
        except ChangesError as err:
            parser.error(str(err))
    counts = {s: result.count(s) for s in Severity}
    verdict = model.verdict(counts[Severity.ERROR], counts[Severity.WARNING], facts, links)
    report = model.Report(
        title=TITLE,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        paths=", ".join(map(str, paths)),
        files=len(corpus.files),
        entries=len(corpus.entries),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        info=counts[Severity.INFO],
        verdict=verdict,
        by_entry=by_entry(corpus, result.findings),
        facts=facts,
        contacts=contacts(corpus, config),
        contacts_file=config.path,
        links=links,
        changes=since,
    )
    for message in notes:
        note(f"warning: {message}")
    written = [
        _write(target, text(report))
        for target, text in ((args.html, render.html), (args.markdown, render.markdown))
        if target is not None
    ]
    if not written:
        sys.stdout.write(render.markdown(report))
    elif not all(written):
        return EXIT_FINDINGS
    note(
        f"{verdict.headline}: {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings"
    )
    return EXIT_OK if verdict.fit else EXIT_FINDINGS


def _facts(corpus: Corpus, options: Options, lexicon: Lexicon) -> Facts:
    """The registry's facts with the claims that state each, as `faq-audit facts` lists them."""
    from audit.commands.facts import Table
    from audit.extract.claims import ClaimKind
    from audit.facts.statements import Statement, statements
    from audit.report import model
    from audit.rules.policy.wording import cited, fact_words

    def shown(statement: Statement) -> str:
        if statement.claim.kind is ClaimKind.THRESHOLD:
            return cited(statement, where=False)
        return f'"{" ".join(statement.words.split())}"'

    def row(statement: Statement, agrees: bool) -> model.Statement:
        where = f"{statement.entry.path}:{statement.line}"
        return model.Statement(where, statement.entry_id, shown(statement), agrees)

    found = list(statements(corpus, lexicon, options.config.region))
    table = Table.build(options.facts, found)
    rows = tuple(
        model.FactRow(
            fact.id,
            fact_words(fact) + (f" → {fact.outcome}" if fact.outcome else ""),
            f"{fact.position.path}:{fact.position.line}",
            fact.description,
            tuple(row(found[index], agrees) for index, agrees in table.stated[fact.id]),
        )
        for fact in options.facts.facts
    )
    unmatched = tuple(row(found[index], True) for index in table.unmatched)
    return model.Facts(options.facts.path, rows, unmatched)


def _write(target: Path, text: str) -> bool:
    from audit.fix.atomic import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    except OSError as err:
        note(f"faq-audit report: could not write {target}: {err.strerror or err}")
        return False
    note(f"wrote {target}")
    return True

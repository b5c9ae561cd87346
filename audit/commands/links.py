"""`faq-audit links`: probe every link once, report it wherever it is written.

The FAQ's links become findings through the link rules (so suppressions,
`--select` and fingerprints apply); links in Markdown, HTML or text files and
in `--urls-from` lists are listed with their verdicts. Each run's results go
to the history, which `--max-age` reads to skip fresh successes and
`--fail-after` reads to fail only on links broken several runs in a row.

Exit 1 when a finding (or an outside link's verdict) is at least as severe as
`--fail-on`, counting with `--fail-after K` only links broken K runs running.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.commands import EXIT_FINDINGS, EXIT_OK
from audit.commands.options import audit_options
from audit.commands.output import emit, note, report_context, report_format, use_color, write_report
from audit.links.exclusions import Exclusions
from audit.links.history import FAILURES, NO_TREND, History, Trend
from audit.links.occurrences import (
    Occurrence,
    from_corpus,
    from_text_file,
    from_url_list,
    judge_offline,
    web_urls,
)
from audit.links.results import LinkResult, Verdict
from audit.model import AuditResult, Corpus, Severity

if TYPE_CHECKING:
    from audit.config import Config
from audit.source.loader import YAML_SUFFIXES, discover, load_file

LINK_FAMILY = "links"


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine
    from audit.commands.links_settings import with_config

    faq_names = [n for n in args.paths if Path(n).is_dir() or n.lower().endswith(YAML_SUFFIXES)]
    other_files = [Path(n) for n in args.paths if n not in faq_names]
    for path in other_files:
        if not path.is_file():
            parser.error(f"the path '{path}' does not exist")
    use_faq = bool(faq_names) or not (other_files or args.urls_from)
    select = args.select or [frozenset({LINK_FAMILY})]
    # Only other files or URL lists: no FAQ folder is looked for (nor required).
    paths, options = audit_options(
        argparse.Namespace(**{**vars(args), "paths": faq_names, "select": select}),
        parser,
        content=use_faq,
    )
    args = with_config(args, options.config)

    corpus = Corpus(tuple(load_file(p) for p in discover(paths)))
    occurrences, changed = _occurrences(args, parser, corpus, other_files)
    ids = [e.id for e in corpus.entries if e.id]
    results, reused, trends = _check(args, options.config, occurrences, ids)

    # Without a FAQ the engine still runs (on no files): the config's own findings,
    # such as an expired link exception, are reported for any input.
    audited = engine.audit(paths, replace(options, links=results))
    if changed is not None:  # the changed entries' findings, and those of no entry
        kept = tuple(f for f in audited.findings if f.entry is None or f.entry in changed)
        audited = replace(audited, findings=kept)
    if reused:
        note(f"reused {len(reused)} fresh results from the link history (--max-age)")
    _write(args, audited, occurrences, results, trends)
    counts = _verdict_counts(results)["verdicts"]
    said = ", ".join(f"{n} {v}" for v, n in counts.items() if n) or "no links"
    note(f"Checked {len(results)} links ({said}); {len(audited.findings)} findings.")
    failed = _failed(args, audited, occurrences, results, trends)
    return EXIT_FINDINGS if failed else EXIT_OK


def _occurrences(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    corpus: Corpus,
    other_files: list[Path],
) -> tuple[list[Occurrence], set[str] | None]:
    """Every link to check, and the ids of the changed entries (None: all count)."""
    from audit.links.changed import GitError, changed_entries

    occurrences = list(from_corpus(corpus))
    changed = None
    if args.changed_since:
        try:
            changed = changed_entries(corpus.files, args.changed_since)
        except GitError as err:
            parser.error(str(err))
        occurrences = [o for o in occurrences if o.entry in changed]
    for path in other_files:
        occurrences += from_text_file(path, str(path))
    for source in args.urls_from or ():
        occurrences += from_url_list(source)
    return occurrences, changed


def _check(
    args: argparse.Namespace, config: Config, occurrences: list[Occurrence], ids: list[str]
) -> tuple[dict[str, LinkResult], dict[str, LinkResult], Mapping[str, Trend]]:
    """Judge the offline links, reuse fresh results, probe the rest, record the run:
    every result by URL, the reused ones, and each URL's trend."""
    from audit.commands.links_settings import probe_settings
    from audit.links.history import DEFAULT_PATH
    from audit.links.probe import probe_all

    exclusions = Exclusions.from_config(config.links, dt.date.today())
    results = judge_offline(occurrences, ids, faq_url=args.faq_url)
    for url in web_urls(occurrences):
        excluded = None if url in results else exclusions.excluded(url)
        if excluded is not None:
            results[url] = excluded
    to_check = [url for url in web_urls(occurrences) if url not in results]
    with History(Path(args.history) if args.history else DEFAULT_PATH) as history:
        for warning in history.warnings:
            note(warning)
        reused = history.fresh(to_check, args.max_age) if args.max_age else {}
        pending = [url for url in to_check if url not in reused]
        with _progress(len(pending)) as advance:
            probed = probe_all(pending, probe_settings(args, config), observer=advance)
        probed = {url: exclusions.judge(result) for url, result in probed.items()}
        history.record([*results.values(), *probed.values()])
        results |= reused | probed
        trends = history.trends(results)
    return results, reused, trends


def _failed(
    args: argparse.Namespace,
    audited: AuditResult,
    occurrences: list[Occurrence],
    results: Mapping[str, LinkResult],
    trends: Mapping[str, Trend],
) -> bool:
    """Whether a finding (or an outside link's verdict) reaches `--fail-on`; with
    `--fail-after K`, a failing link counts only once broken K runs in a row."""
    from audit.rules.links import RULE_OF

    def counts(url: str | None) -> bool:
        if url is None or args.fail_after is None or url not in results:
            return True
        streak = trends.get(url, NO_TREND).broken_runs
        return results[url].verdict not in FAILURES or streak >= args.fail_after

    threshold = Severity(args.fail_on).rank
    where = {(o.position.path, o.position.line, o.position.column): o.url for o in occurrences}
    for finding in audited.findings:
        p = finding.position
        if finding.severity.rank >= threshold and counts(where.get((p.path, p.line, p.column))):
            return True
    for o in occurrences:
        rule = RULE_OF.get(results[o.url].verdict) if o.url in results else None
        outside = o.entry is None and rule is not None
        if outside and rule is not None and rule.severity.rank >= threshold and counts(o.url):
            return True
    return False


def _write(
    args: argparse.Namespace,
    audited: AuditResult,
    occurrences: list[Occurrence],
    results: Mapping[str, LinkResult],
    trends: Mapping[str, Trend],
) -> None:
    from audit import reporters
    from audit.rules import all_rules

    places: dict[str, list[Occurrence]] = {}  # each URL's occurrences, gathered in one pass
    for o in occurrences:
        places.setdefault(o.url, []).append(o)
    order = [url for url in places if url in results]
    form = report_format(args)
    if form == "json":
        common = json.loads(reporters.get("json")(audited, all_rules(), reporters.ReportContext()))
        rest = {
            "findings": common["findings"],
            "summary": common["summary"] | _verdict_counts(results),
        }
        links = (_link_json(results[url], places[url], trends) for url in order)
        if getattr(args, "output", None) is None:  # streamed: memory stays flat
            sys.stdout.writelines(_json_document(links, rest))
            sys.stdout.flush()
        else:
            emit(args, "".join(_json_document(links, rest)))
        return
    lines = []
    outside = {o.url for o in occurrences if o.entry is None}
    for url in order:  # what the findings cannot say: outside links, and the history
        result, trend = results[url], trends.get(url, NO_TREND)
        telling = trend.broken_runs > 1 or trend.flaky or trend.recovered
        if (url in outside and result.verdict is not Verdict.OK) or telling:
            lines.append(_link_line(result, places[url], trend))
    color = use_color(args.color, sys.stdout) and args.output is None
    # Formats of one document (SARIF, JUnit) take no lines after it; those lines go to notes.
    plain = form in ("text", "github")
    extra = "".join(lines) if plain else ""
    write_report(args, audited, all_rules(), report_context(args, color=color), extra=extra)
    for line in [] if plain else lines:
        note(line.rstrip("\n"))


def _json_document(links: Iterable[dict[str, Any]], rest: dict[str, Any]) -> Iterator[str]:
    """`{"links": [...], **rest}` as `json.dumps(..., indent=2)` writes it, in pieces,
    each link encoded on its own: indented, `json.dumps` of the whole document keeps a
    token list of all of it, about 4 KB per link (40 MiB for 10,000 links)."""
    head = json.dumps({"links": [], **rest}, indent=2, ensure_ascii=False)
    before, after = head.split("[]", 1)  # the first "[]" is the links' place
    yield before + "["
    separator = ""
    for link in links:
        text = json.dumps(link, indent=2, ensure_ascii=False)
        yield separator + "\n    " + text.replace("\n", "\n    ")
        separator = ","
    yield ("\n  ]" if separator else "]") + after + "\n"


def _link_json(
    result: LinkResult, occurrences: Iterable[Occurrence], trends: Mapping[str, Trend]
) -> dict[str, Any]:
    """One link for the JSON output; `occurrences` are this link's places only."""
    return {
        "url": result.url,
        "verdict": result.verdict.value,
        "status": result.status,
        "final_url": result.final_url,
        "redirects": list(result.redirects),
        "elapsed_ms": result.elapsed_ms,
        "error": result.error,
        "occurrences": [
            {"path": o.position.path, "line": o.position.line, "entry": o.entry}
            for o in occurrences
        ],
        "history": trends.get(result.url, NO_TREND).as_json(),
    }


def _link_line(result: LinkResult, occurrences: Iterable[Occurrence], trend: Trend) -> str:
    places = ", ".join(f"{o.position.path}:{o.position.line}" for o in occurrences)
    detail = result.error or (f"HTTP {result.status}" if result.status else "")
    streak = f"; broken {trend.broken_runs} runs running" if trend.broken_runs > 1 else ""
    flaky = "; flaky" if trend.flaky else ""
    recovered = "; recovered" if trend.recovered else ""
    said = "; ".join(part for part in (detail, streak[2:], flaky[2:], recovered[2:]) if part)
    return f"{result.verdict}: {result.url} ({said or 'fine'}) at {places}\n"


def _verdict_counts(results: Mapping[str, LinkResult]) -> dict[str, Any]:
    counts = {verdict.value: 0 for verdict in Verdict}
    for result in results.values():
        counts[result.verdict.value] += 1
    return {"links": len(results), "verdicts": counts}


class _progress:
    """A rich progress bar on standard error when it is a terminal; nothing otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._bar: Any = None

    def __enter__(self) -> Callable[[LinkResult], None]:
        if not (sys.stderr.isatty() and self.total):
            return lambda _result: None
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=None)
        self._bar.start()
        task = self._bar.add_task("checking links", total=self.total)
        return lambda _result: self._bar.advance(task)

    def __exit__(self, *_exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

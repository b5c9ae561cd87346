"""load → checks → findings: the whole audit, with no printing and no exit.

The core, not the rules, stamps each problem with its rule id and severity,
applies inline suppressions and `--select`/`--ignore`, and sorts, so every rule
behaves the same way in every output format.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from audit.config import Config
from audit.model import AuditResult, Corpus, Finding, Problem, SourceFile, Suppression
from audit.rules import Check, Rule, all_checks, all_rules
from audit.rules.unused_suppression import UNUSED_SUPPRESSION
from audit.source.loader import discover, load_file


class UnknownRuleError(ValueError):
    """A rule id given on the command line that no rule has."""


@dataclass(frozen=True, slots=True)
class Options:
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    config: Config = field(default_factory=Config)


def enabled_rules(options: Options) -> dict[str, Rule]:
    """The rules that run, each with the severity the config gives it.

    A rule the config turns off still runs when `--select` names it: what is
    asked for on the command line wins.
    """
    rules = all_rules()
    for rule_id in sorted((options.select or frozenset()) | options.ignore):
        if rule_id not in rules:
            raise UnknownRuleError(rule_id)
    chosen = options.select if options.select is not None else rules.keys()
    enabled: dict[str, Rule] = {}
    for rule_id in chosen:
        if rule_id in options.ignore:
            continue
        rule = rules[rule_id]
        severity = options.config.severity(rule_id, rule.severity)
        if severity is None and options.select is None:
            continue
        enabled[rule_id] = replace(rule, severity=severity or rule.severity)
    return enabled


def audit(
    paths: Sequence[Path],
    options: Options | None = None,
    texts: Mapping[Path, str] | None = None,
) -> AuditResult:
    """Load each file and run the file checks on it while its node tree is in memory,
    then release the tree and run the checks that compare entries across files.

    `texts` stands in for the content of some files, so that `fix` can audit
    what it is about to write before writing it.
    """
    with _without_cycle_collection():
        return _audit(paths, options or Options(), texts or {})


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector for the run (workers inherit the pause).

    A run builds millions of small objects that live until it ends and form
    no cycles; the collector's passes over them grow with their number and
    took a third of a 100,000-entry run. Reference counting still frees all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _audit(paths: Sequence[Path], options: Options, texts: Mapping[Path, str]) -> AuditResult:
    rules = enabled_rules(options)
    active = [c for c in all_checks() if any(rule.id in rules for rule in c.rules)]
    findings: list[Finding] = []
    files = []
    for source, found in _load_all(list(discover(list(paths))), texts, options):
        files.append(source)
        findings.extend(found)
    corpus = Corpus(tuple(files))
    for check in active:
        if check.run is not None:
            findings.extend(_stamped(check, check.run(corpus, options.config), rules))
    findings = _apply_suppressions(findings, corpus, rules)
    return AuditResult(corpus, tuple(sorted(findings, key=Finding.sort_key)))


# Below these, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 1_000_000


def _load_all(
    paths: list[Path], texts: Mapping[Path, str], options: Options
) -> Iterator[tuple[SourceFile, list[Finding]]]:
    """Load and file-check every file, in order; on large runs, on every core.

    Parsing YAML is most of a run's time and each file is independent, so the
    files are shared out among worker processes. The node trees stay in the
    workers; what comes back is the entries and the findings.
    """
    workers = min(os.cpu_count() or 1, 8)
    if workers > 1 and len(paths) >= PARALLEL_MIN_FILES and _size(paths) >= PARALLEL_MIN_BYTES:
        context = _fork_context()
        if context is not None:
            jobs = [(path, texts.get(path), options) for path in paths]
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                yield from pool.map(_load_one, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
            return
    for path in paths:
        yield _load_one((path, texts.get(path), options))


def _load_one(job: tuple[Path, str | None, Options]) -> tuple[SourceFile, list[Finding]]:
    path, text, options = job
    rules = enabled_rules(options)
    source = load_file(path, text)
    findings: list[Finding] = []
    for check in all_checks():
        if check.run_file is not None and any(rule.id in rules for rule in check.rules):
            findings.extend(_stamped(check, check.run_file(source, options.config), rules))
    return replace(source, root=None), findings


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Workers are forked, so they start with every module and rule already loaded."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _stamped(
    check: Check, problems: Iterable[Problem], rules: dict[str, Rule]
) -> Iterator[Finding]:
    default = check.rules[0].id
    for problem in problems:
        rule = rules.get(problem.rule or default)
        if rule is not None:
            yield _stamp(problem, rule)


def _stamp(problem: Problem, rule: Rule) -> Finding:
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=problem.message,
        position=problem.position,
        entry=problem.entry,
        related=problem.related,
        fix=problem.fix,
    )


def _apply_suppressions(
    findings: list[Finding], corpus: Corpus, rules: dict[str, Rule]
) -> list[Finding]:
    by_path: dict[str, list[Suppression]] = defaultdict(list)
    for source in corpus.files:
        by_path[source.path].extend(source.suppressions)
    if not by_path or not any(by_path.values()):
        return findings
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        match = _matching(by_path.get(finding.position.path, ()), finding)
        if match is None:
            kept.append(finding)
        else:
            used.add((id(match), finding.rule))
    if UNUSED_SUPPRESSION.id in rules:
        kept.extend(_unused(by_path.values(), used, rules))
    return kept


def _matching(suppressions: Iterable[Suppression], finding: Finding) -> Suppression | None:
    line = finding.position.line
    for suppression in suppressions:
        if (
            finding.rule in suppression.rules
            and suppression.first_line <= line <= suppression.last_line
        ):
            return suppression
    return None


def _unused(
    groups: Iterable[list[Suppression]], used: set[tuple[int, str]], rules: dict[str, Rule]
) -> Iterable[Finding]:
    known = all_rules()
    for suppressions in groups:
        for suppression in suppressions:
            for rule_id in suppression.rules:
                if rule_id not in known:
                    message = (
                        f"ignore[{rule_id}]: faq-audit has no rule '{rule_id}'; "
                        "`faq-audit rules` lists them"
                    )
                elif rule_id in rules and (id(suppression), rule_id) not in used:
                    message = (
                        f"ignore[{rule_id}] silences nothing here: there is no {rule_id} "
                        "finding in its scope; remove it"
                    )
                else:
                    continue
                yield _stamp(Problem(message, suppression.position), UNUSED_SUPPRESSION)

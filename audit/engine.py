"""load → checks → findings: the whole audit, with no printing and no exit.

The core, not the rules, stamps each problem with its rule id and severity and
applies `--select`/`--ignore`; the findings layer (`audit.findings`) applies
inline suppressions, sorts and fingerprints, so every rule behaves the same way
in every output format.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from audit.config import Config
from audit.facts import Facts
from audit.findings import finish
from audit.links.results import LinkResult
from audit.model import AuditResult, Corpus, Finding, Problem, SourceFile
from audit.rules import Check, Rule, RuleContext, Scope, all_checks, all_rules, members
from audit.source.loader import discover, load_file


class UnknownRuleError(ValueError):
    """A rule or family id given on the command line that no rule has."""


@dataclass(frozen=True, slots=True)
class Options:
    """What to run: `select` and `ignore` hold rule or family ids, as the user gave them."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    config: Config = field(default_factory=Config)
    facts: Facts = field(default_factory=Facts)
    links: Mapping[str, LinkResult] = field(default_factory=dict)  # probe results, by URL


def enabled_rules(options: Options) -> dict[str, Rule]:
    """The rules that run, each with the severity the config gives it.

    A family id (`grammar`) stands for each of its rules. A rule the config
    turns off still runs when `--select` names it or its family: what is asked
    for on the command line wins.
    """
    rules = all_rules()
    for name in sorted((options.select or frozenset()) | options.ignore):
        if not members(name):
            raise UnknownRuleError(name)
    chosen = _expand(options.select) if options.select is not None else frozenset(rules)
    chosen -= _expand(options.ignore)
    enabled: dict[str, Rule] = {}
    for rule_id in sorted(chosen):
        rule = rules[rule_id]
        severity = options.config.severity(rule_id, rule.severity, rule.family)
        if severity is None and options.select is None:
            continue
        enabled[rule_id] = replace(rule, severity=severity or rule.severity)
    return enabled


def _expand(names: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*(members(name) for name in names))


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
    findings: list[Finding] = []
    files = []
    prepared: list[list[object]] = []  # by file, then by corpus check that prepares
    for source, found, made in _load_all(_content(paths, options.config), texts, options):
        files.append(source)
        findings.extend(found)
        prepared.append(made)
    corpus = Corpus(tuple(files))
    preparing = 0
    for check, context in _active(Scope.CORPUS, rules, options):
        if check.prepare is not None:  # the same checks, in the same order, as `_load_one`
            assert check.on_prepared is not None
            mine = [made[preparing] for made in prepared]
            preparing += 1
            findings.extend(_stamped(check, check.on_prepared(corpus, context, mine), rules))
        else:
            assert check.on_corpus is not None
            findings.extend(_stamped(check, check.on_corpus(corpus, context), rules))
    return AuditResult(corpus, finish(findings, corpus, rules))


def _content(paths: Sequence[Path], config: Config) -> list[Path]:
    """The FAQ files to check: those discovered, less the policy registry the config names
    (its facts reach the rules through `Options.facts`; it is not FAQ content)."""
    registries = config.policies_files(paths)
    names = {registry.name for registry in registries}
    found = list(discover(list(paths)))
    if not any(path.name in names for path in found):
        return found  # one comparison of names per file: nothing to resolve
    real = {os.path.realpath(registry) for registry in registries}
    return [p for p in found if p.name not in names or os.path.realpath(p) not in real]


def _active(
    scope: Scope, rules: Mapping[str, Rule], options: Options
) -> Iterator[tuple[Check, RuleContext]]:
    """The checks of a scope with a rule that runs, each with its context."""
    for check in all_checks():
        if check.scope is scope and any(rule.id in rules for rule in check.rules):
            yield (
                check,
                RuleContext.build(options.config, check.rules, rules, options.facts, options.links),
            )


# Below these, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 1_000_000


Loaded = tuple[SourceFile, list[Finding], list[object]]


def _load_all(paths: list[Path], texts: Mapping[Path, str], options: Options) -> Iterator[Loaded]:
    """Load and file-check every file, in order; on large runs, on every core.

    Parsing YAML is most of a run's time and each file is independent, so the
    files are shared out among worker processes. The node trees stay in the
    workers; what comes back is the entries, the findings, and what each
    corpus check that prepares made of the file.
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


def _load_one(job: tuple[Path, str | None, Options]) -> Loaded:
    """One file loaded and entry-checked, and prepared for each corpus check that prepares
    (in their order in `_active`): the per-entry part of comparing entries runs here too.

    Preparing sees the file without its node tree, as a check holding only the corpus
    would, and its results are returned (pickled) with the file, so the entries they
    name stay the file's own entry objects.
    """
    path, text, options = job
    rules = enabled_rules(options)
    source = load_file(path, text)
    findings: list[Finding] = []
    for check, context in _active(Scope.ENTRY, rules, options):
        assert check.on_file is not None
        findings.extend(_stamped(check, check.on_file(source, context), rules))
    source = replace(source, root=None)
    prepared = [
        check.prepare(source, context)
        for check, context in _active(Scope.CORPUS, rules, options)
        if check.prepare is not None
    ]
    return source, findings, prepared


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
    check: Check, problems: Iterable[Problem], rules: Mapping[str, Rule]
) -> Iterator[Finding]:
    """Findings of the rules that run; a problem of a rule that does not is dropped."""
    default = check.rules[0].id
    for problem in problems:
        rule = rules.get(problem.rule or default)
        if rule is not None:
            yield _stamp(problem, rule)


def _stamp(problem: Problem, rule: Rule) -> Finding:
    severity = rule.severity
    if problem.at_most is not None and problem.at_most.rank < severity.rank:
        severity = problem.at_most  # the problem's own cap; the config's severity still rules
    return Finding(
        rule=rule.id,
        severity=severity,
        message=problem.message,
        position=problem.position,
        entry=problem.entry,
        related=problem.related,
        fix=problem.fix,
    )

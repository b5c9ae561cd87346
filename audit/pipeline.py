"""load → checks → findings: the whole audit, with no printing and no exit.

The core, not the rules, stamps each problem with its rule id and severity,
applies inline suppressions and `--select`/`--ignore`, and sorts, so every rule
behaves the same way in every output format.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from audit.checks import Check, Rule, all_checks, all_rules
from audit.checks.unused_suppression import UNUSED_SUPPRESSION
from audit.config import Config
from audit.loader import discover, load_file
from audit.model import AuditResult, Corpus, Finding, Problem, Suppression


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
    options = options or Options()
    texts = texts or {}
    rules = enabled_rules(options)
    active = [c for c in all_checks() if any(rule.id in rules for rule in c.rules)]
    findings: list[Finding] = []
    files = []
    for path in discover(list(paths)):
        source = load_file(path, texts.get(path))
        for check in active:
            if check.run_file is not None:
                problems = check.run_file(source, options.config)
                findings.extend(_stamped(check, problems, rules))
        files.append(replace(source, root=None))
    corpus = Corpus(tuple(files))
    for check in active:
        if check.run is not None:
            findings.extend(_stamped(check, check.run(corpus, options.config), rules))
    findings = _apply_suppressions(findings, corpus, rules)
    return AuditResult(corpus, tuple(sorted(findings, key=Finding.sort_key)))


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

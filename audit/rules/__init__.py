"""The rule registry: the single source of truth for rule ids and severities.

A rule family is one module in this package. It declares its rules with
`register` or the `check` decorator and yields `Problem`s; the core stamps
the rule id and severity, applies suppressions and `--select`/`--ignore`, and
sorts. Adding a rule therefore means adding one module and its test: the CLI's
choices, `faq-audit rules` and the README table are all built from here.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audit.model import Corpus, Problem, Severity, SourceFile

if TYPE_CHECKING:
    from audit.config import Config

CheckFn = Callable[[Corpus, "Config"], Iterable[Problem]]
FileCheckFn = Callable[[SourceFile, "Config"], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity and defaults; `options` are the settings the config may change."""

    id: str
    severity: Severity
    summary: str
    module: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fixable: bool = False  # some of its findings carry a fix that `faq-audit fix` applies


@dataclass(frozen=True, slots=True)
class Check:
    """A function that reports one rule, or a small family of them (the first is its default).

    A file check sees one file at a time, while its YAML node tree is still
    in memory; a corpus check sees every entry of the run. A rule that judges
    each entry on its own is a file check: on a large run files are checked
    in worker processes, on every core. Only rules that compare entries with
    each other (duplicates, inconsistent contacts) are corpus checks. The
    tree is released after the file checks, which halves the memory of a run.
    """

    rules: tuple[Rule, ...]
    run: CheckFn | None = None
    run_file: FileCheckFn | None = None


_RULES: dict[str, Rule] = {}
_CHECKS: list[Check] = []
_loaded = False


def register(
    rule_id: str,
    severity: Severity,
    summary: str,
    options: Mapping[str, Any] | None = None,
    choices: Mapping[str, tuple[str, ...]] | None = None,
    *,
    fixable: bool = False,
) -> Rule:
    """`choices` names the values an option may take (each item, for a list option);
    the config is checked against them with line numbers."""
    if rule_id in _RULES:
        raise ValueError(f"rule {rule_id!r} is registered twice")
    module = sys._getframe(1).f_globals.get("__name__", "")
    rule = Rule(
        rule_id, severity, summary, module, dict(options or {}), dict(choices or {}), fixable
    )
    _RULES[rule_id] = rule
    return rule


def check(*rules: Rule) -> Callable[[CheckFn], CheckFn]:
    """Register a check over the whole corpus (entries of every file)."""

    def decorate(fn: CheckFn) -> CheckFn:
        _CHECKS.append(Check(rules, run=fn))
        return fn

    return decorate


def file_check(*rules: Rule) -> Callable[[FileCheckFn], FileCheckFn]:
    """Register a check that looks at one file, with its YAML node tree."""

    def decorate(fn: FileCheckFn) -> FileCheckFn:
        _CHECKS.append(Check(rules, run_file=fn))
        return fn

    return decorate


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue  # helpers shared by rule modules, not rules
        importlib.import_module(f"{__name__}.{info.name}")


def all_rules() -> dict[str, Rule]:
    _load()
    return dict(sorted(_RULES.items()))


def all_checks() -> list[Check]:
    _load()
    return list(_CHECKS)


def documentation(rule: Rule) -> str:
    """A rule's published documentation is its module's docstring (yamllint's habit)."""
    module = importlib.import_module(rule.module)
    return (module.__doc__ or rule.summary).strip()

"""The rule registry: the single source of truth for rule ids, families, severities and options.

A rule family is one module (or package) in this package. It states its rules
as data, in a module-level `RULES` tuple, and its checks with the
`entry_check` or `corpus_check` decorator; each check yields `Problem`s. The
registry reads both from the modules it finds here, so importing a rule module
changes no global state. The core stamps the rule id and severity, applies
suppressions and `--select`/`--ignore`, and sorts. Adding a rule therefore
means adding one module and its test: the CLI's choices, `faq-audit rules`,
the config check and the README table are all built from here.

A check's scope decides where it runs. An `entry_check` judges each entry on
its own; it is given one loaded file at a time, while the file's YAML node
tree is still in memory, and on a large run it runs in worker processes, on
every core. A `corpus_check` compares entries with each other (duplicates,
inconsistent contacts) and sees every entry of the run, in one process, after
the node trees are released.

A corpus check whose work is mostly per entry (reading claims, splitting
sentences) splits it in two: `corpus_check(*rules, prepare=fn)` declares
`fn(source, context) -> T`, which runs on each loaded file where entry checks
run (in the workers on a large run), and the check then takes a third
argument, `prepared: Sequence[T]`, one result per file in file order, and only
compares. A result travels back from a worker pickled together with its file,
so the entries it names are the run's own entry objects; it must be picklable
(tuples of frozen dataclasses are) and must not need the node tree.
"""

from __future__ import annotations

import enum
import functools
import importlib
import pkgutil
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar, overload

from audit.facts import Facts
from audit.model import Corpus, Problem, Severity, SourceFile

if TYPE_CHECKING:
    from audit.config import Config
    from audit.links.results import LinkResult


class Scope(enum.Enum):
    """What a rule needs to see to judge: one entry alone, or entries across files."""

    ENTRY = "entry"
    CORPUS = "corpus"

    def __str__(self) -> str:
        return self.value


OptionValue = bool | int | float | str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Option:
    """A setting a rule takes from the config, with its default.

    The config is checked against it: a value must be of the default's kind
    (a tuple default takes a list of text), and, when `choices` are given,
    each value (each item, for a list) must be one of them.
    """

    name: str
    default: OptionValue
    choices: tuple[str, ...] = ()
    doc: str = ""

    def value(self) -> Any:
        """The default as a rule receives config values: a list where the YAML has one."""
        return list(self.default) if isinstance(self.default, tuple) else self.default


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity and defaults, declared as data in its module's `RULES`.

    `family` is the id that selects, ignores, configures and suppresses the
    rule together with its siblings (`grammar` for `grammar-articles`); by
    default a rule is a family of its own. `module` is stamped by the registry:
    its docstring is the rule's published documentation.
    """

    id: str
    severity: Severity
    summary: str
    scope: Scope
    options: tuple[Option, ...] = ()
    fixable: bool = False  # some of its findings carry a fix that `faq-audit fix` applies
    family: str = ""
    module: str = ""

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", self.id)

    def option(self, name: str) -> Option | None:
        return next((option for option in self.options if option.name == name), None)

    @property
    def defaults(self) -> dict[str, Any]:
        return {option.name: option.value() for option in self.options}


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Everything a check is given besides what it judges; one object, so that the next
    capability (facts today, link results next) adds a field here, not a parameter to
    every check.

    `rules` are the check's rules that run in this run, in the order declared:
    a check that reports several skips the work of those not running.
    `settings` holds the options of each of the check's rules, running or not.
    """

    config: Config
    rules: tuple[Rule, ...]
    settings: Mapping[str, Mapping[str, Any]]
    facts: Facts = field(default_factory=Facts)
    links: Mapping[str, LinkResult] = field(default_factory=dict)  # by URL; only `links` probes

    @classmethod
    def build(
        cls,
        config: Config,
        rules: Iterable[Rule],
        running: Container[str] | None = None,
        facts: Facts | None = None,
        links: Mapping[str, LinkResult] | None = None,
    ) -> RuleContext:
        """The context of a check of `rules`, of which those in `running` run (default all)."""
        declared = tuple(rules)
        return cls(
            config,
            tuple(rule for rule in declared if running is None or rule.id in running),
            {rule.id: options_for(rule, config) for rule in declared},
            facts or Facts(),
            links or {},
        )

    @property
    def options(self) -> Mapping[str, Any]:
        """The options of a check's only rule."""
        if len(self.settings) != 1:
            raise ValueError("a check of several rules asks options_of(rule)")
        return next(iter(self.settings.values()))

    def options_of(self, rule: Rule) -> Mapping[str, Any]:
        return self.settings[rule.id]

    def runs(self, rule: Rule) -> bool:
        return any(mine.id == rule.id for mine in self.rules)


def options_for(rule: Rule, config: Config) -> dict[str, Any]:
    """A rule's options: its defaults, its family's settings on top, then its own."""
    settings: dict[str, Any] = {}
    if rule.family != rule.id:
        settings.update(config.rules.get(rule.family, {}))
    settings.update(config.rules.get(rule.id, {}))
    return {option.name: settings.get(option.name, option.value()) for option in rule.options}


EntryCheckFn = Callable[[SourceFile, RuleContext], Iterable[Problem]]
CorpusCheckFn = Callable[[Corpus, RuleContext], Iterable[Problem]]
Prepared = TypeVar("Prepared")
PrepareFn = Callable[[SourceFile, RuleContext], Prepared]
PreparedCheckFn = Callable[[Corpus, RuleContext, Sequence[Prepared]], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Check:
    """A function that reports one rule, or a few (a problem names its rule when there
    are several; the first is its default). Exactly one of `on_file`, `on_corpus` is set,
    as the rules' scope says.

    A corpus check declared with `prepare` also has `on_prepared`, the comparison
    given every file's prepared result; its `on_corpus` then prepares each file of
    the corpus itself and compares, for callers that hold a corpus and nothing else.
    """

    rules: tuple[Rule, ...]
    on_file: EntryCheckFn | None = None
    on_corpus: CorpusCheckFn | None = None
    prepare: PrepareFn[Any] | None = None
    on_prepared: PreparedCheckFn[Any] | None = None

    @property
    def scope(self) -> Scope:
        return Scope.ENTRY if self.on_file is not None else Scope.CORPUS

    @property
    def module(self) -> str:
        fn: Callable[..., object] | None = self.on_file or self.on_prepared or self.on_corpus
        return getattr(fn, "__module__", "")


def entry_check(*rules: Rule) -> Callable[[EntryCheckFn], Check]:
    """Declare a check of ENTRY-scoped rules: it is given one loaded file at a time."""

    def declare(fn: EntryCheckFn) -> Check:
        return Check(rules, on_file=fn)

    return declare


@overload
def corpus_check(*rules: Rule) -> Callable[[CorpusCheckFn], Check]: ...


@overload
def corpus_check(
    *rules: Rule, prepare: PrepareFn[Prepared]
) -> Callable[[PreparedCheckFn[Prepared]], Check]: ...


def corpus_check(
    *rules: Rule, prepare: PrepareFn[Any] | None = None
) -> Callable[[CorpusCheckFn], Check] | Callable[[PreparedCheckFn[Any]], Check]:
    """Declare a check of CORPUS-scoped rules: it is given every entry of the run, and,
    with `prepare`, what `prepare` made of each file (see the module's docstring)."""
    if prepare is None:

        def declare(fn: CorpusCheckFn) -> Check:
            return Check(rules, on_corpus=fn)

        return declare
    per_file = prepare

    def declare_prepared(fn: PreparedCheckFn[Any]) -> Check:
        def on_corpus(corpus: Corpus, context: RuleContext) -> Iterable[Problem]:
            return fn(corpus, context, [per_file(source, context) for source in corpus.files])

        return Check(rules, on_corpus=on_corpus, prepare=per_file, on_prepared=fn)

    return declare_prepared


@dataclass(frozen=True, slots=True)
class Registry:
    """Every rule (by id, sorted), every check, and the members of each family id."""

    rules: Mapping[str, Rule]
    checks: tuple[Check, ...]
    families: Mapping[str, frozenset[str]]


@functools.cache
def registry() -> Registry:
    """Read the rules and checks of every module here (not `_helpers`), once per process."""
    rules: dict[str, Rule] = {}
    checks: list[Check] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue  # helpers shared by rule modules, not rules
        module = importlib.import_module(f"{__name__}.{info.name}")
        for rule in getattr(module, "RULES", ()):
            if rule.id in rules:
                raise ValueError(f"rule {rule.id!r} is declared twice")
            rules[rule.id] = replace(rule, module=module.__name__)
        checks += [
            value
            for value in vars(module).values()
            if isinstance(value, Check) and value.module == module.__name__
        ]
    families: dict[str, set[str]] = {}
    for rule in rules.values():
        families.setdefault(rule.family, set()).add(rule.id)
    for family in families:
        if family in rules and rules[family].family != family:
            raise ValueError(f"family {family!r} is also the id of a rule of another family")
    stamped = tuple(_stamped(check, rules) for check in checks)
    return Registry(
        dict(sorted(rules.items())),
        stamped,
        {family: frozenset(members) for family, members in sorted(families.items())},
    )


def _stamped(check: Check, rules: Mapping[str, Rule]) -> Check:
    """The check with the registry's copies of its rules; each must be declared, in scope."""
    for rule in check.rules:
        if rule.id not in rules:
            raise ValueError(f"{check.module}: rule {rule.id!r} is not in any module's RULES")
        if rule.scope is not check.scope:
            raise ValueError(
                f"{check.module}: {rule.scope} rule {rule.id!r} in a {check.scope} check"
            )
    return replace(check, rules=tuple(rules[rule.id] for rule in check.rules))


def all_rules() -> dict[str, Rule]:
    return dict(registry().rules)


def all_checks() -> list[Check]:
    return list(registry().checks)


def members(rule_or_family: str) -> frozenset[str]:
    """The rule ids an id given by a user stands for: a rule's own id is that rule; a
    family id is all of its rules (`grammar`: `grammar-agreement`, `grammar-articles`,
    `grammar-repeated-words`). Empty for an id that is neither: the caller reports it.

    `--select`, `--ignore`, the config's `rules:` keys and `ignore[…]` comments all go
    through this, so a family id means the same everywhere.
    """
    found = registry().families.get(rule_or_family)
    if found is not None:
        return found
    return frozenset({rule_or_family}) if rule_or_family in registry().rules else frozenset()


def documentation(rule: Rule) -> str:
    """A rule's published documentation is its module's docstring (yamllint's habit)."""
    module = importlib.import_module(rule.module)
    return (module.__doc__ or rule.summary).strip()


def config_problems(config: Config) -> list[Problem]:
    """What the config's schema cannot know: that each `rules:` key is a rule or family
    id and that each option is one the rule declares, of the right kind and value.

    It lives here, not in the config, because the registry reads the config and never
    the other way round; `load_config(path, check=config_problems)` reports these with
    the config's other problems, on their lines.
    """
    from audit.rules._config_check import problems

    return list(problems(config, registry()))

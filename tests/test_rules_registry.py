"""The rule registry: rules declared as data, found in their modules, selected by family."""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

import audit.rules
from audit import engine
from audit.config import Config
from audit.model import Corpus, Position, Problem, Severity, SourceFile
from audit.rules import (
    Option,
    Rule,
    RuleContext,
    Scope,
    _stamped,
    all_checks,
    all_rules,
    corpus_check,
    documentation,
    entry_check,
    members,
    registry,
)
from audit.source.loader import load_file
from tests.conftest import ROOT, CliRun
from tests.rules.helpers import STYLE_RULES

SLIPS = """\
category: A
entries:
  - id: a
    question: Is this right?
    answer: Click the the button. It takes a hour. Once order are placed.
"""


def test_every_rule_is_stated_in_its_modules_rules_and_documented_there() -> None:
    for rule in all_rules().values():
        module = importlib.import_module(rule.module)
        assert rule.id in [declared.id for declared in module.RULES], rule.id
        assert f"`{rule.id}`" in documentation(rule), rule.id


def test_each_check_reports_rules_of_its_own_scope_as_the_registry_holds_them() -> None:
    rules = all_rules()
    reported = set()
    for check in all_checks():
        assert (check.on_file is None) != (check.on_corpus is None)
        for rule in check.rules:
            assert rule is rules[rule.id]  # the stamped copy, with its module
            assert rule.scope is check.scope, rule.id
            reported.add(rule.id)
    # the core reports these two, where it meets the suppressions
    assert set(rules) - reported == {"unused-suppression", "unexplained-suppression"}


def test_declaring_a_check_changes_no_registry() -> None:
    rule = Rule("made-up", Severity.INFO, "nothing", Scope.ENTRY)
    before = all_checks()

    @entry_check(rule)
    def made_up(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
        yield from ()

    assert made_up.rules == (rule,) and made_up.scope is Scope.ENTRY
    assert all_checks() == before and "made-up" not in all_rules()


def _first_entry_ids(source: SourceFile, context: RuleContext) -> tuple[str, ...]:
    return tuple(entry.id or "" for entry in source.entries[:1])


def test_a_corpus_check_that_prepares_compares_what_each_file_gave(tmp_path: Path) -> None:
    """`prepare` runs per file (in the workers); the check is given one result per file,
    in file order, and `on_corpus` does both in one process for a caller with a corpus."""
    rule = Rule("made-up-corpus", Severity.INFO, "nothing", Scope.CORPUS)

    @corpus_check(rule, prepare=_first_entry_ids)
    def made_up(
        corpus: Corpus, context: RuleContext, prepared: Sequence[tuple[str, ...]]
    ) -> Iterator[Problem]:
        yield Problem(" ".join(i for ids in prepared for i in ids), Position("x", 1, 1))

    assert made_up.scope is Scope.CORPUS and made_up.prepare is _first_entry_ids
    assert made_up.module == __name__
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"category: C\nentries:\n  - id: {name}-1\n    question: Q?\n    answer: A.\n"
            f"  - id: {name}-2\n    question: Q?\n    answer: A.\n",
            encoding="utf-8",
        )
        files.append(load_file(path))
    context = RuleContext.build(Config(), made_up.rules)
    assert made_up.on_prepared is not None and made_up.on_corpus is not None
    given = list(made_up.on_prepared(Corpus(()), context, [("x",), ("y",)]))
    assert [p.message for p in given] == ["x y"]
    alone = list(made_up.on_corpus(Corpus(tuple(files)), context))
    assert [p.message for p in alone] == ["a-1 b-1"]


NEW_RULE_MODULE = '''\
"""Answers that shout.

- `shouting`: an answer written in capitals.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.model import Problem, Severity, SourceFile
from audit.rules import Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts

SHOUTING = Rule("shouting", Severity.INFO, "an answer in capitals", Scope.ENTRY)
RULES = (SHOUTING,)


@entry_check(SHOUTING)
def shouting(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    for entry, _field, text in texts(source, ("answer",)):
        if text.value.isupper():
            yield problem_at(entry, text, 0, len(text.value), "write it in sentence case")
'''


@pytest.fixture
def extra_rule_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A second folder of rule modules, as if one more module stood in audit/rules/."""
    folder = tmp_path / "more_rules"
    folder.mkdir()
    monkeypatch.setattr(audit.rules, "__path__", [*audit.rules.__path__, str(folder)])
    registry.cache_clear()
    yield folder
    registry.cache_clear()
    sys.modules.pop("audit.rules.shouting", None)


def test_adding_a_rule_is_adding_one_module(extra_rule_folder: Path, write: Any) -> None:
    (extra_rule_folder / "shouting.py").write_text(NEW_RULE_MODULE, encoding="utf-8")
    (extra_rule_folder / "_helper.py").write_text("RULES = 1 / 0\n", encoding="utf-8")  # skipped
    rule = all_rules()["shouting"]
    assert (rule.module, rule.scope) == ("audit.rules.shouting", Scope.ENTRY)
    assert documentation(rule).startswith("Answers that shout.")
    path = write("faq/a.yaml", SLIPS.replace(SLIPS.splitlines()[-1], "    answer: CALL US."))
    result = engine.audit([path], engine.Options(select=frozenset({"shouting"})))
    assert [(f.rule, f.severity, f.position.line) for f in result.findings] == [
        ("shouting", Severity.INFO, 5)
    ]


def test_a_check_of_an_undeclared_rule_or_of_another_scope_is_refused() -> None:
    declared = Rule("declared", Severity.INFO, "x", Scope.CORPUS)

    @entry_check(declared)
    def wrong_scope(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
        yield from ()

    with pytest.raises(ValueError, match="corpus rule 'declared' in a entry check"):
        _stamped(wrong_scope, {"declared": declared})
    with pytest.raises(ValueError, match="'declared' is not in any module's RULES"):
        _stamped(wrong_scope, {})


def test_no_rule_module_inspects_frames_to_register() -> None:
    for path in (ROOT / "audit").rglob("*.py"):
        assert "_getframe" not in path.read_text(encoding="utf-8"), path


def test_a_family_id_stands_for_its_rules_and_a_rule_id_for_itself() -> None:
    assert members("grammar") == {
        "grammar-agreement",
        "grammar-articles",
        "grammar-its",
        "grammar-repeated-words",
        "grammar-your",
    }
    assert members("grammar-articles") == {"grammar-articles"}
    assert members("spacing") == {"spacing"}
    assert members("grammer") == frozenset()


def test_a_rule_takes_its_family_options_then_its_own() -> None:
    rules = all_rules()
    agreement, articles = rules["grammar-agreement"], rules["grammar-articles"]
    config = Config(rules={"grammar": {"allow": ["a FAQ"]}, "grammar-articles": {"allow": []}})
    context = RuleContext.build(config, (agreement, articles), running={"grammar-articles"})
    assert context.options_of(agreement) == {"allow": ["a FAQ"]}
    assert context.options_of(articles) == {"allow": []}
    assert context.rules == (articles,)
    assert context.runs(articles) and not context.runs(agreement)
    with pytest.raises(ValueError, match="options_of"):
        _ = context.options  # a check of several rules names the rule it asks about
    spacing = rules["spacing"]
    assert RuleContext.build(Config(), (spacing,)).options == {
        "checks": list(spacing.defaults["checks"])
    }


def test_an_option_default_is_given_to_a_rule_as_the_config_would_give_it() -> None:
    assert Option("terms", ("a", "b")).value() == ["a", "b"]
    assert Option("min-words", 6).value() == 6


# --------------------------------------------------------------------------- the command line


def _rules_found(cli: CliRun, *argv: str) -> list[str]:
    code, out, _ = cli("validate", "faq", "--format", "json", *argv)
    assert code in (0, 1)
    return sorted({f["rule"] for f in json.loads(out)["findings"]})


def test_select_and_ignore_on_the_command_line_take_a_family_id(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", SLIPS)
    family = ["grammar-agreement", "grammar-articles", "grammar-repeated-words"]
    assert _rules_found(cli, "--select", "grammar") == family
    assert _rules_found(cli, "--select", "grammar", "--ignore", "grammar-agreement") == family[1:]
    assert not set(family) & set(_rules_found(cli, "--ignore", "grammar"))
    code, _, err = cli("validate", "faq", "--select", "grammer")
    assert code == 2 and "unknown rule 'grammer'" in err


def test_the_config_silences_one_rule_of_a_family(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", SLIPS)
    write("faq-audit.yaml", "rules:\n  grammar-articles:\n    severity: 'off'\n")
    found = _rules_found(cli)
    assert "grammar-articles" not in found
    assert {"grammar-agreement", "grammar-repeated-words"} <= set(found)


def test_rules_explains_a_family_and_each_of_its_rules(cli: CliRun) -> None:
    code, out, _ = cli("rules", "grammar")
    assert code == 0
    assert out.startswith(
        "grammar: the rules grammar-agreement, grammar-articles, grammar-its, "
        "grammar-repeated-words, grammar-your\n\n"
    )
    assert "  allow: []" in out
    code, out, _ = cli("rules", "grammar-articles")
    assert code == 0 and out.startswith("grammar-articles (warning; of the grammar family)\n\n")


def test_every_style_rule_is_listed_as_a_warning_with_its_documentation(cli: CliRun) -> None:
    rules = all_rules()
    for rule_id in STYLE_RULES:
        assert str(rules[rule_id].severity) == "warning"
        assert rules[rule_id].options, rule_id
        code, out, _ = cli("rules", rule_id)
        assert code == 0
        assert out.startswith(f"{rule_id} (warning)\n\n")
        assert f"\n`{rule_id}`: " in out  # the module docstring says what it catches
        assert "Options, with defaults (paste into faq-audit.yaml):" in out


def test_rules_rule_shows_that_rule_and_not_its_siblings(cli: CliRun) -> None:
    code, out, _ = cli("rules", "duplicate-question")
    assert code == 0
    assert "`duplicate-question`: two entries ask the same question" in out
    assert "duplicate-id" not in out  # documented in the same module, shown on its own


def test_every_rule_is_shown_with_a_failing_and_a_passing_example(cli: CliRun) -> None:
    # examples are indented lines: at least one that fails and one that passes (the rule
    # cases marked `doc` prove that they do, tests/rules/test_rule_cases.py)
    for rule_id in all_rules():
        _, out, _ = cli("rules", rule_id)
        shown = out.split("\nOptions, with defaults")[0]
        assert len(re.findall(r"\n {2,}\S", shown)) >= 2, rule_id


def test_options_are_shown_as_yaml_to_paste_into_the_config(cli: CliRun) -> None:
    _, out, _ = cli("rules", "review-due")
    pasted = out.split("Options, with defaults (paste into faq-audit.yaml):\n")[1]
    assert "require: false" in pasted and "False" not in pasted
    assert yaml.safe_load(pasted) == {
        "rules": {"review-due": {"max-age-months": 12, "require": False}}
    }


def test_rules_speaks_json_for_the_list_and_for_one_rule(cli: CliRun) -> None:
    _, out, _ = cli("rules", "--format", "json")
    listed = json.loads(out)["rules"]
    assert [rule["id"] for rule in listed] == sorted(all_rules())
    _, out, _ = cli("rules", "review-due", "--format", "json")
    (rule,) = json.loads(out)["rules"]
    assert rule["options"]["require"]["default"] is False
    assert rule["documentation"].startswith("Answers nobody has checked for too long.")

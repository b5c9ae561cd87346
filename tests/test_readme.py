"""The README's tables are built from the registry and the schemas, and stay in step with them."""

from __future__ import annotations

import json
import re

from audit.rules import all_rules
from tests.conftest import ROOT, CliRun

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_rules_table_is_what_the_registry_prints(cli: CliRun) -> None:
    code, table, _ = cli("rules", "--format", "markdown")
    assert code == 0
    match = re.search(r"<!-- rules:start[^\n]*-->\n(.*?)<!-- rules:end -->", README, re.DOTALL)
    assert match is not None, "the README has no generated rules table"
    assert match.group(1) == table, "run `faq-audit rules --format markdown` and paste it"


def test_every_rule_option_and_config_key_is_documented() -> None:
    config = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    for key in config["properties"]:
        assert f"`{key}`" in README, key
    for rule in all_rules().values():
        for option in rule.options:
            assert f"`{option.name}`" in README, (rule.id, option.name)


def test_the_adding_a_rule_example_is_the_real_module_and_its_cases() -> None:
    section = README.split("## Adding a rule", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:python|yaml)\n(.*?)```", section, re.DOTALL)
    assert blocks == [
        (ROOT / "audit" / "rules" / "stale_term.py").read_text(encoding="utf-8"),
        (ROOT / "tests" / "rules" / "cases" / "stale-term.yml").read_text(encoding="utf-8"),
    ], "paste audit/rules/stale_term.py and tests/rules/cases/stale-term.yml into the README"

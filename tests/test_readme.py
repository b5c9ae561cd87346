"""The README's tables are built from the registry and the schemas, and stay in step with them."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path

from audit.commands.arguments import build_parser
from audit.config import Config
from audit.rules import Option, all_rules
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


def _section(heading: str) -> str:
    """The README's text under a heading, up to the next heading of any level."""
    return README.split(heading + "\n", 1)[1].split("\n#", 1)[0]


def _rows(section: str, header: str) -> list[list[str]]:
    """The cells of each row of the table that starts with `header` in `section`."""
    table = section.split(header + "\n", 1)[1].split("\n\n", 1)[0]
    lines = [line for line in table.splitlines() if line.startswith("|")][1:]  # the rule `---`
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]


def _default_holds(shown: str, option: Option, rule: str) -> None:
    """The README's default for an option says the registry's default: the same number,
    switch or characters, and for a list only values of the list (all of them unless the
    README ends the list with `…`)."""
    default = option.default
    where = (rule, option.name, shown)
    if isinstance(default, bool):
        assert {"on": True, "true": True, "off": False, "false": False}[shown] is default, where
    elif isinstance(default, int):
        assert int(shown) == default, where
    elif isinstance(default, str):
        assert shown.strip("`") == default, where
    elif shown.startswith("none"):
        assert default == (), where
    elif shown == "all":
        assert option.choices and default == option.choices, where
    else:
        items = re.findall(r'"([^"]+)"', shown) or [
            item.strip() for item in shown.rstrip("…").split(",")
        ]
        values = {word for value in default for word in value.split("|")}
        assert items and set(items) <= values, (where, sorted(set(items) - values))
        if not shown.endswith("…"):
            assert len(items) == len(default), where


def test_the_rule_options_table_says_the_registry_options_and_defaults() -> None:
    rules = all_rules()
    rows = _rows(_section("## Configuration: `faq-audit.yaml`"), "| rule | option | default |")
    documented = set()
    for rule_cell, option_cell, default_cell in rows:
        ids = [name for name in re.findall(r"`([a-z0-9-]+)`", rule_cell) if name in rules]
        names = re.findall(r"(?:^|; )`([a-z-]+)`", option_cell)
        defaults = default_cell.split("; ")
        assert ids and names and len(names) == len(defaults), (rule_cell, option_cell)
        for rule_id in ids:
            options = {option.name: option for option in rules[rule_id].options}
            for name, shown in zip(names, defaults, strict=True):
                assert name in options, (rule_id, name, "not an option of the rule")
                _default_holds(shown, options[name], rule_id)
                documented.add((rule_id, name))
                listed = re.search(r"which of ([a-z, -]+)", option_cell)
                if options[name].choices and listed:  # the choices, as the config takes them
                    assert listed.group(1).split(", ") == list(options[name].choices), name
    every = {(rule.id, option.name) for rule in rules.values() for option in rule.options}
    assert documented == every, sorted(every - documented)


def test_the_validate_options_table_lists_every_option_of_validate_help() -> None:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    flags = {
        flag
        for action in commands.choices["validate"]._actions
        for flag in action.option_strings
        if flag.startswith("--") and flag != "--help"
    }
    rows = _rows(_section("### `faq-audit validate [PATH…]`"), "| option | meaning |")
    listed = {re.match(r"`(--[a-z-]+)", option).group(1) for option, _ in rows}  # type: ignore[union-attr]
    assert listed == flags, {"missing": sorted(flags - listed), "extra": sorted(listed - flags)}


CARELESS = """\
category: New
entries:
  - id: gift-cards
    question: Can I pay with a gift card
    answer: No
  - id: track-order
    question: How do I track my order?
    anwser: Use the link in your order e-mail.
"""


def test_the_json_example_is_what_validate_prints(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    example = re.search(
        r"```console\n\$ (faq-audit validate faq/new.yaml --format json[^\n]*)\n(.*?)```",
        README,
        re.DOTALL,
    )
    assert example is not None, "the README has no JSON example"
    write("faq/new.yaml", CARELESS)
    code, out, _ = cli(*example.group(1).split()[1:])
    assert code == 1
    assert out == example.group(2)
    assert json.loads(out)["findings"][0]["fix"] is not None  # the example shows a fix


def test_the_config_keys_table_gives_the_defaults_and_styles_the_code_has() -> None:
    rows = _rows(_section("## Configuration: `faq-audit.yaml`"), "| key | meaning | default |")
    defaults = {key.strip("`"): default for key, _, default in rows}
    config = Config()
    assert defaults["region"] == f"`{config.region}`"
    for key in ("phone-style", "contacts", "baseline"):
        assert defaults[key].startswith("none"), key
        assert not getattr(config, key.replace("-", "_")), key
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    styles = schema["properties"]["phone-style"]["enum"]
    example = re.search(r"phone-style: \S+ +#(.*)\n +#(.*)", README)  # the bundled config
    assert example is not None
    shown = [part.split()[0] for part in (example.group(1) + example.group(2)).split("|")]
    assert shown == styles
    validate_rows = _rows(_section("### `faq-audit validate [PATH…]`"), "| option | meaning |")
    [meaning] = [text for option, text in validate_rows if option.startswith("`--phone-style")]
    assert re.findall(r"`([a-z0-9-]+)`", meaning)[: len(styles)] == styles


def test_the_validate_console_example_prints_what_the_readme_shows(
    cli: CliRun, tmp_path: Path
) -> None:
    import shutil

    for name in ("faq", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("faq-audit.yaml", ".faq-audit-baseline.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    block = README.split("```console\n$ faq-audit validate faq/ --select", 1)[1].split("```")[0]
    runs = ("$ faq-audit validate faq/ --select" + block).split("$ ")[1:]
    assert len(runs) == 3
    for run in runs:
        command, _, shown = run.partition("\n")
        if command.startswith("cat "):
            (tmp_path / command.split()[1]).write_text(shown, encoding="utf-8")
            continue
        _, out, err = cli(*command.split()[1:])
        assert out + err == shown, command

"""faq-audit.yaml: read once, checked with line numbers, and obeyed by every rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from audit.config import Config, ConfigError, find_config, load_config
from audit.model import Severity
from audit.rules import config_problems
from tests.conftest import ROOT, CliRun
from tests.rules.helpers import CONTENT

GOOD = """\
region: GB
phone-style: international
contacts:
  customer-care:
    phone: +44 20 7946 0958
    email: help@example.co.uk
rules:
  duplicate-question:
    severity: error
  duplicate-id:
    enabled: false
"""

DUPLICATED_QUESTION = """\
category: A
entries:
  - id: a
    question: How do I pay?
    answer: One.
  - id: b
    question: How do I pay?
    answer: Two.
"""


def _problems(write: Any, text: str) -> list[tuple[int, str]]:
    path = write("faq-audit.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, check=config_problems)
    return [(p.position.line, p.message) for p in caught.value.problems]


def test_the_bundled_config_is_valid_and_names_customer_care() -> None:
    config = load_config(ROOT / "faq-audit.yaml")
    assert config.region == "US"
    assert config.phone_style == "national"
    (contact,) = config.contacts
    assert (contact.name, contact.phone, contact.email, contact.words) == (
        "customer-care",
        "(800) 796-7546",
        "customercare@imageskincare.com",
        ("customer care",),
    )


def test_settings_are_read_and_words_default_to_the_contact_name(write: Any) -> None:
    config = load_config(write("faq-audit.yaml", GOOD))
    assert (config.region, config.phone_style) == ("GB", "international")
    assert config.contacts[0].words == ("customer care",)
    assert config.severity("duplicate-question", Severity.WARNING) is Severity.ERROR
    assert config.severity("duplicate-id", Severity.ERROR) is None
    assert config.severity("schema", Severity.ERROR) is Severity.ERROR


def test_no_config_file_means_the_defaults() -> None:
    assert load_config(None) == Config()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("regoin: US\n", [(1, "`regoin` is not a field of the file; did you mean `region`?")]),
        ("region: usa\n", [(1, "region 'usa' does not have the expected form")]),
        ("region: ZZ\n", [(1, "'ZZ' is not a region faq-audit knows phone numbers for")]),
        ("phone-style: fancy\n", [(1, "phone-style 'fancy' is not one of: national, dashes")]),
        (
            "rules:\n  duplicate-questoin:\n    severity: error\n",
            [(2, "there is no rule 'duplicate-questoin'; did you mean 'duplicate-question'?")],
        ),
        (
            "rules:\n  duplicate-id:\n    severity: loud\n",
            [(3, "severity 'loud' is not one of: error, warning, info, off")],
        ),
        (
            "rules:\n  duplicate-id:\n    colour: red\n",
            [(3, "'colour' is not an option of duplicate-id (its options: none)")],
        ),
        (
            "rules:\n  review-due:\n    max-age-months: soon\n",
            [(3, "review-due: 'max-age-months' must be a number")],
        ),
        (  # not accepted as an age, nor cut to 1 in silence
            "rules:\n  review-due:\n    max-age-months: -5\n",
            [(3, "'max-age-months' must be a whole number of 0 or more, not -5")],
        ),
        (
            "rules:\n  review-due:\n    max-age-months: 1.5\n",
            [(3, "'max-age-months' must be a whole number of 0 or more, not 1.5")],
        ),
        (
            "rules:\n  stale-term:\n    terms: COVID\n",
            [(3, "stale-term: 'terms' must be a list of text")],
        ),
        (
            "contacts:\n  care:\n    phone: (555) 123-4567\n",
            [(3, "the phone number of care, '(555) 123-4567', is not a valid number for US")],
        ),
        (
            "contacts:\n  care:\n    email: care@@example.com\n",
            [(3, "the email address of care, 'care@@example.com', is not a valid address")],
        ),
        # at the bracket left open, saying so (not "indentation")
        ("region: [US\n", [(1, "invalid YAML: the '[' on line 1 opens a list that is never")]),
    ],
)
def test_config_problems_are_reported_on_their_line(
    write: Any, text: str, expected: list[tuple[int, str]]
) -> None:
    got = _problems(write, text)
    assert [line for line, _ in got] == [line for line, _ in expected]
    for (_, message), (_, fragment) in zip(got, expected, strict=True):
        assert fragment in message


def test_a_broken_config_stops_the_cli_with_exit_2_and_the_line(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", DUPLICATED_QUESTION)
    write("faq-audit.yaml", "rules:\n  duplicate-question:\n    severity: loud\n")
    code, out, err = cli("validate", "faq")
    assert code == 2
    assert out == ""
    assert err.splitlines()[0].startswith("faq-audit.yaml:3:15: error config severity 'loud'")


def test_the_config_sets_severity_and_can_turn_a_rule_off(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", DUPLICATED_QUESTION)
    write("faq-audit.yaml", "rules:\n  duplicate-question:\n    severity: error\n")
    code, out, _ = cli("validate", "faq", "--format", "json")
    assert [(f["rule"], f["severity"]) for f in json.loads(out)["findings"]] == [
        ("duplicate-question", "error")
    ]
    assert code == 1
    write("faq-audit.yaml", "rules:\n  duplicate-question:\n    severity: 'off'\n")
    code, out, _ = cli("validate", "faq", "--format", "json")
    assert json.loads(out)["findings"] == [] and code == 0
    code, out, _ = cli("validate", "faq", "--format", "json", "--select", "duplicate-question")
    assert len(json.loads(out)["findings"]) == 1  # asked for by name: the command line wins


def test_the_config_is_found_in_a_parent_folder_but_not_above_the_repository(
    tmp_path: Path,
) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "faq" / "deep").mkdir(parents=True)
    (tmp_path / "faq-audit.yaml").write_text("region: GB\n", encoding="utf-8")
    assert find_config(tmp_path / "repo" / "faq" / "deep") is None
    (tmp_path / "repo" / "faq-audit.yaml").write_text("region: DE\n", encoding="utf-8")
    assert find_config(tmp_path / "repo" / "faq" / "deep") == tmp_path / "repo" / "faq-audit.yaml"


def test_command_line_flags_override_the_config(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", DUPLICATED_QUESTION)
    write("faq-audit.yaml", "region: GB\n")
    code, _, err = cli("validate", "faq", "--region", "zz")
    assert code == 2 and "'zz' is not a region" in err
    code, _, err = cli("validate", "faq", "--config", "missing.yaml")
    assert code == 2 and "the config file 'missing.yaml' does not exist" in err


def test_a_family_id_takes_the_options_of_its_rules_and_a_rule_id_its_own(write: Any) -> None:
    text = (
        "rules:\n"
        "  grammar:\n    allow: [a FAQ]\n    severity: info\n"
        "  grammar-articles:\n    severity: 'off'\n"
    )
    config = load_config(write("faq-audit.yaml", text), check=config_problems)
    assert config.severity("grammar-agreement", Severity.WARNING, "grammar") is Severity.INFO
    assert config.severity("grammar-articles", Severity.WARNING, "grammar") is None
    assert config.severity("spacing", Severity.WARNING, "spacing") is Severity.WARNING


def test_rule_problems_and_the_configs_own_are_reported_together_in_line_order(
    write: Any,
) -> None:
    text = (
        "rules:\n  grammer:\n    severity: error\n"
        "contacts:\n  care:\n    phone: (555) 123-4567\n"
        "region: ZZ\n"
    )
    assert [line for line, _ in _problems(write, text)] == [2, 6, 7]


def test_without_the_registrys_check_the_config_takes_any_rule_id(write: Any) -> None:
    """The config knows no rules: checking ids and options is the registry's job."""
    config = load_config(write("faq-audit.yaml", "rules:\n  no-such-rule:\n    colour: red\n"))
    assert config.rules == {"no-such-rule": {"colour": "red"}}
    assert [p.message for p in config_problems(config)] == [
        "there is no rule 'no-such-rule'; `faq-audit rules` lists them"
    ]


def test_the_config_module_imports_nothing_from_the_rules() -> None:
    import ast

    tree = ast.parse((ROOT / "audit" / "config.py").read_text(encoding="utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert imported and not [name for name in imported if name.startswith("audit.rules")]


def test_rule_options_in_the_config_file_are_checked(cli: CliRun, write: Any) -> None:
    write("faq/clinic.yaml", (CONTENT / "clinic.yaml").read_text(encoding="utf-8"))
    write("faq-audit.yaml", "rules:\n  review-due:\n    max-age-months: twelve\n")
    code, out, err = cli("validate", "faq", "--select", "review-due")
    assert code == 2 and out == ""
    assert "review-due: 'max-age-months' must be a number" in err
    write("faq-audit.yaml", "rules:\n  stale-term:\n    terms: [video visits]\n")
    code, out, err = cli("validate", "faq", "--select", "stale-term")
    assert code == 0
    assert out.splitlines() == [
        "faq/clinic.yaml:32:40: warning stale-term 'video visits' dates this text to the "
        "time it was written; re-check whether what it says still holds, then update the "
        "sentence or remove it"
    ]

"""The policy registry: read with its lines, checked like the config, never read as content.

A registry with a problem stops the run before any file is checked, as a
broken config does (exit 2), each problem on its line; a registry that is not
there is no problem unless the config names it; and `validate faq/` leaves the
registry the config names out of the FAQ content, wherever it stands.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from audit.config import Config, load_config
from audit.extract.claims import Comparator
from audit.facts.registry import PoliciesError, load_facts, read_facts
from tests.conftest import ROOT, CliRun

BUNDLED = ROOT / "faq" / "policies.yaml"
SCHEMA = ROOT / "schemas" / "policies.schema.json"
ENTRY = (
    "category: Shipping\nentries:\n  - id: a\n    question: Q?\n"
    "    answer: Orders over $40 ship free.\n"
)
REGISTRY = """\
facts:
  - id: free-shipping-threshold
    topic: shipping
    quantity: fee
    variable: order-total
    comparator: over
    value: 50
    unit: USD
    outcome: free
"""


def test_the_bundled_registry_fits_its_schema_and_the_schema_its_metaschema() -> None:
    import yaml

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(yaml.safe_load(BUNDLED.read_text())))
    assert errors == []


def test_the_bundled_registry_reads_into_facts_with_their_lines() -> None:
    facts = read_facts(BUNDLED, contacts="faq-audit.yaml")
    by_id = {fact.id: fact for fact in facts.facts}
    threshold = by_id["free-shipping-threshold"]
    assert (threshold.comparator, threshold.value, threshold.unit) == (
        Comparator.GE,
        Decimal(500),
        "USD",
    )
    line = BUNDLED.read_text(encoding="utf-8").splitlines()[threshold.position.line - 1]
    assert line.strip() == "value: 500"
    hours = by_id["support-hours"]
    assert (hours.days, hours.opens, hours.closes, hours.zone) == ((0, 1, 2, 3, 4), 510, 1080, "ET")
    assert facts.contacts == "faq-audit.yaml"


def test_no_registry_is_no_problem_unless_the_config_names_one(tmp_path: Path) -> None:
    config = tmp_path / "faq-audit.yaml"
    config.write_text("region: US\n", encoding="utf-8")
    assert load_facts(load_config(config)).facts == ()
    config.write_text("policies: policy/facts.yaml\n", encoding="utf-8")
    with pytest.raises(PoliciesError) as raised:
        load_facts(load_config(config))
    (problem,) = raised.value.problems
    assert "named by `policies:` does not exist" in problem.message
    assert problem.position.line == 1


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        ("comparator: over", 6, "comparator 'overr' is not one of"),
        ("value: 50", 7, "value must be a number, but it is text"),
        ("topic: shipping", 3, "topic 'Shipping Costs' is not a slug"),
    ],
)
def test_a_registry_problem_stops_the_run_on_its_line(
    change: str, line: int, words: str, cli: CliRun, tmp_path: Path
) -> None:
    broken = {
        "comparator: over": "comparator: overr",
        "value: 50": 'value: "fifty"',
        "topic: shipping": "topic: Shipping Costs",
    }[change]
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "shipping.yaml").write_text(ENTRY, encoding="utf-8")
    (tmp_path / "faq" / "policies.yaml").write_text(
        REGISTRY.replace(change, broken), encoding="utf-8"
    )
    code, out, _ = cli("validate", "faq", "--format", "json")
    assert code == 2
    document = json.loads(out)
    assert document["error"] == "the policy registry has problems; fix them first"
    (finding,) = document["findings"]
    assert (finding["rule"], finding["path"], finding["line"]) == (
        "config",
        "faq/policies.yaml",
        line,
    )
    assert words in finding["message"]


def test_what_the_schema_cannot_say_is_reported_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "policies.yaml"
    path.write_text(
        REGISTRY
        + "  - id: free-shipping-threshold\n    topic: shipping\n    quantity: hours\n"
        + '    days: [mon]\n    opens: "18:00"\n    closes: "09:00"\n',
        encoding="utf-8",
    )
    with pytest.raises(PoliciesError) as raised:
        read_facts(path)
    said = [(p.position.line, p.message) for p in raised.value.problems]
    assert said == [
        (10, "the id 'free-shipping-threshold' is already used at line 2"),
        (15, "the hours close (09:00) before they open (18:00)"),
    ]


def test_validate_does_not_read_the_registry_as_content_and_compares_with_it(
    cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "shipping.yaml").write_text(ENTRY, encoding="utf-8")
    (tmp_path / "faq" / "policies.yaml").write_text(REGISTRY, encoding="utf-8")
    code, out, _ = cli("validate", "faq", "--format", "json")
    document = json.loads(out)
    assert document["summary"]["files"] == 1
    (finding,) = document["findings"]
    assert finding["rule"] == "policy-mismatch" and code == 1
    assert 'free-shipping-threshold is "over $50"' in finding["message"]


def test_a_registry_named_elsewhere_is_skipped_there_and_the_default_is_content_again(
    cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "shipping.yaml").write_text(ENTRY, encoding="utf-8")
    (tmp_path / "faq" / "facts.yaml").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "faq-audit.yaml").write_text("policies: faq/facts.yaml\n", encoding="utf-8")
    code, out, _ = cli("validate", "faq", "--format", "json", "--select", "policy")
    document = json.loads(out)
    assert document["summary"]["files"] == 1 and code == 1
    assert [f["rule"] for f in document["findings"]] == ["policy-mismatch"]


def test_the_default_registry_is_faq_policies_yaml_here_or_in_the_folder_checked(
    tmp_path: Path,
) -> None:
    assert Config().policies_files() == [Path("faq/policies.yaml")]
    assert Config().policies_files([tmp_path]) == [
        Path("faq/policies.yaml"),
        tmp_path / "policies.yaml",
    ]
    named = Config(path="site/faq-audit.yaml", policies="data/facts.yaml")
    assert named.policies_files([tmp_path]) == [Path("site/data/facts.yaml")]


def test_validate_elsewhere_skips_the_registry_of_the_folder_it_checks(
    cli: CliRun, tmp_path: Path
) -> None:
    faq = tmp_path / "site" / "faq"
    faq.mkdir(parents=True)
    (faq / "shipping.yaml").write_text(ENTRY, encoding="utf-8")
    (faq / "policies.yaml").write_text(REGISTRY, encoding="utf-8")
    code, out, _ = cli("validate", "site/faq", "--format", "json")
    document = json.loads(out)
    assert document["summary"]["files"] == 1 and code == 1
    assert [f["rule"] for f in document["findings"]] == ["policy-mismatch"]

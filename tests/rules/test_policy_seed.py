"""The policy checks on the verbatim seed page, as imported: the issue's done-when, one by one.

The seed states seven policy numbers. Two are defects (the shipping gap, the
EST hours), the others are consistent with each other and must stay silent:
the 10%-back reward over $500 is not a shipping rule, the 20% fee "after 30
days" follows the 30-day window, the 48-hour damage report is an exception.
`faq-audit facts` shows the bundled registry (faq/policies.yaml) against the
seed's prose, and a registry that moves the free-shipping threshold makes the
prose disagree with it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, CliRun
from tests.rules.helpers import json_document

SHIPPING = "what-are-shipping-options-and-costs"
RETURNS = "what-is-image-skincares-return-policy"
REWARDS = "how-do-i-get-free-samples-or-participate-in-the-10-back"


@pytest.fixture
def seed_faq(seed_yaml: Path, tmp_path: Path) -> Path:
    """The seed imported verbatim, with the bundled config beside it (and no registry)."""
    shutil.copy(ROOT / "faq-audit.yaml", tmp_path / "faq-audit.yaml")
    return seed_yaml


@pytest.fixture
def with_registry(seed_faq: Path) -> Path:
    """The bundled registry, written for the seed, where the config looks for it."""
    registry = seed_faq.parent / "policies.yaml"
    shutil.copy(ROOT / "faq" / "policies.yaml", registry)
    return registry


def policy_findings(cli: CliRun) -> list[dict[str, Any]]:
    code, out, err = cli("validate", "faq", "--select", "policy", "--format", "json")
    assert code in (0, 1), err
    findings: list[dict[str, Any]] = json_document(out)["findings"]
    return findings


def test_the_shipping_gap_names_the_entry_its_line_499_and_500(cli: CliRun, seed_faq: Path) -> None:
    (gap,) = [f for f in policy_findings(cli) if f["rule"] == "threshold-gap"]
    assert gap["entry"] == SHIPPING and gap["line"] == 59
    line = seed_faq.read_text(encoding="utf-8").splitlines()[gap["line"] - 1]
    assert "orders under $499 and free shipping on orders over $500" in line
    assert gap["message"] == (
        "order totals from $499.00 to $500.00 (both included) are covered by neither "
        f'"under $499" (fee 10 USD) nor "over $500" (free), both in \'{SHIPPING}\' '
        '(line 59); make the two bounds meet, e.g. "under $500" and "$500 or more"'
    )
    assert gap["severity"] == "warning"


def test_the_10_percent_back_reward_over_500_is_no_shipping_conflict(
    cli: CliRun, seed_faq: Path
) -> None:
    findings = policy_findings(cli)
    assert all(f["entry"] != REWARDS for f in findings)
    assert all("10% back" not in f["message"] for f in findings)
    assert not [f for f in findings if f["rule"] == "threshold-overlap"]


def test_the_30_day_window_and_the_fee_after_30_days_are_consistent(
    cli: CliRun, seed_faq: Path
) -> None:
    about_returns = [f for f in policy_findings(cli) if f["entry"] == RETURNS]
    assert [f["rule"] for f in about_returns] == ["timezone-ambiguous"]


def test_the_support_hours_are_flagged_on_est(cli: CliRun, seed_faq: Path) -> None:
    (zone,) = [f for f in policy_findings(cli) if f["rule"] == "timezone-ambiguous"]
    assert (zone["entry"], zone["line"]) == (RETURNS, 71)
    line = seed_faq.read_text(encoding="utf-8").splitlines()[zone["line"] - 1]
    assert line[zone["column"] - 1 :].startswith("EST ( except federal holidays)")
    assert zone["message"].endswith('these hours are kept all year; write "ET"')


def test_no_other_seed_number_makes_a_finding(cli: CliRun, seed_faq: Path) -> None:
    got = [(f["rule"], f["entry"], f["line"]) for f in policy_findings(cli)]
    assert got == [("threshold-gap", SHIPPING, 59), ("timezone-ambiguous", RETURNS, 71)]


def test_the_bundled_registry_agrees_with_every_seed_number(
    cli: CliRun, seed_faq: Path, with_registry: Path
) -> None:
    rules = [f["rule"] for f in policy_findings(cli)]
    assert rules == ["threshold-gap", "timezone-ambiguous"]


def test_a_free_shipping_threshold_of_450_makes_the_prose_disagree(
    cli: CliRun, seed_faq: Path, with_registry: Path
) -> None:
    text = with_registry.read_text(encoding="utf-8")
    moved = text.replace(
        "comparator: at-least\n    value: 500", "comparator: at-least\n    value: 450"
    )
    assert moved != text
    with_registry.write_text(moved, encoding="utf-8")
    (mismatch,) = [f for f in policy_findings(cli) if f["rule"] == "policy-mismatch"]
    assert (mismatch["entry"], mismatch["line"], mismatch["severity"]) == (SHIPPING, 59, "error")
    assert mismatch["message"].startswith(
        f"\"over $500\" (free) in '{SHIPPING}' (line 59) disagrees with the policy registry: "
        'free-shipping-threshold is "$450 or more"'
    )
    assert mismatch["related"][0]["path"].endswith("policies.yaml")


def test_facts_prints_each_fact_with_where_the_seed_states_it(
    cli: CliRun, seed_faq: Path, with_registry: Path
) -> None:
    code, out, _ = cli("facts", "faq")
    assert code == 0
    assert "Contacts are kept in faq-audit.yaml, under `contacts:`: customer-care" in out
    assert "Policy registry faq/policies.yaml: 8 facts." in out
    assert (
        "free-shipping-threshold: $500 or more → free   (faq/policies.yaml:32)\n"
        "    Orders of this total or more ship free (ground).\n"
        f'    agrees   faq/faq.yaml:59  {SHIPPING}  "over $500" (free)\n'
    ) in out
    hours = "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm EST"
    assert f'    agrees   faq/faq.yaml:71  {RETURNS}  "{hours}"\n' in out
    assert "DIFFERS" not in out and "stated in no answer" not in out
    assert out.endswith("Claims that state no fact: 0.\n")


def test_facts_as_json_lists_every_claim_with_its_entry_line_and_value(
    cli: CliRun, seed_faq: Path, with_registry: Path
) -> None:
    code, out, _ = cli("facts", "faq", "--format", "json")
    assert code == 0
    document = json.loads(out)
    claims = [
        (c["entry"], c["line"], c["topic"], c["variable"], c["comparator"], c["value"], c["unit"])
        for c in document["claims"]
    ]
    assert claims == [
        (SHIPPING, 59, "shipping", "order-total", "<", 499, "USD"),
        (SHIPPING, 59, "shipping", "order-total", ">", 500, "USD"),
        (RETURNS, 65, "returns", "days-since-purchase", "=", 30, "day"),
        (RETURNS, 67, "restocking-fee", "days-since-purchase", ">", 30, "day"),
        (RETURNS, 69, "damage-report", "hours-since-delivery", "=", 48, "hour"),
        (RETURNS, 71, "support-hours", None, "range", 510, "minute"),
        (REWARDS, 84, "rewards", "order-total", ">", 500, "USD"),
    ]
    assert all(c["path"] == "faq/faq.yaml" and c["facts"] for c in document["claims"])
    assert document["registry"] == "faq/policies.yaml"
    assert document["contacts"]["contacts"][0]["phone"] == "(800) 796-7546"
    assert [f["id"] for f in document["facts"]][:2] == [
        "flat-shipping-rate",
        "free-shipping-threshold",
    ]


def test_facts_without_a_registry_lists_the_claims_read(cli: CliRun, seed_faq: Path) -> None:
    code, out, _ = cli("facts", "faq")
    assert code == 0
    assert "No policy registry (faq/policies.yaml): the claims read follow." in out
    assert (
        f'    faq/faq.yaml:84  {REWARDS}  threshold rewards/reward/order-total  "over $500"' in out
    )

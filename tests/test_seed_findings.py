"""Everything faq-audit reports on the verbatim seed page, rule by rule.

The seed is IMAGE Skincare's FAQ as scraped, defects included. This list is
the whole report with the bundled config: a finding that is not here is a
false alarm, and a defect that goes missing is a regression. Either fails.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliRun

# (rule, entry id, line, column, words the message must contain)
EXPECTED = [
    (
        "grammar-agreement",
        "can-i-add-an-item-to-an-order-i-have-already-placed",
        35,
        12,
        '"order are": "order" is singular but "are" is plural',
    ),
    (
        "phone-format",
        "do-you-ship-to-po-box-or-apo-fpo-addresses",
        55,
        30,
        'write "(800) 796 - 7546" as "(800) 796-7546" (house style: national)',
    ),
    (
        "threshold-gap",
        "what-are-shipping-options-and-costs",
        59,
        62,
        "order totals from $499.00 to $500.00 (both included) are covered by neither "
        '"under $499" (fee 10 USD) nor "over $500" (free)',
    ),
    ("spacing", "what-is-image-skincares-return-policy", 65, 65, "'retail- size'"),
    (
        "timezone-ambiguous",
        "what-is-image-skincares-return-policy",
        71,
        94,
        '"EST" is Eastern Standard Time, which holds only in winter',
    ),
    ("spacing", "what-is-image-skincares-return-policy", 71, 98, "'(except', not '( except'"),
    (
        "url-punctuation",
        "how-do-i-find-available-specials",
        87,
        218,
        "https://professional.imageskincare.com/collections/specials",
    ),
    (
        "stale-term",
        "what-training-or-education-is-available-to-professionals",
        93,
        173,
        "'due to COVID-19'",
    ),
    (
        "duplicate-sentence",
        "can-i-use-my-image-professional-log-in-credentials-to-log-in",
        124,
        7,
        "here it looks pasted into the wrong answer",
    ),
    ("vague-link-text", "how-do-i-use-image-relay", 136, 7, "'Click here'"),
    (
        "url-punctuation",
        "how-do-i-use-image-relay",
        136,
        113,
        "https://imageskincare.imagerelay.com/share/",
    ),
]


@pytest.fixture
def seed_faq(seed_yaml: Path, tmp_path: Path) -> Path:
    """The seed imported verbatim, with the bundled config beside it."""
    shutil.copy(ROOT / "faq-audit.yaml", tmp_path / "faq-audit.yaml")
    return seed_yaml


def test_the_seed_report_is_exactly_its_known_defects(cli: CliRun, seed_faq: Path) -> None:
    code, out, _ = cli("validate", "faq", "--format", "json")
    findings = json.loads(out)["findings"]
    got = [(f["rule"], f["entry"], f["line"], f["column"]) for f in findings]
    assert got == [expected[:4] for expected in EXPECTED]
    for finding, expected in zip(findings, EXPECTED, strict=True):
        assert expected[4] in finding["message"], finding["message"]
    assert code == 0  # all warnings: the seed's defects are real but none breaks the build


def test_each_finding_stands_on_the_line_that_holds_the_defect(seed_faq: Path) -> None:
    lines = seed_faq.read_text(encoding="utf-8").splitlines()
    words = {
        "grammar-agreement": "order are placed",
        "phone-format": "(800) 796 - 7546",
        "stale-term": "due to COVID-19",
        "vague-link-text": "Click here",
        "duplicate-sentence": "You may also download by selecting the downward arrow",
        "threshold-gap": "$499",
        "timezone-ambiguous": "EST",
    }
    for rule, _, line, column, _ in EXPECTED:
        if rule in words:
            assert lines[line - 1][column - 1 :].startswith(words[rule]), (rule, line)


def test_fixing_the_seed_repairs_exactly_the_three_mechanical_defects(
    cli: CliRun, seed_faq: Path
) -> None:
    before = seed_faq.read_text(encoding="utf-8")
    code, _, err = cli("fix", "faq")
    assert code == 0 and "fixed 3 problems in 1 file" in err
    after = seed_faq.read_text(encoding="utf-8")
    assert after == (
        before.replace("(800) 796 - 7546", "(800) 796-7546")
        .replace("retail- size", "retail-size")
        .replace("EST ( except", "EST (except")
    )
    code, out, _ = cli("validate", "faq", "--format", "json")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert "phone-format" not in rules and "spacing" not in rules
    assert len(rules) == len(EXPECTED) - 3

"""The policy rules on FAQ pages of five other trades, imported and validated for real.

Each page under tests/content/policy/ was written for this test: the clean ones
are dense with numbers that are no policy (credits beside thresholds of the
same amount, a free trial as long as the return window, phone extensions,
years, model and flight numbers, "24/7", a 2-for-1 sale, prices in a range,
variants such as economy and business class, opening and repeat-order
minimums) and must give nothing; the planted ones hide gaps, overlaps,
contradictions and ambiguous zones, each of which must be found. The table
below is every policy finding of every page: one more is a false alarm, one
fewer a miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit import engine
from audit.config import Config
from tests.conftest import ROOT, CliRun
from tests.rules.helpers import Expected, assert_findings

PAGES = ROOT / "tests" / "content" / "policy"
POLICY = frozenset({"policy"})

# page: every policy finding (rule, entry id, line in the imported file, words of the message);
# the imported file has a blank line between entries, as the bundled files do
EXPECTED: dict[str, list[Expected]] = {
    # A gear shop: "$6.95 under $75" and "free from $75", a $25 credit for orders over $25,
    # a 30-day app trial beside a 30-day return window, cut-offs by and after 1 pm ET,
    # an extension, 24/7 chat, a 2-for-1 sale, a tent's model number, its weight, a year.
    "retail-outfitter-clean.txt": [],
    "retail-shoes-planted.txt": [
        ("threshold-gap", "how-much-is-shipping", 7, "order totals from $50.00 to $60.00"),
        ("timezone-ambiguous", "how-much-is-shipping", 9, '"2 pm" gives no time zone'),
        (
            "numeric-contradiction",
            "can-i-exchange-a-pair-for-another-size",
            17,
            'the returns window is "60 days" here, but "30 days"',
        ),
        ("timezone-ambiguous", "when-is-your-store-open", 21, '"PST" is Pacific Standard Time'),
    ],
    # An airline: economy and business class baggage, a refund tier by hours before
    # departure, check-in times, a flight number, a fare range, "24 hours a day".
    "travel-airline-clean.txt": [],
    "travel-tours-planted.txt": [
        (
            "numeric-contradiction",
            "what-happens-if-i-cancel-later",
            10,
            'is "45 days or more" here, but "30 days or more"',
        ),
        (
            "timezone-ambiguous",
            "is-there-live-chat",
            18,
            '"Monday \u2013 Friday, 7 am \u2013 11 pm" gives no time zone',
        ),
    ],
    # A SaaS: a 14-day trial beside a 14-day refund, seats by plan with no gap, Windows 10,
    # version 4.2.1, 1,000 requests per minute, port 443, 99.9% uptime, 24/7.
    "software-saas-clean.txt": [],
    "software-licenses-planted.txt": [
        ("threshold-gap", "how-are-licenses-priced", 6, "6 seats are covered by neither"),
        (
            "numeric-contradiction",
            "i-asked-for-a-refund-when-will-i-see-it",
            14,
            'the returns time is "5 days" here, but "5 business days"',
        ),
        (
            "threshold-overlap",
            "what-about-volume-discounts",
            18,
            "order totals from $1,000.00 to $2,500.00 ($1,000.00 excluded) are covered by both",
        ),
        ("timezone-ambiguous", "when-is-support-available", 22, '"EST" is Eastern Standard Time'),
    ],
    # A wholesaler: opening-order and reorder minimums, case prices, a SKU, Net 30, a ZIP
    # code, a year, a 15% restocking fee stated once.
    "wholesale-supply-clean.txt": [],
    "wholesale-distributor-planted.txt": [
        ("threshold-gap", "what-does-freight-cost", 6, "order totals from $1,000.00 to $1,500.00"),
        (
            "numeric-contradiction",
            "what-is-the-restocking-fee",
            14,
            'the restocking fee is "20%" here, but "15%"',
        ),
    ],
    # A cleaning service: a cancellation tier, a price range, an hourly rate, hours in MT,
    # a 24/7 line with an extension, a re-clean promise within 24 hours, a year.
    "services-cleaning-clean.txt": [],
    "services-autorepair-planted.html": [
        ("timezone-ambiguous", "when-is-the-shop-open", 6, '"CST" is Central Standard Time'),
        (
            "numeric-contradiction",
            "do-repairs-come-with-a-guarantee",
            14,
            'the warranty window is "24 months" here, but "12 months"',
        ),
    ],
}


def test_the_table_covers_every_page_and_five_trades() -> None:
    pages = {path.name for path in PAGES.iterdir()}
    assert pages == set(EXPECTED)
    trades = {name.split("-")[0] for name in pages}
    assert trades == {"retail", "travel", "software", "wholesale", "services"}
    for trade in trades:
        kinds = {EXPECTED[name] == [] for name in pages if name.startswith(trade)}
        assert kinds == {True, False}, f"{trade}: a clean page and a planted one"


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_each_page_gives_exactly_its_policy_findings(
    page: str, cli: CliRun, tmp_path: Path
) -> None:
    name = page.rsplit(".", 1)[0]
    code, _, err = cli("import", str(PAGES / page), "--out", "faq", "--category", name)
    assert code == 0, err
    imported = tmp_path / "faq" / f"{name}.yaml"
    result = engine.audit([imported], engine.Options(select=POLICY, config=Config()))
    assert_findings(list(result.findings), EXPECTED[page])


def test_every_planted_kind_of_inconsistency_is_in_the_table() -> None:
    rules = {rule for findings in EXPECTED.values() for rule, *_ in findings}
    assert rules == {"threshold-gap", "threshold-overlap", "numeric-contradiction",
                     "timezone-ambiguous"}  # fmt: skip

"""The policy rules' judgement, on claims written out by hand.

The claims here are built in the test, as the extractor's contract
(`audit.extract.claims.Claim`) describes them, and placed on real text loaded
from a real file; so these tests pin what each rule makes of given claims
whatever the extractor reads. tests/rules/test_policy_pages.py and
tests/rules/test_policy_seed.py run the whole pipeline on pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from audit.extract.claims import Claim, ClaimKind, Comparator
from audit.facts import Fact, Facts
from audit.facts.statements import Statement
from audit.model import Position, Problem
from audit.rules.policy.contradictions import contradiction_problems
from audit.rules.policy.mismatch import mismatch_problems
from audit.rules.policy.thresholds import gap_problems, overlap_problems, rule_sets
from audit.rules.policy.timezones import timezone_problems
from audit.rules.policy.variants import DEFAULT_VARIANTS, variant_sets
from audit.source.loader import load_file


@dataclass
class Page:
    """A FAQ file of answers, and claims placed on its words."""

    path: Path
    answers: dict[str, str]
    statements: list[Statement] = field(default_factory=list)

    def claim(
        self,
        entry: str,
        words: str,
        kind: ClaimKind = ClaimKind.THRESHOLD,
        *,
        topic: str = "shipping",
        quantity: str = "threshold",
        comparator: Comparator = Comparator.EQ,
        value: str = "0",
        unit: str = "USD",
        upper: str | None = None,
        variable: str | None = None,
        outcome: str | None = None,
        days: tuple[int, ...] = (),
        opens: int | None = None,
        closes: int | None = None,
        zone: str | None = None,
        nth: int = 0,
    ) -> Page:
        source = load_file(self.path)
        (found,) = [e for e in source.entries if e.id == entry]
        text = found.texts["answer"]
        start = -1
        for _ in range(nth + 1):
            start = text.value.index(words, start + 1)
        end = start + len(words)
        sentence_start = max(text.value.rfind(". ", 0, start) + 2, 0)
        if sentence_start == 1:
            sentence_start = 0
        stop = text.value.find(". ", end)
        sentence_end = len(text.value) if stop < 0 else stop + 1
        zone_start = text.value.find(zone, start) if zone else None
        claim = Claim(
            kind=kind,
            topic=topic,
            quantity=quantity,
            comparator=comparator,
            value=Decimal(value),
            unit=unit,
            start=start,
            end=end,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            upper=Decimal(upper) if upper is not None else None,
            variable=variable,
            outcome=outcome,
            days=days,
            opens=opens,
            closes=closes,
            zone=zone,
            zone_start=zone_start,
            zone_end=zone_start + len(zone) if zone and zone_start is not None else None,
        )
        self.statements.append(Statement(claim, found, text))
        return self


PageFactory = Callable[[dict[str, str]], Page]


@pytest.fixture
def page(tmp_path: Path) -> PageFactory:
    def make(answers: dict[str, str]) -> Page:
        body = "".join(
            f"  - id: {entry}\n    question: What about {entry}?\n    answer: {answer}\n"
            for entry, answer in answers.items()
        )
        path = tmp_path / "faq" / f"page{len(list(tmp_path.glob('faq/*')))}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"category: Policies\nentries:\n{body}", encoding="utf-8")
        return Page(path, answers)

    return make


def thresholds(page: Page, report: str) -> list[Problem]:
    variants = variant_sets(page.statements, DEFAULT_VARIANTS)
    check = gap_problems if report == "gap" else overlap_problems
    return [p for rule_set in rule_sets(page.statements, variants) for p in check(rule_set, report)]


def lines(problems: Iterable[Problem]) -> list[tuple[str | None, int]]:
    return [(p.entry, p.position.line) for p in problems]


SHIPPING = (
    "We offer $10 flat rate ground shipping on orders under $499 and free shipping on "
    "orders over $500."
)


def seed_shipping_claims(p: Page) -> None:
    """The seed's two shipping thresholds: under $499 a $10 fee, over $500 free."""
    p.claim(
        "shipping",
        "$499",
        comparator=Comparator.LT,
        value="499",
        variable="order-total",
        outcome="fee 10 USD",
    )
    p.claim(
        "shipping",
        "$500",
        comparator=Comparator.GT,
        value="500",
        variable="order-total",
        outcome="free",
    )


def test_the_seed_gap_is_from_499_to_500_both_included_on_the_shipping_line(
    page: PageFactory,
) -> None:
    p = page({"shipping": SHIPPING})
    seed_shipping_claims(p)
    (problem,) = thresholds(p, "gap")
    assert problem.entry == "shipping" and problem.position.line == 5
    assert problem.message.startswith(
        "order totals from $499.00 to $500.00 (both included) are covered by neither "
        '"under $499" (fee 10 USD) nor "over $500" (free), both in \'shipping\' (line 5); '
    )
    assert problem.message.endswith('e.g. "under $500" and "$500 or more"')
    assert [r.message for r in problem.related] == ["\"over $500\" (free) in 'shipping' (line 5)"]
    assert thresholds(p, "overlap") == []


def test_under_500_and_over_500_leave_exactly_500(page: PageFactory) -> None:
    p = page({"shipping": "Orders under $500 ship for $10. Orders over $500 ship free."})
    p.claim(
        "shipping",
        "$500",
        comparator=Comparator.LT,
        value="500",
        variable="order-total",
        outcome="fee 10 USD",
    )
    p.claim(
        "shipping",
        "$500",
        comparator=Comparator.GT,
        value="500",
        variable="order-total",
        outcome="free",
        nth=1,
    )
    (problem,) = thresholds(p, "gap")
    assert problem.message.startswith("order totals of exactly $500.00 are covered by neither")


def test_counted_seats_leave_the_single_seat_between(page: PageFactory) -> None:
    p = page(
        {"plans": "The Small plan covers up to 5 seats. The Large plan covers 7 seats or more."}
    )
    p.claim(
        "plans",
        "5 seats",
        comparator=Comparator.LE,
        value="5",
        unit="seat",
        variable="seats",
        topic="plans",
        outcome="small plan",
    )
    p.claim(
        "plans",
        "7 seats",
        comparator=Comparator.GE,
        value="7",
        unit="seat",
        variable="seats",
        topic="plans",
        outcome="large plan",
    )
    (problem,) = thresholds(p, "gap")
    assert problem.message.startswith("6 seats are covered by neither")
    assert '"up to 6 seats" and "7 seats or more"' in problem.message


def test_the_issue_overlap_from_35_to_60(page: PageFactory) -> None:
    p = page(
        {"a": "Free shipping on orders over $35.", "b": "Shipping is $4.95 on orders up to $60."}
    )
    p.claim(
        "a", "$35", comparator=Comparator.GT, value="35", variable="order-total", outcome="free"
    )
    p.claim(
        "b",
        "$60",
        comparator=Comparator.LE,
        value="60",
        variable="order-total",
        outcome="fee 4.95 USD",
    )
    (problem,) = thresholds(p, "overlap")
    assert problem.message.startswith(
        "order totals from $35.00 to $60.00 ($35.00 excluded) are covered by both "
        "\"over $35\" (free) in 'a' (line 5) and \"up to $60\" (fee 4.95 USD) in 'b' (line 8)"
    )
    assert problem.message.endswith('e.g. "up to $35" with "over $35"')
    assert lines([problem]) == [("a", 5)]
    assert thresholds(p, "gap") == []


def test_different_variants_are_not_one_rule_set(page: PageFactory) -> None:
    p = page(
        {
            "a": "Express shipping is $15 on orders under $100. "
            "Standard shipping is free on orders over $50."
        }
    )
    p.claim(
        "a",
        "$100",
        comparator=Comparator.LT,
        value="100",
        variable="order-total",
        outcome="fee 15 USD",
    )
    p.claim(
        "a", "$50", comparator=Comparator.GT, value="50", variable="order-total", outcome="free"
    )
    assert thresholds(p, "overlap") == [] and thresholds(p, "gap") == []


def test_one_variant_named_in_a_sentence_holds_for_every_claim_in_it(page: PageFactory) -> None:
    p = page({"shipping": SHIPPING})
    seed_shipping_claims(p)
    variants = variant_sets(p.statements, DEFAULT_VARIANTS)
    assert variants == {0: frozenset({"ground"}), 1: frozenset({"ground"})}


def test_another_topic_over_the_same_amount_is_no_overlap(page: PageFactory) -> None:
    p = page(
        {"shipping": SHIPPING, "back": "All business account orders over $500 receive 10% back."}
    )
    seed_shipping_claims(p)
    p.claim(
        "back",
        "$500",
        comparator=Comparator.GT,
        value="500",
        variable="order-total",
        outcome="10% back",
        topic="10-percent-back",
    )
    assert thresholds(p, "overlap") == []
    assert len(thresholds(p, "gap")) == 1


def window(p: Page, entry: str, words: str, value: str, unit: str = "day", **kw: object) -> None:
    p.claim(
        entry,
        words,
        ClaimKind.VALUE,
        topic="returns",
        quantity="window",
        comparator=Comparator.EQ,
        value=value,
        unit=unit,
        **kw,
    )


def contradictions(p: Page) -> list[Problem]:
    variants = variant_sets(p.statements, DEFAULT_VARIANTS)
    return list(contradiction_problems(p.statements, variants, "numeric-contradiction"))


def test_a_30_day_window_here_and_60_there_is_reported_on_the_odd_one(page: PageFactory) -> None:
    p = page(
        {
            "returns": "Return items within 30 days of delivery.",
            "refunds": "You may return an item within 30 days.",
            "exchanges": "Exchanges are accepted within 60 days.",
        }
    )
    window(p, "returns", "30 days", "30")
    window(p, "refunds", "30 days", "30")
    window(p, "exchanges", "60 days", "60")
    (problem,) = contradictions(p)
    assert lines([problem]) == [("exchanges", 11)]
    assert problem.message == (
        'the returns window is "60 days" here, but "30 days" in \'returns\' (line 5) '
        "(and 1 more place); state one value everywhere"
    )
    assert len(problem.related) == 2


@pytest.mark.parametrize(
    ("first", "second", "contradicts"),
    [
        (("30", "day"), ("30", "day"), False),  # "30 days" and "30 calendar days"
        (("48", "hour"), ("2", "day"), False),
        (("2", "week"), ("14", "day"), False),
        (("5", "business-day"), ("5", "day"), True),
        (("1", "month"), ("30", "day"), True),
    ],
)
def test_values_compare_in_one_unit_and_a_business_day_is_not_a_day(
    page: PageFactory, first: tuple[str, str], second: tuple[str, str], contradicts: bool
) -> None:
    p = page({"a": "Within A.", "b": "Within B."})
    window(p, "a", "A", first[0], first[1])
    window(p, "b", "B", second[0], second[1])
    assert bool(contradictions(p)) == contradicts


def test_a_sentence_that_gives_two_values_draws_a_distinction(page: PageFactory) -> None:
    p = page(
        {
            "a": "Refunds within 14 days, store credit within 30 days.",
            "b": "Returns within 30 days.",
        }
    )
    window(p, "a", "14 days", "14")
    window(p, "a", "30 days", "30")
    window(p, "b", "30 days", "30")
    assert contradictions(p) == []


def test_an_exception_does_not_contradict_its_rule(page: PageFactory) -> None:
    p = page(
        {
            "a": "Returns are accepted within 30 days.",
            "b": "Damaged items must be reported within 48 hours.",
        }
    )
    window(p, "a", "30 days", "30")
    window(p, "b", "48 hours", "48", "hour")
    assert contradictions(p) == []


def test_the_window_and_the_fee_after_it_are_consistent(page: PageFactory) -> None:
    p = page(
        {
            "returns": "Returns within 30 calendar days are refunded. "
            "Returns after 30 days of purchase are subject to a 20% restocking fee."
        }
    )
    p.claim(
        "returns",
        "30 calendar days",
        topic="returns",
        comparator=Comparator.LE,
        value="30",
        unit="day",
        variable="days-since-purchase",
        outcome="refund",
    )
    p.claim(
        "returns",
        "30 days",
        topic="returns",
        comparator=Comparator.GT,
        value="30",
        unit="day",
        variable="days-since-purchase",
        outcome="fee 20%",
    )
    assert thresholds(p, "gap") == [] and thresholds(p, "overlap") == []
    assert contradictions(p) == []


def test_hours_that_differ_on_the_same_days_contradict(page: PageFactory) -> None:
    p = page(
        {
            "a": "We are open Monday to Friday, 9 am to 5 pm ET.",
            "b": "Call us Monday to Friday, 8 am to 6 pm ET.",
            "c": "On Saturday we are open 10 am to 2 pm ET.",
        }
    )
    week = (0, 1, 2, 3, 4)
    p.claim(
        "a",
        "Monday to Friday, 9 am to 5 pm ET",
        ClaimKind.HOURS,
        topic="support-hours",
        quantity="hours",
        unit="",
        days=week,
        opens=540,
        closes=1020,
        zone="ET",
    )
    p.claim(
        "b",
        "Monday to Friday, 8 am to 6 pm ET",
        ClaimKind.HOURS,
        topic="support-hours",
        quantity="hours",
        unit="",
        days=week,
        opens=480,
        closes=1080,
        zone="ET",
    )
    p.claim(
        "c",
        "Saturday we are open 10 am to 2 pm ET",
        ClaimKind.HOURS,
        topic="support-hours",
        quantity="hours",
        unit="",
        days=(5,),
        opens=600,
        closes=840,
        zone="ET",
    )
    (problem,) = contradictions(p)
    assert problem.entry == "b"
    assert problem.message.startswith(
        'the support hours are "Monday\u2013Friday 8:00 am\u20136:00 pm ET" here, but '
        "\"Monday\u2013Friday 9:00 am\u20135:00 pm ET\" in 'a' (line 5)"
    )


# ----------------------------------------------------------------------------- the registry


def fact(**fields: object) -> Fact:
    defaults: dict[str, object] = {
        "id": "free-shipping-threshold",
        "topic": "shipping",
        "quantity": "threshold",
        "comparator": Comparator.GE,
        "value": Decimal("500"),
        "unit": "USD",
        "position": Position("faq/policies.yaml", 12, 12),
        "variable": "order-total",
        "outcome": "free",
    }
    defaults.update(fields)
    return Fact(**defaults)  # type: ignore[arg-type]


@pytest.mark.parametrize(("threshold", "reported"), [("500", False), ("450", True)])
def test_a_claim_that_disagrees_with_the_registry_is_reported(
    page: PageFactory, threshold: str, reported: bool
) -> None:
    p = page({"shipping": SHIPPING})
    seed_shipping_claims(p)
    facts = Facts((fact(value=Decimal(threshold)),), "faq/policies.yaml")
    found = list(mismatch_problems(p.statements, facts, "policy-mismatch"))
    assert bool(found) == reported
    if reported:
        (problem,) = found
        assert problem.message == (
            "\"over $500\" (free) in 'shipping' (line 5) disagrees with the policy registry: "
            'free-shipping-threshold is "$450 or more" (faq/policies.yaml, line 12); correct '
            "the answer, or the registry if the answer is right"
        )
        assert problem.related[0].position.path == "faq/policies.yaml"


# ----------------------------------------------------------------------------- time zones


def hours(p: Page, entry: str, words: str, zone: str | None, **kw: object) -> None:
    p.claim(
        entry,
        words,
        ClaimKind.HOURS,
        topic="support-hours",
        quantity="hours",
        unit="",
        days=(0, 1, 2, 3, 4),
        opens=510,
        closes=1080,
        zone=zone,
        **kw,
    )


def test_est_for_hours_kept_all_year_is_reported_on_the_zone(page: PageFactory) -> None:
    p = page(
        {
            "care": "Our hours are Monday \u2013 Friday, 8:30 am \u2013 6:00 pm EST "
            "(except federal holidays)."
        }
    )
    hours(p, "care", "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm EST", "EST")
    (problem,) = timezone_problems(p.statements, "timezone-ambiguous")
    assert problem.message == (
        '"EST" is Eastern Standard Time, which holds only in winter (in summer the clocks '
        'are on EDT), but these hours are kept all year; write "ET"'
    )
    column = len("    answer: Our hours are Monday \u2013 Friday, 8:30 am \u2013 6:00 pm ") + 1
    assert (problem.position.line, problem.position.column) == (5, column)


@pytest.mark.parametrize(
    "answer",
    [
        "Our summer hours are Monday \u2013 Friday, 8:30 am \u2013 6:00 pm EDT.",
        "Our Phoenix office is open Monday \u2013 Friday, 8:30 am \u2013 6:00 pm MST.",
        "Our hours are Monday \u2013 Friday, 8:30 am \u2013 6:00 pm ET.",
    ],
)
def test_a_season_a_place_without_daylight_time_or_the_generic_zone_pass(
    page: PageFactory, answer: str
) -> None:
    p = page({"care": answer})
    zone = answer.rstrip(".").rsplit(" ", 1)[1]
    hours(p, "care", "Monday \u2013 Friday", zone)
    assert list(timezone_problems(p.statements, "timezone-ambiguous")) == []


def test_hours_without_a_zone_where_the_page_names_one(page: PageFactory) -> None:
    p = page(
        {
            "phone": "Call us Monday \u2013 Friday, 8:30 am \u2013 6:00 pm ET.",
            "chat": "Chat is open Monday \u2013 Friday, 8:30 am \u2013 6:00 pm.",
        }
    )
    hours(p, "phone", "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm ET", "ET")
    hours(p, "chat", "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm", None)
    (problem,) = timezone_problems(p.statements, "timezone-ambiguous")
    assert problem.entry == "chat"
    assert problem.message == (
        "\"Monday \u2013 Friday, 8:30 am \u2013 6:00 pm\" gives no time zone, but 'phone' (line 5) "
        'gives "ET"; add the zone: "Monday\u2013Friday 8:30 am\u20136:00 pm ET"'
    )


def test_a_page_that_says_all_times_are_in_one_zone_needs_no_zone_on_each(
    page: PageFactory,
) -> None:
    p = page(
        {
            "phone": "All times are ET. Call us Monday \u2013 Friday, 8:30 am \u2013 6:00 pm ET.",
            "chat": "Chat is open Monday \u2013 Friday, 8:30 am \u2013 6:00 pm.",
        }
    )
    hours(p, "phone", "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm ET", "ET")
    hours(p, "chat", "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm", None)
    assert list(timezone_problems(p.statements, "timezone-ambiguous")) == []

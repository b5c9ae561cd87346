"""The claim parser: what policy each sentence states, and that other numbers state none.

Claims are written out as one line each, so that a table row reads like the
sentence it is about:

    threshold  "shipping: order-total < 499 USD -> fee 10 USD [$499]"
    value      "returns: window = 30 day (days-since-purchase) [30 calendar days]"
    hours      "support-hours: hours 0-4 510-1080 EST [Monday - Friday, ...]"

The words in brackets are the claim's span in the text. The precision corpus
(`QUIET` and `CLEAN_PAGES`) holds sentences dense with numbers that are not
policy; each must give exactly the claims listed, most of them none.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from audit.extract import claim_tokens, claims, clock, counts, durations, money, phones
from audit.extract.claims import Claim, ClaimKind, Comparator, read_claims
from audit.extract.lexicon import Lexicon
from audit.source.loader import load_file
from tests.conftest import BUNDLED_FAQ
from tests.scaling import assert_scales_linearly

EN = "\u2013"  # en dash, as pages write ranges


def describe(claim: Claim, text: str) -> str:
    words = text[claim.start : claim.end]
    amount = f"{claim.value}" + (f"..{claim.upper}" if claim.upper is not None else "")
    if claim.kind is ClaimKind.THRESHOLD:
        return (
            f"{claim.topic}: {claim.variable} {claim.comparator} {amount} {claim.unit}"
            f" -> {claim.outcome} [{words}]"
        )
    if claim.kind is ClaimKind.VALUE:
        anchor = f" ({claim.variable})" if claim.variable else ""
        return f"{claim.topic}: {claim.quantity} {claim.comparator} {amount} {claim.unit}{anchor} [{words}]"  # noqa: E501
    days = f"{claim.days[0]}-{claim.days[-1]}" if claim.days else "-"
    return f"{claim.topic}: hours {days} {claim.opens}-{claim.closes} {claim.zone} [{words}]"


def said(text: str, lexicon: Lexicon | None = None) -> list[str]:
    return [describe(claim, text) for claim in read_claims(text, lexicon)]


# --------------------------------------------------------------------------- the seed

SHIPPING = (
    "We offer $10 flat rate ground shipping on orders under $499 and free shipping on orders"
    " over $500. We also offer overnight and expedited shipping."
)
TEN_BACK = (
    "All business account orders over $500 receive 10% back in samples, trial kits or marketing"
    " support that can be used to promote or sample IMAGE products to your clients."
)


def seed_claims(path: Path) -> dict[str, list[str]]:
    """Every claim of every answer of a FAQ file, by entry id."""
    found: dict[str, list[str]] = {}
    for entry in load_file(path).entries:
        answer = entry.texts["answer"].value
        claims = said(answer)
        if claims:
            found[str(entry.id)] = claims
    return found


SEED_RETURNS = [
    "returns: window = 30 day (days-since-purchase) [30 calendar days]",
    "restocking-fee: days-since-purchase > 30 day -> fee 20% [30 days]",
    "damage-report: window = 48 hour (hours-since-delivery) [48 hours]",
    f"support-hours: hours 0-4 510-1080 EST [Monday {EN} Friday, 8:30 am {EN} 6:00 pm EST]",
]


def test_the_verbatim_seed_states_exactly_these_claims(seed_yaml: Path) -> None:
    assert seed_claims(seed_yaml) == {
        "what-are-shipping-options-and-costs": [
            "shipping: order-total < 499 USD -> fee 10 USD [$499]",
            "shipping: order-total > 500 USD -> free [$500]",
        ],
        "what-is-image-skincares-return-policy": SEED_RETURNS,
        "how-do-i-get-free-samples-or-participate-in-the-10-back": [
            "rewards: order-total > 500 USD -> 10% back [$500]",
        ],
    }


def test_the_bundled_faq_states_the_same_claims_as_the_seed() -> None:
    found: dict[str, list[str]] = {}
    for path in sorted(BUNDLED_FAQ.glob("*.yaml")):
        found |= seed_claims(path)
    assert found == {
        "shipping-options-and-costs": [
            "shipping: order-total < 499 USD -> fee 10 USD [$499]",
            "shipping: order-total > 500 USD -> free [$500]",
        ],
        "return-policy": SEED_RETURNS,
        "free-samples-and-10-percent-back": ["rewards: order-total > 500 USD -> 10% back [$500]"],
    }


def test_the_shipping_sentence_makes_two_thresholds_of_one_topic_and_variable() -> None:
    under, over = read_claims(SHIPPING)
    assert (under.kind, under.topic, under.variable) == (
        ClaimKind.THRESHOLD,
        "shipping",
        "order-total",
    )
    assert (under.comparator, under.value, under.unit) == (Comparator.LT, Decimal(499), "USD")
    assert (under.outcome, under.outcome_value, under.outcome_unit) == ("fee 10 USD", 10, "USD")
    assert (over.comparator, over.value, over.outcome, over.outcome_value) == (
        Comparator.GT, Decimal(500), "free", None,
    )  # fmt: skip
    first_sentence = SHIPPING.index(". ") + 1
    assert (under.sentence_start, under.sentence_end) == (0, first_sentence)
    assert SHIPPING[under.start : under.end] == "$499"


def test_the_ten_percent_back_rule_is_rewards_not_shipping() -> None:
    (claim,) = read_claims(TEN_BACK)
    assert (claim.topic, claim.quantity, claim.comparator, claim.value) == (
        "rewards", "reward", Comparator.GT, Decimal(500),
    )  # fmt: skip
    assert (claim.outcome, claim.outcome_value, claim.outcome_unit) == ("10% back", 10, "%")


def test_the_restocking_fee_after_thirty_days_sits_beyond_the_thirty_day_window() -> None:
    text = (
        "Products may be returned within 30 calendar days of purchase. Requests to return"
        " products after 30 days of purchase are subject to a 20% restocking fee."
    )
    window, fee = read_claims(text)
    assert (window.kind, window.quantity, window.variable) == (
        ClaimKind.VALUE, "window", "days-since-purchase",
    )  # fmt: skip
    assert (fee.kind, fee.variable, fee.comparator) == (
        ClaimKind.THRESHOLD, "days-since-purchase", Comparator.GT,
    )  # fmt: skip
    # the same variable and unit, and the fee starts where the window ends: consistent
    assert (window.value, window.unit) == (fee.value, fee.unit) == (Decimal(30), "day")
    assert window.topic != fee.topic == "restocking-fee"


def test_offsets_are_into_the_whole_answer_and_bound_the_claims_sentence() -> None:
    text = "Call us for help. Returns are accepted within 30 days of purchase. Thank you!"
    (window,) = read_claims(text)
    assert text[window.start : window.end] == "30 days"
    sentence = text[window.sentence_start : window.sentence_end]
    assert sentence == "Returns are accepted within 30 days of purchase."


def test_the_hours_claim_keeps_its_days_times_and_zone_with_the_zone_span() -> None:
    text = "Our hours are Monday \u2013 Friday, 8:30 am \u2013 6:00 pm EST (except holidays)."
    (hours,) = read_claims("Thank you. " + text)
    text = "Thank you. " + text
    assert (hours.kind, hours.topic) == (ClaimKind.HOURS, "hours")
    assert (hours.days, hours.opens, hours.closes, hours.zone) == (
        (0, 1, 2, 3, 4),
        510,
        1080,
        "EST",
    )
    assert hours.zone_start is not None and hours.zone_end is not None
    assert text[hours.zone_start : hours.zone_end] == "EST"


def test_the_ten_percent_back_named_in_a_list_of_exclusions_states_nothing() -> None:
    text = (
        "We do not accept returns on trial kits, samples, products received as part of"
        " 10% back, or items purchased as final sale."
    )
    assert said(text) == []


# --------------------------------------------------------------------------- the grammar

STATED = [
    ("Free shipping on orders over $35 and $4.95 shipping on orders up to $60.", [
        "shipping: order-total > 35 USD -> free [$35]",
        "shipping: order-total <= 60 USD -> fee 4.95 USD [$60]"]),
    ("Orders under $50 pay $4.95, and orders over $50 ship free.", [
        "shipping: order-total < 50 USD -> fee 4.95 USD [$50]",
        "shipping: order-total > 50 USD -> free [$50]"]),
    ("For orders over $100, shipping is free.", ["shipping: order-total > 100 USD -> free [$100]"]),
    ("Free shipping on orders of $50 or more.", ["shipping: order-total >= 50 USD -> free [$50]"]),
    ("Enjoy free 2-day shipping on all $35+ orders.", [
        "shipping: order-total >= 35 USD -> free [$35+]"]),
    ("Orders between $50 and $100 ship for $5.", [
        "shipping: order-total range 50..100 USD -> fee 5 USD [$50 and $100]"]),
    ("Orders from $20 to $49.99 ship for $3.", [
        "shipping: order-total range 20..49.99 USD -> fee 3 USD [$20 to $49.99]"]),
    ("Wholesale accounts get free shipping with a minimum order of $500.", [
        "shipping: order-total >= 500 USD -> free [$500]"]),
    ("The minimum order is $250 for wholesale accounts.", [
        "minimum-order: minimum = 250 USD [$250]"]),
    ("Orders of 10 items or more ship free.", ["shipping: items >= 10 items -> free [10 items]"]),
    ("Buy 3 or more items and get 10% off.", [
        "discounts: items >= 3 items -> 10% off [3 or more items]"]),
    ("The Team plan covers up to 5 seats; the Business plan is for 7 seats or more.", [
        "plans: seats <= 5 seats -> plan Team [5 seats]",
        "plans: seats >= 7 seats -> plan Business [7 seats]"]),
    ("Checked bags up to 23 kg are included; bags over 23 kg cost $75.", [
        "baggage: weight <= 23 kg -> free [23 kg]",
        "baggage: weight > 23 kg -> fee 75 USD [23 kg]"]),
    ("Packages over 50 lb ship by freight for a $60 surcharge.", [
        "shipping: weight > 22.6796185 kg -> fee 60 USD [50 lb]"]),
    ("Cancellations less than 24 hours before your appointment are charged a $25 fee.", [
        "cancellation: hours-before-start < 24 hour -> fee 25 USD [24 hours]"]),
    ("Cancel at least 48 hours in advance to avoid a $50 fee.", [
        "cancellation: hours-before-start >= 48 hour -> free [48 hours]"]),
    ("Returns within 30 days get a full refund; returns within 60 days get store credit.", [
        "returns: days-since-purchase <= 30 day -> full refund [30 days]",
        "returns: days-since-purchase <= 60 day -> store credit [60 days]"]),
    ("Returns are accepted up to 30 days after delivery.", [
        "returns: window = 30 day (days-since-delivery) [30 days]"]),
    ("Items must be returned within thirty (30) days of receipt.", [
        "returns: window = 30 day (days-since-delivery) [thirty (30) days]"]),
    ("Our 30-day money-back guarantee covers all products.", [
        "returns: window = 30 day [30-day]"]),
    ("Refunds are processed within 5-7 business days.", [
        "returns: time range 5..7 business-day [5-7 business days]"]),
    ("Please allow 7-10 business days for delivery.", [
        "shipping: time range 7..10 business-day [7-10 business days]"]),
    ("A 20% restocking fee applies to all opened items.", [
        "restocking-fee: fee = 20 % [20%]"]),
    ("We charge a $10 flat rate for shipping.", ["shipping: fee = 10 USD [$10]"]),
    ("Late payments incur a 1.5% monthly fee.", ["payments: fee = 1.5 % [1.5%]"]),
    ("We offer a 2-year warranty on all frames.", ["warranty: window = 2 year [2-year]"]),
    ("Orders placed by 2 pm EST ship the same day.", [
        "shipping: order-time <= 840 minute -> same-day [2 pm EST]"]),
    ("Orders placed after 3 pm ship the next business day.", [
        "shipping: order-time > 900 minute -> next-day [3 pm]"]),
    ("Shipping is $5.99 for orders under $35.", [
        "shipping: order-total < 35 USD -> fee 5.99 USD [$35]"]),
    ("Stays of 7 nights or more get 15% off.", [
        "discounts: nights >= 7 nights -> 15% off [7 nights]"]),
    ("Spend $75+ and get 15% off.", ["discounts: order-total >= 75 USD -> 15% off [$75+]"]),
    ("Book at least 14 days in advance to save 20%.", [
        "discounts: days-before-start >= 14 day -> 20% off [14 days]"]),
    ("Orders over \u00a340 ship free within the UK.", [
        "shipping: order-total > 40 GBP -> free [\u00a340]"]),
    ("Call us Monday to Friday 9am-5pm ET.", [
        "support-hours: hours 0-4 540-1020 ET [Monday to Friday 9am-5pm ET]"]),
    ("Orders over $50 ship free in the U.S. and Canada.", [
        "shipping: order-total > 50 USD -> free [$50]"]),
    ("Our office hours are 9 a.m. to 5 p.m. ET, Monday through Friday.", [
        "support-hours: hours 0-4 540-1020 ET [9 a.m. to 5 p.m. ET, Monday through Friday]"]),
    ("Our store is open Mon-Sat 10am-6pm; customer service is available Mon-Fri 8am-8pm CT.", [
        "store-hours: hours 0-5 600-1080 None [Mon-Sat 10am-6pm]",
        "support-hours: hours 0-4 480-1200 CT [Mon-Fri 8am-8pm CT]"]),
    ("Customer care: Mon-Fri 9am-6pm, Sat 10am-4pm ET.", [
        "support-hours: hours 0-4 540-1080 ET [Mon-Fri 9am-6pm]",
        "support-hours: hours 5-5 600-960 ET [Sat 10am-4pm ET]"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), STATED, ids=[t[:48] for t, _ in STATED])
def test_policy_sentences_state_exactly_these_claims(text: str, expected: list[str]) -> None:
    assert said(text) == expected


# --------------------------------------------------------------------------- precision

# Sentences dense with numbers that state no policy, or only the policy listed.
QUIET = [
    # a credit beside a threshold of the same amount: one threshold, its outcome the credit
    ("Orders over $25 get a $25 credit.", ["credits: order-total > 25 USD -> credit 25 USD [$25]"]),
    ("Refer a friend and you both get a $25 credit.", []),
    # a free trial beside a return window of the same length: two topics
    ("Start your 14-day free trial today. Returns are accepted within 14 days of delivery.", [
        "trial: window = 14 day [14-day]",
        "returns: window = 14 day (days-since-delivery) [14 days]"]),
    # phone numbers and extensions
    ("Call 1-800-555-0199 ext. 204 for help.", []),
    ("Call (800) 796-7546 or (800) 796 - 7546 x12.", []),
    ("Fax: 555-201-3344.", []),
    ("Our hotline is open 24/7 at 1-888-555-0100.", []),
    # years and dates
    ("Since 2019, we have served 10,000 customers. \u00a9 2024 Acme Inc.", []),
    ("Our flagship store opened in 1998 and now has 12 locations.", []),
    ("In 2023, we shipped 20,000 orders over $100.", []),
    ("We're closed on December 25 and January 1.", []),
    ("Orders placed after 12/20/2024 arrive after the holidays.", []),
    # model, order and SKU numbers, addresses
    ("Your order #12345 was placed on March 3.", []),
    ("Model X200 weighs 15 kg and costs $1,299.99.", []),
    ("Order #A-10023 (SKU 4411-B) is on its way.", []),
    ("Our warehouse is at 4500 Industrial Pkwy, Suite 200, Dallas, TX 75201.", []),
    ("Flight 237 departs at 6:45 am from Gate 12.", []),
    ("Room 204 is on the 2nd floor.", []),
    ("Version 2.1 adds support for 10 devices.", []),
    ("The XL-500 blender has a 1,200 watt motor.", []),
    ("See https://example.com/returns-30-days or email help24@example.com.", []),
    # always open
    ("We are open 24/7 for online orders.", []),
    ("Our support team is available 24 hours a day, 7 days a week.", []),
    # quantities in product names
    ("Try our Vital C 15% serum, now $45.", []),
    ("Our serums contain 20% vitamin C.", []),
    ("The 2-in-1 cleanser comes in a 200 ml bottle.", []),
    # multi-buy offers
    ("Buy 2-for-1 on all serums this week.", []),
    ("Get the 3-pack for $29.99 (a $45 value).", []),
    # prices and prices in a range
    (f"Our kits range from $20 to $30, and gift sets cost $20{EN}$30.", []),
    (f"Tickets range from $15{EN}$40 depending on seat.", []),
    ("Tickets are $25 for adults and $15 for children under 12.", []),
    ("Prices start at $9.99 per month for up to 3 users.", []),
    ("The annual plan costs $99 per year and includes 5 users.", []),
    ("Gifts under $25 make great stocking stuffers.", []),
    ("All prices are in USD and include 8% sales tax.", []),
    # promotions without a condition
    ("Get 15% off your first order when you sign up.", []),
    ("Students get 10% off, and seniors get 15% off.", []),
    ("Use code SAVE20 for 20% off.", []),
    # other numbers
    ("Rated 4.8 out of 5 by 2,300 reviewers.", []),
    ("Join 50,000+ happy customers.", []),
    ("We donate 1% of sales to charity.", []),
    ("Each class holds up to 12 people.", []),
    ("Our 3-step system takes 5 minutes a day.", []),
    ("We've been in business for over 25 years.", []),
    ("Customers who spend over $1,000 a year join our VIP program.", []),
    ("Interest-free financing is available for purchases over $999.", []),
    ("Children under 2 fly free.", []),
    ("Orders ship Monday through Friday.", []),
    ("Sessions are rated 4-5 stars by 90% of attendees.", []),
    ("Over 1,000 customers trust us.", []),
    ("Cookies are stored for 30 days.", []),
    ("Data is retained for 90 days after cancellation.", []),
    ("Gift cards never expire and can be used for up to 5 years.", []),
    ("Check-in opens 24 hours before departure and closes 60 minutes before.", []),
    ("Plans start at $8 per user per month.", []),
    ("We guarantee 99.9% uptime.", []),
    ("Every 100 points is worth $5.", []),
    ("Returns of items over $500 require a signature.", []),
    ("Our kitchen closes at 10 pm.", []),
    ("Name changes cost $50 per passenger.", []),
    ("Infants under 2 travel free on an adult's lap.", []),
    ("Orders over $100 receive a complimentary gift box.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), QUIET, ids=[t[:48] for t, _ in QUIET])
def test_numbers_that_are_not_policy_state_no_claim(text: str, expected: list[str]) -> None:
    assert said(text) == expected


# Whole answers from several fields, clean but dense with numbers: each states just this.
CLEAN_PAGES = [
    # retail
    ("Standard shipping is free on orders over $75; orders under $75 ship for $6.95."
     " Call Monday-Friday, 8am-8pm ET at 1-800-555-0142 ext. 3. Our 12 stores opened in 2004."
     " Model ZX-90 ships in its own box.", [
        "shipping: order-total > 75 USD -> free [$75]",
        "shipping: order-total < 75 USD -> fee 6.95 USD [$75]",
        "support-hours: hours 0-4 480-1200 ET [Monday-Friday, 8am-8pm ET]"]),
    # travel
    ("Each passenger may bring 1 carry-on bag. Checked bags up to 23 kg are included; bags over"
     " 23 kg cost $75. Flight AB123 boards at 7:15 am from Gate 22.", [
        "baggage: weight <= 23 kg -> free [23 kg]",
        "baggage: weight > 23 kg -> fee 75 USD [23 kg]"]),
    # software
    ("The Starter plan is for up to 5 users; the Team plan is for 6 users or more. Version 4.2"
     " was released in 2024. Try it free for 14 days; no credit card needed.", [
        "plans: users <= 5 users -> plan Starter [5 users]",
        "plans: users >= 6 users -> plan Team [6 users]",
        "trial: window = 14 day [14 days]"]),
    # wholesale
    ("Wholesale orders of 12 bottles or more get 15% off. Our warehouse at 4500 Industrial"
     " Pkwy, Dallas, TX 75201, ships 2,000 orders a day. Call (214) 555-0100.", [
        "discounts: bottles >= 12 bottles -> 15% off [12 bottles]"]),
    # services
    ("Appointments cancelled less than 24 hours before the start are charged a $40 fee."
     " We have served 5,000 clients since 2010 and are open 24/7 online.", [
        "cancellation: hours-before-start < 24 hour -> fee 40 USD [24 hours]"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), CLEAN_PAGES, ids=["retail", "travel", "software", "wholesale", "services"]
)
def test_clean_answers_from_other_fields_state_only_their_policy(
    text: str, expected: list[str]
) -> None:
    assert said(text) == expected


# --------------------------------------------------------------------------- the lexicon


def test_a_claim_whose_sentence_names_no_topic_is_left_out() -> None:
    assert said("Orders over $100 receive a complimentary gift box.") == []
    assert said("Orders over $100 receive complimentary shipping.") == [
        "shipping: order-total > 100 USD -> free [$100]"
    ]


def test_an_outcome_that_names_its_topic_needs_no_topic_word() -> None:
    assert said("Members who spend over $200 get 10% cash back.") == [
        "rewards: order-total > 200 USD -> 10% back [$200]"
    ]


def test_a_lexicon_extended_by_the_config_finds_its_topic_first() -> None:
    text = "Referral orders over $50 earn a $10 store credit."
    assert said(text) == ["credits: order-total > 50 USD -> credit 10 USD [$50]"]
    referral = Lexicon.default().extended({"referral": ["referral", "refer a friend"]})
    assert said(text, referral) == ["referral: order-total > 50 USD -> credit 10 USD [$50]"]
    assert referral.topics[0][0] == "referral"


def test_extending_a_known_topic_adds_words_and_keeps_its_place() -> None:
    lexicon = Lexicon.default().extended({"shipping": ["carriage"]})
    assert [t for t, _ in lexicon.topics] == [t for t, _ in Lexicon.default().topics]
    assert said("Carriage is free on orders over $80.", lexicon) == [
        "shipping: order-total > 80 USD -> free [$80]"
    ]
    assert said("Carriage is free on orders over $80.") == []


def test_a_text_without_digits_or_number_words_is_not_parsed() -> None:
    assert read_claims("Shipping is free on all orders, always.") == ()


def test_claims_are_cached_per_text_and_lexicon() -> None:
    text = "Orders over $50 ship free."
    assert read_claims(text) is read_claims(text)


# --------------------------------------------------------------------------- robustness


def test_private_use_characters_in_the_text_are_never_read_as_quantities() -> None:
    text = "Orders over \ue000\ue105 \ue002\ue1ff ship free over $5 and \ue003\ue100."
    assert said(text) == ["shipping: order-total > 5 USD -> free [$5]"]


def uncached(text: str) -> Callable[[], object]:
    def work() -> object:
        for module in (claims, claim_tokens, clock, counts, durations, money, phones):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
        return read_claims(text)

    return work


@pytest.mark.parametrize(
    "unit",
    [
        "9:00-",  # a run of clock times: windows, each asking for single times inside
        "orders over $5 and free shipping ",  # thresholds, outcomes and topic words in one clause
        "$1 1/2 x1 $5+ ",  # money among dates, extensions and identifiers
        "within 5 days, ",  # windows, each in its own clause
    ],
)
def test_reading_claims_is_linear_in_the_length_of_a_sentence(unit: str) -> None:
    def make(size: int) -> Callable[[], object]:
        return uncached((unit * (size // len(unit) + 1))[:size])

    assert_scales_linearly(make, 8_000, what=f"read_claims on {unit!r} repeated")


def test_a_sentence_ending_in_a_price_keeps_its_own_topic() -> None:
    # The end after "$5." was read as an initial's period, which joined the shipping
    # sentence to the next one and gave its claim the restocking fee's topic.
    found = read_claims("Orders under $50 ship for $5. The restocking fee is 20%.")
    assert [(c.topic, c.value, c.unit) for c in found] == [
        ("shipping", Decimal("50"), "USD"),
        ("restocking-fee", Decimal("20"), "%"),
    ]

"""The quantity extractors: what each reads from prose, where, and what it leaves alone.

Each table row is a text and exactly what the extractor finds in it, written
as (the characters of the span, the value read): a row that finds nothing
says so with an empty list, so a new false reading shows as a failing row.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from audit.extract.claim_tokens import tokens_of
from audit.extract.clock import find_hours, find_times
from audit.extract.counts import find_counts, find_weights
from audit.extract.durations import find_durations
from audit.extract.money import find_money, find_percents
from audit.extract.numbers import may_hold_quantity, non_quantities

D = Decimal
EN = "\u2013"  # en dash, as pages write ranges


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $10 flat rate", [("$10", D(10), "USD", None, False)]),
        ("costs $1,299.99 now", [("$1,299.99", D("1299.99"), "USD", None, False)]),
        ("USD 20 or 20 USD", [("USD 20", D(20), "USD", None, False),
                              ("20 USD", D(20), "USD", None, False)]),
        ("a 20 dollars fee", [("20 dollars", D(20), "USD", None, False)]),
        ("\u20ac15 or 15 \u20ac", [("\u20ac15", D(15), "EUR", None, False),
                                   ("15 \u20ac", D(15), "EUR", None, False)]),
        ("\u00a35 and C$20", [("\u00a35", D(5), "GBP", None, False),
                              ("C$20", D(20), "CAD", None, False)]),
        (f"gifts $20{EN}$30", [(f"$20{EN}$30", D(20), "USD", D(30), False)]),
        ("kits $20-30", [("$20-30", D(20), "USD", D(30), False)]),
        ("on $50+ orders", [("$50+", D(50), "USD", None, True)]),
        ("$10.00 exactly", [("$10.00", D(10), "USD", None, False)]),
        ("a 5 pounds parcel", []),  # a weight, not money
        ("20 orders, 30 days, 5%", []),
    ],
)  # fmt: skip
def test_money_is_read_with_its_currency_range_and_open_end(
    text: str, expected: list[tuple[str, Decimal, str, Decimal | None, bool]]
) -> None:
    found = [(text[m.start : m.end], m.amount, m.currency, m.upper, m.open_above)
             for m in find_money(text)]  # fmt: skip
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 20% restocking fee", [("20%", D(20), None)]),
        ("10 percent back, 2.5 % APR", [("10 percent", D(10), None), ("2.5 %", D("2.5"), None)]),
        (f"save 10{EN}15%", [(f"10{EN}15%", D(10), D(15))]),
        ("save 10%-15%", [("10%-15%", D(10), D(15))]),
        ("20 items and $5", []),
    ],
)
def test_percentages_and_their_ranges(
    text: str, expected: list[tuple[str, Decimal, Decimal | None]]
) -> None:
    assert [(text[p.start : p.end], p.value, p.upper) for p in find_percents(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 30 calendar days of", [("30 calendar days", D(30), None, "day")]),
        ("within 30 days", [("30 days", D(30), None, "day")]),
        ("within 48 hours of receipt", [("48 hours", D(48), None, "hour")]),
        ("ships in 5-7 business days", [("5-7 business days", D(5), D(7), "business-day")]),
        ("5 to 7 working days", [("5 to 7 working days", D(5), D(7), "business-day")]),
        ("a 30-day window", [("30-day", D(30), None, "day")]),
        ("reply within 48h", [("48h", D(48), None, "hour")]),
        ("thirty (30) days", [("thirty (30) days", D(30), None, "day")]),
        ("two weeks or 12 months or 1 year", [("two weeks", D(2), None, "week"),
                                              ("12 months", D(12), None, "month"),
                                              ("1 year", D(1), None, "year")]),
        (f"24{EN}48 hours", [(f"24{EN}48 hours", D(24), D(48), "hour")]),
        ("during business hours", []),  # a time of day, not a length
        ("3 hotels and 5 hosts", []),
    ],
)  # fmt: skip
def test_durations_are_read_with_their_unit_and_business_days_apart(
    text: str, expected: list[tuple[str, Decimal, Decimal | None, str]]
) -> None:
    found = [(text[d.start : d.end], d.value, d.upper, d.unit) for d in find_durations(text)]
    assert found == expected


def test_a_compound_duration_is_marked_as_an_adjective() -> None:
    (compound,) = find_durations("a 14-day free trial")
    (plain,) = find_durations("for 14 days")
    assert compound.compound and not plain.compound


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("up to 5 seats", [("5 seats", D(5), None, "seats", None)]),
        ("7 seats or more", [("7 seats", D(7), None, "seats", None)]),
        ("10 or more items", [("10 or more items", D(10), None, "items", "above")]),
        ("10+ items", [("10+ items", D(10), None, "items", "above")]),
        ("5 or fewer users", [("5 or fewer users", D(5), None, "users", "below")]),
        ("3 additional licences", [("3 additional licences", D(3), None, "licenses", None)]),
        ("1-5 users", [("1-5 users", D(1), D(5), "users", None)]),
        ("one item", [("one item", D(1), None, "items", None)]),
        ("Join 50,000 happy customers", []),
    ],
)
def test_counts_name_the_thing_they_count(
    text: str, expected: list[tuple[str, Decimal, Decimal | None, str, str | None]]
) -> None:
    found = [(text[c.start : c.end], c.value, c.upper, c.noun, c.open) for c in find_counts(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bags over 23 kg", [("23 kg", D(23), "kg")]),
        ("parcels over 50 lb", [("50 lb", D("22.6796185"), "lb")]),
        ("up to 70 lbs", [("70 lbs", D("31.7514659"), "lbs")]),
        ("a 500 g jar", [("500 g", D("0.5"), "g")]),
        ("16 oz", [("16 oz", D("0.45359237"), "oz")]),
        ("5G coverage", []),  # units are read in the case people write them
    ],
)
def test_weights_are_converted_to_kilograms(
    text: str, expected: list[tuple[str, Decimal, str]]
) -> None:
    found = [(text[w.start : w.end], w.kg, w.written_unit) for w in find_weights(text)]
    assert found == expected


WEEKDAYS = (0, 1, 2, 3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"hours are Monday {EN} Friday, 8:30 am {EN} 6:00 pm EST (except holidays)",
         [(f"Monday {EN} Friday, 8:30 am {EN} 6:00 pm EST", WEEKDAYS, 510, 1080, "EST")]),
        ("9-5 PT", [("9-5 PT", (), 540, 1020, "PT")]),
        ("we are open 9-5", [("9-5", (), 540, 1020, None)]),
        ("Monday through Friday from 9 a.m. to 5 p.m. Eastern Time",
         [("Monday through Friday from 9 a.m. to 5 p.m. Eastern Time", WEEKDAYS, 540, 1020,
           "Eastern Time")]),
        ("9:00-17:00 CET", [("9:00-17:00 CET", (), 540, 1020, "CET")]),
        ("9am-5pm, Monday to Friday", [("9am-5pm, Monday to Friday", WEEKDAYS, 540, 1020, None)]),
        ("weekdays 8am to 8pm CT", [("weekdays 8am to 8pm CT", WEEKDAYS, 480, 1200, "CT")]),
        ("noon-5pm Sat", [("noon-5pm Sat", (5,), 720, 1020, None)]),
        ("6 pm - 12 am", [("6 pm - 12 am", (), 1080, 1440, None)]),
        ("delivery between 8 am and 6 pm", [("between 8 am and 6 pm", (), 480, 1080, None)]),
        ("ships in 5-7 business days", []),
        ("rated 4-5 stars", []),
        ("a 4-5 rating", []),
        ("open 24/7", []),
    ],
)  # fmt: skip
def test_windows_of_hours_with_days_and_zone(
    text: str, expected: list[tuple[str, tuple[int, ...], int, int, str | None]]
) -> None:
    found = [(text[w.start : w.end], w.days, w.opens, w.closes, w.zone) for w in find_hours(text)]
    assert found == expected


def test_a_zone_written_once_after_two_windows_holds_for_both() -> None:
    text = "Mon-Fri 9am-6pm, Sat 10am-4pm ET"
    weekdays, saturday = find_hours(text)
    assert (weekdays.days, weekdays.opens, weekdays.closes) == (WEEKDAYS, 540, 1080)
    assert (saturday.days, saturday.opens, saturday.closes) == ((5,), 600, 960)
    assert weekdays.zone == saturday.zone == "ET"
    assert text[weekdays.zone_start : weekdays.zone_end] == "ET"  # type: ignore[misc]


def test_a_single_time_of_day_is_a_clock_time_with_its_zone() -> None:
    text = "Orders placed by 2 pm EST ship the same day."
    (time,) = find_times(text)
    assert (text[time.start : time.end], time.minutes, time.zone) == ("2 pm EST", 840, "EST")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call (800) 796-7546 ext. 12 today", [("(800) 796-7546 ext. 12", "phone"),
                                               ("ext. 12", "extension")]),
        ("Since 2019. \u00a9 2024 Acme.", [("2019", "year"), ("2024", "year")]),
        ("Order #12345, SKU 4411-B", [("Order #12345", "identifier"),
                                      ("SKU 4411-B", "identifier")]),
        ("order number 55120 and COVID-19", [("order number 55120", "identifier"),
                                             ("COVID-19", "identifier")]),
        ("Dallas, TX 75201 or zip 10001", [("TX 75201", "zip"), ("zip 10001", "zip")]),
        ("open 24/7", [("24/7", "always"), ("24/7", "date")]),
        ("24 hours a day, 7 days a week", [("24 hours a day", "always"),
                                           ("7 days a week", "always")]),
        ("a 2-for-1 deal on the 2-in-1 kit", [("2-for-1", "multi-buy"), ("2-in-1", "multi-buy")]),
        ("our Vital C 15% serum", [("15% serum", "product")]),
        ("closed December 25", [("December 25", "date")]),
        ("2000 points, 30-day, 48h, 9am-5pm, 2nd", []),
    ],
)  # fmt: skip
def test_numbers_that_are_no_quantity_are_marked_with_the_reason(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = [(text[n.start : n.end], n.reason) for n in non_quantities(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call (800) 796-7546 between 9-5 PT.", ["hours"]),
        ("Since 2019 we ship 20 items a day.", ["count"]),
        ("Model X200 weighs 15 kg.", ["weight"]),
        ("Open 24/7; 24 hours a day.", []),
        ("Open 7 days a week, 9am-9pm.", ["hours"]),  # "7 days a week" names the days here
        ("Try the 15% serum for $45.", ["money"]),
        ("Order #12345 of 2-for-1 items.", []),
    ],
)
def test_tokens_are_the_quantities_nothing_else_explains(text: str, expected: list[str]) -> None:
    assert [t.kind for t in tokens_of(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("No numbers here at all.", False), ("Within thirty days.", True), ("Only $5.", True)],
)
def test_the_prefilter_lets_through_only_texts_with_a_digit_or_a_number_word(
    text: str, expected: bool
) -> None:
    assert may_hold_quantity(text) is expected

"""`review-due`: answers nobody has checked for too long, measured in calendar months."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from audit.rules import review_due
from tests.rules.helpers import CONTENT, assert_findings, audit

pytestmark = pytest.mark.usefixtures("fixed_today")


REAL_TODAY = review_due.today


def test_review_due_on_a_clinic_page() -> None:
    # today is 2025-06-30 (see _fixed_today)
    assert_findings(
        audit(CONTENT / "clinic.yaml", ["review-due"]),
        [
            ("review-due", "insurance-card", 12, "last reviewed on 2024-06-29"),
            ("review-due", "walk-ins", 20, "last reviewed on 2024-01-31"),  # unquoted date
            # silent: 2025-05-01 is recent; "soon" is not a date (the schema says so);
            # entries without `reviewed` are not required to have one by default.
        ],
    )


def test_review_due_counts_calendar_months_and_today_is_not_yet_late(write: Any) -> None:
    path = write(
        "faq/dates.yaml",
        "category: Dates\nentries:\n"
        "  - {id: exactly-a-year, question: A?, answer: A., reviewed: '2024-06-30'}\n"
        "  - {id: a-year-and-a-day, question: B?, answer: B., reviewed: '2024-06-29'}\n"
        "  - {id: leap-day, question: C?, answer: C., reviewed: '2024-02-29'}\n",
    )
    assert_findings(
        audit(path, ["review-due"], {"review-due": {"max-age-months": 12}}),
        [
            ("review-due", "a-year-and-a-day", 4, "a review was due on 2025-06-29"),
            ("review-due", "leap-day", 5, "a review was due on 2025-02-28"),
        ],
    )


def test_review_due_measures_from_the_real_date_when_not_patched(
    write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_due, "today", REAL_TODAY)
    now = dt.date.today()
    old, recent = now - dt.timedelta(days=400), now - dt.timedelta(days=30)
    path = write(
        "faq/a.yaml",
        "category: A\nentries:\n"
        f"  - {{id: a, question: A?, answer: A., reviewed: '{old}'}}\n"
        f"  - {{id: b, question: B?, answer: B., reviewed: '{recent}'}}\n",
    )
    (finding,) = audit(path, ["review-due"])
    assert finding.entry == "a" and str(old) in finding.message


def test_review_due_can_require_a_date_and_allow_a_longer_interval() -> None:
    found = audit(
        CONTENT / "clinic.yaml",
        ["review-due"],
        {"review-due": {"max-age-months": 16, "require": True}},
    )
    assert_findings(
        found,
        [
            ("review-due", "walk-ins", 20, "more than 16 months ago"),
            ("review-due", "moved", 40, "has no reviewed date"),
            ("review-due", "lost-card", 44, "has no reviewed date"),
            ("review-due", "new-patients", 48, "has no reviewed date"),
            ("review-due", "moving-records", 52, "has no reviewed date"),
            ("review-due", "st-marys-parking", 56, "has no reviewed date"),
        ],
    )

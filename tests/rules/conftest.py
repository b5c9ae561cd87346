"""Fixtures of the rule families' tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from audit.rules import review_due


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reviews are measured against one fixed day, so the tests do not age."""
    monkeypatch.setattr(review_due, "today", lambda: dt.date(2025, 6, 30))


@pytest.fixture
def seed_file(seed_yaml: Path) -> Path:
    return seed_yaml

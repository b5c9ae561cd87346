"""`audit.extract.phone_styles`: the style each common way of writing a number is in."""

from __future__ import annotations

import pytest

from audit.extract.phone_styles import forms, style_of, written
from audit.extract.phones import find_phones


def style(text: str, region: str = "US") -> str | None:
    (phone,) = find_phones(text, region)
    main, _extension = written(phone.raw, phone.extension is not None)
    return style_of(main, forms(phone.e164, region))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call (800) 796-7546 now.", "national"),
        ("Call 800-796-7546 now.", "dashes"),
        ("Call 1-800-796-7546 now.", "1-800"),
        ("Call 1-877-968-3778 now.", "1-800"),
        ("Call +1 800-796-7546 now.", "international"),
        ("Call +18007967546 now.", "e164"),
        ("Call 800.796.7546 now.", "dots"),
        ("Call 800\u00a0796\u00a07546 now.", "spaces"),
        ("Call +1 (800) 796-7546 now.", "+1 (800)"),
        ("Call (800) 796-7546, ext. 12 now.", "national"),
        ("Call 800-796-7546 x12 now.", "dashes"),
        ("Call (800) 796 - 7546 now.", None),  # no common form: a slip in any house style
        ("Call 800 - 796 - 7546 now.", None),
    ],
)
def test_each_common_form_of_a_number_has_a_style(text: str, expected: str | None) -> None:
    assert style(text) == expected


def test_a_foreign_number_has_only_international_forms() -> None:
    assert style("Call +44 20 7946 0958 now.") == "international"
    assert style("Call +442079460958 now.") == "e164"
    assert style("Call +44 (0)20 7946 0958 now.") is None
    assert style("Call 020 7946 0958 now.", "GB") == "national"


def test_the_extension_is_split_off_as_written() -> None:
    assert written("(800) 796-7546, ext. 12", True) == ("(800) 796-7546", ", ext. 12")
    assert written("(800) 796-7546 x12", True) == ("(800) 796-7546", " x12")
    assert written("(800) 796-7546", False) == ("(800) 796-7546", "")

"""`page-chrome`: leftovers of the web page a text was copied from."""

from __future__ import annotations

from tests.rules.helpers import CONTENT, assert_findings, audit


def test_page_chrome_on_a_bike_shop_page() -> None:
    assert_findings(
        audit(CONTENT / "bikeshop.yaml", ["page-chrome"]),
        [
            ("page-chrome", "accessories", 46, "'Add to cart'"),
            ("page-chrome", "accessories", 47, "'Menu'"),
            ("page-chrome", "accessories", 48, "'Cart (0)'"),
            ("page-chrome", "accessories", 55, "'Follow us on Instagram'"),
            ("page-chrome", "accessories", 56, "'\u00a9 2024 Spoke & Chain Bicycles'"),
            # silent: "Log in to your account …", "Close the quick-release lever …",
            # "Sign in to book a service": the words are content inside a sentence;
            # "Copyright questions about our photos …" is not a copyright line.
        ],
    )


def test_page_chrome_phrases_are_an_option() -> None:
    found = audit(
        CONTENT / "bikeshop.yaml",
        ["page-chrome"],
        {"page-chrome": {"phrases": ["sign in to book a service"], "copyright": False}},
    )
    assert_findings(found, [("page-chrome", "accessories", 52, "'Sign in to book a service'")])

"""`audit.extract.urls`: every web address where it stands, without the prose around it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from audit.extract.urls import (
    UrlKind,
    UrlMatch,
    _find_links,
    _find_urls,
    find_links,
    find_urls,
    web_domains,
)
from audit.text.markdown import markdown_view
from tests.scaling import assert_scales_linearly


def raws(value: str) -> list[str]:
    return [url.raw for url in find_urls(value)]


def test_a_sentence_period_after_an_address_is_not_part_of_it() -> None:
    value = "Our specials are at https://shop.example.com/specials."
    (url,) = find_urls(value)
    assert url == UrlMatch("https://shop.example.com/specials", 20, len(value) - 1, UrlKind.BARE)
    assert value[url.start : url.end] == url.raw


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Go to www.shop.example/x, then pay.", "www.shop.example/x"),
        ("Really: https://a.example/page?!", "https://a.example/page"),
        ('He said "https://a.example/q".', "https://a.example/q"),
        ("See https://a.example/x.html today", "https://a.example/x.html"),
        ("*https://a.example/bold*", "https://a.example/bold"),
        ("[see https://a.example/x]", "https://a.example/x"),
    ],
)
def test_trailing_punctuation_and_quotes_are_peeled(value: str, expected: str) -> None:
    assert raws(value) == [expected]


def test_a_closing_bracket_is_kept_only_when_the_address_opens_one() -> None:
    value = "(see https://x.com/a_(b))"
    (url,) = find_urls(value)
    assert url.raw == "https://x.com/a_(b)"
    assert value[url.end :] == ")"
    assert raws("(see https://x.com/a)") == ["https://x.com/a"]


def test_an_address_inside_a_word_or_an_email_address_is_not_one() -> None:
    assert raws("shop.www.example.com and me@www.example.com") == []


def test_the_same_address_twice_is_two_occurrences() -> None:
    value = "Visit https://x.example/a. Again: https://x.example/a!"
    found = find_urls(value)
    assert [url.raw for url in found] == ["https://x.example/a"] * 2
    assert found[0].start < found[1].start
    assert [value[url.start : url.end] for url in found] == ["https://x.example/a"] * 2


def test_a_markdown_link_gives_its_target_as_written_and_its_words() -> None:
    value = "Read [our returns page](https://x.example/returns.) now."
    (url,) = find_urls(value)
    assert (url.raw, url.kind) == ("https://x.example/returns.", UrlKind.MARKDOWN)
    (link,) = find_links(value)
    assert value[link.start : link.end] == "[our returns page](https://x.example/returns.)"
    assert value[link.words_start : link.words_end] == "our returns page"
    assert (link.target_start, link.target_end) == (url.start, url.end)


def test_an_html_link_gives_its_href_and_its_words() -> None:
    value = "See <a class='x' href=\"https://x.example/faq\"> here </a>."
    (url,) = find_urls(value)
    assert (url.raw, url.kind) == ("https://x.example/faq", UrlKind.HTML)
    (link,) = find_links(value)
    assert value[link.words_start : link.words_end] == "here"
    assert link.target == "https://x.example/faq" and link.is_web


def test_links_to_pages_that_are_not_web_addresses_are_links_but_not_urls() -> None:
    value = "[Returns](/returns), <A href='mailto:a@b.example'>mail</A>, <a name=top>top</a>"
    links = find_links(value)
    assert [link.target for link in links] == ["/returns", "mailto:a@b.example", ""]
    assert not any(link.is_web for link in links)
    assert find_urls(value) == ()


def test_an_image_is_not_a_link() -> None:
    assert find_links("![logo](https://x.example/logo.png)") == ()
    assert raws("![logo](https://x.example/logo.png)") == ["https://x.example/logo.png"]


def test_link_words_are_an_address_of_their_own_only_when_they_name_another() -> None:
    value = (
        "[https://x.example/](https://x.example) or [https://old.example/a](https://new.example/a)"
    )
    found = find_urls(value)
    assert [(url.raw, url.kind, url.start) for url in found] == [
        ("https://x.example", UrlKind.MARKDOWN, 21),
        ("https://old.example/a", UrlKind.BARE, 44),
        ("https://new.example/a", UrlKind.MARKDOWN, 67),
    ]


def test_a_markdown_target_is_read_as_commonmark_reads_it() -> None:
    value = "See [the (new) page](https://x.example/a_(b)) and [t](<https://x.example/c d>)."
    found = find_urls(value)
    assert [(value[u.start : u.end], u.kind) for u in found] == [
        ("https://x.example/a_(b)", UrlKind.MARKDOWN),
        ("https://x.example/c d", UrlKind.MARKDOWN),
    ]
    assert [link.words for link in find_links(value)] == ["the (new) page", "t"]


def test_an_angle_bracket_link_is_its_target_exactly() -> None:
    value = "Our specials: <https://x.example/specials.>."
    (url,) = find_urls(value)
    assert (url.raw, url.kind) == ("https://x.example/specials.", UrlKind.MARKDOWN)
    assert value[url.start - 1 : url.end + 1] == "<https://x.example/specials.>"


def test_addresses_in_code_and_escaped_brackets_are_not_links() -> None:
    value = (
        "Type `https://x.example/a` or \\[a\\](https://x.example/b) then `[c](https://d.example)`"
    )
    assert [(u.raw, u.kind) for u in find_urls(value)] == [("https://x.example/b", UrlKind.BARE)]
    assert find_links(value) == ()


def test_link_words_keep_their_span_and_lose_their_emphasis() -> None:
    value = "Read [the **returns** page](https://x.example/r)."
    (link,) = find_links(value)
    assert value[link.words_start : link.words_end] == "the **returns** page"
    assert link.words == "the returns page"


def test_an_internationalized_host_is_read_whole() -> None:
    (url,) = find_urls("Bestellen Sie bei https://b\u00fccher.example/katalog.")
    assert url.raw == "https://b\u00fccher.example/katalog"
    assert url.host == "b\u00fccher.example"


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("https://user:pw@Shop.Example.com:8080/p?q=1#f", "shop.example.com"),
        ("www.Example.org/help", "www.example.org"),
        ("http://example.com./x", "example.com"),
        ("[local](https://[::1]:8080/x)", "[::1]"),
    ],
)
def test_the_host_leaves_out_user_port_and_path(value: str, host: str) -> None:
    (url,) = find_urls(value)
    assert url.host == host


def test_web_domains_are_the_hosts_without_www_in_order() -> None:
    value = "See https://www.Shop.example.com/x, www.brand.de/help and http://localhost/x."
    assert web_domains(value) == ("shop.example.com", "brand.de")


def test_text_without_addresses_has_none() -> None:
    assert find_urls("No links here, just www and https.") == ()
    assert find_links("A [bracket] and a <b>tag</b>.") == ()


def test_html_links_pair_each_opening_tag_with_the_next_closing_one() -> None:
    value = "<a href='https://x.example/1'>one <a name=x>two</a> and <A HREF=/r>three</A>"
    assert [(link.target, link.words) for link in find_links(value)] == [
        ("https://x.example/1", "one <a name=x>two"),
        ("/r", "three"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "<a>",
        "<a href='https://x.example'",
        "[a](https://x.example) ",
        "](https://a",
        "`https://a` ",
    ],
)
def test_finding_links_and_addresses_is_linear_on_hostile_text(unit: str) -> None:
    def make(n: int) -> Callable[[], object]:
        value = unit * n

        def work() -> object:
            _find_urls.cache_clear()
            _find_links.cache_clear()
            markdown_view.cache_clear()
            return find_urls(value), find_links(value)

        return work

    assert_scales_linearly(make, 1_000, what=f"find_urls({unit!r} * n)")


def test_peeling_a_long_run_of_closing_brackets_is_linear() -> None:
    assert raws("(https://a.example/x_(y)))") == ["https://a.example/x_(y)"]

    def make(n: int) -> Callable[[], object]:
        value = "https://a.example/" + ")" * n
        return lambda: (_find_urls.cache_clear(), find_urls(value))

    assert_scales_linearly(make, 20_000, what="peeling ')' * n")

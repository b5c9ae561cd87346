"""Every place a link is written, and the links judged without a request."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from audit.links.occurrences import (
    Occurrence,
    from_corpus,
    from_text_file,
    from_url_list,
    judge_offline,
    web_urls,
)
from audit.links.results import Verdict
from audit.model import Corpus, Position
from audit.source.loader import load_file

FAQ = """\
category: Test
entries:
  - id: first
    question: Where are the specials?
    answer: >-
      See https://shop.example.com/specials. Or again
      https://shop.example.com/specials, or [mail us](mailto:care@example.com).
  - id: second
    question: Where is it?
    answer: "Call [us](tel:+1-650-253-0000), see [the first](#first), [gone](#nope),
      or www.example.org/a."
"""


def _corpus(tmp_path: Path) -> Corpus:
    path = tmp_path / "faq.yaml"
    path.write_text(FAQ, encoding="utf-8")
    return Corpus((load_file(path),))


def test_every_occurrence_is_kept_with_its_line_and_entry(tmp_path: Path) -> None:
    found = [o for o in from_corpus(_corpus(tmp_path)) if "shop" in o.url]
    assert [(o.url, o.position.line, o.position.column, o.entry) for o in found] == [
        ("https://shop.example.com/specials", 6, 11, "first"),
        ("https://shop.example.com/specials", 7, 7, "first"),
    ]


def test_www_address_is_probed_over_https_and_written_as_is(tmp_path: Path) -> None:
    found = [o for o in from_corpus(_corpus(tmp_path)) if "example.org" in o.url]
    assert [(o.url, o.raw) for o in found] == [("https://www.example.org/a", "www.example.org/a")]


def test_web_urls_are_unique_and_leave_offline_links_out(tmp_path: Path) -> None:
    assert web_urls(from_corpus(_corpus(tmp_path))) == [
        "https://shop.example.com/specials",
        "https://www.example.org/a",
    ]


def test_mail_phone_and_entry_links_are_judged_offline(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    results = judge_offline(from_corpus(corpus), [e.id for e in corpus.entries if e.id])
    assert {url: r.verdict for url, r in results.items()} == {
        "mailto:care@example.com": Verdict.OK,
        "tel:+1-650-253-0000": Verdict.OK,
        "#first": Verdict.OK,
        "#nope": Verdict.BROKEN_FRAGMENT,
    }
    assert results["#nope"].error == "no entry has the id 'nope'"


@pytest.mark.parametrize(
    ("url", "reason"),
    [("mailto:care@example", "invalid email address"), ("tel:12", "not a valid telephone")],
)
def test_bad_mail_and_phone_links_are_broken_with_a_reason(url: str, reason: str) -> None:
    where = Position("x.md", 1, 1)
    result = judge_offline([Occurrence(url, url, where)], [])[url]
    assert result.verdict is Verdict.BROKEN and result.error and result.error.startswith(reason)


def test_faq_own_address_with_a_fragment_is_an_entry_link() -> None:
    url = "https://example.com/faq#first"
    results = judge_offline(
        [Occurrence(url, url, Position("x.md", 1, 1))],
        ["first"],
        faq_url="https://example.com/faq/",
    )
    assert results[url].verdict is Verdict.OK


def test_markdown_file_links_have_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nSee [docs](https://docs.example.com/x) and\nhttps://a.example.\n")
    found = list(from_text_file(path, "notes.md"))
    assert [(o.url, o.position.line, o.position.column) for o in found] == [
        ("https://docs.example.com/x", 3, 12),
        ("https://a.example", 4, 1),
    ]


def test_markdown_links_are_read_target_first_and_in_the_order_they_stand(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "Mail [us](mailto:care@example.com), see [https://a.example/x](https://a.example/x)\n"
        "or `https://code.example` and <https://b.example/y.>.\n"
    )
    found = list(from_text_file(path, "notes.md"))
    assert [(o.url, o.position.line, o.position.column) for o in found] == [
        ("mailto:care@example.com", 1, 11),
        ("https://a.example/x", 1, 63),
        ("https://b.example/y.", 2, 32),
    ]


def test_url_list_skips_blanks_and_comments_and_reads_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# mine\nhttps://a.example/\n\n  https://b.example/x\n")
    assert [(o.url, o.position.line) for o in from_url_list(str(path))] == [
        ("https://a.example/", 2),
        ("https://b.example/x", 4),
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("https://c.example/\n"))
    assert [o.position.path for o in from_url_list("-")] == ["<stdin>"]

"""`audit.text.markdown`: an answer read as Markdown, every part tied to its value offsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from audit.source.loader import load_file
from audit.text.markdown import Link, LinkForm, Markup, markdown_view
from tests.scaling import assert_scales_linearly


def spans(value: str, link: Link) -> tuple[str, str, str]:
    """What a link's three spans cover in the value: markup, words, target."""
    return (
        value[link.start : link.end],
        value[link.text_start : link.text_end],
        value[link.target_start : link.target_end],
    )


def assert_map_is_exact(markup: Markup) -> None:
    """Every visible character stands in the value as itself, where the map says."""
    for index, char in enumerate(markup.text):
        assert markup.value[markup.value_index(index)] == char, (index, char)


def test_a_link_gives_its_words_and_target_with_their_value_spans() -> None:
    value = "See [our returns page](https://x.example/returns) now."
    markup = markdown_view(value)
    assert markup.text == "See our returns page now."
    (link,) = markup.links
    assert (link.form, link.text, link.target) == (
        LinkForm.INLINE,
        "our returns page",
        "https://x.example/returns",
    )
    assert spans(value, link) == (
        "[our returns page](https://x.example/returns)",
        "our returns page",
        "https://x.example/returns",
    )
    assert_map_is_exact(markup)


def test_emphasis_markers_are_not_visible_and_the_words_keep_their_span() -> None:
    value = "Read **all** of [the *returns* page](https://x.example/r) and __this__ a_b_c."
    markup = markdown_view(value)
    assert markup.text == "Read all of the returns page and this a_b_c."
    (link,) = markup.links
    assert link.text == "the returns page"
    assert spans(value, link)[1] == "the *returns* page"
    assert_map_is_exact(markup)
    start, end = markup.value_span(5, 8)
    assert value[start:end] == "all"


def test_list_items_keep_their_markers_and_links_their_places() -> None:
    value = "Ways to pay:\n\n- [card](https://x.example/card)\n- *cash* at [a store](/stores)\n"
    markup = markdown_view(value)
    assert markup.text == "Ways to pay:\n\n- card\n- cash at a store\n"
    assert [spans(value, link) for link in markup.links] == [
        ("[card](https://x.example/card)", "card", "https://x.example/card"),
        ("[a store](/stores)", "a store", "/stores"),
    ]
    assert_map_is_exact(markup)


def test_nested_brackets_in_the_words_and_balanced_ones_in_the_target() -> None:
    value = "See [the [new] page](https://x.example/a_(b)) today."
    (link,) = markdown_view(value).links
    assert (link.text, link.target) == ("the [new] page", "https://x.example/a_(b)")
    assert spans(value, link)[0] == "[the [new] page](https://x.example/a_(b))"


def test_code_spans_hold_no_links_and_lose_their_backticks() -> None:
    value = "Type `[here](https://x.example)` or ``a ` b`` then go."
    markup = markdown_view(value)
    assert markup.links == ()
    assert markup.text == "Type [here](https://x.example) or a ` b then go."
    assert [value[s:e] for s, e in markup.code] == ["`[here](https://x.example)`", "``a ` b``"]
    assert markup.in_code(value.index("here"), value.index("here") + 4)
    assert_map_is_exact(markup)


def test_bare_and_angle_addresses_are_links_with_their_exact_spans() -> None:
    value = "Go to https://x.example/a. Or <https://x.example/b> or www.shop.com/c, *https://x.example/d*"
    markup = markdown_view(value)
    assert [(link.form, spans(value, link)[0]) for link in markup.links] == [
        (LinkForm.BARE, "https://x.example/a"),
        (LinkForm.ANGLE, "<https://x.example/b>"),
        (LinkForm.BARE, "www.shop.com/c"),
        (LinkForm.BARE, "https://x.example/d"),
    ]
    angle = markup.links[1]
    assert spans(value, angle)[1:] == ("https://x.example/b", "https://x.example/b")


def test_escaped_brackets_are_text_and_map_to_their_backslash() -> None:
    value = r"Not a link: \[here\](https://x.example/a) &amp; more"
    markup = markdown_view(value)
    assert [link.form for link in markup.links] == [LinkForm.BARE]
    assert markup.text == "Not a link: [here](https://x.example/a) & more"
    bracket = markup.text.index("[")
    assert markup.value_index(bracket) == value.index("\\[")
    assert value[slice(*markup.value_span(bracket, bracket + 1))] == "\\["
    amp = markup.text.index("&")
    assert value[slice(*markup.value_span(amp, amp + 1))] == "&amp;"


def test_link_words_may_span_lines_and_an_empty_target_is_kept() -> None:
    value = "First line\n  with [a long\n  name]() here."
    (link,) = markdown_view(value).links
    assert link.text == "a long name"
    assert spans(value, link) == ("[a long\n  name]()", "a long\n  name", "")
    assert link.target_start == value.index("()") + 1


def test_text_outside_the_model_keeps_its_characters() -> None:
    value = "# of items\n> 5 days\n    indented [a](b)\n<b>bold</b>"
    markup = markdown_view(value)
    assert markup.text == "# of items\n> 5 days\n    indented a\n<b>bold</b>"
    (link,) = markup.links
    assert spans(value, link) == ("[a](b)", "a", "b")


def test_plain_text_is_its_own_view() -> None:
    value = "Call us at (800) 796-7546."
    markup = markdown_view(value)
    assert (markup.text, markup.links, markup.code) == (value, (), ())
    assert markup.value_span(0, 4) == (0, 4)


BLOCKS = """\
category: Forms
entries:
  - id: literal
    question: Literal?
    answer: |-
      Fill in **the** [order
        form](https://x.example/form).

      - then [mail it](mailto:a@x.example)
  - id: folded
    question: Folded?
    answer: >-
      Fill in the [order
      form](/form) today
      and *send* it.
"""


@pytest.mark.parametrize(
    ("entry", "words", "target"),
    [
        ("literal", [(6, 24, 7, 13), (9, 15, 9, 22)], [(7, 15, 7, 37), (9, 24, 9, 42)]),
        ("folded", [(13, 20, 14, 11)], [(14, 13, 14, 18)]),
    ],
)
def test_spans_land_on_their_file_lines_in_block_scalars(
    tmp_path: Path,
    entry: str,
    words: list[tuple[int, int, int, int]],
    target: list[tuple[int, int, int, int]],
) -> None:
    path = tmp_path / "forms.yaml"
    path.write_text(BLOCKS, encoding="utf-8")
    (text,) = [e.texts["answer"] for e in load_file(path).entries if e.id == entry]
    links = markdown_view(text.value).links

    def where(start: int, end: int) -> tuple[int, int, int, int]:
        position = text.position_of(start, end - start)
        return position.line, position.column, position.end_line, position.end_column

    assert [where(link.text_start, link.text_end) for link in links] == words
    assert [where(link.target_start, link.target_end) for link in links] == target


def test_the_view_is_cached_per_value() -> None:
    value = "See [a](https://x.example) twice."
    assert markdown_view(value) is markdown_view(value)


# Inputs on which a Markdown parser that looks ahead without bounds reads the same
# characters again and again: unclosed brackets and links, runs of emphasis markers and
# backticks, images, nested labels, bare addresses.
HOSTILE = ["[", "[a](", "*a", "`a", "![", "[[a]", "www.a.com ", "[*`<&\\_"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", HOSTILE)
def test_parsing_is_linear_on_hostile_text(unit: str) -> None:
    def make(n: int) -> Callable[[], object]:
        value = unit * n

        def work() -> object:
            markdown_view.cache_clear()
            return markdown_view(value)

        return work

    assert_scales_linearly(make, 2_000, what=f"markdown_view({unit!r} * n)")

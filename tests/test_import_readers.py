"""The importer's readers are a registry: one module per way of reading a page, tried in order.

These tests prove the registry's promise, that a new input format is one new module: a
reader declared in a module of `audit.importer.readers` is found, reads every page it detects,
wins when it finds the most answered questions (on a tie, by its priority), and is named in
the message when nothing is found.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from audit.importer import ImportedEntry, PageError, read_page
from audit.importer import readers as registry
from audit.importer.readers import Page, Reader


def test_ties_go_from_the_most_explicit_visible_markup_to_json_ld_then_plain_text() -> None:
    tried = [reader.name for reader in registry.readers()]
    assert tried == [
        "microdata",
        "details",
        "bootstrap",
        "uswds",
        "aria_controls",
        "class_names",
        "definition_list",
        "qa_prefixes",
        "headings",
        "jsonld",
        "plain_text",
    ]
    assert registry.names() == sorted(tried)


def test_each_reader_detects_only_the_pages_of_its_format() -> None:
    html = Page("<h2>Is it HTML?</h2><p>Yes.</p>", "page.html")
    text = Page("Is it text?\nYes.\n", "page.txt")
    detecting = {
        name: [page.name for page in (html, text) if registry.get(name).detect(page)]
        for name in registry.names()
    }
    assert detecting == {
        "aria_controls": ["page.html"],
        "bootstrap": ["page.html"],
        "class_names": ["page.html"],
        "definition_list": ["page.html"],
        "details": ["page.html"],
        "headings": ["page.html"],
        "jsonld": ["page.html"],
        "microdata": ["page.html"],
        "plain_text": ["page.txt"],
        "qa_prefixes": ["page.html"],
        "uswds": ["page.html"],
    }


def _markdown_entries(page: Page) -> Iterator[ImportedEntry]:
    """Questions as `## headings`, each answered by the lines up to the next one."""
    question: str | None = None
    answer: list[str] = []
    for line in page.text.splitlines():
        if line.startswith("## "):
            if question:
                yield ImportedEntry(question, "\n".join(answer).strip())
            question, answer = line[3:].strip(), []
        elif question:
            answer.append(line)
    if question:
        yield ImportedEntry(question, "\n".join(answer).strip())


@pytest.fixture
def markdown_reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A reader module for Markdown pages, added to the package as a new module would be."""
    module = ModuleType(f"{registry.__name__}.markdown")
    module.READER = Reader(  # type: ignore[attr-defined]
        reads="Markdown",
        detect=lambda page: page.text.startswith("# "),
        priority=5,
        expects="questions in '## ' headings",
        entries=_markdown_entries,
    )
    names = registry.names()
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(registry, "names", lambda: sorted([*names, "markdown"]))
    registry.readers.cache_clear()
    yield
    registry.readers.cache_clear()


@pytest.mark.usefixtures("markdown_reader")
def test_a_new_reader_module_is_all_it_takes_to_read_a_new_format() -> None:
    page = "# Shop FAQ\n\n## Do you ship abroad?\n\nYes, to 40 countries.\n\n## Is it free?\n"
    assert read_page(page, name="faq.md") == [
        ImportedEntry("Do you ship abroad?", "Yes, to 40 countries."),
        ImportedEntry("Is it free?", ""),
    ]
    assert registry.readers()[0].name == "markdown"


@pytest.mark.usefixtures("markdown_reader")
def test_a_page_a_reader_finds_no_question_in_goes_to_the_next_reader_that_detects_it() -> None:
    page = "# Shop FAQ\n\nDo you ship abroad?\nYes.\n"  # no '## ' heading: plain text reads it
    assert read_page(page, name="faq.md") == [ImportedEntry("Do you ship abroad?", "Yes.")]


def test_html_no_reader_finds_a_question_in_names_what_every_html_reader_expected() -> None:
    with pytest.raises(PageError) as refused:
        read_page("<html><p>We sell bicycles.</p></html>", name="shop.html")
    expected = [reader.expects for reader in registry.readers() if reader.reads == "HTML"]
    assert len(expected) == 10
    assert str(refused.value) == (
        f"shop.html: no FAQ found in the HTML; expected {', '.join(expected[:-1])},"
        f" or {expected[-1]}"
    )


@pytest.mark.usefixtures("markdown_reader")
def test_a_new_reader_leaves_the_pages_of_other_formats_as_they_were_read() -> None:
    assert read_page("Is it text?\nYes.\n", name="page.txt") == [
        ImportedEntry("Is it text?", "Yes.")
    ]

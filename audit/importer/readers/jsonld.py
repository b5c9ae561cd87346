"""schema.org ``FAQPage`` JSON-LD, which states outright what is a question and an answer.

Where a page carries it, it is what the site itself says its FAQ is; but it is often kept
apart from the visible page and drifts from it, so where the page's markup holds as many
answered questions, the markup is read (it keeps links and sections) and the import reports
the questions found in one and not the other. The JSON may be a graph, a list, or an FAQPage
nested as the ``mainEntity`` of a ``WebPage``; only the keys that lead to an FAQPage are kept
while it is parsed, so a script of a million unrelated objects costs little memory. Broken
JSON-LD is passed over: the page's markup may still carry the FAQ.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from audit.importer.entries import ImportedEntry
from audit.importer.html_bounds import bounded
from audit.importer.html_doc import unescape
from audit.importer.html_markdown import markdown, one_line
from audit.importer.html_whitespace import collapse
from audit.importer.readers import Page, Reader, html

__all__ = ["READER"]

_MARKUP = re.compile(r"<[a-zA-Z/!]")
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*\n")
_KEYS = frozenset({"@type", "mainEntity", "name", "acceptedAnswer", "suggestedAnswer", "text"})
"""The keys an FAQPage is read from; other keys are kept only on the way to one."""


def _fragment(text: str) -> LexborHTMLParser:
    return LexborHTMLParser(bounded(text))


def _html_fragment_to_paragraphs(fragment: str) -> str:
    """An answer's HTML as Markdown, its links and lists kept.

    JSON-LD answers are often plain text that separates paragraphs with blank lines instead
    of ``<p>``; a browser would run those together, but they are clearly meant as paragraphs.
    """
    if _MARKUP.search(fragment):
        tree = _fragment(fragment)
        return markdown([tree.body]) if tree.body is not None else ""
    paragraphs = (collapse(unescape(chunk)) for chunk in _BLANK_LINES.split(fragment))
    return "\n\n".join(p for p in paragraphs if p)


def _one_line_fragment(fragment: str) -> str:
    if _MARKUP.search(fragment):
        tree = _fragment(fragment)
        return one_line(tree.body) if tree.body is not None else ""
    return collapse(unescape(fragment))


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", [])
    names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    # "FAQPage", "schema:FAQPage" and "https://schema.org/FAQPage" all name the same type.
    return {re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str)}


def _holds_objects(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(item, dict | list) for item in value)
    )


def _prune(pairs: list[tuple[str, Any]]) -> dict[str, Any] | None:
    """Keep of a JSON object only what can lead to an FAQPage (``object_pairs_hook``), so that
    a script of a million unrelated objects does not stay in memory as a million dicts."""
    kept = {
        key: value
        for key, value in pairs
        if value is not None and (key in _KEYS or _holds_objects(value))
    }
    return kept or None


def _nothing(_: str) -> None:
    return None


def _load_json(text: str) -> Any:
    return json.loads(
        text,
        object_pairs_hook=_prune,
        parse_int=_nothing,
        parse_float=_nothing,
        parse_constant=_nothing,
    )


def _faq_pages(data: Any) -> Iterator[dict[str, Any]]:
    """Every FAQPage object in a JSON-LD document, wherever it is nested (``@graph``, lists,
    or as the ``mainEntity`` of a ``WebPage``), in document order."""
    pending: list[Any] = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(reversed(item))
        elif isinstance(item, dict):
            if "FAQPage" in _types(item):
                yield item
            else:
                pending.extend(reversed(list(item.values())))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _entries(page: Page) -> Iterator[ImportedEntry]:
    for script in page.document.scripts:
        if "FAQPage" not in script:
            continue
        try:
            data = _load_json(script)
        except (ValueError, RecursionError):
            continue  # Broken JSON-LD: the page's markup may still carry the FAQ.
        for faq_page in _faq_pages(data):
            for question in _as_list(faq_page.get("mainEntity", [])):
                entry = _entry(question)
                if entry is not None:
                    yield entry


def _entry(question: Any) -> ImportedEntry | None:
    if not isinstance(question, dict) or not isinstance(question.get("name"), str):
        return None
    name = _one_line_fragment(question["name"])
    if not name:
        return None
    answers = _as_list(question.get("acceptedAnswer") or question.get("suggestedAnswer") or [])
    answer = answers[0] if answers else None
    text = answer.get("text") if isinstance(answer, dict) else answer
    return ImportedEntry(name, _html_fragment_to_paragraphs(text) if isinstance(text, str) else "")


READER = Reader(
    reads="HTML",
    detect=html,
    priority=50,
    expects="FAQPage JSON-LD",
    entries=_entries,
)

"""Read FAQ pages saved as HTML, using only the standard library's ``html.parser``.

A page can carry its FAQ in several ways; they are tried from the most to the least explicit,
and the first that yields questions wins:

1. schema.org ``FAQPage`` JSON-LD, which states outright what is a question and an answer;
2. ``<details><summary>``, the native accordion;
3. ``<dl>`` with ``<dt>``/``<dd>`` pairs;
4. ``h2``-``h6`` headings ending in ``?``, each answered by what follows it.

Text is taken the way a browser shows it: whitespace inside a paragraph collapses to one space
and block elements start new paragraphs. Site chrome (``nav``, ``header``, ``footer``) and
non-content elements (``script``, ``style``, ``noscript``, ``template``) are never read as text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from .text import ImportedEntry, PageError

__all__ = ["looks_like_html", "parse_html"]

# --------------------------------------------------------------------------- detection

_STARTS_LIKE_MARKUP = re.compile(r"\s*(?:<!doctype|<html|<\?xml|<!--|<[a-z][a-z0-9]*[\s/>])", re.I)
_HAS_FAQ_MARKUP = re.compile(
    r"<(?:body|details|dl)[\s>]|<script[^>]*\btype\s*=\s*[\"']?application/ld\+json", re.I
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is markup rather than a scraped plain-text page.

    Scraped text never starts with a tag, and tags that carry an FAQ are unlikely inside
    prose, so either sign is enough. A bare fragment like ``<h2>..</h2><p>..</p>`` counts too.
    """
    return bool(_STARTS_LIKE_MARKUP.match(text) or _HAS_FAQ_MARKUP.search(text))


# --------------------------------------------------------------------------- tree


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_VOID = _tags("area base br col embed hr img input keygen link meta param source track wbr")
_IGNORED = _tags("script style noscript template nav header footer title svg")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = _tags(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure form h1 h2 h3 h4 h5 h6 hgroup hr html legend li main menu ol p
    pre section summary table tbody td tfoot th thead tr ul"""
)
"""Elements a browser lays out as blocks: their edges end the paragraph being built."""

_CLOSES_P = (_BLOCKS | _tags("header footer nav")) - _tags(
    "body html caption tbody td tfoot th thead tr"
)
"""Start tags that end an open ``<p>``, which pages routinely leave unclosed."""
_LIST_SCOPE = frozenset({"ul", "ol", "menu", "dir", "table", "details", "dl"})
_DEF_SCOPE = frozenset({"dl", "table", "details", "ul", "ol"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass(slots=True, eq=False)
class _Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Build a forgiving element tree: real pages leave ``<p>``, ``<li>``, ``<dt>``, ``<dd>``
    unclosed and close tags out of order, and a browser would still show the FAQ."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root")
        self._stack: list[_Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        element = _Element(tag, {key: value or "" for key, value in attrs})
        self._stack[-1].children.append(element)
        if tag not in _VOID:
            self._stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        self._stack[-1].children.append(_Element(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return
        # A stray end tag: browsers ignore it (or, for </p> and </br>, add an empty element,
        # which carries no text either way).

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._pop_through("p", stop=_BLOCKS - {"p"})
        if tag == "li":
            self._pop_through("li", stop=_LIST_SCOPE)
        elif tag in ("dt", "dd"):
            self._pop_through(("dt", "dd"), stop=_DEF_SCOPE)
        elif tag in _HEADINGS:
            self._pop_through(tuple(_HEADINGS), stop=_BLOCKS - set(_HEADINGS))

    def _pop_through(self, tags: str | tuple[str, ...], *, stop: Iterable[str]) -> None:
        targets = (tags,) if isinstance(tags, str) else tags
        stops = frozenset(stop)
        for depth in range(len(self._stack) - 1, 0, -1):
            tag = self._stack[depth].tag
            if tag in targets:
                del self._stack[depth:]
                return
            if tag in stops:
                return


def _parse_tree(text: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


_Event = tuple[str, "_Element | str"]


def _walk(nodes: Iterable[_Element | str], *, skip: frozenset[str] = _IGNORED) -> Iterator[_Event]:
    """Yield ``("start", el)``, ``("text", s)`` and ``("end", el)`` in document order.

    Iterative on purpose: pages with thousands of unclosed inline tags nest deeper than Python's
    recursion limit. Elements named in ``skip`` are left out together with their content.
    """
    stack: list[Iterator[_Element | str]] = [iter(nodes)]
    open_elements: list[_Element] = []
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            if open_elements and len(stack) == len(open_elements):
                yield "end", open_elements.pop()
            continue
        if isinstance(node, str):
            yield "text", node
        elif node.tag not in skip:
            yield "start", node
            open_elements.append(node)
            stack.append(iter(node.children))


def _elements(nodes: Iterable[_Element | str]) -> Iterator[_Element]:
    for kind, node in _walk(nodes):
        if kind == "start" and isinstance(node, _Element):
            yield node


def _text_of(element: _Element) -> str:
    """All text under ``element``, ignoring markup (for script bodies)."""
    return "".join(
        node
        for kind, node in _walk([element], skip=frozenset())
        if kind == "text" and isinstance(node, str)
    )


# --------------------------------------------------------------------------- text


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    heading: int  # 1-6 for text inside <h1>..<h6>, 0 otherwise


def _collapse(text: str) -> str:
    """Collapse HTML whitespace as a browser does; a no-break space stays inside the text
    (it is what the author typed) but is trimmed at the ends like any other space."""
    return _HTML_SPACE.sub(" ", text).strip()


def _blocks(nodes: Iterable[_Element | str]) -> list[_Block]:
    """Lay ``nodes`` out as the paragraphs a reader would see."""
    blocks: list[_Block] = []
    parts: list[str] = []
    heading = 0

    def flush() -> None:
        text = _collapse("".join(parts))
        parts.clear()
        if text:
            blocks.append(_Block(text, heading))

    for kind, node in _walk(nodes):
        if isinstance(node, str):
            parts.append(node)
            continue
        tag = node.tag
        if tag in _HEADINGS:
            flush()
            heading = _HEADINGS[tag] if kind == "start" else 0
        elif heading and (tag == "br" or tag in _BLOCKS):
            parts.append(" ")  # A heading is one line however it is marked up inside.
        elif tag in _BLOCKS or (tag == "br" and kind == "start"):
            flush()
    flush()
    return blocks


def _paragraphs(nodes: Iterable[_Element | str]) -> str:
    return "\n\n".join(block.text for block in _blocks(nodes))


def _one_line(nodes: Iterable[_Element | str]) -> str:
    return " ".join(block.text for block in _blocks(nodes))


_MARKUP = re.compile(r"<[a-zA-Z/!]")
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*\n")


def _html_fragment_to_paragraphs(fragment: str) -> str:
    """Text of an HTML fragment as paragraphs.

    JSON-LD answers are often plain text that separates paragraphs with blank lines instead
    of ``<p>``; a browser would run those together, but they are clearly meant as paragraphs.
    """
    if _MARKUP.search(fragment):
        return _paragraphs(_parse_tree(fragment).children)
    paragraphs = (_collapse(unescape(chunk)) for chunk in _BLANK_LINES.split(fragment))
    return "\n\n".join(p for p in paragraphs if p)


# --------------------------------------------------------------------------- JSON-LD


def _is_ld_json(element: _Element) -> bool:
    kind = element.attrs.get("type", "").split(";")[0].strip().lower()
    return element.tag == "script" and kind == "application/ld+json"


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", [])
    names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    # "FAQPage", "schema:FAQPage" and "https://schema.org/FAQPage" all name the same type.
    return {re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str)}


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


def _jsonld_entries(root: _Element) -> list[ImportedEntry]:
    entries: list[ImportedEntry] = []
    for element in _walk([root], skip=frozenset()):
        kind, node = element
        if kind != "start" or not isinstance(node, _Element) or not _is_ld_json(node):
            continue
        try:
            data = json.loads(_text_of(node))
        except (ValueError, RecursionError):
            continue  # Broken JSON-LD: the page's markup may still carry the FAQ.
        for page in _faq_pages(data):
            for question in _as_list(page.get("mainEntity", [])):
                entry = _jsonld_entry(question)
                if entry is not None:
                    entries.append(entry)
    return entries


def _jsonld_entry(question: Any) -> ImportedEntry | None:
    if not isinstance(question, dict) or not isinstance(question.get("name"), str):
        return None
    name = _one_line_fragment(question["name"])
    if not name:
        return None
    answers = _as_list(question.get("acceptedAnswer") or question.get("suggestedAnswer") or [])
    answer = answers[0] if answers else None
    text = answer.get("text") if isinstance(answer, dict) else answer
    return ImportedEntry(name, _html_fragment_to_paragraphs(text) if isinstance(text, str) else "")


def _one_line_fragment(fragment: str) -> str:
    if _MARKUP.search(fragment):
        return _one_line(_parse_tree(fragment).children)
    return _collapse(unescape(fragment))


# --------------------------------------------------------------------------- markup


def _details_entries(root: _Element) -> list[ImportedEntry]:
    entries: list[ImportedEntry] = []
    consumed: set[int] = set()
    for element in _elements([root]):
        if element.tag != "details" or id(element) in consumed:
            continue
        summary = _summary_of(element)
        question = _one_line([summary]) if summary is not None else ""
        body = [child for child in element.children if child is not summary]
        nested = [el for el in _elements(body) if el.tag == "details"]
        if nested and not question.endswith("?"):
            continue  # A group such as "Shipping" whose own <details> hold the questions.
        consumed.update(id(el) for el in nested)
        if question:
            entries.append(ImportedEntry(question, _paragraphs(body)))
    return entries


def _summary_of(details: _Element) -> _Element | None:
    for child in details.children:
        if isinstance(child, _Element) and child.tag == "summary":
            return child
    return None


def _dl_entries(root: _Element) -> list[ImportedEntry]:
    entries: list[ImportedEntry] = []
    consumed: set[int] = set()
    for element in _elements([root]):
        if element.tag != "dl" or id(element) in consumed:
            continue
        question: str | None = None
        answers: list[str] = []
        for term in _terms(element):
            consumed.update(id(el) for el in _elements([term]) if el.tag == "dl")
            if term.tag == "dt":
                if question:
                    entries.append(ImportedEntry(question, "\n\n".join(answers)))
                question, answers = _one_line([term]), []
            elif question is not None:
                text = _paragraphs(term.children)
                if text:
                    answers.append(text)
        if question:
            entries.append(ImportedEntry(question, "\n\n".join(answers)))
    return entries


def _terms(dl: _Element) -> Iterator[_Element]:
    """The ``dt``/``dd`` of a list, including those wrapped in ``<div>`` as HTML allows."""
    pending: list[_Element | str] = list(reversed(dl.children))
    while pending:
        node = pending.pop()
        if not isinstance(node, _Element) or node.tag in _IGNORED:
            continue
        if node.tag in ("dt", "dd"):
            yield node
        elif node.tag != "dl":
            pending.extend(reversed(node.children))


def _heading_entries(root: _Element) -> list[ImportedEntry]:
    """Questions in ``h2``-``h6`` headings, each answered by the text up to the next heading of
    the same or a higher level, or the next question heading, whichever comes first (a
    question nested under a question is its own entry, not part of the previous answer)."""
    entries: list[ImportedEntry] = []
    question: str | None = None
    level = 0
    answer: list[str] = []
    for block in _blocks([root]):
        if block.heading:
            is_question = block.heading >= 2 and block.text.endswith("?")
            if question is not None and (is_question or block.heading <= level):
                entries.append(ImportedEntry(question, "\n\n".join(answer)))
                question = None
            if is_question:
                question, level, answer = block.text, block.heading, []
            elif question is not None:
                answer.append(block.text)
        elif question is not None:
            answer.append(block.text)
    if question is not None:
        entries.append(ImportedEntry(question, "\n\n".join(answer)))
    return entries


# --------------------------------------------------------------------------- entry point

_STRATEGIES = (_jsonld_entries, _details_entries, _dl_entries, _heading_entries)


def parse_html(text: str, *, name: str) -> list[ImportedEntry]:
    """Import an HTML page with the first strategy that finds any question."""
    root = _parse_tree(text)
    for strategy in _STRATEGIES:
        entries = strategy(root)
        if entries:
            return entries
    raise PageError(
        f"{name}: no FAQ found in the HTML; expected FAQPage JSON-LD, <details> with <summary>,"
        " a <dl> of <dt>/<dd> pairs, or h2-h6 headings ending in '?'"
    )

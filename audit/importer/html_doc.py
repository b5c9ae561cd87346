"""An HTML page parsed as a browser parses it, with what is not content taken out and noted.

The parser is selectolax's binding of Lexbor, an HTML5 parser in C: unclosed ``<p>``, tags
closed out of order and stray end tags build the tree a browser builds, and readers find their
structures with CSS selectors. Its input is first bounded in depth (``html_bounds``), so time
stays in proportion to the page whatever its markup.

Before any reader looks, two kinds of element are removed:

- what a browser does not show as text (``script``, ``style``, ``template``, ``svg``...),
  silently; JSON-LD scripts are kept aside first, for the reader that reads them;
- page chrome: a ``nav``, ``header`` or ``footer`` outside an ``article``, ``section`` or
  ``main`` (inside one, it is the article's own), landmarks with the roles of those, cookie and
  consent banners, and "skip to content" links. Each removed block that had text is noted with
  its first words, so the import can say what it did not keep.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from .html_bounds import MAX_DEPTH, bounded
from .html_whitespace import collapse

__all__ = [
    "Document",
    "Node",
    "deep_enough",
    "first_words",
    "looks_like_html",
    "parse",
    "unescape",
]

Node = LexborNode

_STARTS_LIKE_MARKUP = re.compile(r"\s*(?:<!doctype|<html|<\?xml|<!--|<[a-z][a-z0-9]*[\s/>])", re.I)
_HAS_FAQ_MARKUP = re.compile(
    r"<(?:body|details|dl)[\s>]|<script[^>]{0,200}?\btype\s*=\s*[\"']?application/ld\+json", re.I
)
"""The attribute run is bounded: ``[^>]*`` would rescan the rest of the page at every
``<script`` that is never closed."""

_NOT_SHOWN = "script, style, template, noscript, svg, iframe, object, noembed, noframes, title"
_CHROME = (
    "nav, header, footer, [role=navigation], [role=banner], [role=contentinfo],"
    " [id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i],"
    " [id*=gdpr i], [class*=gdpr i], .usa-banner, .usa-skipnav, .skip-link, .skip-to-content"
)
_CONTENT = frozenset({"article", "section", "main"})
_LANDMARKS = frozenset({"nav", "header", "footer"})
_SKIP_LINK = re.compile(r"skip\s+(?:to|navigation)", re.I)
_FIRST_WORDS = 8


_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_LONGEST_CODE_POINT = 7  # 0x10FFFF has 6 hex and 7 decimal digits


def _shorten_reference(match: re.Match[str]) -> str:
    """A numeric character reference with its leading zeros dropped, or U+FFFD when it is out
    of range: ``html.unescape`` would otherwise call ``int()`` on thousands of digits, which
    Python refuses (and which would be slow)."""
    hexadecimal, decimal = match.groups()
    digits = (hexadecimal or decimal).lstrip("0") or "0"
    if len(digits) > _LONGEST_CODE_POINT:
        return "\ufffd"
    return f"&#x{digits};" if hexadecimal else f"&#{digits};"


def unescape(text: str) -> str:
    """Character references replaced, in time linear in the text (see ``_shorten_reference``);
    for text that is not parsed as HTML, such as a plain-text answer in JSON-LD."""
    if "&" not in text:
        return text
    if "&#" in text:
        text = _NUMERIC_REFERENCE.sub(_shorten_reference, text)
    return html.unescape(text)


_RECURSION = 24 * MAX_DEPTH
"""Frames enough to walk the tree recursively: ``html_bounds`` counts the elements that
nest (``<table>``, ``<ul>``), not those whose end tags are optional (``<tr>``, ``<td>``,
``<li>``), so the tree may be about four times deeper than ``MAX_DEPTH``, and a walk takes a
few frames per level. Python 3.11 calls between Python functions use no C stack."""


@contextmanager
def deep_enough() -> Iterator[None]:
    """Let the readers walk a tree as deep as a bounded page can make, then restore the limit."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, _RECURSION))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is markup rather than a scraped plain-text page.

    Scraped text never starts with a tag, and tags that carry an FAQ are unlikely inside
    prose, so either sign is enough. A bare fragment like ``<h2>..</h2><p>..</p>`` counts too.
    """
    return bool(_STARTS_LIKE_MARKUP.match(text) or _HAS_FAQ_MARKUP.search(text))


def first_words(text: str, count: int = _FIRST_WORDS) -> str:
    """The start of a block of text, to name it in a report: its first few words."""
    words = collapse(text[:400]).split(" ")
    if words == [""]:
        return ""
    return " ".join(words[:count]) + (" \u2026" if len(words) > count else "")


@dataclass(slots=True)
class Document:
    """A parsed page: its tree, its JSON-LD scripts, and the chrome removed from it."""

    tree: LexborHTMLParser
    scripts: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)  # the first words of each block removed
    _ids: dict[str, Node] | None = None

    @property
    def body(self) -> Node:
        return self.tree.body or self.tree.root  # type: ignore[return-value]

    def by_id(self, name: str) -> Node | None:
        """The element with the ``id`` ``name`` (the first, as a browser takes it)."""
        if self._ids is None:
            self._ids = {}
            for element in self.tree.css("[id]"):
                self._ids.setdefault(element.attributes.get("id") or "", element)
        return self._ids.get(name)


def parse(text: str) -> Document:
    """The page's tree, without what a browser does not show nor the page's chrome.

    Raises MemoryError when the parser cannot allocate the tree (it says only that it cannot
    parse, and it parses anything else).
    """
    try:
        tree = LexborHTMLParser(bounded(text))
    except SelectolaxError:
        raise MemoryError("the HTML parser ran out of memory") from None
    document = Document(tree)
    _resolve_links(tree)
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").split(";")[0].strip().lower()
        if kind == "application/ld+json":
            document.scripts.append(script.text(deep=False))
    for hidden in _remove(tree.css(_NOT_SHOWN)):
        hidden.decompose()
    chrome = [element for element in tree.css(_CHROME) if _is_chrome(element)]
    chrome += [
        link
        for link in tree.css("a[href^='#']")
        if _SKIP_LINK.match(collapse((link.text() or "")[:100]))
    ]
    for element in _remove(chrome):
        words = first_words(element.text(separator=" ") or "")
        if words:
            document.chrome.append(words)
        element.decompose()
    return document


_BASE = (
    ("base[href]", "href"),
    ("link[rel~=canonical][href]", "href"),
    ("meta[property='og:url'][content]", "content"),
)
_ABSOLUTE = re.compile(r"https?://[^\s/]", re.I)
_LEAVE = re.compile(r"#|[a-z][a-z0-9+.-]*:|//", re.I)
"""Targets left as written: a fragment of this page, or an address with a scheme already."""


def _resolve_links(tree: LexborHTMLParser) -> None:
    """Make relative link targets absolute where the page says its own address (``<base>``,
    its canonical link, or ``og:url``): an answer shown in a help widget, an e-mail or a chat
    has no page to be relative to. Without one they stay as written, for the checks to
    report."""
    base = ""
    for selector, attribute in _BASE:
        element = tree.css_first(selector)
        value = (element.attributes.get(attribute) or "").strip() if element else ""
        if _ABSOLUTE.match(value):
            base = value
            break
    if not base:
        return
    for link in tree.css("a[href]"):
        href = (link.attributes.get("href") or "").strip()
        if href and not _LEAVE.match(href):
            link.attrs["href"] = urljoin(base, href)


def _remove(elements: list[Node]) -> list[Node]:
    """``elements`` less those inside another of them, which go with it: an element is
    removed once, and never after the element around it freed it."""
    outermost: list[Node] = []
    taken: set[int] = set()
    for element in elements:  # in document order: an element before those inside it
        parent = element.parent
        while parent is not None and parent.mem_id not in taken:
            parent = parent.parent
        if parent is None:
            taken.add(element.mem_id)
            outermost.append(element)
    return outermost


def _is_chrome(element: Node) -> bool:
    """A landmark is the site's chrome outside the content; inside it, the article's own."""
    if element.tag not in _LANDMARKS:
        return element.tag not in ("html", "body", "main")
    parent = element.parent
    while parent is not None:
        if parent.tag in _CONTENT:
            return False
        parent = parent.parent
    return True

"""Read FAQ pages saved as HTML, in one pass whose time and memory grow linearly with the page.

A page can carry its FAQ in several ways; they are tried from the most to the least explicit,
and the first that yields questions wins:

1. schema.org ``FAQPage`` JSON-LD, which states outright what is a question and an answer;
2. ``<details><summary>``, the native accordion;
3. ``<dl>`` with ``<dt>``/``<dd>`` pairs;
4. ``h2``-``h6`` headings ending in ``?``, each answered by what follows it.

Text is taken the way a browser shows it: whitespace inside a paragraph collapses to one space,
block elements start new paragraphs, and ``<pre>`` keeps its lines. Site chrome (a ``nav``,
``header`` or ``footer`` that is not inside an ``article``, ``section`` or ``main``, where
HTML5 puts an article's own heading) and non-content elements (``script``, ``style``,
``noscript``, ``template``, ``title``, ``svg``, ``iframe``) are never read as text.

Pages come from anywhere, so nothing here may grow faster than the page:

- the tokenizer is this module's own: the standard library's ``html.parser`` takes quadratic
  time on unclosed tags and comments, and raises on some malformed declarations;
- only the elements that shape the text are tracked (blocks, headings, lists, ``details``,
  ``dl``, chrome); inline and unknown elements add their text and nothing else, as a browser
  lays them out, so thousands of unclosed ``<b>`` cost nothing;
- the open elements are indexed by tag and by the groups that implied end tags look for, so
  finding the element that a tag closes never scans the open elements;
- no element tree is built: the page is laid out into paragraphs as it is read, and each
  strategy keeps its questions as ranges of those paragraphs until one of them wins.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from typing import Any, Protocol

from .limits import limits
from .text import ImportedEntry, PageError, checked_entries, too_many_questions

__all__ = ["looks_like_html", "parse_html"]

# --------------------------------------------------------------------------- detection

_STARTS_LIKE_MARKUP = re.compile(r"\s*(?:<!doctype|<html|<\?xml|<!--|<[a-z][a-z0-9]*[\s/>])", re.I)
_HAS_FAQ_MARKUP = re.compile(
    r"<(?:body|details|dl)[\s>]|<script[^>]{0,200}?\btype\s*=\s*[\"']?application/ld\+json", re.I
)
"""The attribute run is bounded: ``[^>]*`` would rescan the rest of the page at every
``<script`` that is never closed."""


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is markup rather than a scraped plain-text page.

    Scraped text never starts with a tag, and tags that carry an FAQ are unlikely inside
    prose, so either sign is enough. A bare fragment like ``<h2>..</h2><p>..</p>`` counts too.
    """
    return bool(_STARTS_LIKE_MARKUP.match(text) or _HAS_FAQ_MARKUP.search(text))


# --------------------------------------------------------------------------- elements


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CHROME = _tags("header footer nav")
"""Site chrome when it stands outside the content; an article's own header when inside."""
_CONTENT = _tags("article section main")
_HIDDEN = _tags("script style noscript template title svg iframe noembed noframes")
"""Elements whose content a browser does not show as text."""
_BLOCKS = _tags(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre search section summary table tbody td tfoot th thead tr ul"""
)
"""Elements a browser lays out as blocks: their edges end the paragraph being built."""
_KEPT = _BLOCKS | _CHROME | _HIDDEN
"""The elements that are tracked; any other start or end tag only delimits text."""
_RAW_TEXT = _tags("script style textarea title iframe noembed noframes noscript")
"""Elements whose content is text up to their end tag, never markup."""
_ESCAPABLE_RAW_TEXT = _tags("textarea title")
_STRUCTURES = _tags("details summary dl dt dd")
"""Elements read as ranges of paragraphs, so their edges are paragraph edges even in a heading."""
_LIST_SCOPE = _tags("ul ol menu dir table details dl")
_DEF_SCOPE = _tags("dl table details ul ol")
_CLOSES_P = _BLOCKS - _tags("body html caption tbody td tfoot th thead tr")
"""Start tags that end an open ``<p>``, which pages routinely leave unclosed."""

_GROUPS: dict[str, frozenset[str]] = {
    "#heading": frozenset(_HEADINGS),
    "#term": _tags("dt dd"),
    "#not-p": _BLOCKS - {"p"},
    "#not-heading": _BLOCKS - set(_HEADINGS),
    "#list-scope": _LIST_SCOPE,
    "#def-scope": _DEF_SCOPE,
    "#content": _CONTENT,
}
"""Named sets of elements whose innermost open member implied end tags look for."""
_IGNORED = "#ignored"
_CANONICAL = {tag: tag for tag in _KEPT}


def _group_keys(tag: str) -> tuple[str, ...]:
    return (tag, *(key for key, members in _GROUPS.items() if tag in members))


_GROUP_KEYS = {tag: _group_keys(tag) for tag in _KEPT}


# --------------------------------------------------------------------------- tokens

_START_TAG = re.compile(r"<([a-zA-Z][^\t\n\f\r />]*)")
_END_TAG = re.compile(r"</([a-zA-Z][^\t\n\f\r />]*)")
_TAG_REST = re.compile(
    r"""(?:[\t\n\f\r /]|[^\t\n\f\r />=][^\t\n\f\r />=]*+
    |=[\t\n\f\r ]*+(?:"[^"]*+"?|'[^']*+'?|[^\t\n\f\r >]*+))*+""",
    re.X,
)
"""Attributes up to the ``>`` that ends a tag, as HTML5 tokenizes them: possessive, so that a
tag that never ends is scanned once, not once per attribute."""
_ATTRIBUTE = re.compile(
    r"""([^\t\n\f\r />=][^\t\n\f\r />=]*)
    (?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"?|'([^']*)'?|([^\t\n\f\r >]*)))?""",
    re.X,
)
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_LONGEST_CODE_POINT = 7  # 0x10FFFF has 6 hex and 7 decimal digits


@cache
def _raw_text_end(tag: str) -> re.Pattern[str]:
    return re.compile(rf"</{tag}(?=[\t\n\f\r />])", re.I)


def _shorten_reference(match: re.Match[str]) -> str:
    """A numeric character reference with its leading zeros dropped, or U+FFFD when it is out
    of range: ``html.unescape`` would otherwise call ``int()`` on thousands of digits, which
    Python refuses (and which would be slow)."""
    hexadecimal, decimal = match.groups()
    digits = (hexadecimal or decimal).lstrip("0") or "0"
    if len(digits) > _LONGEST_CODE_POINT:
        return "\ufffd"
    return f"&#x{digits};" if hexadecimal else f"&#{digits};"


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    if "&#" in text:
        text = _NUMERIC_REFERENCE.sub(_shorten_reference, text)
    return unescape(text)


def _type_attribute(tag_text: str) -> str:
    for match in _ATTRIBUTE.finditer(tag_text):
        if match[1].lower() == "type":
            return next((value for value in match.groups()[1:] if value is not None), "")
    return ""


class _Sink(Protocol):
    """What the tokenizer feeds: tags, text, and the content of raw-text elements."""

    def start(self, tag: str, kind: str) -> None: ...
    def end(self, tag: str) -> None: ...
    def text(self, data: str) -> None: ...
    def raw_text(self, data: str) -> None: ...


def _tag_end(text: str, position: int) -> int:
    """Where the ``>`` that ends a tag stands, or ``len(text)`` when the page ends first."""
    rest = _TAG_REST.match(text, position)
    assert rest is not None  # the pattern matches the empty string
    return rest.end()


def _tokenize(text: str, sink: _Sink) -> None:
    """Feed ``sink`` the tags and text of ``text``, each character looked at a bounded number
    of times. ``kind`` is a ``<script>``'s ``type``; other attributes do not matter here.

    Malformed markup is read as HTML5 reads it: a ``<`` that starts no tag is text, a comment
    or tag that never ends runs to the end of the page, ``<!...>`` and ``<?...>`` are ignored.
    """
    n = len(text)
    i = 0
    while i < n:
        j = text.find("<", i)
        if j < 0:
            j = n
        if j > i:
            sink.text(_unescape(text[i:j]))
        if j >= n:
            return
        following = text[j + 1 : j + 2]
        if following.isascii() and following.isalpha():
            name = _START_TAG.match(text, j)
            assert name is not None
            end = _tag_end(text, name.end())
            if end >= n:
                return  # a tag cut off by the end of the page is dropped
            tag = name[1].lower()
            sink.start(tag, _type_attribute(text[name.end() : end]) if tag == "script" else "")
            i = end + 1
            if tag in _RAW_TEXT:
                i = _raw_text(text, i, tag, sink)
        elif following == "/":
            name = _END_TAG.match(text, j)
            if name is None:  # "</>" is dropped, "</ x>" is a bogus comment
                close = j + 2 if text.startswith(">", j + 2) else text.find(">", j + 2)
                i = n if close < 0 else close + 1
                continue
            end = _tag_end(text, name.end())
            if end >= n:
                return
            sink.end(name[1].lower())
            i = end + 1
        elif text.startswith("<!--", j):
            if text.startswith(">", j + 4):
                i = j + 5
            elif text.startswith("->", j + 4):
                i = j + 6
            else:
                close = text.find("-->", j + 4)
                i = n if close < 0 else close + 3
        elif following in ("!", "?"):
            close = text.find(">", j + 2)
            i = n if close < 0 else close + 1
        else:
            sink.text("<")
            i = j + 1


def _raw_text(text: str, i: int, tag: str, sink: _Sink) -> int:
    """Pass on the content of a raw-text element and its end tag; return where reading goes on."""
    close = _raw_text_end(tag).search(text, i)
    content = text[i : close.start()] if close else text[i:]
    if content:
        sink.raw_text(_unescape(content) if tag in _ESCAPABLE_RAW_TEXT else content)
    sink.end(tag)
    if close is None:
        return len(text)
    end = _tag_end(text, close.end())
    return end + 1


# --------------------------------------------------------------------------- layout

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_CHUNK = 256
"""Text pieces joined together once this many have gathered: a paragraph made of a million
tiny pieces (``a<b>a<b>...``) then costs a few strings, not a million."""


_WINDOW = 1 << 16
"""Long text is rewritten a window at a time: ``re.sub`` keeps a piece per match until it
joins them, which for a paragraph of a million words is many times the paragraph's size."""
_TRAILING_SPACE = re.compile(r"[ \t\f]+(?=\n|\Z)")


def _windows(text: str, *, cut_after: str = "") -> Iterator[str]:
    """``text`` in pieces of about ``_WINDOW`` characters; with ``cut_after``, each piece but
    the last ends just after that character (a piece is longer when it must be)."""
    start = 0
    while start < len(text):
        end = start + _WINDOW
        if cut_after and end < len(text):
            cut = text.rfind(cut_after, start, end)
            if cut < 0:
                cut = text.find(cut_after, end)
            end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end


def _collapse(text: str) -> str:
    """Collapse HTML whitespace as a browser does; a no-break space stays inside the text
    (it is what the author typed) but is trimmed at the ends like any other space."""
    if len(text) <= _WINDOW:
        return _HTML_SPACE.sub(" ", text).strip()
    pieces: list[str] = []
    for window in _windows(text):
        piece = _HTML_SPACE.sub(" ", window)
        if pieces and pieces[-1].endswith(" ") and piece.startswith(" "):
            piece = piece[1:]  # a run of spaces cut in two by the window's edge
        pieces.append(piece)
    return "".join(pieces).strip()


def _preformatted(text: str) -> str:
    """The lines of a ``<pre>`` as a browser shows them: line breaks and indentation kept,
    trailing spaces and the blank lines at either end dropped."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(_TRAILING_SPACE.sub("", window) for window in _windows(text, cut_after="\n"))
    first = len(text) - len(text.lstrip("\n"))
    return text[first:].rstrip("\n")


_Range = tuple[int, int]
"""A run of paragraphs, ``blocks[start:end]``."""


@dataclass(slots=True)
class _Details:
    """An open ``<details>``: whether it is a question or a group is known only at its end,
    once its summary has been read and any ``<details>`` inside it have been seen."""

    depth: int  # where the <details> stands among the open elements
    body: int  # its first paragraph
    mark: int  # how many accordion entries were found before it
    summary: _Range | None = None
    summary_depth: int = 0  # while its <summary> is open
    summary_start: int = 0
    nested: bool = False  # holds a <details> of its own


@dataclass(slots=True)
class _List:
    """An open ``<dl>``: its questions so far, and the question whose answers are being read."""

    depth: int
    slot: int  # its place among the lists, in the order they start
    entries: list[tuple[str, list[_Range]]] = field(default_factory=list)
    question: str | None = None
    answers: list[_Range] = field(default_factory=list)
    term_depth: int = 0  # while one of its <dt>/<dd> is open
    term_start: int = 0


class _Reader(_Sink):
    """Lay a page out as paragraphs while it is tokenized, and note on the way what each
    strategy needs: the JSON-LD scripts, the accordions and the definition lists.

    Real pages leave ``<p>``, ``<li>``, ``<dt>``, ``<dd>`` unclosed and close tags out of
    order; the open elements are kept the way a browser keeps them, with the implied end tags
    of HTML5 for those elements, and an end tag closes the innermost open element of its name
    together with everything opened inside it.
    """

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.levels = bytearray()  # the heading level of each paragraph, 0 for body text
        self.scripts: list[str] = []  # FAQPage JSON-LD candidates
        self.accordions: list[tuple[_Range, list[_Range]]] = []  # summary, body
        self.lists: list[tuple[str, list[_Range]]] = []
        self._tags: list[str] = ["#root"]
        self._groups: list[tuple[array[int], ...]] = [()]
        self._open: dict[str, array[int]] = {}
        self._keys: dict[tuple[str, bool], tuple[array[int], ...]] = {}
        self._ignored = self._depths(_IGNORED)
        self._pre = self._depths("pre")
        self._parts: list[str] = []
        self._chunks: list[str] = []
        self._heading = 0
        self._script = False
        self._details: list[_Details] = []
        self._lists: list[_List] = []
        self._lists_found: list[list[tuple[str, list[_Range]]]] = []
        self._terms_open = 0
        # More questions than a file can hold are not kept, only noted: the page is refused.
        self._cap = limits().entries
        self._questions_listed = 0
        self.overflowing: set[str] = set()  # "accordions", "lists"

    def read(self, text: str) -> _Reader:
        _tokenize(text, self)
        self._close(1)
        self._flush()
        self.lists = [entry for found in self._lists_found for entry in found]
        return self

    # ---------------------------------------------------------------- open elements

    def _depths(self, key: str) -> array[int]:
        depths = self._open.get(key)
        if depths is None:
            depths = self._open[key] = array("q")
        return depths

    def _innermost(self, key: str) -> int:
        depths = self._open.get(key)
        return depths[-1] if depths else 0

    def _push(self, tag: str, ignored: bool) -> None:
        keys = self._keys.get((tag, ignored))
        if keys is None:
            names = _GROUP_KEYS[tag] + ((_IGNORED,) if ignored else ())
            keys = self._keys[(tag, ignored)] = tuple(self._depths(name) for name in names)
        depth = len(self._tags)
        for depths in keys:
            depths.append(depth)
        self._tags.append(tag)
        self._groups.append(keys)

    def _close(self, depth: int) -> None:
        """Close the open elements from the innermost down to the one at ``depth``."""
        tags, groups = self._tags, self._groups
        while len(tags) > depth:
            if not self._ignored:
                self._ended(tags[-1])
            for depths in groups[-1]:
                depths.pop()
            tags.pop()
            groups.pop()

    def _close_through(self, target: str, stop: str) -> None:
        """Close the innermost ``target`` unless a ``stop`` element is open inside it."""
        depth = self._innermost(target)
        if depth and depth > self._innermost(stop):
            self._close(depth)

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close_through("p", "#not-p")
        if tag == "li":
            self._close_through("li", "#list-scope")
        elif tag in ("dt", "dd"):
            self._close_through("#term", "#def-scope")
        elif tag in _HEADINGS:
            self._close_through("#heading", "#not-heading")

    # ---------------------------------------------------------------- tokens in

    def start(self, tag: str, kind: str) -> None:
        canonical = _CANONICAL.get(tag)
        if canonical is None:
            if tag == "br":
                self._line_break()
            return
        self._close_implied(canonical)
        if canonical == "hr":  # a void block: an edge between paragraphs
            if not self._ignored:
                self._edge("hr")
            return
        ignored = canonical in _HIDDEN or (canonical in _CHROME and not self._innermost("#content"))
        if not self._ignored and not ignored:
            self._started(canonical)
        if canonical == "script":
            self._script = kind.split(";")[0].strip().lower() == "application/ld+json"
        self._push(canonical, ignored)

    def end(self, tag: str) -> None:
        if tag == "br":  # HTML5 reads </br> as <br>
            self._line_break()
            return
        depth = self._innermost(tag) if tag in _CANONICAL else 0
        if depth:
            self._close(depth)
        # Otherwise a stray end tag, or an inline one: it only delimits text.

    def text(self, data: str) -> None:
        if self._ignored:
            return
        self._parts.append(data)
        if len(self._parts) >= _CHUNK:
            self._chunks.append("".join(self._parts))
            self._parts.clear()

    def raw_text(self, data: str) -> None:
        if self._tags[-1] == "script":
            if self._script:
                self.scripts.append(data)
        else:
            self.text(data)

    # ---------------------------------------------------------------- paragraphs

    def _flush(self) -> None:
        if not self._parts and not self._chunks:
            return
        raw = "".join(self._chunks) + "".join(self._parts)
        self._chunks.clear()
        self._parts.clear()
        text = _preformatted(raw) if self._pre and not self._heading else _collapse(raw)
        if text:
            self.blocks.append(text)
            self.levels.append(self._heading)

    def _line_break(self) -> None:
        if self._ignored:
            return
        if self._heading:
            self.text(" ")  # A heading is one line however it is marked up inside.
        elif self._pre:
            self.text("\n")
        else:
            self._flush()

    def _edge(self, tag: str) -> None:
        """A block's edge ends the paragraph; inside a heading it is a space, except at the
        edges of the elements whose text the strategies take as ranges of paragraphs."""
        if self._heading and tag not in _STRUCTURES:
            self.text(" ")
        else:
            self._flush()

    def _started(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag in _BLOCKS:
            self._edge(tag)
        if tag == "details":
            self._details_started()
        elif tag == "summary":
            self._summary_started()
        elif tag == "dl":
            self._list_started()
        elif tag in ("dt", "dd"):
            self._term_started()

    def _ended(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._flush()
            self._heading = 0
        elif tag in _BLOCKS:
            self._edge(tag)
        if tag == "details":
            self._details_ended()
        elif tag == "summary":
            self._summary_ended()
        elif tag == "dl":
            self._list_ended()
        elif tag in ("dt", "dd"):
            self._term_ended(tag)

    # ---------------------------------------------------------------- accordions

    def _details_started(self) -> None:
        if self._details:
            outer = self._details[-1]
            outer.nested = outer.nested or not outer.summary_depth
        depth = len(self._tags)
        self._details.append(_Details(depth, len(self.blocks), len(self.accordions)))

    def _summary_started(self) -> None:
        details = self._details[-1] if self._details else None
        at = len(self._tags)
        if details and details.depth == at - 1 and not (details.summary or details.summary_depth):
            details.summary_depth, details.summary_start = at, len(self.blocks)

    def _summary_ended(self) -> None:
        details = self._details[-1] if self._details else None
        if details and details.summary_depth == len(self._tags) - 1:
            details.summary = (details.summary_start, len(self.blocks))
            details.summary_depth = 0

    def _details_ended(self) -> None:
        if not self._details or self._details[-1].depth != len(self._tags) - 1:
            return
        details = self._details.pop()
        summary = details.summary or (0, 0)
        # Its paragraphs are never empty, so the summary ends in "?" when its last one does.
        # The question's text is only put together for the accordions that are kept: a summary
        # can hold other accordions, and joining every one of those would be quadratic.
        asks = summary[1] > summary[0] and self.blocks[summary[1] - 1].endswith("?")
        if details.nested and not asks:
            return  # A group such as "Shipping" whose own <details> hold the questions.
        # A question's answer holds the <details> inside it: they are not questions of their own.
        del self.accordions[details.mark :]
        if summary[1] > summary[0]:
            body = [(details.body, summary[0]), (summary[1], len(self.blocks))]
            if len(self.accordions) < self._cap:
                self.accordions.append((summary, body))
            else:
                self.overflowing.add("accordions")

    # ---------------------------------------------------------------- definition lists

    def _list_started(self) -> None:
        if not self._terms_open:  # a <dl> inside a <dt> or <dd> is part of that answer
            self._lists.append(_List(len(self._tags), len(self._lists_found)))
            self._lists_found.append([])

    def _term_started(self) -> None:
        definitions = self._lists[-1] if self._lists else None
        at = len(self._tags)
        own = self._innermost("dl")
        if definitions and definitions.depth == own and own > self._innermost("#term"):
            definitions.term_depth, definitions.term_start = at, len(self.blocks)
            self._terms_open += 1

    def _term_ended(self, tag: str) -> None:
        definitions = self._lists[-1] if self._lists else None
        if not definitions or definitions.term_depth != len(self._tags) - 1:
            return
        span = (definitions.term_start, len(self.blocks))
        definitions.term_depth = 0
        self._terms_open -= 1
        if tag == "dt":
            if definitions.question:
                self._add_question(definitions)
            definitions.question, definitions.answers = self.one_line(span), []
        elif definitions.question is not None and span[1] > span[0]:
            definitions.answers.append(span)

    def _list_ended(self) -> None:
        if not self._lists or self._lists[-1].depth != len(self._tags) - 1:
            return
        definitions = self._lists.pop()
        if definitions.question:
            self._add_question(definitions)
        self._lists_found[definitions.slot] = definitions.entries

    def _add_question(self, definitions: _List) -> None:
        assert definitions.question is not None
        if self._questions_listed < self._cap:
            definitions.entries.append((definitions.question, definitions.answers))
            self._questions_listed += 1
        else:
            self.overflowing.add("lists")

    # ---------------------------------------------------------------- text out

    def one_line(self, span: _Range) -> str:
        return " ".join(
            _collapse(block) if "\n" in block else block for block in self.blocks[span[0] : span[1]]
        )

    def paragraphs(self, spans: list[_Range]) -> str:
        return "\n\n".join(block for start, end in spans for block in self.blocks[start:end])


def _read(text: str) -> _Reader:
    return _Reader().read(text)


# --------------------------------------------------------------------------- JSON-LD

_MARKUP = re.compile(r"<[a-zA-Z/!]")
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*\n")
_KEYS = frozenset({"@type", "mainEntity", "name", "acceptedAnswer", "suggestedAnswer", "text"})
"""The keys an FAQPage is read from; other keys are kept only on the way to one."""


def _html_fragment_to_paragraphs(fragment: str) -> str:
    """Text of an HTML fragment as paragraphs.

    JSON-LD answers are often plain text that separates paragraphs with blank lines instead
    of ``<p>``; a browser would run those together, but they are clearly meant as paragraphs.
    """
    if _MARKUP.search(fragment):
        return "\n\n".join(_read(fragment).blocks)
    paragraphs = (_collapse(_unescape(chunk)) for chunk in _BLANK_LINES.split(fragment))
    return "\n\n".join(p for p in paragraphs if p)


def _one_line_fragment(fragment: str) -> str:
    if _MARKUP.search(fragment):
        reader = _read(fragment)
        return reader.one_line((0, len(reader.blocks)))
    return _collapse(_unescape(fragment))


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


def _jsonld_entries(reader: _Reader) -> Iterator[ImportedEntry]:
    for script in reader.scripts:
        if "FAQPage" not in script:
            continue
        try:
            data = _load_json(script)
        except (ValueError, RecursionError):
            continue  # Broken JSON-LD: the page's markup may still carry the FAQ.
        for page in _faq_pages(data):
            for question in _as_list(page.get("mainEntity", [])):
                entry = _jsonld_entry(question)
                if entry is not None:
                    yield entry


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


# --------------------------------------------------------------------------- markup


def _details_entries(reader: _Reader) -> Iterator[ImportedEntry]:
    for summary, body in reader.accordions:
        yield ImportedEntry(reader.one_line(summary), reader.paragraphs(body))


def _dl_entries(reader: _Reader) -> Iterator[ImportedEntry]:
    for question, answers in reader.lists:
        yield ImportedEntry(question, reader.paragraphs(answers))


def _heading_entries(reader: _Reader) -> Iterator[ImportedEntry]:
    """Questions in ``h2``-``h6`` headings, each answered by the text up to the next heading of
    the same or a higher level, or the next question heading, whichever comes first (a
    question nested under a question is its own entry, not part of the previous answer)."""
    question: str | None = None
    level = 0
    answer: list[str] = []
    for text, heading in zip(reader.blocks, reader.levels, strict=True):
        if heading:
            is_question = heading >= 2 and text.endswith("?")
            if question is not None and (is_question or heading <= level):
                yield ImportedEntry(question, "\n\n".join(answer))
                question = None
            if is_question:
                question, level, answer = text, heading, []
            elif question is not None:
                answer.append(text)
        elif question is not None:
            answer.append(text)
    if question is not None:
        yield ImportedEntry(question, "\n\n".join(answer))


# --------------------------------------------------------------------------- entry point

_STRATEGIES: tuple[tuple[Callable[[_Reader], Iterator[ImportedEntry]], str], ...] = (
    (_jsonld_entries, ""),
    (_details_entries, "accordions"),
    (_dl_entries, "lists"),
    (_heading_entries, ""),
)
"""Each strategy, with what the reader notes when it finds more questions than it keeps."""


def parse_html(text: str, *, name: str) -> list[ImportedEntry]:
    """Import an HTML page with the first strategy that finds any question.

    Raises PageError when none does, or when what it finds could not make a file that
    ``validate`` reads (see ``checked_entries``).
    """
    reader = _read(text)
    for strategy, kept in _STRATEGIES:
        if kept in reader.overflowing:
            raise PageError(too_many_questions(name))
        entries = checked_entries(strategy(reader), name=name)
        if entries:
            return entries
    raise PageError(
        f"{name}: no FAQ found in the HTML; expected FAQPage JSON-LD, <details> with <summary>,"
        " a <dl> of <dt>/<dd> pairs, or h2-h6 headings ending in '?'"
    )

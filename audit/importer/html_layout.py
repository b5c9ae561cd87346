"""An HTML page laid out as a browser shows it: paragraphs, with the heading level of each.

Text is taken the way a browser shows it: whitespace inside a paragraph collapses to one space,
block elements start new paragraphs, and ``<pre>`` keeps its lines. Site chrome (a ``nav``,
``header`` or ``footer`` that is not inside an ``article``, ``section`` or ``main``, where
HTML5 puts an article's own heading) and non-content elements (``script``, ``style``,
``noscript``, ``template``, ``title``, ``svg``, ``iframe``) are never read as text.

Readers that look for questions in the markup's structure (accordions, definition lists,
JSON-LD scripts) are told of it while the page is laid out, through a ``Watcher``: no element
tree is built, so a reader keeps its questions as ranges of paragraphs. Pages come from
anywhere, so nothing here may grow faster than the page:

- only the elements that shape the text are tracked (blocks, headings, lists, ``details``,
  ``dl``, chrome); inline and unknown elements add their text and nothing else, as a browser
  lays them out, so thousands of unclosed ``<b>`` cost nothing;
- the open elements are indexed by tag and by the groups that implied end tags look for, so
  finding the element that a tag closes never scans the open elements.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from .html_tokens import Sink, tag_set, tokenize
from .html_whitespace import collapse, preformatted

__all__ = ["Layout", "Range", "Watcher", "lay_out"]

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CHROME = tag_set("header footer nav")
"""Site chrome when it stands outside the content; an article's own header when inside."""
_CONTENT = tag_set("article section main")
_HIDDEN = tag_set("script style noscript template title svg iframe noembed noframes")
"""Elements whose content a browser does not show as text."""
_BLOCKS = tag_set(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre search section summary table tbody td tfoot th thead tr ul"""
)
"""Elements a browser lays out as blocks: their edges end the paragraph being built."""
_KEPT = _BLOCKS | _CHROME | _HIDDEN
"""The elements that are tracked; any other start or end tag only delimits text."""
_STRUCTURES = tag_set("details summary dl dt dd")
"""Elements read as ranges of paragraphs, so their edges are paragraph edges even in a heading
(so are those of any element a watcher is told of)."""
_LIST_SCOPE = tag_set("ul ol menu dir table details dl")
_DEF_SCOPE = tag_set("dl table details ul ol")
_CLOSES_P = _BLOCKS - tag_set("body html caption tbody td tfoot th thead tr")
"""Start tags that end an open ``<p>``, which pages routinely leave unclosed."""

_GROUPS: dict[str, frozenset[str]] = {
    "#heading": frozenset(_HEADINGS),
    "#term": tag_set("dt dd"),
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

_CHUNK = 256
"""Text pieces joined together once this many have gathered: a paragraph made of a million
tiny pieces (``a<b>a<b>...``) then costs a few strings, not a million."""

Range = tuple[int, int]
"""A run of paragraphs, ``blocks[start:end]``."""


class Watcher:
    """What a reader notes of the markup while a page is laid out; it does nothing by default.

    ``tags`` are the elements whose start and end it is told of (only elements outside
    hidden content and chrome, and only of the tracked ones: blocks, chrome, hidden). It is
    told of a start once the paragraph before it is finished and before the element is
    open (``layout.depth`` is then its parent's depth), and of an end once the element's
    last paragraph is finished and before it is closed (``layout.depth`` is then its own).
    ``script`` receives the content of every ``<script>``, with its ``type`` attribute.
    """

    tags: frozenset[str] = frozenset()

    def started(self, tag: str, layout: Layout) -> None:
        """An element of ``tags`` starts."""

    def ended(self, tag: str, layout: Layout) -> None:
        """An element of ``tags`` ends."""

    def script(self, kind: str, content: str) -> None:
        """The content of a ``<script>`` whose ``type`` is ``kind``."""


def lay_out(text: str, watchers: Iterable[Watcher] = ()) -> Layout:
    """The paragraphs of an HTML page or fragment, telling ``watchers`` of its markup on the way."""
    return Layout(watchers).read(text)


class Layout(Sink):
    """A page laid out as paragraphs while it is tokenized.

    Real pages leave ``<p>``, ``<li>``, ``<dt>``, ``<dd>`` unclosed and close tags out of
    order; the open elements are kept the way a browser keeps them, with the implied end tags
    of HTML5 for those elements, and an end tag closes the innermost open element of its name
    together with everything opened inside it.
    """

    def __init__(self, watchers: Iterable[Watcher] = ()) -> None:
        self.blocks: list[str] = []
        self.levels = bytearray()  # the heading level of each paragraph, 0 for body text
        self._watchers = tuple(watchers)
        watching: dict[str, list[Watcher]] = {}
        for watcher in self._watchers:
            for tag in watcher.tags:
                watching.setdefault(tag, []).append(watcher)
        self._watching = {tag: tuple(found) for tag, found in watching.items()}
        self._structures = _STRUCTURES.union(watching)
        self._tags: list[str] = ["#root"]
        self._groups: list[tuple[array[int], ...]] = [()]
        self._open: dict[str, array[int]] = {}
        self._keys: dict[tuple[str, bool], tuple[array[int], ...]] = {}
        self._ignored = self._depths(_IGNORED)
        self._pre = self._depths("pre")
        self._parts: list[str] = []
        self._chunks: list[str] = []
        self._heading = 0
        self._script_kind = ""

    def read(self, text: str) -> Layout:
        tokenize(text, self)
        self._close(1)
        self._flush()
        return self

    @property
    def depth(self) -> int:
        """How many elements are open."""
        return len(self._tags)

    # ---------------------------------------------------------------- open elements

    def _depths(self, key: str) -> array[int]:
        depths = self._open.get(key)
        if depths is None:
            depths = self._open[key] = array("q")
        return depths

    def innermost(self, key: str) -> int:
        """The depth of the innermost open element of a tag or group (``#term``), or 0."""
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
        depth = self.innermost(target)
        if depth and depth > self.innermost(stop):
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
        ignored = canonical in _HIDDEN or (canonical in _CHROME and not self.innermost("#content"))
        if not self._ignored and not ignored:
            self._started(canonical)
        if canonical == "script":
            self._script_kind = kind
        self._push(canonical, ignored)

    def end(self, tag: str) -> None:
        if tag == "br":  # HTML5 reads </br> as <br>
            self._line_break()
            return
        depth = self.innermost(tag) if tag in _CANONICAL else 0
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
            for watcher in self._watchers:
                watcher.script(self._script_kind, data)
        else:
            self.text(data)

    # ---------------------------------------------------------------- paragraphs

    def _flush(self) -> None:
        if not self._parts and not self._chunks:
            return
        raw = "".join(self._chunks) + "".join(self._parts)
        self._chunks.clear()
        self._parts.clear()
        text = preformatted(raw) if self._pre and not self._heading else collapse(raw)
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
        edges of the elements whose text readers take as ranges of paragraphs."""
        if self._heading and tag not in self._structures:
            self.text(" ")
        else:
            self._flush()

    def _started(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag in _BLOCKS:
            self._edge(tag)
        watchers = self._watching.get(tag)
        if watchers:
            for watcher in watchers:
                watcher.started(tag, self)

    def _ended(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._flush()
            self._heading = 0
        elif tag in _BLOCKS:
            self._edge(tag)
        watchers = self._watching.get(tag)
        if watchers:
            for watcher in watchers:
                watcher.ended(tag, self)

    # ---------------------------------------------------------------- text out

    def one_line(self, span: Range) -> str:
        """The paragraphs of ``span`` as one line, as a question is written."""
        return " ".join(
            collapse(block) if "\n" in block else block for block in self.blocks[span[0] : span[1]]
        )

    def paragraphs(self, spans: list[Range]) -> str:
        """The paragraphs of ``spans``, in order, separated by a blank line, as an answer is."""
        return "\n\n".join(block for start, end in spans for block in self.blocks[start:end])

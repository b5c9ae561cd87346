"""Markup nested deeper than any page needs, flattened before the HTML5 parser sees it.

An HTML5 tree builder looks through the open elements at almost every tag ("is a ``<p>`` in
button scope?"), so a page of 200,000 unclosed ``<div>`` costs it time in the square of the
page: two minutes for 1 MB. Browsers bound the tree's depth for the same reason (Blink at 512);
this pass bounds it at ``MAX_DEPTH`` in one linear scan of the tags, the way a browser does:

- an element that would open deeper than ``MAX_DEPTH`` inside one of its own kind closes that
  one first, so it becomes its sibling and keeps its structure (an accordion past the limit is
  still read as one); one of another kind may open a few levels deeper (``_HEADROOM``);
  inline and unknown elements carry no structure and are only dropped as tags (their text
  stays);
- an end tag that closes nothing open, deep in the page, is dropped, as the tree builder would
  ignore it (after looking through every open element for it).

The depth is an estimate kept with a stack: an end tag closes its element and everything opened
inside it, each element is pushed and popped once, and elements whose end tags are optional
(``p``, ``li``, ``td``...) or that have none (``br``) are not counted, since the tree builder
closes them by itself and they never nest deeply. Pages of ordinary depth pass through as they are.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["MAX_DEPTH", "bounded"]

MAX_DEPTH = 256
"""Far deeper than real pages go (a few dozen), low enough that the tree builder's look through
the open elements stays cheap, and below Python's recursion limit for the reading that follows."""

_JOIN_EVERY = 1024
"""Pieces joined once this many have gathered, so that a page flattened at every tag holds
a few long strings, not a small one per tag."""
_DEEP = 64
"""A stray end tag is dropped only this deep: there, the tree builder's look for it costs;
above, the estimate may be wrong (``</span>`` inside an ``<h2>`` opened in the span closes
nothing in HTML5) and the tag is left for the tree builder to judge."""
_HEADROOM = 16
"""Past ``MAX_DEPTH`` an element of another kind than the innermost still opens inside it, up
to this many more levels: a ``<summary>`` goes in the ``<details>`` that was just opened."""
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_OPTIONAL_END = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "rb",
        "rt",
        "rtc",
        "rp",
        "html",
        "head",
        "body",
    ]
)
_STRUCTURE = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "main",
        "menu",
        "nav",
        "ol",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
        "button",
    ]
)
"""Elements whose nesting the readers look at: past the limit they are kept, as siblings."""
_RAW_TEXT = frozenset(
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]
)
_TAG = re.compile(r"""<(?:(!--)|(/?)([A-Za-z][^\t\n\f\r />]*)(?:[^>"']|"[^"]*"|'[^']*')*+>?)""")
"""A comment's start, or a tag with its attributes up to the ``>`` that ends it. A quote
left open ends the tag's scan (HTML5 would read on): the depth is an estimate, and every
character is still looked at a bounded number of times."""


@cache
def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}(?=[\t\n\f\r />])[^>]*+>?", re.I)


def bounded(text: str) -> str:
    """``text`` with its elements nested at most ``MAX_DEPTH`` deep; the same text when they are."""
    pieces: list[str] = []
    chunks: list[str] = []  # pieces joined a batch at a time
    kept = 0  # text[kept:position] is yet to be copied
    stack: list[str] = []
    open_count: dict[str, int] = {}
    position = 0
    tag_open_at_end = -1
    while True:
        tag = _TAG.search(text, position)
        if tag is None:
            break
        if tag[1]:  # a comment: to its end, or to the end of the page
            close = text.find("-->", tag.end())
            if close < 0:  # a comment the page ends in hides the rest: so can this pass
                tag_open_at_end = tag.start()
                break
            position = close + 3
            continue
        name = tag[3].lower()
        end = tag.end()
        if end == len(text) and not text.endswith(">"):
            tag_open_at_end = tag.start()
            break
        if tag[2]:  # an end tag
            if name in _VOID or name in _OPTIONAL_END:
                position = end
                continue
            if not open_count.get(name):
                if len(stack) >= _DEEP:  # stray, where the tree builder would look far for it
                    pieces.append(text[kept : tag.start()])
                    kept = end
                position = end
                continue
            while True:
                top = stack.pop()
                open_count[top] -= 1
                if top == name:
                    break
            position = end
            continue
        position = end
        if name in _RAW_TEXT:
            raw_end = _raw_text_end(name).search(text, end)
            position = len(text) if raw_end is None else raw_end.end()
            continue
        if name in _VOID or name in _OPTIONAL_END:
            continue
        if text.startswith("/>", end - 2) and (open_count.get("svg") or open_count.get("math")):
            continue  # self-closing in SVG and MathML only; <div/> opens a <div>
        if len(stack) >= MAX_DEPTH and (
            name not in _STRUCTURE or stack[-1] == name or len(stack) >= MAX_DEPTH + _HEADROOM
        ):
            pieces.append(text[kept : tag.start()])
            kept = end
            if name not in _STRUCTURE:
                continue  # an inline element past the limit: its text stays, its tag goes
            top = stack.pop()
            open_count[top] -= 1
            pieces.append(f"</{top}>{text[tag.start() : end]}")
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(pieces) >= _JOIN_EVERY:
            chunks.append("".join(pieces))
            pieces.clear()
    if tag_open_at_end >= 0:  # HTML5 drops a tag or comment the page ends in: so can this pass
        pieces.append(text[kept:tag_open_at_end])
    elif not pieces and not chunks:
        return text
    else:
        pieces.append(text[kept:])
    return "".join(chunks) + "".join(pieces)

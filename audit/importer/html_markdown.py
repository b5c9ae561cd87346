"""Parts of an HTML page as the Markdown an answer is written in, and questions as one line.

An answer is CommonMark restricted to paragraphs, links, emphasis and lists, so what the page
says survives the import: ``<a href>`` becomes ``[text](href)`` (the target as written: a
relative one stays relative, for the link checks to report), a link whose text is its own
address becomes the bare address, ``<ul>``/``<ol>`` become ``- item`` / ``1. item`` lines,
``<strong>``/``<em>`` become ``**..**``/``*..*``. Text is taken as a browser shows it:
whitespace collapses, block elements end a paragraph, and paragraphs are separated by a blank
line; a ``<br>`` breaks the line but not the paragraph, and ``<pre>`` keeps its lines.

The text is built with private-use characters standing for the breaks and the list
indentation, so that one pass collapsing whitespace leaves them alone; they are turned into
line breaks at the end. Each node is visited once, so time is in proportion to the part read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .html_doc import Node
from .html_whitespace import collapse, preformatted

__all__ = ["BLOCKS", "markdown", "one_line"]

_PARAGRAPH = "\ue001"
_LINE = "\ue000"
_LIST_LINE = "\ue002"
_KEPT_SPACE = "\ue003"
_KEPT_BREAK = "\ue004"
_MARKERS = re.compile("[\ue000-\ue004]")

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
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
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
"""Elements a browser lays out as blocks: their edges end a paragraph."""
_CELLS = frozenset({"td", "th"})
_STRONG = frozenset({"strong", "b"})
_EMPHASIS = frozenset({"em", "i"})
_LISTS = frozenset({"ul", "ol"})
_NOT_TEXT = frozenset({"-comment", "_comment", "script", "style", "template", "img"})
_BLOCK_START = re.compile(r"^(?:[-+*](?=\s|$)|>|#{1,6}(?=\s|$)|\d+[.)](?=\s|$))")
"""A paragraph starting so would be read as a list item, a quote or a heading."""
_LINE_BREAK = re.compile(f" ?{_LINE}+ ?")
_UNSAFE_TARGET = re.compile(r"[\s<>]")


def markdown(nodes: Iterable[Node]) -> str:
    """The Markdown of ``nodes``, read in order as one answer; ``""`` when they hold no text."""
    text = collapse("".join(_render(node, plain=False) for node in nodes))
    if not _MARKERS.search(text) and not _BLOCK_START.match(text):
        return text  # one paragraph of plain text, as most answers' parts are
    paragraphs: list[str] = []
    for raw in text.split(_PARAGRAPH):
        paragraph = _LINE_BREAK.sub("\n", raw.strip(" ")).strip("\n ")
        if not paragraph:
            continue
        if paragraph[0] not in (_LIST_LINE, _KEPT_SPACE, _KEPT_BREAK) and _BLOCK_START.match(
            paragraph
        ):
            paragraph = _escape_start(paragraph)
        paragraph = (paragraph.replace(_LIST_LINE, "\n").replace(_KEPT_SPACE, " ")).replace(
            _KEPT_BREAK, "\n"
        )
        paragraphs.append(paragraph.strip("\n"))
    return "\n\n".join(paragraphs)


def one_line(node: Node) -> str:
    """The text of ``node`` as one line, without markup: a question as it is written."""
    return collapse(_MARKERS.sub(" ", _render(node, plain=True)))


def _escape_start(paragraph: str) -> str:
    match = _BLOCK_START.match(paragraph)
    assert match is not None
    end = match.end()
    return f"{paragraph[: end - 1]}\\{paragraph[end - 1 :]}"


def _children(node: Node) -> Iterable[Node]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _render(node: Node, plain: bool) -> str:
    tag = node.tag or ""
    if tag == "-text":
        return node.text_content or ""
    if tag in _NOT_TEXT:
        return ""
    if tag == "br":
        return _LINE
    if tag == "hr":
        return _PARAGRAPH
    if tag == "pre":
        return _PARAGRAPH + _preformatted(node) + _PARAGRAPH
    if tag in _LISTS and not plain:
        return _PARAGRAPH + _LIST_LINE + _list(node, "") + _PARAGRAPH
    parts: list[str] = []  # a loop, not a generator: one frame per level of nesting
    child = node.child
    while child is not None:
        parts.append(_render(child, plain))
        child = child.next
    inner = "".join(parts)
    if tag in BLOCKS:
        return _PARAGRAPH + inner + _PARAGRAPH
    if tag in _CELLS:
        return f" {inner} "
    if plain or _PARAGRAPH in inner:
        return inner
    if tag in _STRONG:
        return _wrapped(inner, "**")
    if tag in _EMPHASIS:
        return _wrapped(inner, "*")
    if tag == "a":
        return _link(node, inner)
    return inner


def _wrapped(inner: str, mark: str) -> str:
    core = collapse(inner)
    if not core or _MARKERS.search(core):
        return inner
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{mark}{core}{mark}{trail}"


def _link(node: Node, inner: str) -> str:
    href = (node.attributes.get("href") or "").strip()
    core = collapse(inner)
    if not core or not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return inner
    if core in (href, href.removeprefix("mailto:")) or _MARKERS.search(core):
        return inner
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    text = core.replace("[", "\\[").replace("]", "\\]")
    target = f"<{href}>" if _UNSAFE_TARGET.search(href) else href
    return f"{lead}[{text}]({target}){trail}"


def _list(node: Node, indent: str) -> str:
    """The items of a list as lines, nested lists indented under their item."""
    ordered = node.tag == "ol"
    try:
        number = int(node.attributes.get("start") or 1)
    except ValueError:
        number = 1
    lines: list[str] = []
    for item in _children(node):
        if item.tag in _LISTS:
            lines.append(_list(item, indent))
            continue
        if item.tag != "li":
            continue
        marker = f"{number}." if ordered else "-"
        nested = indent + _KEPT_SPACE * (len(marker) + 1)
        parts: list[str] = []
        sublists: list[str] = []
        for child in _children(item):
            if child.tag in _LISTS:
                sublists.append(_list(child, nested))
            else:
                parts.append(_render(child, plain=False))
        text = collapse(_MARKERS.sub(" ", "".join(parts)))
        if text or sublists:
            lines.append(f"{indent}{marker} {text}".rstrip())
            lines.extend(line for line in sublists if line)
            number += 1
    return _LIST_LINE.join(lines)


def _preformatted(node: Node) -> str:
    pieces: list[str] = []
    for part in node.traverse(include_text=True):
        if part.tag == "-text":
            pieces.append(part.text_content or "")
        elif part.tag == "br":
            pieces.append("\n")
    text = preformatted("".join(pieces))
    return text.replace(" ", _KEPT_SPACE).replace("\n", _KEPT_BREAK)

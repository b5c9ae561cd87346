"""HTML as a stream of tags and text, in one pass whose time grows linearly with the page.

The tokenizer is this module's own: the standard library's ``html.parser`` takes quadratic
time on unclosed tags and comments, and raises on some malformed declarations. Malformed
markup is read as HTML5 reads it, and no character is looked at more than a bounded number
of times, so a hostile page costs what its length costs.

What the tags mean (which are blocks, which are hidden, how a page becomes paragraphs) is
``html_layout``'s business; this module only says where tags and text are.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape as _html_unescape
from typing import Protocol

__all__ = ["Sink", "looks_like_html", "tag_set", "tokenize", "unescape"]

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


def tag_set(names: str) -> frozenset[str]:
    """A set of tag names, written as one string separated by whitespace."""
    return frozenset(names.split())


_RAW_TEXT = tag_set("script style textarea title iframe noembed noframes noscript")
"""Elements whose content is text up to their end tag, never markup."""
_ESCAPABLE_RAW_TEXT = tag_set("textarea title")

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


def unescape(text: str) -> str:
    """Character references replaced, in time linear in the text (see ``_shorten_reference``)."""
    if "&" not in text:
        return text
    if "&#" in text:
        text = _NUMERIC_REFERENCE.sub(_shorten_reference, text)
    return _html_unescape(text)


def _type_attribute(tag_text: str) -> str:
    for match in _ATTRIBUTE.finditer(tag_text):
        if match[1].lower() == "type":
            return next((value for value in match.groups()[1:] if value is not None), "")
    return ""


class Sink(Protocol):
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


def tokenize(text: str, sink: Sink) -> None:
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
            sink.text(unescape(text[i:j]))
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


def _raw_text(text: str, i: int, tag: str, sink: Sink) -> int:
    """Pass on the content of a raw-text element and its end tag; return where reading goes on."""
    close = _raw_text_end(tag).search(text, i)
    content = text[i : close.start()] if close else text[i:]
    if content:
        sink.raw_text(unescape(content) if tag in _ESCAPABLE_RAW_TEXT else content)
    sink.end(tag)
    if close is None:
        return len(text)
    end = _tag_end(text, close.end())
    return end + 1

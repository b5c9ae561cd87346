"""HTML text with its whitespace as a browser shows it, in time and memory linear in the text.

Inside a paragraph, runs of whitespace collapse to one space; inside ``<pre>``, lines and
indentation are kept. Long text is rewritten a window at a time, so that a paragraph of a
million words costs about its own size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["collapse", "preformatted"]

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
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


def collapse(text: str) -> str:
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


def preformatted(text: str) -> str:
    """The lines of a ``<pre>`` as a browser shows them: line breaks and indentation kept,
    trailing spaces and the blank lines at either end dropped."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(_TRAILING_SPACE.sub("", window) for window in _windows(text, cut_after="\n"))
    first = len(text) - len(text.lstrip("\n"))
    return text[first:].rstrip("\n")

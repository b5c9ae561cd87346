"""Ways of finding an FAQ on a page: one module each, declaring its ``READER``.

A reader says which pages it reads (``detect``, and ``reads``: the format, in words), how
early it is tried (``priority``, lowest first), what it looks for (``expects``, for the
message when nothing is found) and how it finds the entries. ``read_page`` tries the readers
that detect the page, in order of priority, and the first that finds a question wins: for
HTML, from the most to the least explicit markup (FAQPage JSON-LD, ``<details>``, ``<dl>``,
headings). So a new way of finding questions, or a new page format, is one new module here.

An HTML page is laid out into paragraphs once (``html_layout``), whatever the number of
readers: a reader that needs to see the markup while that happens (an accordion's edges, a
script's content) names a ``Watcher`` class, and the page holds one of each for its readers.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TypeVar

from audit.importer.entries import ImportedEntry, checked_entries
from audit.importer.errors import PageError
from audit.importer.html_layout import Layout, Watcher, lay_out
from audit.importer.html_tokens import looks_like_html

__all__ = [
    "Page",
    "Reader",
    "get",
    "html",
    "names",
    "normalise_newlines",
    "plain_text",
    "read_page",
    "readers",
]

_BOM = "\ufeff"
W = TypeVar("W", bound=Watcher)


class Page:
    """A page being read: its text, its name (for messages), and what readers share of it.

    The text has no byte order mark and only ``\\n`` line breaks. Whether it is HTML is
    decided once, and an HTML page is laid out once, when a reader first asks, with a
    watcher of each kind that the page's readers name.
    """

    __slots__ = ("_html", "_layout", "_watchers", "name", "text")

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._html: bool | None = None
        self._layout: Layout | None = None
        self._watchers: dict[type[Watcher], Watcher] = {}

    @property
    def is_html(self) -> bool:
        if self._html is None:
            self._html = looks_like_html(self.text)
        return self._html

    def watch(self, kinds: Iterable[type[Watcher]]) -> None:
        """Have a watcher of each of ``kinds`` told of the markup when the page is laid out."""
        for kind in kinds:
            self._watchers.setdefault(kind, kind())

    @property
    def layout(self) -> Layout:
        """The page's paragraphs; laying it out tells every watcher of the page's markup."""
        if self._layout is None:
            self._layout = lay_out(self.text, self._watchers.values())
        return self._layout

    def watcher(self, kind: type[W]) -> W:
        """The watcher of ``kind``, once it has been told of the whole page."""
        if self._layout is None:
            self._layout = lay_out(self.text, self._watchers.values())
        watcher = self._watchers[kind]
        assert isinstance(watcher, kind)
        return watcher


def html(page: Page) -> bool:
    """A ``detect`` for readers of HTML."""
    return page.is_html


def plain_text(page: Page) -> bool:
    """A ``detect`` for readers of pages scraped to plain text."""
    return not page.is_html


@dataclass(frozen=True, slots=True)
class Reader:
    """A way of finding questions and answers on a page, declared by a module as ``READER``.

    ``entries`` yields them in page order; the registry holds them to the limits of a file
    ``validate`` reads (``checked_entries``), so a reader may yield lazily. ``name`` is
    stamped by the registry: the module's name.
    """

    reads: str  # the page format, in words: "HTML"
    detect: Callable[[Page], bool]
    priority: int
    expects: str  # what it looks for, in words: "FAQPage JSON-LD"
    entries: Callable[[Page], Iterable[ImportedEntry]]
    watcher: type[Watcher] | None = None
    name: str = ""


def names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get(name: str) -> Reader:
    if name not in names():
        raise KeyError(name)
    reader: Reader = importlib.import_module(f"{__name__}.{name}").READER
    return replace(reader, name=name)


@cache
def readers() -> tuple[Reader, ...]:
    """Every reader, in the order they are tried: by priority, then by name."""
    return tuple(sorted((get(name) for name in names()), key=lambda r: (r.priority, r.name)))


def normalise_newlines(text: str) -> str:
    """Drop a leading byte order mark and turn ``\\r\\n``/``\\r`` into ``\\n``.

    Pages saved on Windows or copied out of a browser arrive in every line-ending convention;
    normalising first lets the readers treat "blank line" the same way for all of them.
    """
    if text.startswith(_BOM):
        text = text[len(_BOM) :]
    if "\r" not in text:
        return text  # no copy of a large page that needs none
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_page(text: str, *, name: str) -> list[ImportedEntry]:
    """Read the questions and answers of a page, in page order.

    HTML and scraped plain text are told apart by the readers' ``detect``, since callers get
    pages from browsers, crawlers and copy-paste and rarely know which they have. ``name``
    (usually the file name) only serves the error message.

    Never returns an empty list: a page without a recognisable question raises PageError, and
    so does a page that would make a file ``validate`` refuses (see ``limits``).
    """
    text = normalise_newlines(text)
    if not text or text.isspace():
        raise PageError(
            f"{name}: the page is empty; expected an FAQ page as HTML or as plain text with"
            " each question on its own line ending in '?'"
        )
    page = Page(text, name)
    tried = [reader for reader in readers() if reader.detect(page)]
    page.watch(reader.watcher for reader in tried if reader.watcher is not None)
    for reader in tried:
        entries = checked_entries(reader.entries(page), name=name)
        if entries:
            return entries
    what = tried[0].reads if tried else "page"
    expected = _either([reader.expects for reader in tried] or ["HTML", "plain text"])
    raise PageError(f"{name}: no FAQ found in the {what}; expected {expected}")


def _either(choices: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b, or c``."""
    if len(choices) <= 2:
        return " or ".join(choices)
    return f"{', '.join(choices[:-1])}, or {choices[-1]}"

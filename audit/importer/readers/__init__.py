"""Ways of finding an FAQ on a page: one module each, declaring its ``READER``.

A reader says which pages it reads (``detect``, and ``reads``: the format, in words), its rank
among readers that find as much (``priority``, lowest first), what it looks for (``expects``,
for the message when nothing is found) and how it finds the entries. A new way of finding
questions, or a new page format, is one new module here.

Every reader that detects a page reads it, and the one that finds the most answered entries
wins; on a tie, the lower ``priority``: the most explicit markup. Pages often carry two
structures (an accordion and its FAQPage JSON-LD, or headings inside accordion panels), and
the one that finds more is the one that read the page as its reader sees it. HTML readers
return ``Found`` entries that point at the elements they were read from, so that the import
can tell which section heading each question stands under and what text was left over.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from audit.importer.entries import Found, ImportedEntry, checked_entries
from audit.importer.errors import PageError
from audit.importer.html_doc import Document, deep_enough, looks_like_html, parse

__all__ = [
    "Found",
    "Page",
    "Reader",
    "Reading",
    "get",
    "html",
    "names",
    "normalise_newlines",
    "plain_text",
    "read_page",
    "read_structures",
    "readers",
]

_BOM = "\ufeff"


class Page:
    """A page being read: its text, its name (for messages), and its parsed tree.

    The text has no byte order mark and only ``\\n`` line breaks. Whether it is HTML is
    decided once, and an HTML page is parsed once, when a reader first asks.
    """

    __slots__ = ("_document", "_html", "name", "text")

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._html: bool | None = None
        self._document: Document | None = None

    @property
    def is_html(self) -> bool:
        if self._html is None:
            self._html = looks_like_html(self.text)
        return self._html

    @property
    def document(self) -> Document:
        if self._document is None:
            self._document = parse(self.text)
        return self._document


def html(page: Page) -> bool:
    """A ``detect`` for readers of HTML."""
    return page.is_html


def plain_text(page: Page) -> bool:
    """A ``detect`` for readers of pages scraped to plain text."""
    return not page.is_html


@dataclass(frozen=True, slots=True)
class Reader:
    """A way of finding questions and answers on a page, declared by a module as ``READER``.

    ``entries`` yields them in page order, as ``ImportedEntry`` or, from markup, as ``Found``;
    the registry holds them to the limits of a file ``validate`` reads (``checked_entries``),
    so a reader may yield lazily. ``name`` is stamped by the registry: the module's name.
    """

    reads: str  # the page format, in words: "HTML"
    detect: Callable[[Page], bool]
    priority: int
    expects: str  # what it looks for, in words: "FAQPage JSON-LD"
    entries: Callable[[Page], Iterable[ImportedEntry | Found]]
    name: str = ""


@dataclass(frozen=True, slots=True)
class Reading:
    """What every reader found on a page, and which of them won."""

    page: Page
    found: dict[str, list[Found]]  # by reader, for every reader that found an entry
    chosen: str

    @property
    def entries(self) -> list[Found]:
        return self.found[self.chosen]


def names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get(name: str) -> Reader:
    if name not in names():
        raise KeyError(name)
    reader: Reader = importlib.import_module(f"{__name__}.{name}").READER
    return replace(reader, name=name)


@cache
def readers() -> tuple[Reader, ...]:
    """Every reader, in the order ties are settled: by priority, then by name."""
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


def read_structures(text: str, *, name: str) -> Reading:
    """Read a page with every reader that detects it; the one finding the most answers wins.

    HTML and scraped plain text are told apart by the readers' ``detect``, since callers get
    pages from browsers, crawlers and copy-paste and rarely know which they have. ``name``
    (usually the file name) only serves the error message. A page without a recognisable
    question raises PageError, and so does a page that would make a file ``validate``
    refuses (see ``limits``).
    """
    text = normalise_newlines(text)
    if not text or text.isspace():
        raise PageError(
            f"{name}: the page is empty; expected an FAQ page as HTML or as plain text with"
            " each question on its own line ending in '?'"
        )
    page = Page(text, name)
    tried = [reader for reader in readers() if reader.detect(page)]
    found: dict[str, list[Found]] = {}
    with deep_enough():
        for reader in tried:
            entries = checked_entries(reader.entries(page), name=name)
            if entries:
                found[reader.name] = entries
    if not found:
        what = tried[0].reads if tried else "page"
        expected = _either([reader.expects for reader in tried] or ["HTML", "plain text"])
        raise PageError(f"{name}: no FAQ found in the {what}; expected {expected}")
    rank = {reader.name: index for index, reader in enumerate(tried)}
    chosen = max(found, key=lambda reader: (_answered(found[reader]), -rank[reader]))
    return Reading(page, found, chosen)


def _answered(entries: list[Found]) -> tuple[int, int]:
    return sum(1 for found in entries if found.entry.answer), len(entries)


def read_page(text: str, *, name: str) -> list[ImportedEntry]:
    """The questions and answers of a page, in page order, as the winning reader found them."""
    return [found.entry for found in read_structures(text, name=name).entries]


def _either(choices: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b, or c``."""
    if len(choices) <= 2:
        return " or ".join(choices)
    return f"{', '.join(choices[:-1])}, or {choices[-1]}"

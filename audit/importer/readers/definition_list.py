"""``<dl>`` with ``<dt>``/``<dd>`` pairs: each term asks, the definitions after it answer.

A ``<dl>`` inside a ``<dt>`` or ``<dd>`` is part of that question or answer, not a list of
its own. The lists' questions are given in the order the lists start, even when an inner list
ends before the list around it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from audit.importer.entries import ImportedEntry, too_many_questions
from audit.importer.errors import PageError
from audit.importer.html_layout import Layout, Range, Watcher
from audit.importer.html_tokens import tag_set
from audit.importer.limits import limits
from audit.importer.readers import Page, Reader, html

__all__ = ["READER", "DefinitionLists"]


@dataclass(slots=True)
class _List:
    """An open ``<dl>``: its questions so far, and the question whose answers are being read."""

    depth: int
    slot: int  # its place among the lists, in the order they start
    entries: list[tuple[str, list[Range]]] = field(default_factory=list)
    question: str | None = None
    answers: list[Range] = field(default_factory=list)
    term_depth: int = 0  # while one of its <dt>/<dd> is open
    term_start: int = 0


class DefinitionLists(Watcher):
    """The page's definition lists: each term's text, with its definitions as ranges."""

    tags = tag_set("dl dt dd")

    def __init__(self) -> None:
        self.found: list[list[tuple[str, list[Range]]]] = []  # by list, in the order they start
        # More questions than a file can hold are not kept, only noted: the page is refused.
        self.overflowing = False
        self._open: list[_List] = []
        self._terms_open = 0
        self._questions_listed = 0
        self._cap = limits().entries

    def questions(self) -> Iterator[tuple[str, list[Range]]]:
        for found in self.found:
            yield from found

    def started(self, tag: str, layout: Layout) -> None:
        if tag == "dl":
            if not self._terms_open:  # a <dl> inside a <dt> or <dd> is part of that answer
                self._open.append(_List(layout.depth, len(self.found)))
                self.found.append([])
        else:
            self._term_started(layout)

    def ended(self, tag: str, layout: Layout) -> None:
        if tag == "dl":
            self._list_ended(layout)
        else:
            self._term_ended(tag, layout)

    def _term_started(self, layout: Layout) -> None:
        definitions = self._open[-1] if self._open else None
        at = layout.depth
        own = layout.innermost("dl")
        if definitions and definitions.depth == own and own > layout.innermost("#term"):
            definitions.term_depth, definitions.term_start = at, len(layout.blocks)
            self._terms_open += 1

    def _term_ended(self, tag: str, layout: Layout) -> None:
        definitions = self._open[-1] if self._open else None
        if not definitions or definitions.term_depth != layout.depth - 1:
            return
        span = (definitions.term_start, len(layout.blocks))
        definitions.term_depth = 0
        self._terms_open -= 1
        if tag == "dt":
            if definitions.question:
                self._add_question(definitions)
            definitions.question, definitions.answers = layout.one_line(span), []
        elif definitions.question is not None and span[1] > span[0]:
            definitions.answers.append(span)

    def _list_ended(self, layout: Layout) -> None:
        if not self._open or self._open[-1].depth != layout.depth - 1:
            return
        definitions = self._open.pop()
        if definitions.question:
            self._add_question(definitions)
        self.found[definitions.slot] = definitions.entries

    def _add_question(self, definitions: _List) -> None:
        assert definitions.question is not None
        if self._questions_listed < self._cap:
            definitions.entries.append((definitions.question, definitions.answers))
            self._questions_listed += 1
        else:
            self.overflowing = True


def _entries(page: Page) -> Iterator[ImportedEntry]:
    lists = page.watcher(DefinitionLists)
    if lists.overflowing:
        raise PageError(too_many_questions(page.name))
    layout = page.layout
    for question, answers in lists.questions():
        yield ImportedEntry(question, layout.paragraphs(answers))


READER = Reader(
    reads="HTML",
    detect=html,
    priority=30,
    expects="a <dl> of <dt>/<dd> pairs",
    entries=_entries,
    watcher=DefinitionLists,
)

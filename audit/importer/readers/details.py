"""``<details><summary>``, the native accordion: the summary asks, the rest answers.

A ``<details>`` whose own ``<details>`` hold the questions is a group (its summary,
"Shipping", asks nothing) and is not an entry; a question's answer keeps the ``<details>``
inside it as part of the answer. Which of the two a ``<details>`` is, is known only at its
end, so each open one is kept as ranges of paragraphs until then.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from audit.importer.entries import ImportedEntry, too_many_questions
from audit.importer.errors import PageError
from audit.importer.html_layout import Layout, Range, Watcher
from audit.importer.html_tokens import tag_set
from audit.importer.limits import limits
from audit.importer.readers import Page, Reader, html

__all__ = ["READER", "Accordions"]


@dataclass(slots=True)
class _Details:
    """An open ``<details>``: whether it is a question or a group is known only at its end,
    once its summary has been read and any ``<details>`` inside it have been seen."""

    depth: int  # where the <details> stands among the open elements
    body: int  # its first paragraph
    mark: int  # how many accordion entries were found before it
    summary: Range | None = None
    summary_depth: int = 0  # while its <summary> is open
    summary_start: int = 0
    nested: bool = False  # holds a <details> of its own


class Accordions(Watcher):
    """The page's accordions, as ranges of its paragraphs: each summary, and its body."""

    tags = tag_set("details summary")

    def __init__(self) -> None:
        self.found: list[tuple[Range, list[Range]]] = []  # summary, body
        # More questions than a file can hold are not kept, only noted: the page is refused.
        self.overflowing = False
        self._open: list[_Details] = []
        self._cap = limits().entries

    def started(self, tag: str, layout: Layout) -> None:
        if tag == "details":
            self._details_started(layout)
        else:
            self._summary_started(layout)

    def ended(self, tag: str, layout: Layout) -> None:
        if tag == "details":
            self._details_ended(layout)
        else:
            self._summary_ended(layout)

    def _details_started(self, layout: Layout) -> None:
        if self._open:
            outer = self._open[-1]
            outer.nested = outer.nested or not outer.summary_depth
        self._open.append(_Details(layout.depth, len(layout.blocks), len(self.found)))

    def _summary_started(self, layout: Layout) -> None:
        details = self._open[-1] if self._open else None
        at = layout.depth
        if details and details.depth == at - 1 and not (details.summary or details.summary_depth):
            details.summary_depth, details.summary_start = at, len(layout.blocks)

    def _summary_ended(self, layout: Layout) -> None:
        details = self._open[-1] if self._open else None
        if details and details.summary_depth == layout.depth - 1:
            details.summary = (details.summary_start, len(layout.blocks))
            details.summary_depth = 0

    def _details_ended(self, layout: Layout) -> None:
        if not self._open or self._open[-1].depth != layout.depth - 1:
            return
        details = self._open.pop()
        summary = details.summary or (0, 0)
        # Its paragraphs are never empty, so the summary ends in "?" when its last one does.
        # The question's text is only put together for the accordions that are kept: a summary
        # can hold other accordions, and joining every one of those would be quadratic.
        asks = summary[1] > summary[0] and layout.blocks[summary[1] - 1].endswith("?")
        if details.nested and not asks:
            return  # A group such as "Shipping" whose own <details> hold the questions.
        # A question's answer holds the <details> inside it: they are not questions of their own.
        del self.found[details.mark :]
        if summary[1] > summary[0]:
            body = [(details.body, summary[0]), (summary[1], len(layout.blocks))]
            if len(self.found) < self._cap:
                self.found.append((summary, body))
            else:
                self.overflowing = True


def _entries(page: Page) -> Iterator[ImportedEntry]:
    accordions = page.watcher(Accordions)
    if accordions.overflowing:
        raise PageError(too_many_questions(page.name))
    layout = page.layout
    for summary, body in accordions.found:
        yield ImportedEntry(layout.one_line(summary), layout.paragraphs(body))


READER = Reader(
    reads="HTML",
    detect=html,
    priority=20,
    expects="<details> with <summary>",
    entries=_entries,
    watcher=Accordions,
)

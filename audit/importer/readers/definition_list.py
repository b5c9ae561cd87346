"""``<dl>`` with ``<dt>``/``<dd>`` pairs: each term asks, the definitions after it answer.

The structure says a term is a question, so it need not end in '?'. A ``<dl>`` inside a
``<dt>`` or ``<dd>`` is part of that question or answer, not a list of its own; pairs wrapped
in a ``<div>``, as HTML allows, are read like the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import Found
from audit.importer.html_doc import Node
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import children, found

__all__ = ["READER"]


def _terms(definitions: Node) -> Iterator[Node]:
    for child in children(definitions):
        if child.tag == "div":
            yield from (part for part in children(child) if part.tag in ("dt", "dd"))
        elif child.tag in ("dt", "dd"):
            yield child


def _entries(page: Page) -> Iterator[Found]:
    inner: set[int] = set()  # lists inside a question or answer: part of it
    for definitions in page.document.body.css("dl"):
        if definitions.mem_id in inner:
            continue
        inner.update(nested.mem_id for nested in definitions.css("dl"))
        question: Node | None = None
        answer: list[Node] = []
        for term in _terms(definitions):
            if term.tag == "dt":
                if question is not None:
                    entry = found(question, answer)
                    if entry is not None:
                        yield entry
                question, answer = term, []
            elif question is not None:
                answer.append(term)
        if question is not None:
            entry = found(question, answer)
            if entry is not None:
                yield entry


READER = Reader(
    reads="HTML",
    detect=html,
    priority=30,
    expects="a <dl> of <dt>/<dd> pairs",
    entries=_entries,
)

"""Bootstrap's collapse accordions: the toggle in a panel's, card's or item's header asks,
the collapsing region in the same container answers.

Three generations of the markup are read: Bootstrap 3 panels (``.panel-heading`` and
``.panel-collapse``), Bootstrap 4 cards (``.card-header`` and ``.collapse``) and Bootstrap 5
accordion items (``.accordion-button`` and ``.accordion-collapse``). The toggle's text is the
question whatever its punctuation: the structure says it is one. A container inside an
answer is part of that answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import Found
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import found

__all__ = ["READER"]

_KINDS = (
    # container, question, answer region, the answer's body within the region
    (
        ".accordion-item",
        ".accordion-button, .accordion-header",
        ".accordion-collapse",
        ".accordion-body",
    ),
    (".panel", ".panel-title, .panel-heading", ".panel-collapse", ".panel-body"),
    (".card", ".card-header", ".collapse", ".card-body"),
)


def _entries(page: Page) -> Iterator[Found]:
    inner: set[int] = set()  # containers inside an entry: part of its answer
    body = page.document.body
    for container_css, question_css, region_css, answer_css in _KINDS:
        for container in body.css(container_css):
            if container.mem_id in inner:
                continue
            question = container.css_first(question_css)
            region = container.css_first(region_css)
            if question is None or region is None:
                continue
            answer = region.css_first(answer_css) or region
            entry = found(question, [answer])
            if entry is not None:
                inner.add(container.mem_id)
                for kind, *_ in _KINDS:
                    inner.update(nested.mem_id for nested in container.css(kind))
                yield entry


def _in_page_order(page: Page) -> list[Found]:
    """The entries of every kind, in the order of the page (a page may mix two kinds)."""
    entries = list(_entries(page))
    if len(entries) > 1:
        order = {node.mem_id: index for index, node in enumerate(page.document.body.traverse())}
        entries.sort(key=lambda entry: order.get(entry.nodes[0].mem_id, 0))
    return entries


READER = Reader(
    reads="HTML",
    detect=html,
    priority=22,
    expects="Bootstrap collapse panels, cards or accordion items",
    entries=_in_page_order,
)

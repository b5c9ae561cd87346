"""``<details><summary>``, the native accordion: the summary asks, the rest answers.

The structure says it is a question, so a summary need not end in '?' ("Opening hours").
A ``<details>`` without a '?' whose body is only ``<details>`` is a group (its summary,
"Shipping", is their section heading), and one without a '?' that holds nothing is no entry;
a question's answer keeps the ``<details>`` inside it as part of the answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import Found
from audit.importer.html_doc import Node
from audit.importer.html_markdown import markdown, one_line
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import children, found

__all__ = ["READER"]


def _entries(page: Page) -> Iterator[Found]:
    inner: set[int] = set()  # the <details> inside an entry's answer: part of it
    for details in page.document.body.css("details"):
        summary = next((child for child in children(details) if child.tag == "summary"), None)
        if summary is None or details.mem_id in inner:
            continue
        asks = one_line(summary).endswith("?")
        body = [child for child in children(details) if child.mem_id != summary.mem_id]
        if not asks and _only_questions(body):
            continue  # a group of questions: its summary is their section heading
        entry = found(summary, body)
        if entry is None or not (asks or entry.entry.answer):
            continue  # a heading with nothing under it
        inner.update(nested.mem_id for nested in details.css("details"))
        yield entry


def _only_questions(body: list[Node]) -> bool:
    """Whether the body holds ``<details>`` and no text of its own."""
    elements = [node for node in body if node.tag != "-text"]
    if not any(node.css_first("details") is not None for node in elements):
        return False  # (``css_first`` looks at the element itself too)
    return not markdown([node for node in body if node.tag != "details"]).strip()


READER = Reader(
    reads="HTML",
    detect=html,
    priority=20,
    expects="<details> with <summary>",
    entries=_entries,
)

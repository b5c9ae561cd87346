"""Hand-made accordions named by their classes: a ``faq-question`` (or ``faq-toggle``,
``accordion-title``...) asks, and the element after it named as an answer (``faq-answer``,
``faq-content``, ``accordion-body``...) answers.

Many sites script their own accordion without ARIA; the class names are then the only sign
of which element asks and which answers. Both must say so, and the answer must follow the
question, so a stray "title" class does not make a question. The structure says it is a
question, so it need not end in '?'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.importer.entries import Found
from audit.importer.html_doc import Node
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import found

__all__ = ["READER"]

_KIND = re.compile(r"faq|accordion|question|answer", re.I)
_ASKS = re.compile(r"(?:question|toggle|trigger|title|header|heading|(?<![a-z])q)(?![a-z])", re.I)
_ANSWERS = re.compile(r"(?:answer|content|body|panel|collapse|(?<![a-z])a)(?![a-z])", re.I)


def _named(node: Node, pattern: re.Pattern[str]) -> bool:
    classes = (node.attributes.get("class") or "").split()
    return any(_KIND.search(name) and pattern.search(name) for name in classes)


def _next_element(node: Node) -> Node | None:
    sibling = node.next
    while sibling is not None and sibling.tag == "-text":
        if (sibling.text_content or "").strip():
            return None
        sibling = sibling.next
    return sibling


def _entries(page: Page) -> Iterator[Found]:
    for question in page.document.body.css("[class]"):
        if not _named(question, _ASKS) or _named(question, _ANSWERS):
            continue
        answer = _next_element(question)
        if answer is None or not _named(answer, _ANSWERS):
            continue
        entry = found(question, [answer])
        if entry is not None:
            yield entry


READER = Reader(
    reads="HTML",
    detect=html,
    priority=28,
    expects="elements classed as FAQ questions and answers",
    entries=_entries,
)

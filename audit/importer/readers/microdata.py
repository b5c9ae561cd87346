"""schema.org ``Question`` microdata: the ``name`` property asks, the ``text`` of the
``acceptedAnswer`` (or a ``suggestedAnswer``) answers.

Microdata marks the visible text itself, so the answer keeps its links and lists. A ``name``
given as a ``<meta content>`` is read from its attribute.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import Found, ImportedEntry
from audit.importer.html_doc import Node
from audit.importer.html_markdown import markdown
from audit.importer.html_whitespace import collapse
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import found

__all__ = ["READER"]

_ANSWER = "[itemprop~=acceptedAnswer], [itemprop~=suggestedAnswer]"


def _is_question(node: Node) -> bool:
    types = (node.attributes.get("itemtype") or "").split()
    return any(kind.rstrip("/").rsplit("/", 1)[-1] == "Question" for kind in types)


def _entries(page: Page) -> Iterator[Found]:
    for question in page.document.body.css("[itemtype]"):
        if not _is_question(question):
            continue
        answer = question.css_first(_ANSWER)
        name = next(
            (
                node
                for node in question.css("[itemprop~=name]")
                if answer is None or not _within(node, answer)
            ),
            None,
        )
        if name is None:
            continue
        text = answer.css_first("[itemprop~=text]") if answer is not None else None
        answer_nodes = [text or answer] if answer is not None else []
        if name.tag == "meta":
            asked = collapse(name.attributes.get("content") or "")
            if asked:
                yield Found(ImportedEntry(asked, markdown(answer_nodes)), (question, *answer_nodes))
            continue
        entry = found(name, answer_nodes)
        if entry is not None:
            yield entry


def _within(node: Node, ancestor: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id == ancestor.mem_id:
            return True
        parent = parent.parent
    return False


READER = Reader(
    reads="HTML",
    detect=html,
    priority=15,
    expects="schema.org Question microdata",
    entries=_entries,
)

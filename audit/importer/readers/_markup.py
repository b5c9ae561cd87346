"""What the readers of markup share: an entry from the elements it was read from."""

from __future__ import annotations

from collections.abc import Iterable

from audit.importer.entries import Found, ImportedEntry
from audit.importer.html_doc import Node
from audit.importer.html_markdown import markdown, one_line

__all__ = ["HEADINGS", "children", "found", "level"]

HEADINGS = {f"h{n}": n for n in range(1, 7)}


def found(question: Node, answer: Iterable[Node], asked: str | None = None) -> Found | None:
    """The entry asked by ``question`` and answered by ``answer``; None without a question.
    ``asked`` is the question's text, when the reader has read it already."""
    nodes = tuple(answer)
    text = one_line(question) if asked is None else asked
    if not text:
        return None
    return Found(ImportedEntry(text, markdown(nodes)), (question, *nodes))


def children(node: Node) -> Iterable[Node]:
    """The children of ``node``, text included, in order."""
    child = node.child
    while child is not None:
        yield child
        child = child.next


def level(node: Node) -> int:
    """A heading's level, 1 to 6; 0 for any other element."""
    return HEADINGS.get(node.tag or "", 0)

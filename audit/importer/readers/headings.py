"""Questions in ``h2``-``h6`` headings, each answered by the content that follows it.

Tried last among the structures of HTML, since a heading that asks is the least explicit
sign of a question. The level most of the page's question headings use is the questions'
level; there, a heading without a '?' ("Information we collect") is a question too when most
headings of that level ask one, since the page's structure then says so. Headings above that
level are section headings, not answers; headings below it are part of an answer.

An answer is what follows the heading, up to the next heading of its level or above: its
following siblings, or, when the heading stands alone in a wrapper (``<div
class="question"><h3>..</h3></div>``), the wrapper's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from audit.importer.entries import Found
from audit.importer.html_doc import Node
from audit.importer.html_markdown import one_line
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import found, level

__all__ = ["READER"]

_HEADINGS = "h2, h3, h4, h5, h6"
_ANY_HEADING = "h1, h2, h3, h4, h5, h6"


def _entries(page: Page) -> Iterator[Found]:
    body = page.document.body
    holding: set[int] = set()  # the elements that hold a heading
    for head in body.css(_ANY_HEADING):
        parent = head.parent
        while parent is not None and parent.mem_id not in holding:
            holding.add(parent.mem_id)
            parent = parent.parent
    headings = [(node, level(node), one_line(node)) for node in body.css(_HEADINGS)]
    asking = Counter(rank for _, rank, text in headings if text.endswith("?"))
    if not asking:
        return
    rank = max(asking, key=lambda r: (asking[r], -r))
    at_rank = sum(1 for _, r, _ in headings if r == rank)
    structural = asking[rank] * 2 > at_rank
    last_asking = max(
        i for i, (_, r, text) in enumerate(headings) if r == rank and text.endswith("?")
    )
    for index, (node, r, text) in enumerate(headings):
        between = r == rank and structural and text and index < last_asking
        if text.endswith("?") or between:
            entry = found(node, _answer(node, r, holding), text)
            if entry is not None:
                yield entry


def _stops(node: Node, rank: int, holding: set[int]) -> bool:
    """Whether ``node`` ends the answer of a question at ``rank``: it is, or holds, a
    heading of that level or above, or a question."""
    if level(node):
        heads = [node]
    elif node.mem_id in holding:
        heads = node.css(_ANY_HEADING)
    else:
        return False
    return any(level(head) <= rank or one_line(head).endswith("?") for head in heads if level(head))


def _answer(heading: Node, rank: int, holding: set[int]) -> list[Node]:
    start = heading
    while _alone(start) and start.parent is not None and start.parent.tag not in ("body", "html"):
        start = start.parent
    answer: list[Node] = []
    sibling = start.next
    while sibling is not None and not _stops(sibling, rank, holding):
        answer.append(sibling)
        sibling = sibling.next
    return answer


def _alone(node: Node) -> bool:
    """Whether ``node`` has nothing after it in its parent but blank text."""
    sibling = node.next
    while sibling is not None:
        if sibling.tag != "-text" or (sibling.text_content or "").strip():
            return False
        sibling = sibling.next
    return True


READER = Reader(
    reads="HTML",
    detect=html,
    priority=40,
    expects="h2-h6 headings ending in '?'",
    entries=_entries,
)

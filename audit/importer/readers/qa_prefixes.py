"""Questions marked only by a "Q:" before them, each answered by what follows, up to the next.

Pages typed in a word processor mark their FAQ in the text itself: ``<p><b>Q:</b> Can I
pay later?</p><p>A: Yes, ...</p>``, or the question and its answer in one paragraph split by a
line break. The prefixes are the page's layout, not part of the question or the answer, and
are taken off (``entries.without_prefixes``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.importer.entries import Found, ImportedEntry
from audit.importer.html_doc import Node
from audit.importer.html_markdown import markdown, one_line
from audit.importer.readers import Page, Reader, html

__all__ = ["READER"]

_BLOCKS = "p, li, div, h2, h3, h4, h5, h6, dt, td"
_BLOCK_TAGS = frozenset(tag.strip() for tag in _BLOCKS.split(","))
_ASKS = re.compile(r"(?:Q|Question)\s*[:.]\s*\S", re.I)
_ANSWER_IN_SAME_BLOCK = re.compile(r"\n(?=(?:A|Answer)\s*[:.]\s*\S)")
"""Where the answer starts in a paragraph that holds both: on the line after the question."""
_EMPHASIS = re.compile(r"\*+")
_SAME_LINE_ANSWER = re.compile(r"(?<=\?)\s+(?=(?:A|Answer)\s*[:.]\s)")


def _questions(body: Node) -> list[Node]:
    """The innermost blocks whose text starts with "Q:", found from their text, so that a
    page is looked at once (not each block's text once per block around it)."""
    questions: list[Node] = []
    seen: set[int] = set()
    for text in body.traverse(include_text=True):
        if text.tag != "-text" or not _ASKS.match((text.text_content or "").lstrip() + " x"):
            continue
        block = text.parent
        while block is not None and block.tag not in _BLOCK_TAGS:
            block = block.parent
        if block is None or block.mem_id in seen:
            continue
        seen.add(block.mem_id)
        if _ASKS.match(one_line(block)):
            questions.append(block)
    return questions


def _entries(page: Page) -> Iterator[Found]:
    questions = _questions(page.document.body)
    chosen = {node.mem_id for node in questions}
    for node in questions:
        answer: list[Node] = []
        sibling = node.next
        while sibling is not None and sibling.mem_id not in chosen and not _holds(sibling, chosen):
            answer.append(sibling)
            sibling = sibling.next
        pairs = _pairs(markdown([node]))
        if len(pairs) < 2:  # one question: read from the text, not the Markdown
            asked = _SAME_LINE_ANSWER.split(one_line(node), maxsplit=1)[0]
            parts = _ANSWER_IN_SAME_BLOCK.split(markdown([node]), maxsplit=1)
            pairs = [(asked, [part.strip() for part in parts[1:]])]
        rest = markdown(answer)
        for index, (asked, said) in enumerate(pairs):
            last = index == len(pairs) - 1
            text = "\n\n".join(part for part in (*said, rest if last else "") if part)
            if asked:
                nodes = (node, *answer) if last else (node,)
                yield Found(ImportedEntry(asked, text), nodes)


def _pairs(text: str) -> list[tuple[str, list[str]]]:
    """The questions and answers of one block that holds several, each "Q:" on a line of its
    own (``<br>``), its answer on the lines up to the next."""
    pairs: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        plain = _EMPHASIS.sub("", line).strip()
        if _ASKS.match(plain):
            asked, *said = _SAME_LINE_ANSWER.split(plain, maxsplit=1)
            pairs.append((asked, said))
        elif pairs and line.strip():
            pairs[-1][1].append(line.strip())
    return pairs


def _holds(node: Node, chosen: set[int]) -> bool:
    if node.tag == "-text":
        return False
    return any(inner.mem_id in chosen for inner in node.css(_BLOCKS))


READER = Reader(
    reads="HTML",
    detect=html,
    priority=35,
    expects="paragraphs starting with 'Q:'",
    entries=_entries,
)

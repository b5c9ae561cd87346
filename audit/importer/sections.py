"""A page's entries grouped under its section headings, and the text that no entry holds.

Pages group their questions under headings ("Shipping", "Returns"). Read as one list, a
section heading would be the last paragraph of the answer above it; here each heading that
stands before questions becomes a category of its own, which the import writes as a file of
its own. The page is walked once, in order, as a stream of headings, entries and text that
lies outside every entry:

- a heading is a section's title when questions follow it before the next heading of its
  level or above; with fewer than two such titles the page is one category, the one named on
  the command line;
- text between a section's title (or the last heading before the first question, or the
  start of the page) and its first question is that category's ``description``;
- any other text, and every heading that titles no section, is noted as not kept, so that
  nothing the page says is dropped without a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .entries import Found, ImportedEntry
from .html_doc import Node
from .html_markdown import BLOCKS, markdown, one_line

__all__ = ["Section", "Unkept", "sections"]

_TITLES = {**{f"h{n}": n for n in range(1, 7)}, "summary": 7}
"""Elements that can title a section; a group ``<details>``'s summary is the deepest."""


@dataclass(frozen=True, slots=True)
class Section:
    """One category of the page: its title (None: the one named on the command line), the
    text before its first question, and its entries."""

    title: str | None
    description: str
    entries: tuple[ImportedEntry, ...]


@dataclass(frozen=True, slots=True)
class Unkept:
    """Text of the page that no entry holds: ``kind`` is "heading" or "text"."""

    kind: str
    text: str


@dataclass(slots=True)
class _Walk:
    """The page as a stream of ("heading", level, text), ("entry", index) and ("text", text)."""

    entry_of: dict[int, int]
    around: set[int]
    events: list[tuple[str, int, str]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    run: list[Node] = field(default_factory=list)

    def flush(self) -> None:
        if self.run:
            if all(
                node.tag == "-text" and (node.text_content or "").isspace() for node in self.run
            ):
                self.run = []  # the white space between elements
                return
            text = markdown(self.run)
            if text:
                self.events.append(("text", 0, text))
            self.run = []

    def walk(self, node: Node) -> None:
        child = node.child
        while child is not None:
            self.visit(child)
            child = child.next
        self.flush()

    def visit(self, node: Node) -> None:
        key = node.mem_id
        tag = node.tag or ""
        entry = self.entry_of.get(key)
        if entry is not None:
            self.flush()
            if entry not in self.seen:
                self.seen.add(entry)
                self.events.append(("entry", entry, ""))
        elif key in self.around:
            self.flush()
            self.walk(node)
        elif tag in _TITLES:
            self.flush()
            text = one_line(node)
            if text:
                self.events.append(("heading", _TITLES[tag], text))
        elif tag in BLOCKS:
            self.flush()
            self.run = [node]
            self.flush()
        else:
            self.run.append(node)


def _mark_ancestors(nodes: Sequence[Node], around: set[int]) -> None:
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in around:
            around.add(parent.mem_id)
            parent = parent.parent


def sections(body: Node, found: Sequence[Found]) -> tuple[list[Section], list[Unkept]]:
    """The entries of ``found`` grouped by the section headings of the page around them.

    Entries read from no element (JSON-LD) are one section, and nothing is noted.
    """
    if not any(item.nodes for item in found):
        return [Section(None, "", tuple(item.entry for item in found))], []
    entry_of: dict[int, int] = {}
    for index, item in enumerate(found):
        for node in item.nodes:
            entry_of.setdefault(node.mem_id, index)
    around: set[int] = set()
    _mark_ancestors([node for item in found for node in item.nodes], around)
    _mark_ancestors(body.css(", ".join(_TITLES)), around)
    walk = _Walk(entry_of, around)
    walk.walk(body)
    events = walk.events

    heading_of: list[int | None] = [None] * len(found)
    current: dict[int, int] = {}  # level -> the event of the heading open at that level
    for position, (kind, value, _) in enumerate(events):
        if kind == "heading":
            for deeper in [level for level in current if level >= value]:
                del current[deeper]
            current[value] = position
        elif kind == "entry":
            heading_of[value] = current[max(current)] if current else None
    for index, item in enumerate(found):  # read from the element of the entry before it
        if (
            index
            and item.nodes
            and item.nodes[0].mem_id in entry_of
            and (entry_of[item.nodes[0].mem_id] != index)
        ):
            heading_of[index] = heading_of[index - 1]
    titles: dict[str, list[int]] = {}  # title -> the headings of that title, in page order
    for position in dict.fromkeys(h for h in heading_of if h is not None):
        titles.setdefault(events[position][2], []).append(position)
    if len(titles) < 2:
        heading_of = [None] * len(found)
        titles = {}
    used_headings = {position for positions in titles.values() for position in positions}

    keys: list[str | None] = []
    grouped: dict[str | None, list[ImportedEntry]] = {}
    for item, heading in zip(found, heading_of, strict=True):
        key = None if heading is None else events[heading][2]
        if key not in grouped:
            keys.append(key)
            grouped[key] = []
        grouped[key].append(item.entry)

    first_entry: dict[str | None, int] = {}
    for position, (kind, value, _) in enumerate(events):
        if kind == "entry":
            heading = heading_of[value]
            first_entry.setdefault(None if heading is None else events[heading][2], position)
    described: set[int] = set()
    descriptions: dict[str | None, list[str]] = {key: [] for key in keys}
    for key, end in first_entry.items():
        begin = -1 if key is None else max(p for p in titles[key] if p < end)
        texts: list[int] = []
        for position in range(begin + 1, end):
            kind = events[position][0]
            if kind in ("entry", "heading"):
                texts = []  # the text before the section's first question, after any heading
            elif kind == "text":
                texts.append(position)
        described.update(texts)
        descriptions[key] = [events[position][2] for position in texts]
    unkept = [
        Unkept(kind, text)
        for position, (kind, _, text) in enumerate(events)
        if (kind == "heading" and position not in used_headings)
        or (kind == "text" and position not in described)
    ]
    result = [Section(key, "\n\n".join(descriptions[key]), tuple(grouped[key])) for key in keys]
    return result, unkept

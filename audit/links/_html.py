"""What the prober needs from an HTML page: its anchors, and whether it says "not found".

The standard library's tolerant `html.parser` is enough (no heavy dependency):
anchors are every `id` and every `<a name>`; the soft-404 test reads the
`<title>` and the first `<h1>`, like a reader glancing at the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_NOT_FOUND = re.compile(r"\b(?:page\s+)?not\s+found\b|\b404\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageFacts:
    anchors: frozenset[str]
    title: str
    heading: str

    def says_not_found(self) -> bool:
        """Whether the title or the first heading says "not found" or "404"."""
        return bool(_NOT_FOUND.search(self.title) or _NOT_FOUND.search(self.heading))


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.title: list[str] = []
        self.heading: list[str] = []
        self._in: str | None = None
        self._seen_h1 = False
        self._seen_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "id" or (name == "name" and tag == "a")):
                self.anchors.add(value)
        if tag == "title" and not self._seen_title:
            self._in, self._seen_title = "title", True
        elif tag == "h1" and not self._seen_h1:
            self._in, self._seen_h1 = "h1", True

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title.append(data)
        elif self._in == "h1":
            self.heading.append(data)


def scan(html: str) -> PageFacts:
    """The anchors, title and first heading of `html` (never raises on bad markup)."""
    scanner = _Scanner()
    try:
        scanner.feed(html)
        scanner.close()
    except Exception:
        pass
    return PageFacts(
        frozenset(scanner.anchors),
        " ".join("".join(scanner.title).split()),
        " ".join("".join(scanner.heading).split()),
    )


def fragment_needs_check(fragment: str) -> bool:
    """False for fragments that are not anchors: empty, `top`, hash routes, text fragments."""
    return (
        bool(fragment) and fragment != "top" and fragment[0] not in "!/" and ":~:" not in fragment
    )

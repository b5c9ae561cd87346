"""Web addresses and links in running text, every occurrence where it stands.

Three ways of writing a link are read:

- a bare address in the prose, `https://…` or `www.…`. Where it ends is
  decided the way GitHub's and most mail programs' autolinkers decide: at
  white space or a character that cannot stand in an address as written, then
  without the sentence punctuation after it and without a closing bracket
  that has no opening one inside ("(see https://example.com/a_(b))" keeps
  "a_(b)", drops the last ")");
- a Markdown link, `[words](target)`;
- an HTML link, `<a href="target">words</a>`.

A link's target is exactly what its markup encloses, so no punctuation is
peeled from it. `find_urls` gives each web address once per place it stands
(the same address twice is two matches: each occurrence is a place to report
or to probe); `find_links` gives the Markdown and HTML links, with the span
of their words, whatever their target (`/returns`, `mailto:…` included).
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Where a web address starts: a scheme, or `www.`.
URL_START = r"(?:https?://|www\.)"
# A web address as written in prose: everything after its start up to white space or a
# character that cannot stand in a URL written in text. Not inside a word, an email
# address or another address ("shop.www.example", "me@www.example").
_BARE = re.compile(rf"(?<![\w@./-]){URL_START}[^\s<>\"`{{}}|\\^\]]+", re.IGNORECASE)
_WEB = re.compile(URL_START, re.IGNORECASE)
_PEELED = ".,;:!?'\"\u201d\u2019*_"
_OPENING = {")": "(", "]": "[", "}": "{"}
_HTML_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")


class UrlKind(enum.Enum):
    """How a link is written."""

    BARE = "bare"  # an address in the prose
    MARKDOWN = "markdown"  # [words](target)
    HTML = "html"  # <a href="target">words</a>


@dataclass(frozen=True, slots=True)
class UrlMatch:
    """One web address as written in a text, and where it stands."""

    raw: str
    start: int
    end: int
    kind: UrlKind

    @property
    def host(self) -> str:
        """The host name, lower-cased, without user, port or a trailing dot ("" if none)."""
        rest = self.raw.split("://", 1)[1] if "://" in self.raw else self.raw
        authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
        host = authority.rpartition("@")[2]
        if host.startswith("["):  # an IPv6 address, whose colons are not a port's
            return host[: host.find("]") + 1].lower()
        return host.partition(":")[0].rstrip(".").lower()


@dataclass(frozen=True, slots=True)
class LinkMatch:
    """A Markdown or HTML link: the whole markup, its words and its target.

    `words_start == words_end` when the link has no words (only white space);
    `target_start == target_end` when an HTML link has no `href`.
    """

    kind: UrlKind
    start: int
    end: int
    words_start: int
    words_end: int
    target: str
    target_start: int
    target_end: int

    @property
    def is_web(self) -> bool:
        """Whether the target is a web address (not `/returns`, `#top` or `mailto:…`)."""
        return _WEB.match(self.target) is not None


def find_links(text: str) -> tuple[LinkMatch, ...]:
    """Every Markdown and HTML link of a text, in order."""
    if "](" not in text and "<a" not in text and "<A" not in text:
        return ()  # the common case, decided in C before any regular expression runs
    return _find_links(text)


@lru_cache(maxsize=1024)
def _find_links(text: str) -> tuple[LinkMatch, ...]:
    links: list[LinkMatch] = []
    if "<a" in text or "<A" in text:
        for match in _HTML_LINK.finditer(text):
            href = _HREF.search(text, *match.span(1))  # one of its groups: the value
            target = _trimmed(text, *href.span(href.lastindex or 0)) if href else (0, 0)
            links.append(_link(text, match, UrlKind.HTML, 2, *target))
    if "](" in text:
        for match in _MARKDOWN_LINK.finditer(text):
            links.append(_link(text, match, UrlKind.MARKDOWN, 1, *match.span(2)))
    return tuple(sorted(links, key=lambda link: link.start))


def _link(
    text: str, match: re.Match[str], kind: UrlKind, words: int, target_start: int, target_end: int
) -> LinkMatch:
    words_start, words_end = _trimmed(text, *match.span(words))
    return LinkMatch(
        kind,
        match.start(),
        match.end(),
        words_start,
        words_end,
        text[target_start:target_end],
        target_start,
        target_end,
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at its ends; empty (at `start`) when nothing is left."""
    inner = text[start:end]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner) - len(inner.rstrip())
    return (start + lead, end - trail) if start + lead < end - trail else (start, start)


def find_urls(text: str) -> tuple[UrlMatch, ...]:
    """Every web address of a text, in order: bare ones and the targets of links.

    An address inside a link's target is that target, written as the markup
    encloses it; an address among a link's words is an occurrence of its own.
    """
    if "://" not in text and "www." not in text.lower():
        return ()  # most texts hold no address: decided in C, 13 times faster than a search
    return _find_urls(text)


@lru_cache(maxsize=1024)
def _find_urls(text: str) -> tuple[UrlMatch, ...]:
    targets = [
        (link.target_start, link.target_end, link.kind)
        for link in find_links(text)
        if link.is_web and link.target_start < link.target_end
    ]
    starts = [start for start, _end, _kind in targets]
    found = [UrlMatch(text[s:e], s, e, kind) for s, e, kind in targets]
    for match in _BARE.finditer(text):
        start = match.start()
        index = bisect_right(starts, start) - 1
        if index >= 0 and start < targets[index][1]:
            continue  # the target of a link, found above as the markup encloses it
        raw = _without_trailing(match.group())
        found.append(UrlMatch(raw, start, start + len(raw), UrlKind.BARE))
    if targets:
        found.sort(key=lambda url: url.start)
    return tuple(found)


def _without_trailing(url: str) -> str:
    """Peel sentence punctuation and unbalanced closing brackets off an address's end."""
    while url and (url[-1] in _PEELED or _unbalanced(url)):
        url = url[:-1]
    return url


def _unbalanced(url: str) -> bool:
    """A closing bracket at the end with no opening one inside: "(see https://a.example)"."""
    last = url[-1]
    opening = _OPENING.get(last)
    return opening is not None and url.count(last) > url.count(opening)


def web_domains(text: str) -> tuple[str, ...]:
    """The domains of the web addresses in `text` (lower-cased, without "www."), in order."""
    domains = []
    for url in find_urls(text):
        host = url.host
        host = host[4:] if host.startswith("www.") else host
        if _DOMAIN.fullmatch(host):
            domains.append(host)
    return tuple(domains)

"""Web addresses and links in running text, every occurrence where it stands.

Three ways of writing a link are read:

- a Markdown link, `[words](target)` or `<https://…>`, as the content model
  reads it (`audit.text.markdown`: CommonMark, so a link inside a code span is
  code, `\\[` is a bracket, and a target may hold balanced brackets);
- an HTML link, `<a href="target">words</a>`;
- a bare address in the prose, `https://…` or `www.…`, outside those. Where it
  ends is decided the way GitHub's and most mail programs' autolinkers
  decide: at white space or a character that cannot stand in an address as
  written, then without the sentence punctuation after it and without a
  closing bracket that has no opening one inside ("(see
  https://example.com/a_(b))" keeps "a_(b)", drops the last ")").

A link's target is exactly what its markup encloses, so no punctuation is
peeled from it. Targets are read first; an address among a link's words is an
occurrence of its own unless it repeats the target (`[https://a.example](https://a.example)`
is one address). An address inside a code span is code, not a link.
`find_urls` gives each web address once per place it stands (the same address
twice is two matches: each occurrence is a place to report or to probe);
`find_links` gives the Markdown and HTML links, with the span of their words,
whatever their target (`/returns`, `mailto:…`, an empty one included).
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from audit.text.markdown import LinkForm, Markup, markdown_view, may_hold_links

# Where a web address starts: a scheme, or `www.`.
URL_START = r"(?:https?://|www\.)"
# A web address as written in prose: everything after its start up to white space or a
# character that cannot stand in a URL written in text. Not inside a word, an email
# address or another address ("shop.www.example", "me@www.example").
_BARE = re.compile(rf"(?<![\w@./-]){URL_START}[^\s<>\"`{{}}|\\^\]]+", re.IGNORECASE)
_WEB = re.compile(URL_START, re.IGNORECASE)
_PEELED = ".,;:!?'\"\u201d\u2019*_"
_OPENING = {")": "(", "]": "[", "}": "{"}
# An HTML link's opening tag (its attributes stop at the next "<": a tag never holds one,
# and a page of "<a " without ">" would otherwise be read to its end from each) and its end.
_HTML_OPEN = re.compile(r"<a\b([^<>]*)>", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
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
    `target_start == target_end` when an HTML link has no `href` or a Markdown
    link an empty target. `words` are the words as a reader sees them (without
    emphasis markers or tags' brackets: for HTML, the text between the tags).
    """

    kind: UrlKind
    start: int
    end: int
    words_start: int
    words_end: int
    target: str
    target_start: int
    target_end: int
    words: str = ""

    @property
    def is_web(self) -> bool:
        """Whether the target is a web address (not `/returns`, `#top` or `mailto:…`)."""
        return _WEB.match(self.target) is not None


def find_links(text: str) -> tuple[LinkMatch, ...]:
    """Every Markdown and HTML link of a text, in order."""
    if "](" not in text and "<" not in text:
        return ()  # the common case, decided in C before any parsing (no `[…]` without `(`)
    return _find_links(text)


@lru_cache(maxsize=1024)
def _find_links(text: str) -> tuple[LinkMatch, ...]:
    links: list[LinkMatch] = []
    if "<a" in text or "<A" in text:
        links += _html_links(text)
    for link in markdown_view(text).links:
        if link.form in (LinkForm.INLINE, LinkForm.ANGLE):
            links.append(
                LinkMatch(UrlKind.MARKDOWN, link.start, link.end, link.text_start, link.text_end,
                          link.target, link.target_start, link.target_end, link.text)
            )  # fmt: skip
    return tuple(sorted(links, key=lambda link: link.start))


def _html_links(text: str) -> list[LinkMatch]:
    """`<a href="…">words</a>`: each opening tag with the first closing tag after it.

    The closing tags are found once and looked up, so text full of opening tags
    and no closing one is read once (a lazy `.*?` to `</a>` read to the end
    from each opening tag: quadratic).
    """
    closes = [match.span() for match in _HTML_CLOSE.finditer(text)]
    close_starts = [start for start, _end in closes]
    found = []
    after = 0  # an opening tag among the words of the link before is part of those words
    for opening in _HTML_OPEN.finditer(text):
        if opening.start() < after:
            continue
        index = bisect_left(close_starts, opening.end())
        if index == len(closes):
            break
        close_start, close_end = closes[index]
        href = _HREF.search(text, *opening.span(1))  # one of its groups: the value
        target_start, target_end = (
            _trimmed(text, *href.span(href.lastindex or 0)) if href else (0, 0)
        )
        words_start, words_end = _trimmed(text, opening.end(), close_start)
        found.append(
            LinkMatch(UrlKind.HTML, opening.start(), close_end, words_start, words_end,
                      text[target_start:target_end], target_start, target_end,
                      text[words_start:words_end])
        )  # fmt: skip
        after = close_end
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at its ends; empty (at `start`) when nothing is left."""
    inner = text[start:end]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner) - len(inner.rstrip())
    return (start + lead, end - trail) if start + lead < end - trail else (start, start)


def find_urls(text: str) -> tuple[UrlMatch, ...]:
    """Every web address of a text, in order: the targets of links, then bare ones.

    An address inside a link's target is that target, written as the markup
    encloses it; an address among a link's words is an occurrence of its own,
    unless it repeats the target.
    """
    if "://" not in text and "www." not in text.lower():
        return ()  # most texts hold no address: decided in C, 13 times faster than a search
    return _find_urls(text)


# A link's markup span, its target, where its words end and where its target starts.
_Covered = tuple[int, int, str, int, int]


@lru_cache(maxsize=1024)
def _find_urls(text: str) -> tuple[UrlMatch, ...]:
    if not may_hold_links(text):
        return tuple(_bare_urls(text, (), None))  # no link and no code: no parsing needed
    markup = markdown_view(text)
    found: list[UrlMatch] = []
    covered: list[_Covered] = []  # markup spans: target, end of the words, start of the target
    for link in find_links(text):
        if link.is_web and link.target_start < link.target_end:
            found.append(UrlMatch(link.target, link.target_start, link.target_end, link.kind))
        covered.append((link.start, link.end, link.target, link.words_end, link.target_start))
    for image in markup.links:
        if image.form is LinkForm.IMAGE:
            if _WEB.match(image.target) and image.target_start < image.target_end:
                found.append(
                    UrlMatch(image.target, image.target_start, image.target_end, UrlKind.MARKDOWN)
                )
            covered.append(
                (image.start, image.end, image.target, image.text_end, image.target_start)
            )
    covered.sort()
    found += _bare_urls(text, tuple(covered), markup)
    found.sort(key=lambda url: url.start)
    return tuple(found)


def _bare_urls(text: str, covered: tuple[_Covered, ...], markup: Markup | None) -> list[UrlMatch]:
    """The bare addresses outside links' markup and code (or among a link's words,
    when they name another address than its target)."""
    starts = [span[0] for span in covered]
    found = []
    for match in _BARE.finditer(text):
        start = match.start()
        raw = _without_trailing(match.group())
        index = bisect_right(starts, start) - 1
        if index >= 0 and start < covered[index][1]:
            _start, _end, target, words_end, target_start = covered[index]
            if start >= words_end or start == target_start or _same(raw, target):
                continue  # the target, or the words repeating it: found above
            # otherwise another address among a link's words: an occurrence of its own
        if markup is not None and markup.in_code(start, start + len(raw)):
            continue  # code, not a link
        found.append(UrlMatch(raw, start, start + len(raw), UrlKind.BARE))
    return found


def _same(raw: str, target: str) -> bool:
    return raw.rstrip("/").casefold() == target.rstrip("/").casefold()


def _without_trailing(url: str) -> str:
    """Peel sentence punctuation and unbalanced closing brackets off an address's end:
    a closing bracket goes when the address holds more of it than of its opening one
    ("(see https://a.example)"). The brackets are counted once, not once per peel."""
    counts = {char: url.count(char) for char in "()[]{}"}
    end = len(url)
    while end:
        last = url[end - 1]
        opening = _OPENING.get(last)
        if last in _PEELED:
            end -= 1
        elif opening is not None and counts[last] > counts[opening]:
            counts[last] -= 1
            end -= 1
        else:
            break
    return url[:end]


def web_domains(text: str) -> tuple[str, ...]:
    """The domains of the web addresses in `text` (lower-cased, without "www."), in order.

    Only the hosts are wanted (to compare email domains with the site's), so the
    addresses are read by the bare pattern alone, without parsing the Markdown:
    it finds every address, a link's target included (its closing bracket is
    peeled), and an address in a code span still names a domain.
    """
    if "://" not in text and "www." not in text.lower():
        return ()
    domains = []
    for match in _BARE.finditer(text):
        host = UrlMatch(_without_trailing(match.group()), 0, 0, UrlKind.BARE).host
        host = host[4:] if host.startswith("www.") else host
        if _DOMAIN.fullmatch(host):
            domains.append(host)
    return tuple(domains)

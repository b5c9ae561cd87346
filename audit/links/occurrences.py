"""Where each link stands: every occurrence, in the FAQ and in other inputs.

A link is probed once but reported wherever it is written, so extraction keeps
each occurrence (path, line, column, entry) rather than a set of addresses.
Links that need no request are judged here, offline: `mailto:` addresses by
email-validator, `tel:` numbers by phonenumbers, and links to another entry
(`#entry-id`, or the FAQ's own address with that fragment) against the ids the
run knows. Their outcomes are `LinkResult`s like any probe's, so the rules and
reporters treat them alike.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from audit.extract.emails import find_emails
from audit.extract.phones import find_phones
from audit.extract.urls import UrlKind, find_links, find_urls
from audit.links.results import LinkResult, Verdict
from audit.model import Corpus, Position

TEXT_FIELDS = ("question", "answer")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a link is written. `url` is what is probed or judged (a bare `www.`
    address gets `https://`); `raw` is the text as written; `entry` is None outside
    the FAQ (a Markdown file, a URL list)."""

    url: str
    raw: str
    position: Position
    entry: str | None = None

    @property
    def offline(self) -> bool:
        """Judged without any request: mail, telephone and in-FAQ links."""
        return self.url.startswith(("mailto:", "tel:", "#"))


def from_corpus(corpus: Corpus) -> Iterator[Occurrence]:
    """Every link in the questions and answers of a loaded run, in file order."""
    for entry in corpus.entries:
        for name in TEXT_FIELDS:
            text = entry.texts.get(name)
            if text is None:
                continue
            for url, raw, start in in_text(text.value):
                yield Occurrence(url, raw, text.position_of(start, len(raw)), entry.id)


def from_text_file(path: Path, name: str | None = None) -> Iterator[Occurrence]:
    """Every link in a Markdown, HTML or text file (positions by line and column)."""
    shown = name or str(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = _line_starts(text)
    for url, raw, start in in_text(text):
        yield Occurrence(url, raw, _position(shown, lines, start, len(raw)))


def from_url_list(source: str) -> Iterator[Occurrence]:
    """One URL a line from a file, or from standard input when `source` is `-`;
    blank lines and `#` comments are skipped."""
    if source == "-":
        lines, shown = sys.stdin.read().splitlines(), "<stdin>"
    else:
        lines, shown = Path(source).read_text(encoding="utf-8").splitlines(), source
    for number, line in enumerate(lines, start=1):
        raw = line.strip()
        if raw and not raw.startswith("#"):
            column = line.index(raw) + 1
            where = Position(shown, number, column, number, column + len(raw))
            yield Occurrence(_normalized(raw), raw, where)


def in_text(text: str) -> Iterator[tuple[str, str, int]]:
    """(url, raw, start) for each web address and each mail, telephone or fragment link,
    in the order they stand. Links are read as Markdown (`find_urls`): a link's target
    once, with its exact span, and its words again only when they name another address."""
    found = [(_normalized(match.raw), match.raw, match.start) for match in find_urls(text)]
    for link in find_links(text):
        target = link.target
        if target.lower().startswith(("mailto:", "tel:")) or target.startswith("#"):
            found.append((target, target, link.target_start))
    # a bare `mailto:` in prose is rare; email rules already judge plain addresses
    found.sort(key=lambda item: item[2])
    yield from found


def _normalized(raw: str) -> str:
    return "https://" + raw if raw.lower().startswith("www.") else raw


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [index + 1 for index, char in enumerate(text) if char == "\n"]
    return starts


def _position(path: str, starts: list[int], index: int, length: int) -> Position:
    from bisect import bisect_right

    def line_col(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    line, column = line_col(index)
    end_line, end_column = line_col(index + length)
    return Position(path, line, column, end_line, end_column)


def web_urls(occurrences: Iterable[Occurrence]) -> list[str]:
    """The unique addresses to probe, in the order first met."""
    return list(dict.fromkeys(o.url for o in occurrences if not o.offline))


def judge_offline(
    occurrences: Iterable[Occurrence],
    known_ids: Iterable[str],
    *,
    faq_url: str | None = None,
    region: str = "US",
) -> dict[str, LinkResult]:
    """Outcomes of the links that need no request, by URL. A link to the FAQ's own
    address (`faq_url`) with a fragment is judged as an in-FAQ link, not probed."""
    ids = frozenset(known_ids)
    results: dict[str, LinkResult] = {}
    for occurrence in occurrences:
        url = occurrence.url
        if url in results:
            continue
        if occurrence.offline:
            results[url] = _judged(url, ids, region)
        elif faq_url and _same_page(url, faq_url) and urlsplit(url).fragment:
            results[url] = _judged("#" + urlsplit(url).fragment, ids, region, url)
    return results


def _judged(target: str, ids: frozenset[str], region: str, url: str | None = None) -> LinkResult:
    shown = url or target
    if target.startswith("#"):
        wanted = unquote(target[1:])
        if wanted in ids:
            return LinkResult(shown, Verdict.OK)
        return LinkResult(shown, Verdict.BROKEN_FRAGMENT, error=f"no entry has the id {wanted!r}")
    scheme, _, rest = target.partition(":")
    address = unquote(rest.split("?", 1)[0])
    if scheme.lower() == "mailto":
        found = find_emails(address)
        if len(found) == 1 and found[0].raw == address.strip() and found[0].valid:
            return LinkResult(shown, Verdict.OK)
        reason = found[0].reason if found and found[0].reason else "not an email address"
        return LinkResult(shown, Verdict.BROKEN, error=f"invalid email address: {reason}")
    phones = find_phones(address, region)
    if phones and all(phone.valid for phone in phones):
        return LinkResult(shown, Verdict.OK)
    return LinkResult(shown, Verdict.BROKEN, error=f"not a valid telephone number: {address!r}")


def _same_page(url: str, page: str) -> bool:
    left, right = urlsplit(url), urlsplit(page)
    return (left.netloc.lower(), left.path.rstrip("/")) == (
        right.netloc.lower(),
        right.path.rstrip("/"),
    )


__all__ = [
    "Occurrence",
    "UrlKind",
    "from_corpus",
    "from_text_file",
    "from_url_list",
    "in_text",
    "judge_offline",
    "web_urls",
]

"""A name for each finding that stays the same when the text around it moves.

A baseline (the findings a team has accepted) and SARIF's `partialFingerprints`
must recognise a finding again after lines were added above it, an entry was
moved to another file, or a neighbour was fixed. Lines and columns therefore
never enter a fingerprint; what it is about does. A fingerprint is the first 16
hex digits of the SHA-256 of, separated by NUL characters:

1. the rule id;
2. the entry id, or the file's path for a finding outside any entry;
3. the evidence, the text the finding is about: the file's characters in the
   finding's span, each run of white space made one space and the case folded
   (so re-wrapping a folded answer keeps it). A finding without a span (a
   position with no end, or an empty one) or in a file that could not be read
   as text uses its message instead, normalized the same way and with each run
   of digits made `#`, so that a line number or a count in it does not count;
4. the occurrence: 0 for the first finding of the run with the same first three
   (in the run's order: path, line, column, rule), 1 for the next, and so on,
   so two equal slips in one entry have distinct fingerprints.

So a fingerprint changes when its rule, its entry or its evidence does, or when
an equal finding appears before it in the same entry.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from audit.model import Finding, Position

LENGTH = 16  # hex digits: 64 bits, ample for the findings of one repository

# Line breaks as an editor counts them, as positions do (see audit.source.compose.Locator).
_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def assign(findings: Iterable[Finding], texts: Mapping[str, str | None]) -> Iterator[Finding]:
    """Each finding, in the order given, with its fingerprint.

    `texts` is the text of each file by the path findings show; the order given
    decides which of two equal findings is occurrence 0, so give them sorted.
    """
    lines = _LineStarts(texts)
    seen: Counter[str] = Counter()
    for finding in findings:
        base = "\0".join(
            (
                finding.rule,
                finding.entry if finding.entry is not None else finding.position.path,
                evidence(finding, texts.get(finding.position.path), lines),
            )
        )
        occurrence = seen[base]
        seen[base] += 1
        yield replace(finding, fingerprint=digest(f"{base}\0{occurrence}"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:LENGTH]


def evidence(finding: Finding, text: str | None, lines: _LineStarts | None = None) -> str:
    """The normalized text a finding is about (see the module's documentation)."""
    span = _span(text, finding.position, lines or _LineStarts({finding.position.path: text}))
    if span:
        return _SPACE.sub(" ", span).casefold()
    return _SPACE.sub(" ", _DIGITS.sub("#", finding.message)).strip().casefold()


def _span(text: str | None, p: Position, lines: _LineStarts) -> str:
    if text is None or p.end_line is None or p.end_column is None:
        return ""
    starts = lines.of(p.path)
    start = _offset(starts, p.line, p.column, len(text))
    end = _offset(starts, p.end_line, p.end_column, len(text))
    return text[start:end] if start < end else ""


def _offset(starts: list[int], line: int, column: int, size: int) -> int:
    if line < 1 or line > len(starts):
        return size
    return min(starts[line - 1] + max(column, 1) - 1, size)


class _LineStarts:
    """The offset where each line of a file starts, worked out only for files with findings."""

    def __init__(self, texts: Mapping[str, str | None]) -> None:
        self._texts = texts
        self._starts: dict[str, list[int]] = {}

    def of(self, path: str) -> list[int]:
        starts = self._starts.get(path)
        if starts is None:
            text = self._texts.get(path) or ""
            starts = self._starts[path] = [0, *(m.end() for m in _BREAK.finditer(text))]
        return starts

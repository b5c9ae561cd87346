"""An answer read as Markdown, with every part tied to where it stands in the value.

The content model: an answer is CommonMark restricted to paragraphs, lists,
links (`[words](https://…)`, `<https://…>`), emphasis and code spans; a bare
address (`https://…`, `www.…`) stays legal and is read as a link, as GitHub
and most renderers read it. Everything else (headings, quotes, HTML, tables,
reference definitions) is not part of the model and is read as plain text, so
a line such as `# of items` or `> 5 days` keeps its characters.

markdown-it-py parses (with linkify-it for bare addresses); it gives line maps
for blocks only, so each inline rule is wrapped to note where it matched in
its paragraph (`audit.text.markdown_parse`), and here each paragraph's lines
are tied back to the value's lines.
What comes out is exact: the visible text (link syntax, emphasis markers,
backslashes of escapes and the backticks of code removed; entities read as
their character) with a map from each visible character to the value, and
each link with the value spans of its words and of its target as written.
Block markers (a list's `-` or `1.`) and line breaks stay in the visible text,
since a reader sees a bullet and a new line there.

Parsing is linear in the value (markdown-it-py bounds its look-ahead; the
scaling tests hold it to that), and cached per value: several rules ask.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from audit.text.markdown_parse import Edit, LinkForm, paragraphs, parser

# Characters without which a value holds no Markdown construct of the model.
_TRIGGERS = ("[", "<", "`", "*", "_", "\\", "&", "://", "www.", "WWW.")


@dataclass(frozen=True, slots=True)
class Link:
    """One link: its words as the reader sees them and its target as written.

    Spans are value offsets. `text_start:text_end` covers the words (for a
    bare or angle link, the address itself), trimmed of white space;
    `target_start:target_end` covers the target as written, without `<>`
    (empty, at the `(`'s end, for `[words]()`); `start:end` the whole markup.
    """

    form: LinkForm
    text: str
    target: str
    start: int
    end: int
    text_start: int
    text_end: int
    target_start: int
    target_end: int


@dataclass(frozen=True, slots=True)
class Markup:
    """The Markdown view of one value. Build it with `markdown_view`."""

    value: str
    text: str  # the visible text
    links: tuple[Link, ...]
    code: tuple[tuple[int, int], ...]  # value spans of code spans, backticks included
    # The map, in runs: visible index `_visible[k]` onwards stands for value index
    # `_source[k]` onwards, one to one when `_literal[k]`; otherwise (an entity, an
    # escape) every visible character of the run stands for the run's value start.
    _visible: tuple[int, ...]
    _source: tuple[int, ...]
    _literal: tuple[bool, ...]

    def value_index(self, index: int) -> int:
        """The value offset of the visible character `index` (`len(text)`: the value's end)."""
        if index >= len(self.text):
            return len(self.value)
        run = bisect_right(self._visible, index) - 1
        if self._literal[run]:
            return self._source[run] + index - self._visible[run]
        return self._source[run]

    def value_span(self, start: int, end: int) -> tuple[int, int]:
        """The value span that shows the visible characters `start:end`."""
        if end <= start:
            at = self.value_index(start)
            return at, at
        return self.value_index(start), self._value_end(end - 1)

    def _value_end(self, index: int) -> int:
        """The value offset just after what shows the visible character `index`."""
        run = bisect_right(self._visible, index) - 1
        if self._literal[run]:
            return self._source[run] + index - self._visible[run] + 1
        next_source = self._source[run + 1] if run + 1 < len(self._source) else None
        return next_source if next_source is not None else len(self.value)

    def in_code(self, start: int, end: int) -> bool:
        """Whether the value span `start:end` lies inside a code span."""
        return _inside(self.code, start, end)

    def link_at(self, offset: int) -> Link | None:
        """The link whose markup holds the value offset `offset`, if any."""
        index = bisect_right(self.links, offset, key=lambda link: link.start) - 1
        if index >= 0 and offset < self.links[index].end:
            return self.links[index]
        return None


def _inside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether `start:end` lies inside one of the sorted, disjoint `spans`."""
    index = bisect_right(spans, (start, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def may_hold_links(value: str) -> bool:
    """Whether a value may hold a written link (`[…](…)`, `<…>`) or a code span.

    Exact in one direction: a value for which it says no holds none.

    Most answers do not; a caller that needs only those (not the visible text)
    skips the parse for them and uses `NO_MARKUP`. Decided in C.
    """
    return "](" in value or "<" in value or "`" in value  # no link `[…]` without its `(`


@lru_cache(maxsize=1024)
def markdown_view(value: str) -> Markup:
    """The Markdown view of a value (cached: several rules read each answer)."""
    if not any(trigger in value for trigger in _TRIGGERS):
        return Markup(value, value, (), (), (0,), (0,), (True,))
    return _parse(value)


def _parse(value: str) -> Markup:
    # markdown-it reads "\r" as a line break and NUL as U+FFFD; the same-length
    # replacements keep every offset of the parsed text an offset of the value.
    src = value.replace("\r\n", " \n").replace("\r", "\n").replace("\0", "\ufffd")
    edits: list[Edit] = []
    links: list[Link] = []
    code: list[tuple[int, int]] = []
    for records in paragraphs(src):
        to_value = _content_map(src, records.text, records.first_line)
        edits += [
            Edit(to_value(e.start), _end(to_value, e.start, e.end), e.shown) for e in records.edits
        ]
        code += [(to_value(s), _end(to_value, s, e)) for s, e in records.code]
        for form, start, end, ts, te, gs, ge in records.links:
            links.append(
                _link(value, form, to_value(start), _end(to_value, start, end),
                      to_value(ts), _end(to_value, ts, te), to_value(gs), _end(to_value, gs, ge))
            )  # fmt: skip
    edits.sort(key=lambda edit: edit.start)
    text, visible, source, literal = _apply(value, edits)
    markup = Markup(value, text, (), tuple(sorted(code)), visible, source, literal)
    shown = [_with_words(markup, link) for link in links]
    shown += _www_links(markup, shown)
    shown.sort(key=lambda link: link.start)
    return Markup(value, text, tuple(shown), tuple(sorted(code)), visible, source, literal)


def _end(to_value: Callable[[int], int], start: int, end: int) -> int:
    return to_value(start) if end <= start else to_value(end - 1) + 1


def _link(
    value: str,
    form: LinkForm,
    start: int,
    end: int,
    text_start: int,
    text_end: int,
    target_start: int,
    target_end: int,
) -> Link:
    inner = value[text_start:text_end]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner) - len(inner.rstrip())
    if text_start + lead < text_end - trail:
        text_start, text_end = text_start + lead, text_end - trail
    else:
        text_end = text_start
    target = value[target_start:target_end]
    return Link(form, "", target, start, end, text_start, text_end, target_start, target_end)


def _with_words(markup: Markup, link: Link) -> Link:
    """The link with its words as shown (emphasis, escapes and backticks removed)."""
    first = _visible_at(markup, link.text_start)
    last = _visible_at(markup, link.text_end)
    return replace(link, text=" ".join(markup.text[first:last].split()))


def _visible_at(markup: Markup, offset: int) -> int:
    """The first visible index at or after the value offset `offset`."""
    run = bisect_right(markup._source, offset) - 1
    if run < 0:
        return 0
    if markup._literal[run]:
        start = markup._visible[run] + offset - markup._source[run]
        limit = markup._visible[run + 1] if run + 1 < len(markup._visible) else len(markup.text)
        return min(start, limit)
    if offset == markup._source[run]:
        return markup._visible[run]
    return markup._visible[run + 1] if run + 1 < len(markup._visible) else len(markup.text)


def _apply(
    value: str, edits: list[Edit]
) -> tuple[str, tuple[int, ...], tuple[int, ...], tuple[bool, ...]]:
    """The visible text and its map, with each edit's characters shown as the edit says."""
    parts: list[str] = []
    visible: list[int] = []
    source: list[int] = []
    literal: list[bool] = []
    at = 0  # value offset read so far
    length = 0  # visible characters so far

    def run(text: str, start: int, is_literal: bool) -> None:
        nonlocal length
        if text:
            visible.append(length)
            source.append(start)
            literal.append(is_literal)
            parts.append(text)
            length += len(text)

    for edit in edits:
        if edit.start < at:
            continue  # overlapping records cannot happen; a stray one is ignored
        run(value[at : edit.start], at, True)
        run(edit.shown, edit.start, False)
        at = edit.end
    run(value[at:], at, True)
    if not visible:
        return "", (0,), (len(value),), (False,)
    return "".join(parts), tuple(visible), tuple(source), tuple(literal)


def _www_links(markup: Markup, links: list[Link]) -> list[Link]:
    """Bare `www.` addresses: linkify-it's fuzzy matches, outside links and code.

    Only addresses that open with `www.`: a word such as "example.com" in prose
    is not read as a link (nor is an email address: the email rules read those).
    """
    text = markup.text
    if "www." not in text.lower():
        return []
    linkify = parser().linkify
    if linkify is None:  # pragma: no cover - linkify-it-py is a dependency
        return []
    taken = tuple(sorted((link.start, link.end) for link in links))
    found = []
    for match in linkify.match(text) or ():
        if match.schema or not match.text.lower().startswith("www."):
            continue
        start, end = markup.value_span(match.index, match.last_index)
        if markup.value[start:end] != match.text:
            continue  # an escape or entity inside: not an address as written
        if _inside(taken, start, end) or markup.in_code(start, end):
            continue
        found.append(
            Link(LinkForm.BARE, match.text, match.text, start, end, start, end, start, end)
        )
    return found


# --------------------------------------------------------------------------- offsets


def _content_map(src: str, content: str, first_line: int) -> Callable[[int], int]:
    """Offsets of a paragraph's inline text, as value offsets.

    markdown-it builds the text from lines `first_line…`, each without the
    indentation its block takes (and the first and last stripped): each of its
    lines is the end of a value line. Where that does not hold (a tab expanded
    to spaces), the line is looked up in its value line, or its start is used.
    """
    line_starts = _line_starts(src)
    content_starts = [0]
    bases: list[int] = []
    for number, line in enumerate(content.split("\n")):
        index = first_line + number
        if index >= len(line_starts):
            bases.append(len(src))
        else:
            ls = line_starts[index]
            le = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(src)
            bases.append(_line_base(src, ls, le, line))
        content_starts.append(content_starts[-1] + len(line) + 1)

    def to_value(offset: int) -> int:
        number = bisect_right(content_starts, offset) - 1
        number = min(number, len(bases) - 1)
        return bases[number] + offset - content_starts[number]

    return to_value


def _line_base(src: str, ls: int, le: int, line: str) -> int:
    trimmed = le
    while trimmed > ls and src[trimmed - 1] in " \t":
        trimmed -= 1
    for candidate in (le - len(line), trimmed - len(line)):
        if candidate >= ls and src.startswith(line, candidate) and candidate + len(line) <= le:
            return candidate
    found = src.find(line, ls, le)
    return found if found >= 0 else ls


@lru_cache(maxsize=64)
def _line_starts(src: str) -> tuple[int, ...]:
    starts = [0]
    at = src.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = src.find("\n", at + 1)
    return tuple(starts)


# The view of a text with no written link and no code span, for callers that asked
# `may_hold_links` and need only those: its links and code are empty.
NO_MARKUP = Markup("", "", (), (), (0,), (0,), (True,))


__all__ = ["NO_MARKUP", "Link", "LinkForm", "Markup", "markdown_view", "may_hold_links"]

"""markdown-it-py, configured for the content model, noting where each inline part stands.

markdown-it gives line maps for blocks only. Here every inline rule that
reads markup (links, images, angle and bare addresses, emphasis, escapes,
entities, code spans) is wrapped: when it matches, the wrapper notes the span
it read in its paragraph's text, and what of it a reader sees (`Edit`). The
paragraph's text and its first line come back with the notes, so
`audit.text.markdown` can tie them to the value. Rules never import this
module; they read `audit.text.markdown`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkLabel
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.linkify import SCHEME_RE
from markdown_it.token import Token

_INLINE_RULES = (
    "text",
    "linkify",
    "newline",
    "escape",
    "backticks",
    "emphasis",
    "link",
    "image",
    "autolink",
    "entity",
)
_RECORDS = "faq_audit_records"  # the env key under which the wrapped rules note their spans
_DEPTH = "faq_audit_depth"  # > 0 inside an image's description, parsed on its own text
_PARAGRAPHS = "faq_audit_paragraphs"


class LinkForm(enum.Enum):
    """How a link is written."""

    BARE = "bare"  # an address in the prose, read as a link (linkify)
    INLINE = "inline"  # [words](target)
    ANGLE = "angle"  # <https://…>
    IMAGE = "image"  # ![description](target): not a link, but its target is an address


@dataclass(frozen=True, slots=True)
class Edit:
    """Characters `start:end` of a paragraph's text shown as `shown` ("" for pure markup)."""

    start: int
    end: int
    shown: str


# A link's form and its spans in its paragraph's text: the whole markup, the words, the target.
LinkSpans = tuple[LinkForm, int, int, int, int, int, int]


@dataclass(slots=True)
class Paragraph:
    """One paragraph's inline text, the value line it starts on, and what the rules noted."""

    text: str
    first_line: int
    edits: list[Edit] = field(default_factory=list)
    links: list[LinkSpans] = field(default_factory=list)
    code: list[tuple[int, int]] = field(default_factory=list)
    delimiters: list[tuple[Token, int]] = field(default_factory=list)  # emphasis, offsets


def paragraphs(src: str) -> list[Paragraph]:
    """The paragraphs (and list items) of `src`, each with its notes."""
    env: dict[str, Any] = {_DEPTH: 0, _PARAGRAPHS: []}
    parser().parse(src, env)
    found: list[Paragraph] = env[_PARAGRAPHS]
    return found


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one parser, built once: CommonMark's paragraphs and lists, the inline rules
    of the model, linkify for bare addresses, every inline rule wrapped."""
    md = MarkdownIt("commonmark", {"linkify": True})
    md.block.ruler.enableOnly(["paragraph", "list"])
    md.inline.ruler.enableOnly(list(_INLINE_RULES))
    md.core.ruler.disable(["linkify", "text_join"], ignoreInvalid=True)
    if md.linkify is not None:
        md.linkify.set({"fuzzy_email": False})
    # Addresses are kept as written: nothing is rendered, so the percent-encoding and
    # punycode of a renderer (40% of the parse) would only be thrown away.
    setattr(md, "normalizeLink", _as_written)  # noqa: B010 - an instance's own method
    setattr(md, "normalizeLinkText", _as_written)  # noqa: B010
    md.core.ruler.at("inline", _inline_with_offsets)
    for name, wrap in _WRAPPERS.items():
        md.inline.ruler.at(name, wrap(_rule(md, name)))
    md.inline.ruler2.before("fragments_join", "faq_audit_emphasis", _emphasis_markers)
    return md


def _as_written(url: str) -> str:
    return url


def _rule(md: MarkdownIt, name: str) -> Callable[[StateInline, bool], bool]:
    for rule in md.inline.ruler.__rules__:
        if rule.name == name:
            return rule.fn
    raise LookupError(name)  # pragma: no cover - the rule names are markdown-it's own


def _inline_with_offsets(state: StateCore) -> None:
    """The core `inline` rule, noting which lines each paragraph's text came from."""
    for token in state.tokens:
        if token.type != "inline":
            continue
        lines = token.map or (0, 0)
        records = Paragraph(token.content, lines[0])
        state.env[_RECORDS] = records
        token.children = []
        state.md.inline.parse(token.content, state.md, state.env, token.children)
        state.env[_PARAGRAPHS].append(records)


def _recorder(state: StateInline) -> Paragraph | None:
    if state.env.get(_DEPTH, 0):
        return None  # an image description, parsed as a text of its own
    records = state.env.get(_RECORDS)
    return records if isinstance(records, Paragraph) else None


Wrapped = Callable[[StateInline, bool], bool]


def _pushed(
    rule: Wrapped, note: Callable[[StateInline, Paragraph, int, int, int], None], opens: str
) -> Wrapped:
    """`rule`, noting (start, end, first new token) whenever it matched and pushed tokens.

    `opens` are the characters the rule can start at: elsewhere it is called
    as it is, without the bookkeeping (most calls: every rule is tried at
    every stop of the text rule).
    """

    def wrapped(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] not in opens:
            return rule(state, silent)
        start, count = state.pos, len(state.tokens)
        count += bool(state.pending)  # pushing a token first flushes the pending text
        matched = rule(state, silent)
        records = _recorder(state) if matched else None
        if records is not None and len(state.tokens) > count:
            note(state, records, start, state.pos, count)
        return matched

    return wrapped


def _note_escape(state: StateInline, records: Paragraph, start: int, end: int, first: int) -> None:
    token = state.tokens[first]
    if token.type == "text_special":
        records.edits.append(Edit(start, end, token.content))
    # a hard break (backslash, line break) keeps its characters: white space to a reader


def _note_entity(state: StateInline, records: Paragraph, start: int, end: int, first: int) -> None:
    records.edits.append(Edit(start, end, state.tokens[first].content))


def _note_code(state: StateInline, records: Paragraph, start: int, end: int, first: int) -> None:
    marker = len(state.tokens[first].markup)
    records.edits += [Edit(start, start + marker, ""), Edit(end - marker, end, "")]
    records.code.append((start, end))


def _note_emphasis(
    state: StateInline, records: Paragraph, start: int, end: int, first: int
) -> None:
    for offset, token in enumerate(state.tokens[first:]):
        records.delimiters.append((token, start + offset))


def _note_autolink(
    state: StateInline, records: Paragraph, start: int, end: int, first: int
) -> None:
    records.edits += [Edit(start, start + 1, ""), Edit(end - 1, end, "")]
    records.links.append((LinkForm.ANGLE, start, end, start + 1, end - 1, start + 1, end - 1))


def _wrap_linkify(rule: Wrapped) -> Wrapped:
    """The bare-address rule: it matches at "://" and takes the scheme back from the
    text before it, so the address starts that many characters earlier."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        if silent or not state.src.startswith("://", pos):
            return rule(state, silent)
        count = len(state.tokens)
        scheme = SCHEME_RE.search(state.pending)
        matched = rule(state, silent)
        records = _recorder(state) if matched else None
        if records is not None and scheme is not None and len(state.tokens) > count:
            begin = pos - len(scheme.group(1))
            end = state.pos
            records.links.append((LinkForm.BARE, begin, end, begin, end, begin, end))
        return matched

    return wrapped


def _wrap_link(image: bool) -> Callable[[Wrapped], Wrapped]:
    opens = "!" if image else "["

    def wrap(rule: Wrapped) -> Wrapped:
        def wrapped(state: StateInline, silent: bool) -> bool:
            if state.src[state.pos] != opens:
                return False  # what the rule itself answers there
            start, count = state.pos, len(state.tokens)
            if image:
                state.env[_DEPTH] = state.env.get(_DEPTH, 0) + 1
            try:
                matched = rule(state, silent)
            finally:
                if image:
                    state.env[_DEPTH] -= 1
            records = None if silent or not matched else _recorder(state)
            if records is not None and len(state.tokens) > count:
                _note_link(state, records, start + (1 if image else 0), state.pos, image)
            return matched

        return wrapped

    return wrap


def _note_link(state: StateInline, records: Paragraph, start: int, end: int, image: bool) -> None:
    """A `[words](target)` link (or image) that markdown-it read from `start` to `end`."""
    src = state.src
    saved = state.pos, state.posMax
    state.posMax = end
    label_end = parseLinkLabel(state, start, not image)
    state.pos, state.posMax = saved
    opening = start - 1 if image else start
    if label_end < 0:  # not expected: the rule matched this very label
        return
    pos = label_end + 2  # past "]("
    while pos < end and src[pos] in " \t\n":
        pos += 1
    result = parseLinkDestination(src, pos, end)
    target_start, target_end = pos, pos
    if result.ok:
        angled = src[pos] == "<"
        target_start, target_end = (pos + 1, result.pos - 1) if angled else (pos, result.pos)
    records.edits += [Edit(opening, start + 1, ""), Edit(label_end, end, "")]
    form = LinkForm.IMAGE if image else LinkForm.INLINE
    records.links.append((form, opening, end, start + 1, label_end, target_start, target_end))


def _emphasis_markers(state: StateInline) -> None:
    """After emphasis is paired: each delimiter that became a marker is markup.

    Runs before `fragments_join`, which merges the remaining delimiters into
    the text around them and so would hide which were which.
    """
    records = _recorder(state)
    if records is None:
        return
    for token, offset in records.delimiters:
        if token.type != "text" or token.content == "":
            records.edits.append(Edit(offset, offset + 1, ""))
    records.delimiters.clear()


_WRAPPERS: dict[str, Callable[[Wrapped], Wrapped]] = {
    "escape": lambda rule: _pushed(rule, _note_escape, "\\"),
    "entity": lambda rule: _pushed(rule, _note_entity, "&"),
    "backticks": lambda rule: _pushed(rule, _note_code, "`"),
    "emphasis": lambda rule: _pushed(rule, _note_emphasis, "*_"),
    "autolink": lambda rule: _pushed(rule, _note_autolink, "<"),
    "linkify": _wrap_linkify,
    "link": _wrap_link(image=False),
    "image": _wrap_link(image=True),
}

"""Links carried by words that do not say where they go.

- `vague-link-text`: "click here", "this link", "here", "read more" or "more"
  as the words of a link. People scan a page for its links, and screen readers
  list them out of context; "here" then says nothing. Name the destination:

      Click here to watch the video: https://example.com/v/1     # flagged: "Click here"
      Read more: https://example.com/returns                      # flagged: "Read more"
      See <a href="https://example.com/returns">here</a>.         # flagged: "here"
      See [this link](https://example.com/returns).               # flagged: "this link"
      Details are [**here**](https://example.com/returns).        # flagged: "here"
      Watch the video tutorial: https://example.com/v/1           # fine

  Precision comes first, because "here" and "more" are common words:

  - a phrase of the `anywhere` option ("click here", "tap here", "this link")
    is flagged wherever it stands, since it can only ever point at a link;
  - any other phrase ("here", "more", "read more", "learn more") is flagged
    only when it is the text of a link (`<a …>here</a>`, `[here](…)`, read
    as Markdown: emphasis around the words does not change them) or
    introduces a URL directly: followed by nothing but punctuation such as
    `:` or `(`, and at most one of "at", "on", "via", then the URL (on the
    same line or the next).

      Your board will remain private until it is shared.          # fine
      Our brochures are available here at our office.             # fine
      You'll find photos, videos and more to promote your business.   # fine

  Options: `phrases`, the words that must not carry a link, and `anywhere`,
  those flagged even with no link in sight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from audit.extract.urls import URL_START, LinkMatch, UrlKind, find_links, find_urls
from audit.model import Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts
from audit.text.normalize import fold
from audit.text.phrases import phrase_pattern

VAGUE_LINK_TEXT = Rule(
    "vague-link-text",
    Severity.WARNING,
    'a link carried by words such as "click here" that do not say where it goes',
    Scope.ENTRY,
    options=(
        Option(
            "phrases",
            (
                "click here",
                "tap here",
                "this link",
                "read more",
                "learn more",
                "more info",
                "this page",
                "here",
                "more",
            ),
        ),
        Option("anywhere", ("click here", "tap here", "this link")),
    ),
)
RULES = (VAGUE_LINK_TEXT,)

_TAG = re.compile(r"<[^<>\n]*>")
# What may stand between a phrase and the URL it introduces: punctuation, at most one
# linking word, a line break and an opening bracket ("here: https://…", "more
# (https://…)", "here at www.…", "here:" with the URL on the next line).
_INTRODUCES = re.compile(
    r"[ \t]*(?:[:\-\u2013\u2014\u2192\u00bb>]+[ \t]*)?(?:(?:at|on|via)[ \t]+)?\n?[ \t]*[(<\[]?"
    rf"(?={URL_START})",
    re.IGNORECASE,
)
_EDGE_PUNCTUATION = " \t\n.,:;!?\u2026\u00bb\u2192>-"


@entry_check(VAGUE_LINK_TEXT)
def vague_link_text(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    options = context.options
    anywhere = _normalized(options["anywhere"])
    phrases = _normalized(options["phrases"]) | anywhere
    pattern = phrase_pattern(phrases)  # whole words: a contraction ("here's") is another word
    if pattern is None:
        return
    for entry, _field, text in texts(source, ("answer",)):
        value = text.value
        if "](" not in value and "<a" not in value.lower() and pattern.search(value) is None:
            continue  # no link markup and no vague phrase: the common case, decided in C
        links = find_links(value)
        taken: list[tuple[int, int]] = []
        for link in links:
            start, end = _words_span(value, link)
            if start < end and _normalize(link.words) in phrases:
                taken.append((start, end))
                words = " ".join(value[start:end].split())  # one line, as it reads
                yield problem_at(entry, text, start, end - start, _message(words))
        blocked = [*taken, *((link.start, link.end) for link in links)]
        blocked += [*_spans(_TAG, value), *((url.start, url.end) for url in find_urls(value))]
        for match in pattern.finditer(value):
            start, end = match.span()
            if any(s < end and start < e for s, e in blocked):
                continue
            words = match.group()
            if _normalize(words) in anywhere or _INTRODUCES.match(value, end):
                yield problem_at(entry, text, start, end - start, _message(words))


def _words_span(value: str, link: LinkMatch) -> tuple[int, int]:
    """The span of a link's words, without the emphasis markers around them
    (`[**here**](…)` points at "here")."""
    start, end = link.words_start, link.words_end
    if link.kind is UrlKind.MARKDOWN:
        while start < end and value[start] in "*_" and not link.words.startswith(value[start]):
            start += 1
        while end > start and value[end - 1] in "*_" and not link.words.endswith(value[end - 1]):
            end -= 1
    return start, end


def _message(words: str) -> str:
    return (
        f"'{words}' does not say where the link goes: people who scan for links, or hear "
        "them read out by a screen reader, get only these words; name the destination "
        "instead, e.g. 'Watch the video tutorial: https://…'"
    )


def _spans(regex: re.Pattern[str], value: str) -> Iterator[tuple[int, int]]:
    return (match.span() for match in regex.finditer(value))


def _normalize(words: str) -> str:
    """Case, spacing, tags and edge punctuation do not change what the words say."""
    return fold(_TAG.sub(" ", words)).strip(_EDGE_PUNCTUATION)


def _normalized(phrases: Iterable[str]) -> set[str]:
    return {normal for phrase in phrases if (normal := _normalize(str(phrase)))}

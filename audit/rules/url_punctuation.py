"""A web address glued to the punctuation that ends its sentence.

- `url-punctuation`: a URL immediately followed by `.` `,` `;` `:` `!` or `?`
  (or by a closing quote or bracket and then one of those). Mail programs,
  chat apps and many website renderers take that character into the link, and
  the customer lands on a page that does not exist:

      Our specials are at https://shop.example.com/specials.      # flagged: the '.'
      Click here to watch: https://example.com/share/1ee7d28a.    # flagged
      (see https://example.com/returns).                          # flagged: ')' then '.'

  A URL at the end of a line with nothing after it, or one set off by
  brackets of its own (`<https://…>`, a markdown `[text](https://…)`, an HTML
  `href="https://…"`), is fine:

      Direct link: https://shop.example.com
      Our specials: <https://shop.example.com/specials>.

  There is no automatic fix, because the right rewording is a person's choice:
  end the sentence another way (put the link before the end of the sentence),
  or put the link on a line of its own without punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.extract.urls import UrlKind, find_urls
from audit.model import Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts

URL_PUNCTUATION = Rule(
    "url-punctuation",
    Severity.WARNING,
    "a URL immediately followed by sentence punctuation that readers take into the link",
    Scope.ENTRY,
    options=(Option("punctuation", ".,;:!?"),),
)
RULES = (URL_PUNCTUATION,)

CLOSERS = "\"'\u201d\u2019)]}>\u00bb"
# An opening bracket or quote right before a URL, and the character that closes it.
_PAIRS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "<": ">",
    '"': '"',
    "'": "'",
    "\u201c": "\u201d",
    "\u2018": "\u2019",
    "\u00ab": "\u00bb",
}


@entry_check(URL_PUNCTUATION)
def url_punctuation(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    marks = str(context.options["punctuation"])
    for entry, _field, text in texts(source):
        value = text.value
        for url in find_urls(value):
            if url.kind is not UrlKind.BARE:
                continue  # a link's target ends where its markup says
            start, end = url.start, url.end
            tail = _tail(value, end, marks)
            if not tail or not any(char in marks for char in tail):
                continue
            opener = value[start - 1] if start > 0 else ""
            if opener in _PAIRS and tail.startswith(_PAIRS[opener]):
                continue  # set off by brackets or quotes of its own: `<https://…>.`
            yield problem_at(
                entry,
                text,
                end,
                len(tail),
                f"'{tail}' right after the link {_short(url.raw)} reads as part of the address: "
                "many mail programs and renderers take it into the link, which then fails; "
                "end the sentence another way or put the link on a line of its own",
            )


def _tail(value: str, end: int, marks: str) -> str:
    """The run of punctuation and closing brackets or quotes right after a URL.

    Only a run that ends the sentence counts: it must be followed by white space,
    the end of the text or a tag (`<br>`), so `https://a.example/x.html` is one address.
    """
    stop = end
    while stop < len(value) and (value[stop] in marks or value[stop] in CLOSERS):
        stop += 1
    if stop < len(value) and not (value[stop].isspace() or value[stop] == "<"):
        return ""
    return value[end:stop]


def _short(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "…"

"""Web addresses that cannot work as written.

- `url-malformed`: an address or a Markdown link that no browser can follow
  as written. Each case leads the reader nowhere, or to the wrong page, or
  shows the link's brackets instead of a link:

      Order at https//example.com/order                 # flagged: no ':' after the scheme
      Order at http:/example.com/order                  # flagged: one '/' missing
      Order at http;//example.com/order                 # flagged: ';' for ':'
      Order at htps://example.com/order                 # flagged: "htps" is not a scheme
      Fill in [the form](https://example.com/my form)   # flagged: a space in the address
      Fill in [the form](https://example.com/a_(b)      # flagged: '(' never closed
      See https://example.com/search?q=(shoes today     # flagged: '(' never closed
      Fill in [the form]()                              # flagged: no address
      Fill in [the form](/contact)                      # flagged: relative address
      Order at https://example.com/order                # fine: what the fix writes
      Order at http://example.com/order                 # fine: what the fix writes
      Fill in [the form](https://example.com/contact)   # fine
      Ask [customer care](mailto:care@example.com)      # fine
      See [shipping](#shipping-options) above           # fine: another entry

  A relative address (`/contact`, `contact.html`) works only on the site it
  was written for, but an answer is shown in many places (the help widget,
  emails, chat), where it leads nowhere; `www.example.com` without its
  `https://` is read as a relative address too, and fails everywhere. Write
  the full address, starting with `https://`. A link to another entry by its id
  (`#entry-id`), and `mailto:` and `tel:` links, are fine. An FAQ shown only
  on its own site may set the option `allow-relative: true`.

  An error, like `link-broken`: every case above is a link that fails for
  every reader, but for a relative address (not `www.…`), which works on the
  site itself and is a warning. `faq-audit fix` repairs the scheme where the
  repair is certain (`https//` and `http:/` and `http;//` become `https://` and
  `http://`); a misspelt scheme, a space, a bracket or a missing address
  needs a person, who knows which address was meant.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace

from audit.extract.urls import UrlKind, find_urls
from audit.model import Entry, Problem, Severity, SourceFile, TextField
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts
from audit.text.edits import one_slip_apart
from audit.text.markdown import NO_MARKUP, LinkForm, Markup, markdown_view, may_hold_links

URL_MALFORMED = Rule(
    "url-malformed",
    Severity.ERROR,
    "a web address or Markdown link that cannot work as written: a broken scheme, "
    "a space or an unclosed bracket in it, no address or a relative one",
    Scope.ENTRY,
    options=(
        Option(
            "allow-relative",
            False,
            doc="accept relative link addresses, for an FAQ shown only on its own site",
        ),
    ),
    fixable=True,
)
RULES = (URL_MALFORMED,)

# A scheme glued to a separator that is not "://", or a misspelt scheme before "://".
_SCHEME = re.compile(r"(?<![\w.+@/-])([a-z]{2,6})(//|:/|;//|://)(?=[\w\[])", re.IGNORECASE)
_WEB_SCHEMES = ("http", "https")
_KNOWN_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "ws", "wss", "file", "ssh"})
_HAS_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
_PARENS = re.compile(r"[()]")


@entry_check(URL_MALFORMED)
def url_malformed(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    allow_relative = bool(context.options["allow-relative"])
    for entry, _field, text in texts(source):
        value = text.value
        if "/" not in value and "](" not in value:
            continue  # no address and no link: the common case, decided in C
        markup = markdown_view(value) if may_hold_links(value) else NO_MARKUP
        yield from _scheme_slips(entry, text, markup)
        yield from _broken_links(entry, text, markup)
        yield from _unclosed_bare(entry, text, markup)
        yield from _missing_targets(entry, text, markup, relative=allow_relative)


def _scheme_slips(entry: Entry, text: TextField, markup: Markup) -> Iterator[Problem]:
    value = text.value
    urls = find_urls(value)
    starts = [url.start for url in urls]
    for match in _SCHEME.finditer(value):
        start, end = match.span()
        scheme, separator = match.group(1), match.group(2)
        index = bisect_left(starts, start) - 1  # the last address that starts before it
        if markup.in_code(start, end) or (index >= 0 and start < urls[index].end):
            continue  # code, or part of a working address ("…?next=http//x")
        folded = scheme.casefold()
        if separator == "://":
            if folded in _KNOWN_SCHEMES or not _near_web_scheme(folded):
                continue
            yield problem_at(
                entry,
                text,
                start,
                len(scheme),
                f"'{scheme}' is not a web address's scheme, so the link goes nowhere; "
                "write 'https' (or 'http')",
            )
            continue
        if folded not in _WEB_SCHEMES:
            continue
        written = match.group()
        wanted = f"{scheme}://"
        yield problem_at(
            entry,
            text,
            start,
            len(written),
            f"'{written}' is missing {_missing(separator)}, so the link goes nowhere; "
            f"write '{wanted}'",
            fix=text.fix(start, len(written), wanted, f"write '{wanted}'"),
        )


def _missing(separator: str) -> str:
    if separator == "//":
        return "the ':' after the scheme"
    if separator == ":/":
        return "one '/'"
    return "the ':' (a ';' stands in its place)"


def _near_web_scheme(scheme: str) -> bool:
    """One letter added, dropped, changed or swapped from "http" or "https"."""
    return any(one_slip_apart(scheme, web) for web in _WEB_SCHEMES)


def _broken_links(entry: Entry, text: TextField, markup: Markup) -> Iterator[Problem]:
    """`[words](address …)` that Markdown could not read as a link: a space in the
    address, or a bracket never closed. The reader sees the brackets, not a link."""
    value = text.value
    at = value.find("](")
    while at >= 0:
        resume = at + 2
        if not _in_link(markup, at) and not markup.in_code(at, at + 2):
            problem, resume = _broken_link(entry, text, at + 2)
            if problem is not None:
                yield problem
        at = value.find("](", resume)  # on from what was read: each character once


def _broken_link(entry: Entry, text: TextField, start: int) -> tuple[Problem | None, int]:
    """The problem of the broken link whose target starts at `start`, if it is one,
    and where its target ends (its line's end when nothing closes it)."""
    value = text.value
    while start < len(value) and value[start] in " \t":
        start += 1
    if not _ADDRESS.match(value, start):
        return None, start
    line_end = value.find("\n", start)
    stop = len(value) if line_end < 0 else line_end
    depth, end = 0, stop  # the first ')' that closes the link's own '('
    for bracket in _PARENS.finditer(value, start, stop):
        if bracket.group() == "(":
            depth += 1
        elif depth == 0:
            end = bracket.start()
            break
        else:
            depth -= 1
    target = value[start:end].rstrip()
    if end < stop and " " in target and not _titled(target):
        message = (
            f"the link's address '{target}' has a space in it, so Markdown shows the "
            "brackets instead of a link; remove the space, or write it as %20"
        )
    elif end == stop:
        message = (
            f"the link to '{target}' has a '(' that is never closed, so Markdown shows "
            "the brackets instead of a link; close it with ')'"
        )
    else:
        return None, end
    return problem_at(entry, text, start, len(target), message), end


def _in_link(markup: Markup, offset: int) -> bool:
    """Whether `offset` stands in the markup of a link written as one (not a bare address)."""
    link = markup.link_at(offset)
    return link is not None and link.form is not LinkForm.BARE


def _titled(target: str) -> bool:
    """`https://a.example "Title"`: a link with a title, which Markdown reads."""
    return target.endswith(('"', "'")) and (' "' in target or " '" in target)


def _unclosed_bare(entry: Entry, text: TextField, markup: Markup) -> Iterator[Problem]:
    value = text.value
    for url in find_urls(value):
        if url.kind is not UrlKind.BARE or url.raw.count("(") <= url.raw.count(")"):
            continue
        if _in_link(markup, url.start):
            continue  # inside a link's words or a broken link: reported as that
        if value[max(0, url.start - 2) : url.start] == "](":
            continue  # the target of a link Markdown could not read: `_broken_links`
        yield problem_at(
            entry,
            text,
            url.start,
            len(url.raw),
            f"the address {url.raw} has a '(' that is never closed; mail programs and "
            "websites cut the link there or take the text after it in: check the address",
        )


def _missing_targets(
    entry: Entry, text: TextField, markup: Markup, *, relative: bool
) -> Iterator[Problem]:
    for link in markup.links:
        if link.form is not LinkForm.INLINE:
            continue
        target = link.target.strip()
        if not target:
            yield problem_at(
                entry,
                text,
                link.start,
                link.end - link.start,
                f"the link '{link.text}' has no address, so it goes nowhere; write the "
                "full address between the brackets: (https://…)",
            )
            continue
        if target.startswith(("#", "//")) or _HAS_SCHEME.match(target):
            continue  # another entry, or a full address (mailto: and tel: too)
        if relative or _SCHEME.match(target):
            continue  # allowed, or a scheme slip ("https//…"), reported as that
        problem = problem_at(
            entry,
            text,
            link.target_start,
            link.target_end - link.target_start,
            f"the link '{link.text}' points to '{target}', an address relative to a page; "
            "shown in the help widget, an email or a chat it leads nowhere; write the "
            "full address, starting with https://",
        )
        if target.lower().startswith("www."):
            yield problem  # read as a path of the page: it fails on the site too
        else:
            yield replace(problem, at_most=Severity.WARNING)  # it works on the site itself

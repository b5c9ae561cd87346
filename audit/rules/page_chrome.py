"""Leftovers of the web page a text was copied from.

- `page-chrome`: a line of an answer that is nothing but a piece of the
  website's frame: "Skip to content", "Your cart is empty", "Add to cart",
  "Cart", "Menu", "Close", "Sign in", "Log in". Scrapers and copy-paste pick
  these up along with the answer, and the FAQ then shows them as text.

      answer: |-
        Returns are accepted within 30 days.

        Add to cart                                # flagged: a line of its own

  Only a whole line (or paragraph) counts, never words inside a sentence,
  because the same words are often content:

        You can log in to your account to see your orders.   # fine
        Close the box and add the label.                     # fine

  The comparison ignores case, surrounding spaces and a count in brackets
  ("Cart (0)"). A copyright line of the site's footer ("\u00a9 2024 Peak Fitness
  Ltd.": a line that opens with the \u00a9 sign, or "(c)", and a year) is chrome
  too. Options: `phrases`, the lines to look for, and `copyright`, whether to
  look for copyright lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from audit.model import Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts
from audit.text.normalize import fold

PAGE_CHROME = Rule(
    "page-chrome",
    Severity.WARNING,
    'a line that is a leftover of the web page, such as "Skip to content" or "Cart"',
    Scope.ENTRY,
    options=(
        Option(
            "phrases",
            (
                "Skip to content",
                "Skip to main content",
                "Your cart is empty",
                "Add to cart",
                "View cart",
                "Cart",
                "Menu",
                "Close",
                "Sign in",
                "Sign out",
                "Log in",
                "Log out",
                "Back to top",
                "Follow us",
                "Follow us on Instagram",
                "Follow us on Facebook",
            ),
        ),
        Option("copyright", True),
    ),
)
RULES = (PAGE_CHROME,)

_COUNT = re.compile(r"\s*\(\d+\)$")
_COPYRIGHT = re.compile(r"(?:copyright\s*)?(?:\u00a9|\(c\))\s*(?:\d{4}\b)", re.IGNORECASE)


@entry_check(PAGE_CHROME)
def page_chrome(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    options = context.options
    phrases = {_normalize(str(p)) for p in options["phrases"]} - {""}
    copyrights = bool(options["copyright"])
    if not phrases and not copyrights:
        return
    for entry, _field, text in texts(source, ("answer",)):
        for start, line in _lines(text.value):
            normal = _normalize(line)
            if normal in phrases or (copyrights and _COPYRIGHT.match(normal)):
                words = line.strip()
                lead = len(line) - len(line.lstrip())
                yield problem_at(
                    entry,
                    text,
                    start + lead,
                    len(words),
                    f"the line '{words}' looks like a leftover of the web page (its menu, "
                    "cart, sign-in links or footer), not part of the answer; delete the line",
                )


def _lines(value: str) -> Iterable[tuple[int, str]]:
    start = 0
    for line in value.split("\n"):
        yield start, line
        start += len(line) + 1


def _normalize(line: str) -> str:
    return _COUNT.sub("", fold(line))

"""Wording that dates the content.

- `stale-term`: a term that belonged to one moment ("due to COVID-19",
  "curbside pickup", "in these uncertain times") and that quietly goes out of
  date. The statement around it may no longer hold, and readers take the
  whole answer for stale. Each occurrence is reported with the term, so that
  someone checks whether it is still true and rewords or removes it:

      Some tradeshows are virtual due to COVID-19.     # flagged: "due to COVID-19"
      Some tradeshows are virtual this year.           # fine (if it is true)

  Terms match whole words, ignoring case, with any spacing between their
  words; where terms overlap ("due to COVID-19" and "COVID-19") the longer one
  is reported, once. Option: `terms`, the list to look for (replace it to
  add terms of your own, such as a discontinued product's name).
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.model import Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts
from audit.text.phrases import phrase_pattern

STALE_TERM = Rule(
    "stale-term",
    Severity.WARNING,
    "wording that dates the content, such as COVID-19-era notices",
    Scope.ENTRY,
    options=(
        Option(
            "terms",
            (
                "due to COVID-19",
                "COVID-19",
                "COVID19",
                "COVID",
                "coronavirus",
                "pandemic",
                "social distancing",
                "curbside pickup",
                "curbside pick-up",
                "in these uncertain times",
                "new normal",
            ),
        ),
    ),
)
RULES = (STALE_TERM,)


@entry_check(STALE_TERM)
def stale_terms(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    # whole words, any case, longest term first; "COVID" is found in "post-COVID" too
    pattern = phrase_pattern((str(term) for term in context.options["terms"]), in_compounds=True)
    if pattern is None:
        return
    for entry, _field, text in texts(source):
        for match in pattern.finditer(text.value):
            term = " ".join(match.group().split())
            yield problem_at(
                entry,
                text,
                match.start(),
                match.end() - match.start(),
                f"'{term}' dates this text to the time it was written; re-check whether what "
                "it says still holds, then update the sentence or remove it",
            )

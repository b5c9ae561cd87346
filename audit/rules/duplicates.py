"""The same entry twice: by id, or by question.

- `duplicate-id`: two entries share an id, in one file or across files. Links,
  history and suppressions refer to entries by id, so each must be unique.

      - id: track-order
        question: How do I track my order?
      - id: track-order                       # duplicate-id
        question: Can I change my delivery address?

  With an id of its own, the second entry passes:

      - id: change-address
        question: Can I change my delivery address?

- `duplicate-question`: two entries ask the same question, ignoring case,
  spacing and punctuation ("How do I track my order?" and "how do I track my
  order"). Customers then find two answers that drift apart.

      - id: track-order
        question: How do I track my order?
      - id: order-tracking
        question: how do I  track my order    # duplicate-question

  Asking a question of its own, it passes:

      - id: track-return
        question: How do I track my return?

A duplicated id is reported on every copy, each naming the others: the
editor who adds a new file that reuses an old id must see the finding in the
file their change touches, whichever file sorts first. A duplicated question
stands on the later copy and points back at the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from audit.model import Corpus, Entry, Position, Problem, Related, Severity
from audit.rules import Rule, RuleContext, Scope, corpus_check
from audit.text.normalize import fold

DUPLICATE_ID = Rule("duplicate-id", Severity.ERROR, "two entries share an id", Scope.CORPUS)
DUPLICATE_QUESTION = Rule(
    "duplicate-question", Severity.WARNING, "two entries ask the same question", Scope.CORPUS
)
RULES = (DUPLICATE_ID, DUPLICATE_QUESTION)


_NAMED = 3  # other copies named in a finding; a thousand copies would make a thousand notes


@corpus_check(DUPLICATE_ID)
def duplicate_ids(corpus: Corpus, context: RuleContext) -> Iterator[Problem]:
    copies: dict[str, list[Entry]] = {}
    for entry in corpus.entries:
        if entry.id:
            copies.setdefault(entry.id, []).append(entry)
    for same in copies.values():
        if len(same) < 2:
            continue
        for entry in same:
            others = [other for other in same[: _NAMED + 1] if other is not entry][:_NAMED]
            more = len(same) - 1 - len(others)
            where = ", ".join(_where(other, entry, "id") for other in others)
            if more:
                where += f" and {more} more"
            yield Problem(
                f"the id '{entry.id}' is also used by the entr{'ies' if len(same) > 2 else 'y'}"
                f" at {where}; give each entry an id of its own",
                _field_position(entry, "id"),
                entry=entry.id,
                related=tuple(
                    Related(_field_position(other, "id"), "the same id is here") for other in others
                ),
            )


@corpus_check(DUPLICATE_QUESTION)
def duplicate_questions(corpus: Corpus, context: RuleContext) -> Iterator[Problem]:
    yield from _duplicates(
        corpus,
        # case, spacing and punctuation do not make a question different
        key=lambda e: fold(e.question, punctuation=False) if e.question else None,
        field="question",
        describe=lambda e, first: (
            f"this question is already asked by '{first.id}' at {_where(first, e, 'question')}; "
            "merge the two answers into one entry"
        ),
    )


def _duplicates(
    corpus: Corpus,
    key: Callable[[Entry], str | None],
    field: str,
    describe: Callable[[Entry, Entry], str],
) -> Iterator[Problem]:
    first_by_key: dict[str, Entry] = {}
    for entry in corpus.entries:
        value = key(entry)
        if not value:
            continue
        first = first_by_key.setdefault(value, entry)
        if first is entry:
            continue
        yield Problem(
            describe(entry, first),
            _field_position(entry, field),
            entry=entry.id,
            related=(Related(_field_position(first, field), f"first {field} is here"),),
        )


def _field_position(entry: Entry, field: str) -> Position:
    found = entry.fields.get(field)
    return found.value if found else entry.position


def _where(first: Entry, other: Entry, field: str) -> str:
    """The line of `first`'s field, as seen from `other`: the same line its note names."""
    line = _field_position(first, field).line
    return f"line {line}" if first.path == other.path else f"{first.path}:{line}"

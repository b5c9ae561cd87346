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

The finding stands on the second copy and points back at the first.
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


@corpus_check(DUPLICATE_ID)
def duplicate_ids(corpus: Corpus, context: RuleContext) -> Iterator[Problem]:
    yield from _duplicates(
        corpus,
        key=lambda e: e.id,
        field="id",
        describe=lambda e, first: (
            f"the id '{e.id}' is already used by the entry at {_where(first, e)}; "
            "give this entry an id of its own"
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
            f"this question is already asked by '{first.id}' at {_where(first, e)}; "
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


def _where(first: Entry, other: Entry) -> str:
    line = _field_position(first, "id").line
    return f"line {line}" if first.path == other.path else f"{first.path}:{line}"

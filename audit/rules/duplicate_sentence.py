"""The same sentence in two answers, or twice in one.

- `duplicate-sentence`: a sentence of an answer that already stands, word for
  word, in an earlier answer (or earlier in the same one). Copies drift apart
  when one is corrected and the other is not, and a sentence pasted into the
  wrong answer confuses readers of both. The comparison ignores case and
  spacing, and the punctuation that ends the sentence.

      - id: log-in-credentials
        answer: |-
          You may use the same email and password if you prefer.
          You may also download by selecting the arrow on the top left.   # first copy
      - id: download-photos
        answer: |-
          Hover over the image and click the arrow.
          You may also download by selecting the arrow on the top left.   # flagged

  When one copy plainly fits its entry better than the other (it shares the
  words of that entry's question and of the sentences around it, as the
  download sentence does in the download answer), the finding stands on the
  copy that does not fit: that is the one pasted into the wrong answer. When
  neither fits clearly better, the finding stands on the later copy, in file
  order, and points back at the first; which to keep is for a person to decide.

  Short sentences are not compared ("Click CREATE AN ACCOUNT.", "Thank you
  for your order."), because repeating them is normal: option `min-words`
  (default 6). Boilerplate that is repeated on purpose can be listed in the
  option `ignore`.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from audit.model import (
    Corpus,
    Entry,
    Position,
    Problem,
    Related,
    Sentence,
    Severity,
    SourceFile,
    TextField,
)
from audit.rules import Option, Rule, RuleContext, Scope, corpus_check
from audit.rules._fields import MAX_TEXT, problem_at, texts
from audit.text.normalize import fold

DUPLICATE_SENTENCE = Rule(
    "duplicate-sentence",
    Severity.WARNING,
    "the same sentence stands in two answers, or twice in one",
    Scope.CORPUS,
    options=(Option("min-words", 6), Option("ignore", ())),
)
RULES = (DUPLICATE_SENTENCE,)

_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")
_END = ".!?;:\u2026 "


def normalize_sentence(sentence: str) -> str:
    """Case, spacing and the closing punctuation do not make a sentence different."""
    return fold(sentence).rstrip(_END)


@dataclass(frozen=True, slots=True)
class Compared:
    """The sentences of a file's answers that are compared, in order: for each, where it
    stands (which answer of the file, times _STRIDE, plus which of its sentences) and
    its normalized text. Numbers and the texts, not objects: every sentence of a run
    waits in this form for the comparison, and a tuple of entry, text and sentence per
    sentence took 60 MB more at 100,000 entries."""

    places: array[int]
    keys: tuple[str, ...]


def sentences_of(source: SourceFile, context: RuleContext) -> Compared:
    """Splitting and normalizing is the per-answer part, so it runs where the file is
    loaded (in the workers on a large run); only the comparison waits for every file."""
    options = context.options
    min_words = int(options["min-words"])
    ignored = {normalize_sentence(str(s)) for s in options["ignore"]}
    places = array("q")
    keys: list[str] = []
    for index, (_entry, _field, text) in enumerate(texts(source, ("answer",))):
        for number, sentence in enumerate(text.sentences()):
            if sentence.text.count(" ") + 1 < min_words or (
                len(_WORD.findall(sentence.text)) < min_words
            ):
                continue
            key = normalize_sentence(sentence.text)
            if key not in ignored:
                places.append(index * _STRIDE + number)
                keys.append(key)
    return Compared(places, tuple(keys))


@corpus_check(DUPLICATE_SENTENCE, prepare=sentences_of)
def duplicate_sentences(
    corpus: Corpus, context: RuleContext, prepared: Sequence[Compared]
) -> Iterator[Problem]:
    # Every sentence of the run is remembered until the end, so each costs one number
    # (the answer of the run times _STRIDE, plus the sentence); the few reported are
    # split again.
    answers: list[tuple[Entry, TextField]] = []
    first: dict[str, int] = {}
    for source, compared in zip(corpus.files, prepared, strict=True):
        offset = len(answers) * _STRIDE
        answers += [(entry, text) for entry, _field, text in texts(source, ("answer",))]
        for place, key in zip(compared.places, compared.keys, strict=True):
            at = offset + place
            earlier = first.setdefault(key, at)
            if earlier == at:
                continue  # the first copy itself
            yield _report(_copy(answers, at), _copy(answers, earlier))


Copy = tuple[Entry, TextField, Sentence]

# More than any answer has sentences: `texts` leaves out fields longer than MAX_TEXT.
_STRIDE = MAX_TEXT + 1


def _copy(answers: list[tuple[Entry, TextField]], at: int) -> Copy:
    index, number = divmod(at, _STRIDE)
    entry, text = answers[index]
    return entry, text, text.sentences()[number]


def _report(later: Copy, earlier: Copy) -> Problem:
    """A finding on the misplaced copy when one is clear, else on the later one."""
    here, there, note = later, earlier, "the first copy of the sentence is here"
    misplaced = False
    if later[0] is not earlier[0]:
        fit_later, fit_earlier = _fit(later), _fit(earlier)
        if fit_later >= 2 * fit_earlier + 2:
            here, there, note = earlier, later, "the copy that fits its question is here"
            misplaced = True
        elif fit_earlier >= 2 * fit_later + 2:
            note, misplaced = "the copy that fits its question is here", True
    entry, text, sentence = here
    other, other_text, other_sentence = there
    # positions are worked out only for the few sentences that are reported
    where = other_text.position_of(other_sentence.start, _length(other_sentence))
    return problem_at(
        entry,
        text,
        sentence.start,
        _length(sentence),
        _message(entry, other, where, misplaced),
        related=(Related(where, note),),
    )


_STOP = frozenset(
    [
        "about",
        "after",
        "also",
        "and",
        "are",
        "any",
        "can",
        "does",
        "for",
        "from",
        "have",
        "here",
        "how",
        "into",
        "its",
        "may",
        "not",
        "our",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "was",
        "what",
        "when",
        "where",
        "which",
        "will",
        "with",
        "you",
        "your",
    ]
)


def _words(text: str) -> set[str]:
    return {w for w in (m.group().casefold() for m in _WORD.finditer(text))} - _STOP


def _fit(copy: Copy) -> int:
    """How many of the sentence's words its entry uses elsewhere (question, other sentences)."""
    entry, text, sentence = copy
    context = (entry.question or "") + " " + text.value[: sentence.start]
    context += " " + text.value[sentence.end :]
    return len({w for w in _words(sentence.text) if len(w) > 3} & _words(context))


def _length(sentence: Sentence) -> int:
    return sentence.end - sentence.start


def _message(entry: Entry, other: Entry, where: Position, misplaced: bool) -> str:
    place = f"line {where.line}" if where.path == entry.path else f"{where.path}:{where.line}"
    if other is entry:
        return (
            f"this sentence already stands earlier in this answer, at {place}; "
            "remove one of the copies"
        )
    name = f"'{other.id}'" if other.id else "another entry"
    if misplaced:
        return (
            f"this sentence also stands in the answer of {name}, at {place}, where it fits "
            "the question; here it looks pasted into the wrong answer: remove it from this one"
        )
    return (
        f"this sentence also stands in the answer of {name}, at {place}; a sentence in "
        "two answers is often pasted into the wrong one, and copies drift apart: keep it "
        "in the answer it belongs to and remove the other copy"
    )

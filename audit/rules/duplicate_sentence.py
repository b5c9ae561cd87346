"""The same sentence in two answers, or twice in one.

- `duplicate-sentence`: a sentence of an answer that already stands, word for
  word, in an earlier answer (or earlier in the same one). A sentence pasted
  into the wrong answer confuses readers of both, and copies drift apart when
  one is corrected and the other is not. The comparison ignores case and
  spacing, and the punctuation that ends the sentence.

      - id: log-in-credentials
        question: Can I use my shop login for the photo library?
        answer: |-
          You may use the same email and password if you prefer.
          You may also download by selecting the arrow on the top left.   # flagged
      - id: download-photos
        question: How do I download photos from the library?
        answer: |-
          Hover over the image and click the arrow on the left to download.
          You may also download by selecting the arrow on the top left.   # fits here

  A copy is reported as misplaced (a warning: remove it from that answer)
  only when the sentence fits the other entry's question clearly better than
  its own: it shares more of its words with the other question, and, counting
  the sentences around each copy too, at least twice as many plus three. Words
  are compared case-folded, without punctuation, short words and words such
  as "the" or "your", and with plural and -ing/-ed endings set aside.

  Otherwise the repeat may be on purpose (a reminder such as "Orders placed
  after 2 pm ship the next business day." in two related answers): it is
  reported as `info` only, on the later copy in file order, pointing back at
  the first, so that both copies are changed together. A sentence twice in one
  answer is a warning: remove one of the copies.

  Short sentences are not compared ("Click CREATE AN ACCOUNT.", "Thank you
  for your order."), because repeating them is normal: option `min-words`
  (default 6). Boilerplate that is repeated on purpose can be listed in the
  option `ignore`.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

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
    """A warning on the misplaced copy when one is clear; else on the later copy, as info
    when the two copies stand in different answers (a repeat that may be on purpose)."""
    here, there, note = later, earlier, "the first copy of the sentence is here"
    misplaced = False
    if later[0] is not earlier[0]:
        if _fits_better(later, earlier):
            here, there, note = earlier, later, "the copy that fits its question is here"
            misplaced = True
        elif _fits_better(earlier, later):
            note, misplaced = "the copy that fits its question is here", True
    entry, text, sentence = here
    other, other_text, other_sentence = there
    # positions are worked out only for the few sentences that are reported
    where = other_text.position_of(other_sentence.start, _length(other_sentence))
    problem = problem_at(
        entry,
        text,
        sentence.start,
        _length(sentence),
        _message(entry, other, where, misplaced),
        related=(Related(where, note),),
    )
    return problem if misplaced or other is entry else replace(problem, at_most=Severity.INFO)


def _fits_better(home: Copy, stray: Copy) -> bool:
    """Whether the sentence fits `home`'s question clearly better than `stray`'s own.

    On the questions alone it must share more words with `home`'s; and counting the
    sentences around each copy too, at least twice as many plus three, so that a
    shared word or two more is never enough.
    """
    words = _content(home[2].text)
    home_question, stray_question = _question_words(home), _question_words(stray)
    if len(words & home_question) <= len(words & stray_question):
        return False
    return _fit(home, words, home_question) >= 2 * _fit(stray, words, stray_question) + 3


def _question_words(copy: Copy) -> set[str]:
    return _content(copy[0].question or "")


def _fit(copy: Copy, words: set[str], question: set[str]) -> int:
    """How many of the sentence's words its entry uses elsewhere (question, other sentences)."""
    _entry, text, sentence = copy
    around = _content(text.value[: sentence.start] + " " + text.value[sentence.end :])
    return len(words & (question | around))


def _content(text: str) -> set[str]:
    """The words that say what a text is about: folded, without punctuation, short words
    and stop words, and with a plural or an -ing/-ed ending set aside ("downloads",
    "downloading" and "download" are one word)."""
    return {_stem(word) for word in fold(text, punctuation=False).split()} - _STOP


def _stem(word: str) -> str:
    if len(word) <= 3:
        return ""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4 and not word.endswith("ss"):
            stem = word[: -len(ending)]
            # "shipping" and "shipped" are "ship"
            return stem[:-1] if ending in ("ing", "ed") and stem[-1] == stem[-2] else stem
    return word


_STOP = frozenset(
    [
        "",
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
        f"this sentence also stands in the answer of {name}, at {place}; if it is repeated "
        "on purpose, keep the two copies the same: when you change one, change the other"
    )

"""A question that is not written as one question.

- `question-form`: the `question` of an entry
  1. does not end with a question mark (a closing quote or bracket after it,
     `?!`, and the full-width and Arabic question marks are fine);
  2. holds more than one statement before the question itself, which is an
     answer or an explanation that belongs in the answer;
  3. reads as a statement or an instruction that was given a question mark:
     it opens with "Please", "Thank you", "Congratulations" or "We", or with
     "Click", "Tap", "Press", "Select", "Visit" or "See" followed by what to
     click ("here", "the", "this", …), and no part of it asks anything (no
     clause opens with how, what, can, do, is, …).

      question: Returns and exchanges            # flagged (1): no question mark
      question: We ship worldwide?               # flagged (3)
      question: Please call us to cancel?        # flagged (3)
      question: Shipping to Canada?              # fine: a short topic question
      question: We're a school; can we get a discount?   # fine: it asks something
      question: Click and collect?               # fine: a service's name

  Part 3 is deliberately narrow. Short topic questions ("Gift cards?",
  "Returns and exchanges?") are how many FAQs are written and are never
  flagged, and a word such as "Contact", "Call" or "Email" opens topics
  ("Contact lenses?", "Call forwarding?") as often as instructions, so it is
  not a sign of a statement. Option: `max-statements-before` (default 1): how
  many sentences may come before the question ("I forgot my password. How do
  I reset it?" has one).

  A title without a question mark that names a symptom, as customers search
  for it, is a legitimate heading: it is reported as `info` only, with a
  question to consider. It names a symptom when it says that something does
  not work ("do not work", "can't", "won't", "unable to", "not working"), or
  fails ("results in", "fails", "crashes", "stuck", "error", "declined"):

      question: My notifications do not work!         # info: names a symptom
      question: I can't log in                        # info
      question: Checkout results in 'Error 7'         # info

  A file whose titles are topics by design is not told to add question
  marks: when at least three of its questions, and two thirds of them, end
  without one (a glossary, a "Terminology" section of terms and their
  definitions), that is the file's own consistent style, as a phone style is
  the content's own, and part 1 is not reported there; parts 2 and 3 still are.

      question: Full access      # fine in a file of terms: Host application,
      question: Memory cap       #   Main application, Full access, Memory cap
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from audit.model import Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts
from audit.text.sentences import sentence_ends

QUESTION_FORM = Rule(
    "question-form",
    Severity.WARNING,
    "a question without a question mark, or one that reads as a statement",
    Scope.ENTRY,
    options=(Option("max-statements-before", 1),),
)
RULES = (QUESTION_FORM,)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_QUESTION_MARKS = "?\uff1f\u061f\u203d"
_CLOSERS = "\"'\u201d\u2019)]\u00bb!"
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

# Words that open a statement, never a question.
_STATEMENT_OPENERS = frozenset(
    {"please", "thank", "thanks", "congratulations", "we", "we're", "we've", "we'll", "we'd"}
)
# Imperatives that are statements only when followed by what to click or visit:
# "Click here to track?" is an instruction, "Click and collect?" is a service.
_POINTING_VERBS = frozenset({"click", "tap", "press", "select", "visit", "see"})
_POINTED_AT = frozenset({"here", "the", "this", "that", "on", "below", "above", "a", "an"})
# A clause that opens with one of these asks something.
_INTERROGATIVES = _words(
    """
    how what when where why who whom whose which can could do does did is are was were will
    would should shall may might must have has had am any anything there isn't aren't don't
    doesn't didn't can't cannot won't wouldn't couldn't shouldn't
    """
)
_CLAUSE_BREAK = re.compile(r"[,;:(\u2013\u2014]|[.!?]\s|\s-\s")
# Words that may come before the question word of a clause ("Please, can you …", "and how …").
_LEAD_INS = frozenset({"and", "but", "so", "or", "then", "also", "please"})


@entry_check(QUESTION_FORM)
def question_form(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    options = context.options
    most = int(options["max-statements-before"])
    questions = list(texts(source, ("question",)))
    topics = _titled_by_topic([text.value for _, _, text in questions])
    for entry, _field, text in questions:
        value = text.value
        body = value.rstrip()
        if not body.strip():
            continue  # an empty question is the schema's finding
        start = len(value) - len(value.lstrip())
        if not ends_with_question_mark(body):
            if topics:
                continue
            if names_symptom(body):
                yield replace(
                    problem_at(
                        entry,
                        text,
                        start,
                        len(body) - start,
                        "the title names a symptom rather than asking a question; that is "
                        "a fine heading, or ask what the customer wants to know, e.g. "
                        "'What do I do when …?'",
                    ),
                    at_most=Severity.INFO,
                )
                continue
            yield problem_at(
                entry,
                text,
                start,
                len(body) - start,
                "the question does not end with a question mark; end it with '?', or "
                "reword it as the question a customer would ask",
            )
            continue
        statements = statements_before(body)
        if statements > most:
            yield problem_at(
                entry,
                text,
                start,
                len(body) - start,
                f"the question holds {statements} sentences before the question itself; "
                "ask one short question and move the explanation into the answer",
            )
            continue
        opener = statement_opener(body)
        if opener:
            yield problem_at(
                entry,
                text,
                start,
                len(body) - start,
                f"the question opens with '{opener}' and reads as a statement or an "
                "instruction, not a question; ask it as a customer would, e.g. "
                "'How do I …?'",
            )


# What a customer says when something goes wrong: a title holding one of these names a
# symptom ("My notifications do not work!", "I can't log in", "… results in 'Error 7'").
_SYMPTOM = re.compile(
    r"\b(?:(?:do|does|did|is|are|was|were|will|can|could)\s+not|cannot|unable\s+to"
    r"|(?:do|does|did|is|are|was|were|wo|ca|could|have|has|had)n['\u2019]t"
    r"|not\s+(?:working|loading|received|receiving|showing|arrived|accepted|responding)"
    r"|results?\s+in|resulted\s+in|fails?|failed|failing|crash(?:es|ed|ing)?|stuck|frozen"
    r"|freezes|error\s*(?:code\s*)?#?\d+|declined|rejected|locked\s+out"
    r"|(?:is|are)\s+(?:missing|broken))\b",
    re.IGNORECASE,
)


_TOPIC_FILE_LEAST = 3  # titles without a question mark, at least, for a file of topics


def _titled_by_topic(titles: list[str]) -> bool:
    """Whether a file's titles are topics by its own consistent choice: at least three,
    and two thirds of its titles, end without a question mark."""
    given = [title for title in titles if title.strip()]
    without = sum(1 for title in given if not ends_with_question_mark(title))
    return without >= _TOPIC_FILE_LEAST and 3 * without >= 2 * len(given)


def names_symptom(title: str) -> bool:
    """Whether a title without a question mark names what goes wrong, as customers put it."""
    return _SYMPTOM.search(title) is not None


def ends_with_question_mark(question: str) -> bool:
    """'?' at the end, perhaps followed by closing quotes or brackets, or by '!' ('?!')."""
    return question.rstrip().rstrip(_CLOSERS).endswith(tuple(_QUESTION_MARKS))


def statements_before(question: str) -> int:
    """How many sentences ending in '.' or '!' come before the final question.

    Questions before it do not count: "Lost your card? What do I do?" is one
    question asked in two steps. Only ends no reader could mistake count: a
    period after "Dr." or "U.S.", or before a word in lower case, ends nothing.
    """
    return sum(
        1
        for end in sentence_ends(question, strict=True)
        if not any(mark in end.marks for mark in _QUESTION_MARKS)
    )


def statement_opener(question: str) -> str | None:
    """The opening word(s) when the question is a statement with a question mark."""
    words = _WORD.findall(question)
    if not words:
        return None
    first = _plain(words[0])
    if first in _STATEMENT_OPENERS:
        opener = words[0]
    elif first in _POINTING_VERBS and len(words) > 1 and _plain(words[1]) in _POINTED_AT:
        opener = f"{words[0]} {words[1]}"
    else:
        return None
    return None if _asks_something(question) else opener


def _asks_something(question: str) -> bool:
    """Whether any clause opens with a question word ("We're moving, how do I …?")."""
    for clause in _CLAUSE_BREAK.split(question):
        words = [_plain(w) for w in _WORD.findall(clause)]
        while words and words[0] in _LEAD_INS:
            words.pop(0)
        if words and words[0] in _INTERROGATIVES:
            return True
    return False


def _plain(word: str) -> str:
    return word.casefold().replace("\u2019", "'")

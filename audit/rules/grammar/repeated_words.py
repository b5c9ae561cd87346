"""The same word twice in a row: "the the"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress
from operator import eq

from audit.rules.grammar.common import GAP_NONEMPTY, REPEATED_WORDS, Slip
from audit.text.phrases import WORD_AFTER, WORD_BEFORE

# Doubles English allows: "had had", "that that", "log in in time", "your will will".
_DOUBLES = frozenset(
    {
        "had", "that", "in", "on", "up", "her", "do", "will", "can", "may", "so", "very",
        "really", "many", "much", "long", "far", "bye", "ha", "ho", "la", "no", "go", "knock",
        "tut", "chop", "blah", "yada", "mahi", "cha", "aye", "there", "well", "now", "night",
        "boo", "pom", "tom", "dum", "ding", "wow", "yay", "hush", "ooh", "bla", "tsk",
    }
)  # fmt: skip
_WHAT_IT_IS = re.compile(r"(?:what|all)\s+(?:it|this|that|he|she|they|we|you)\s*$", re.IGNORECASE)
_COPULAS = frozenset({"is", "was", "are", "were"})
_WORDLIKE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# Punctuation around words, but not apostrophes: "can't" stays one word.
_PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys('.,;:!?()[]{}"\u201c\u201d\u2018\u2026*+', " "))


def repeated_word_slips(value: str, low: str) -> Iterator[Slip]:
    # Which words stand twice in a row: found on the split text (fast), then located.
    tokens = value.lower().translate(_PUNCTUATION_TO_SPACE).split()
    twice = set(compress(tokens, map(eq, tokens, tokens[1:])))
    words = sorted(w for w in twice - _DOUBLES if _WORDLIKE.fullmatch(w))
    if not words:
        return
    pattern = re.compile(
        rf"{WORD_BEFORE}(?<![.@/])(?P<first>{'|'.join(map(re.escape, words))})"
        rf"(?:{GAP_NONEMPTY}(?P=first))+{WORD_AFTER}",
        re.IGNORECASE,
    )
    for m in pattern.finditer(value):
        copies = value[m.start() : m.end()].split()
        word, second = copies[0], copies[1]
        if second[:1].isupper():
            continue  # a name ("Walla Walla") or a sentence in capitals
        before = value[max(0, m.start() - 40) : m.start()]
        if word.lower() in _COPULAS and _WHAT_IT_IS.search(before):
            continue  # "what it is is": two verbs, both needed
        times = "twice" if len(copies) == 2 else f"{len(copies)} times"
        shown = " ".join(copies[:3]) + (" …" if len(copies) > 3 else "")
        yield Slip(
            REPEATED_WORDS,
            m.start(),
            m.end(),
            f'{REPEATED_WORDS}: "{shown}": "{second}" is written {times}; '
            f'remove the {"second" if len(copies) == 2 else "repeated"} "{second}"',
            remove=(m.end("first"), m.end()),
        )

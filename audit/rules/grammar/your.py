"""`your` where "you're" (you are) is meant: "your going to love it".

"Your" stands before nouns, and before words made nouns ("your shipping address",
"your ordering history", "your going-away gift", "your being charged twice was our
error"), so most of what follows it cannot be judged. Only words that follow
"you are" and never a possessive are:

- "not", "too", "so" or an article: "your not charged", "your a member"; and
  "your all set";
- "going to" before a verb: "your going to love it" (but "your going-away gift",
  and "your going to the store", which is left to a person);
- an adjective or participle that a noun does not follow, when what comes next
  is "to", "for", "with", "in", "on", "at", "from", a punctuation mark or the end:
  "your welcome to call", "your eligible for a refund", "your logged in"; "your
  welcome pack" and "your registered address" are nouns and are left alone, and so
  is "your welcome." ("thank you for your welcome").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.rules.grammar.common import GAP_NONEMPTY, YOUR, Slip, is_word_char, words

_NEVER_AFTER_YOUR = frozenset({"not", "a", "an", "the", "too", "so"})
_ALL = frozenset({"set", "done", "good", "ready", "covered"})  # "your all set"
# Adjectives and participles that follow "you are"; judged only when no noun follows.
_STATES = words(
    """
    able unable eligible ineligible sure free ready done finished entitled
    allowed responsible logged signed subscribed registered enrolled covered protected
    charged billed refunded invited expected supposed required asked
    """
)
_AFTER_STATE = frozenset({"to", "for", "with", "in", "on", "at", "from", "out", "up", "off"})
_DETERMINERS = frozenset({"the", "a", "an", "your", "our", "my", "this", "that", "their"})

_YOUR = re.compile(
    rf"(?<![\w'\u2019-])your{GAP_NONEMPTY}(?P<next>[a-z]+)(?![\w'\u2019-])"
    rf"(?:[ \t]*(?P<then>[a-z]+|[.!?,;:)]|$)(?![\w'\u2019-]))?",
    re.MULTILINE,
)
_WORD = re.compile(r"[a-z]+")
# A comma may join two adjectives before a noun ("your free, fast delivery"): not here.
_MARKS = ".!?;:)"


def your_slips(value: str, low: str) -> Iterator[Slip]:
    for m in _YOUR.finditer(low):
        after, then = m["next"], m["then"]
        if value[m.start("next")].isupper():
            continue  # "your A plan", "your NOT gate": a name or a label
        if after in _NEVER_AFTER_YOUR or (after == "all" and then in _ALL):
            if after == "a" and then == "la":
                continue  # "your a la carte order"
            end = m.end("next")
        elif after == "going" and then == "to":
            following = _WORD.match(low, _skip_blanks(low, m.end("then")))
            if following is None or following.group() in _DETERMINERS:
                continue  # "your going to the store": a person decides
            end = m.end("then")
        elif _a_state(after, then):
            end = m.end("next")
        else:
            continue
        if m.end("next") < len(low) and is_word_char(low[m.end("next")]):
            continue
        start = m.start()
        phrase = " ".join(value[start:end].split())
        apostrophe = "\u2019" if "\u2019" in value else "'"
        youre = _matched(f"you{apostrophe}re", value[start])
        yield Slip(
            YOUR,
            start,
            end,
            f'{YOUR}: "{phrase}": "{phrase[:4]}" is what belongs to you; for "you are", '
            f'write "{youre}{phrase[4:]}"',
        )


def _a_state(word: str, then: str | None) -> bool:
    """An adjective or participle with no noun after it: "to", "for", … or the end comes
    next. "Welcome" only before "to": "thank you for your welcome." is a noun."""
    if then is None:
        return False
    if word == "welcome":
        return then == "to"
    return word in _STATES and (then in _AFTER_STATE or then == "" or then in _MARKS)


def _skip_blanks(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t":
        index += 1
    return index


def _matched(word: str, first: str) -> str:
    return word[:1].upper() + word[1:] if first.isupper() else word

"""`it's` (it is, it has) where the possessive `its` is meant: "the case keeps it's color".

"It's" is right far more often than not ("it's been shipped", "it's ours", "once
it's paid"), so only three shapes are judged, each one where "it is" and "it has"
cannot be read:

- `it's own`: neither "it is own" nor "it has own" is English;
- a verb that takes a thing, right before: "keeps it's color", "lost it's shape",
  "has it's own", "serves it's purpose" ("keeps it is color" is no sentence);
- a preposition right before, and a word after it that a possession can be:
  "in it's original box", "on it's side", "for it's size", unless a word that
  follows "it is" more often than a possession does comes next ("for it's been").
  "In", "on", "at", "over", "through", "about" and "by" also end phrasal verbs
  ("turn it on it's ready", "once you check in it's easy"): after them, only a
  word that is plainly a thing owned ("original", "side", "box", "lid") is
  judged. A sentence's first word ("It's color …") is too rare to guess at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.rules.grammar.common import GAP_NONEMPTY, ITS, Slip, word_before, words
from audit.text.phrases import WORD_AFTER

# "it's" in lower case (the text is searched in lower case, offsets unchanged), then the
# word after it.
_ITS = re.compile(rf"(?<![\w'\u2019-])it['\u2019]s{GAP_NONEMPTY}(?P<next>[a-z]+){WORD_AFTER}")

# Verbs whose object is a thing: right before "it's", the "it's" is a possessive. Not
# verbs that take a clause ("show", "check", "find"), nor participles that open one
# ("once charged it's ready"), but "kept" and "lost" ("has lost it's shape") unless a
# conjunction comes right before them ("if lost it's replaced").
_TAKING_VERBS = words(
    """
    keep keeps kept keeping lose loses lost losing retain retains retaining maintain
    maintains maintaining hold holds holding change changes changing regain regains
    regaining serve serves serving reach reaches reaching has had fulfil fulfils fulfills
    protect protects protecting remove removes removing replace replaces replacing
    store stores storing clean cleans cleaning wash washes washing fold folds folding
    charge charges charging damage damages damaging scratch scratches scratching
    """
)
_CONJUNCTIONS = words(
    "if once when whenever after unless until though although because while since"
)
# Prepositions that take a noun phrase; "it's" right after one is a possessive. Not
# "as", "like", "than", "before", "after", "until", "since", "once": clauses follow those.
_PREPOSITIONS = words(
    """
    in on of with by at from into onto to for under inside within without through
    throughout across over about against toward towards between beyond beneath near
    """
)
# Particles: after a verb or a pronoun ("turn it on it's ready") they end a phrasal verb.
_PARTICLES = frozenset({"in", "on", "over", "through", "about", "by", "at"})
# What "in", "on", "at" … "it's" is followed by when it can only be a possessive.
_POSSESSED = words(
    """
    own original side box case packaging entirety place slot shelf stand base front edge
    lid cover bag container tube jar sleeve holder charger mount cradle dock website site
    surface core label tag
    """
)
_OBJECTS = words("it them this that these those one him her us me you everything something")
# Words that follow "it is" / "it has" far more often than a possession does.
_AFTER_IT_IS = words(
    """
    been not never a an the no all also always already just still only really very so too
    now then here there time worth easy fine free best better going getting done ok okay
    likely unlikely possible important safe quick ready up down off out sent shipped
    """
)


def its_slips(value: str, low: str) -> Iterator[Slip]:
    for m in _ITS.finditer(low):
        start, after = m.start(), m["next"]
        if value[start] == "I":
            continue  # a sentence's first word: "It's color" is too rare to guess at
        before = word_before(low, start)
        word = low[before[0] : before[1]] if before else ""
        if after == "own":
            pass
        elif word in _TAKING_VERBS and before is not None:
            earlier = word_before(low, before[0])
            if after in _AFTER_IT_IS or (
                earlier is not None and low[earlier[0] : earlier[1]] in _CONJUNCTIONS
            ):
                continue
        elif word in _PREPOSITIONS and before is not None:
            if word in _PARTICLES:
                # "turn it on it's ready", "once you check in it's easy": only a thing
                # that a possession plainly is, after a word that is not an object
                earlier = word_before(low, before[0])
                if earlier is None or low[earlier[0] : earlier[1]] in _OBJECTS:
                    continue
                if after not in _POSSESSED:
                    continue
            elif after in _AFTER_IT_IS:
                continue
        else:
            continue
        phrase = value[start : m.end()]
        noun = value[m.start("next") : m.end()]
        yield Slip(
            ITS,
            start,
            m.end(),
            f'{ITS}: "{" ".join(phrase.split())}": "{value[start : start + 4]}" is short for '
            f'"it is" or "it has"; for what belongs to it, write "its {noun}"',
        )

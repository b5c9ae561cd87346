""" "Each" and "every" take a singular verb: "each of the orders are", "every item are".

Only two shapes are judged, both opening a sentence or a clause (not "Prices for
every item are", whose subject is "prices") and with the verb right after the noun,
so that no clause or list can stand between them:

- "each of" or "every one of", then "the", "these", "your", … and a plural noun,
  or "them", "these" or "those", then a plural verb: "each of the orders are
  shipped", "each of them have a code";
- "each" or "every" and a singular noun of the agreement list, then a plural
  verb: "every item are checked".

"They each are", "the plans each are priced" and "items that each are" put
"each" after a plural subject, where "are" is right, and are never judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.rules.grammar.common import (
    AGREEMENT,
    GAP_NONEMPTY,
    SINGULAR_VERBS,
    Slip,
    word_before,
    words,
)
from audit.text.sentences import at_sentence_start

_VERB = r"(?P<verb>are|were|have|do|aren['\u2019]t|weren['\u2019]t|haven['\u2019]t|don['\u2019]t)"
_AFTER = r"(?![\w'\u2019-])"
_BEFORE = r"(?<![\w'\u2019-])"
_DETERMINER = r"(?:the|these|those|your|our|its|their|my|his|her)"
# A plural noun: a word ending in "s" that is not "-ss", "-us", "-is" or a possessive.
_PLURAL = r"[a-z]+(?<![sui']s)(?<=s)"
_EACH_OF = re.compile(
    rf"{_BEFORE}(?P<lead>each|every{GAP_NONEMPTY}one){GAP_NONEMPTY}of{GAP_NONEMPTY}"
    rf"(?:{_DETERMINER}{GAP_NONEMPTY}(?:[a-z]+(?<!s){GAP_NONEMPTY})?{_PLURAL}|them|these|those)"
    rf"{GAP_NONEMPTY}{_VERB}{_AFTER}"
)


# Words after which "each" or "every" opens a clause's subject; after any other word
# ("Prices for every item are") it is in a phrase, and the subject is elsewhere.
_OPENERS = words(
    "once when whenever if unless because while since until after before and but so that "
    "where whereas though although or"
)


def each_every_slips(value: str, low: str, nouns: frozenset[str]) -> Iterator[Slip]:
    for pattern in (_EACH_OF, _each_noun(nouns)):
        for m in pattern.finditer(low):
            if _opens_subject(value, low, m.start()):
                yield _slip(value, m.start(), m.start("verb"), m.end("verb"))


def _opens_subject(value: str, low: str, index: int) -> bool:
    """Whether the words at `index` open a sentence or a clause: the subject is theirs."""
    before = word_before(low, index)
    if before is None:
        return at_sentence_start(value, index)
    return low[before[0] : before[1]] in _OPENERS


_PATTERNS: dict[frozenset[str], re.Pattern[str]] = {}


def _each_noun(nouns: frozenset[str]) -> re.Pattern[str]:
    pattern = _PATTERNS.get(nouns)
    if pattern is None:
        names = "|".join(sorted(nouns, key=len, reverse=True))
        pattern = re.compile(
            rf"{_BEFORE}(?:each|every){GAP_NONEMPTY}(?:{names}){GAP_NONEMPTY}{_VERB}{_AFTER}"
        )
        _PATTERNS[nouns] = pattern
    return pattern


def _slip(value: str, start: int, verb_start: int, end: int) -> Slip:
    words = " ".join(value[start:end].split())
    verb = value[verb_start:end]
    singular = SINGULAR_VERBS[verb.lower()]
    subject = " ".join(value[start:verb_start].split())
    return Slip(
        AGREEMENT,
        start,
        end,
        f'{AGREEMENT}: "{words}": "{subject.split()[0]}" takes a singular verb; '
        f'write "{subject} {singular}"',
    )

"""a or an, by the sound of the next word: "a hour", "an user"."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from audit.rules.grammar.common import (
    ARTICLES,
    GAP_NONEMPTY,
    Slip,
    is_word_char,
    match_case,
    word_before,
)
from audit.text.sentences import at_sentence_start

VOWEL = "vowel"
CONSONANT = "consonant"

# The sound of each letter's name: "an F", "an MRI", "a U-turn", "a B".
_LETTER_NAMES_WITH_VOWEL = frozenset("aefhilmnorsx")

# Words whose spelling and first sound disagree.
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_EITHER_H = (
    # "an historic" and "a historic" are both in use; so are these
    "histor",
    "hotel",
    "heroic",
    "habitu",
    "hypothe",
    "humbl",
    "homage",
    "herb",
    "hysteri",
    "horrif",
    "horrend",
    "heredit",
)
_U_AS_YOU = (
    "unique",
    "unit",
    "univers",
    "unif",
    "union",
    "unicorn",
    "unicycl",
    "unilateral",
    "unisex",
    "unison",
    "unanim",
    "use",
    "usa",
    "usu",
    "usur",
    "uten",
    "util",
    "utop",
    "uter",
    "urin",
    "uro",
    "ure",
    "uran",
    "uric",
    "ubiq",
    "ukul",
    "ukrain",
    "ugand",
    "utah",
    "uvul",
    "uvea",
    "ufo",
)
_UNI_AS_UH = ("unin", "unim", "unid")  # uninstall, unimportant, unidentified
_U_AS_UH = (
    "un",  # unless "uni": unable, under, unusual, unopened
    "up",
    "ult",
    "ulc",
    "umb",
    "ump",
    "ush",
    "utt",
    "utm",
    "urb",
    "urg",
    "urch",
    "ugl",
)
_O_AS_W = frozenset({"one", "once", "oneself", "onetime", "ouija"})
_EITHER_WORDS = frozenset({"euler", "xmas", "uber"})

# All-capital words: read letter by letter or as a word?
_CAPS_AS_WORDS = frozenset(
    {
        "FAFSA", "FEMA", "FERPA", "FICO", "FIFA", "FINRA", "FOIA", "FOMO", "HEPA", "HIPAA",
        "HUD", "LAN", "LASER", "LASIK", "LIBOR", "MERS", "MOOC", "NAFTA", "NASA", "NASDAQ",
        "NATO", "NIMBY", "RADAR", "RAID", "RAM", "REIT", "ROM", "SARS", "SATA", "SCUBA",
        "SEPA", "SIM", "SNAP", "SWIFT", "SIPP",
    }
)  # fmt: skip
_CAPS_AS_LETTERS = frozenset(
    {
        "FDA", "FDIC", "FHA", "FSA", "HDMI", "HIV", "HMO", "HOA", "HOV", "HPV", "HRA", "HSA",
        "HVAC", "LLC", "MBA", "MFA", "MIT", "MOT", "MRI", "NBA", "NDA", "NIH", "NSA", "RFID",
        "RMA", "SAP", "SEC", "SEO", "SLA", "SOS", "SUV", "RSVP", "XL", "XML",
    }
)  # fmt: skip
_CAPS_EITHER = frozenset({"FAQ", "URL", "SQL", "LED", "SKU", "UNO", "ONE", "ONCE", "OUIJA"})
_U_INITIALISMS = frozenset({"USDA", "USPS", "UCLA", "USAA", "UNICEF", "UNESCO", "USMC"})

# Words an article never stands before: after "a" they mean the letter ("point a to b").
_NOT_AFTER_ARTICLE = frozenset(
    {
        "a", "an", "the", "and", "or", "nor", "but", "is", "are", "was", "were", "be", "been",
        "am", "in", "on", "at", "of", "to", "as", "if", "it", "its", "into", "onto", "upon",
        "us", "our", "by", "for", "from", "so", "than", "then", "that", "these", "those",
        "with", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "etc",
        "vs", "via", "per", "he", "she", "we", "they", "you", "your", "my", "his", "her",
        "their", "them", "him", "me", "i", "will", "can", "may", "must", "should", "would",
        "could", "has", "have", "had", "do", "does", "did", "not", "no",
    }
)  # fmt: skip
# Before a lowercase "a", these words make it a letter: "vitamin a", "type a".
_LETTER_CONTEXT = frozenset(
    {
        "vitamin", "type", "plan", "option", "grade", "section", "part", "class", "point",
        "level", "tier", "zone", "exhibit", "appendix", "schedule", "form", "item", "step",
        "line", "box", "column", "row", "gate", "terminal", "seat", "hepatitis", "group",
        "category", "size", "model", "version", "room", "unit", "phase", "stage", "building",
        "block", "lot", "floor", "platform", "track", "channel", "figure", "table", "note",
        "question", "answer", "clause", "article", "paragraph", "letter", "list", "annex",
        "batch", "bay", "wing", "door", "pier", "lane", "car", "coach", "berth", "deck",
        "hall", "concourse", "lounge", "field", "variant", "series",
    }
)  # fmt: skip

_ARTICLE_SCAN = re.compile(r"an?(?=[ \t\r\n])")
_GAP = re.compile(GAP_NONEMPTY)
_OPENERS = "\"'\u201c\u2018(["
_CLOSERS = ".,;:!?)]}\"'\u201c\u201d\u2018\u2019\u2026*+"
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*(?P<token>\S*)")
_SEGMENT = re.compile(r"[-\u2010\u2011\u2013\u2014/]")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_DOTTED_CAPS = re.compile(r"[A-Z](?:\.[A-Z])+")
_CAPS_DIGITS = re.compile(r"(?P<letters>[A-Z]+)\d[A-Z0-9]*")
_NUMBER = re.compile(r"[$£€]?(?P<digits>\d+)")


def article_slips(value: str, low: str) -> Iterator[Slip]:
    for m in _ARTICLE_SCAN.finditer(low):
        at = m.start()
        if at and (is_word_char(low[at - 1]) or low[at - 1] in "&/.@+"):
            continue  # inside a word, or "Q&A", "A/B", "e.g. a.m."
        gap = _GAP.match(low, m.end())
        article = value[at : m.end()]
        if gap is None or article not in ("a", "an", "A", "An"):
            continue  # "AN", "aN": shouting or not an article
        next_word = _NEXT_WORD.match(value, gap.end())
        if next_word is None:
            continue
        token = next_word["token"].rstrip(_CLOSERS)
        if not token or token.lower() in _NOT_AFTER_ARTICLE:
            continue
        sound = token_sound(token)
        if sound is None or (sound == VOWEL) == (article.lower() == "an"):
            continue
        end = next_word.start("token") + len(token)
        if article == "A":
            if not at_sentence_start(value, at):
                continue  # a capital A inside a sentence is usually a letter: "Plan A"
            if _SEGMENT.split(token, maxsplit=1)[0][1:].isupper() and _in_capitals(value, end):
                continue  # "A USER GUIDE": a sentence in capitals, not "A MRI scan"
        if article == "a":
            before = word_before(low, at)
            if before and low[before[0] : before[1]] in _LETTER_CONTEXT:
                continue  # "vitamin a", "type a"
        right = match_case("an" if sound == VOWEL else "a", article)
        shown = " ".join(value[at:end].split())
        yield Slip(
            ARTICLES,
            at,
            end,
            f'{ARTICLES}: "{shown}": "{token}" begins with a {sound} sound; '
            f'write "{right} {value[gap.end() : end]}"',
        )


_FOLLOWING_WORD = re.compile(r"[^\w\s]*\s+(?P<word>[^\W\d_]+)")


def _in_capitals(value: str, index: int) -> bool:
    """Whether the word after `index` is in capitals too, or there is none to tell."""
    following = _FOLLOWING_WORD.match(value, index)
    return following is None or following["word"].isupper()


@functools.lru_cache(maxsize=4096)
def token_sound(token: str) -> str | None:
    """VOWEL or CONSONANT for the sound a token begins with; None when not sure."""
    token = _POSSESSIVE.sub("", token)
    if not token or "'" in token or "\u2019" in token:
        return None
    if _NUMBER.match(token):
        return number_sound(token)
    if _DOTTED_CAPS.fullmatch(token):  # U.S., M.D.
        return letter_sound(token[0])
    head = _SEGMENT.split(token, maxsplit=1)[0]
    if not head.isascii() or not head:
        return None
    if len(head) == 1:
        if not head.isalpha() or head == "I":
            return None
        # a letter on its own ("an F", "a B") or before a hyphen ("an X-ray", "an e-book")
        return letter_sound(head) if head.isupper() or len(head) < len(token) else None
    caps_digits = _CAPS_DIGITS.fullmatch(head)
    if caps_digits:  # MP3, A4, B12
        letters = caps_digits["letters"]
        return letter_sound(letters) if len(letters) == 1 else caps_sound(letters)
    if not head.isalpha():
        return None
    if head.isupper():
        return caps_sound(head)
    if head.islower() or head[1:].islower():
        return word_sound(head.lower())
    return None  # mixed case: iPhone, eBay, PhD


def letter_sound(letter: str) -> str:
    return VOWEL if letter[0].lower() in _LETTER_NAMES_WITH_VOWEL else CONSONANT


def number_sound(token: str) -> str | None:
    """The sound a number is read with: "an 8", "an 11", "an 18-month", "a 10%", "a 100"."""
    m = _NUMBER.match(token)
    if m is None:
        return None
    digits = m["digits"]
    if digits[0] == "8" or digits in ("11", "18"):
        return VOWEL  # eight\u2026, eleven, eighteen (also 11,000 and 18,000)
    if digits[0] == "0":
        return None  # "oh" or "zero"
    if digits[:2] in ("11", "18") and len(digits) >= 4:
        return None  # 1100, 1800: "eleven hundred" or "one thousand\u2026"
    return CONSONANT


def word_sound(word: str) -> str | None:
    """The first sound of a lowercase word, from its spelling and a few lists of exceptions."""
    if word in _EITHER_WORDS or word.startswith(_EITHER_H):
        return None
    if not any(c in "aeiouy" for c in word):
        return None  # an abbreviation: nth, mph, hr
    first = word[0]
    if first == "h":
        return VOWEL if word.startswith(_SILENT_H) else CONSONANT
    if first == "y":
        return CONSONANT if len(word) > 1 and word[1] in "aeiou" else None
    if first == "u":
        if word.startswith(_U_AS_YOU):
            return CONSONANT
        if word.startswith(_UNI_AS_UH):
            return VOWEL
        if word.startswith("uni"):
            return None  # university, but uninsured
        return VOWEL if word.startswith(_U_AS_UH) else None
    if first == "e":
        return CONSONANT if word.startswith(("eu", "ewe")) else VOWEL
    if first == "o":
        return CONSONANT if word in _O_AS_W else VOWEL
    if first in "ai":
        return VOWEL
    return CONSONANT


def caps_sound(word: str) -> str | None:
    """The first sound of an all-capital word, an initialism or an acronym."""
    if word in _CAPS_EITHER:
        return None
    if word in _CAPS_AS_WORDS:
        return word_sound(word.lower())
    if word in _CAPS_AS_LETTERS:
        return letter_sound(word)
    first = word[0]
    if first in "AEIO":
        return None if word.startswith("EU") and len(word) > 2 else VOWEL
    if first == "U":
        return CONSONANT if len(word) <= 3 or word in _U_INITIALISMS else None
    if first in "FHLMNRSX":
        # spelled out when there is no vowel to read it by: HR, SMS, HTML, NFT
        return VOWEL if not any(c in "AEIOUY" for c in word) else None
    return CONSONANT

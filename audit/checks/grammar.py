"""Frequent grammar slips, found by a few narrow patterns that do not cry wolf.

`grammar` is not a grammar checker. It knows three slips that FAQ writers make
again and again, and reports them only where a pattern is certain; anything it
cannot be sure of it leaves alone, because a rule that flags correct sentences
gets switched off. The message names the slip (`agreement`, `articles` or
`repeated-words`) and the words to write instead.

- `agreement`: a singular count noun of a short list (order, item, payment,
  refund, account, …) with no determiner, right after "once", "when", "if",
  "unless", "whether", "because", "while" or "as soon as" (or at the start of
  a sentence, also after "after", "before", "until" or "since"), followed by a
  plural verb: are, were, have, do and their negations. Also "there is" or
  "there was" followed by a number and a plural noun of that list. "If payment
  were" is a subjunctive and is accepted; so is anything with a determiner or a
  plural noun ("Once orders are placed", "When the order is placed").

      Once order are placed it is sent to our warehouse.     (reported: "order are")
      Once orders are placed they are sent to our warehouse.
      There is 3 items in your cart.                          (reported)
      There are 3 items in your cart.

- `articles`: "a" before a vowel sound, "an" before a consonant sound. Sound,
  not spelling, decides: "an hour", "an honest", "a user", "a one-time fee",
  "a European", "a URL", "an FAQ", "an MRI", "an 8-week course", "an 18-month
  plan", "a 10% discount", "a U-turn", "an X-ray". Words it cannot be sure of
  are skipped: mixed-case names (iPhone), words with apostrophes, "historic",
  "hotel" and "herb" (both forms are in use), acronyms that may be read as a
  word or letter by letter ("a FAQ" is accepted too), and a capital "A" in the
  middle of a sentence, which is usually a letter ("Plan A").

      It takes about a hour to approve a account.    (reported twice)
      It takes about an hour to approve an account.

- `repeated-words`: the same word twice in a row, also across a line break:
  "the the", "to to". Doubles that English allows are accepted: "had had",
  "that that", "log in in", "will will", "do do", "what it is is", and a
  repeated capitalised word ("Walla Walla"). This is the only slip with a fix:
  `--fix` removes the second copy and the space before it (unless a line break
  stands between the two, which a person joins by hand).

      Click the the button.     (reported; the fix leaves "Click the button.")

Text in double quotes (a button label, an error message, what a customer
types) is quoted as it stands and is not judged; neither are URLs, email
addresses and `code`. A text longer than 100,000 characters is not prose
someone wrote as one answer and is not read at all.

Options:

- `checks`: the slips to look for; default all three:
  `[agreement, articles, repeated-words]`.
- `allow`: phrases to accept, matched without regard to case; a finding that
  touches one of them is not reported, e.g. `allow: ["a FAQ", "what it is is"]`.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress
from operator import eq

from audit.checks import file_check, register
from audit.config import Config
from audit.model import Problem, Severity, SourceFile
from audit.scan import problem_at, texts

AGREEMENT = "agreement"
ARTICLES = "articles"
REPEATED_WORDS = "repeated-words"
CHECKS = (AGREEMENT, ARTICLES, REPEATED_WORDS)

RULE = register(
    "grammar",
    Severity.WARNING,
    "frequent grammar slips: subject-verb agreement, a/an, repeated words",
    options={"checks": list(CHECKS), "allow": []},
    choices={"checks": CHECKS},
    fixable=True,
)


@dataclass(frozen=True, slots=True)
class Slip:
    """One grammar slip in a text: the sub-check, the span of the words, and the message.

    `remove` is the span a fix deletes, for the only mechanical repair (a repeated word).
    """

    check: str
    start: int
    end: int
    message: str
    remove: tuple[int, int] | None = None


@file_check(RULE)
def grammar(source: SourceFile, config: Config) -> Iterator[Problem]:
    options = config.options(RULE.id, RULE.options)
    enabled = frozenset(str(name) for name in options["checks"]) & frozenset(CHECKS)
    allowed = [_phrase_pattern(str(phrase)) for phrase in options["allow"] if str(phrase).strip()]
    for entry, _field, text in texts(source):
        for slip in find_slips(text.value, enabled):
            if any(_touches(p, text.value, slip) for p in allowed):
                continue
            fix = None
            # Only when both copies stand in the file as in the text: across a line break,
            # deleting would take indentation along, so a person joins the lines.
            if slip.remove and text.source_span(slip.start, slip.end - slip.start):
                start, end = slip.remove
                word = text.value[start:end].strip()
                fix = text.fix(start, end - start, "", f'remove the repeated "{word}"')
            yield problem_at(entry, text, slip.start, slip.end - slip.start, slip.message, fix=fix)


def find_slips(value: str, checks: Iterable[str] = CHECKS) -> list[Slip]:
    """The slips of one text, in text order, outside quotes, URLs, addresses and code."""
    if len(value) > MAX_LENGTH:
        return []
    wanted = frozenset(checks)
    low = value.translate(_ASCII_LOWER)  # same length and offsets as value
    found: list[Slip] = []
    if AGREEMENT in wanted:
        found += _agreement(value, low)
    if ARTICLES in wanted:
        found += _articles(value, low)
    if REPEATED_WORDS in wanted:
        found += _repeated_words(value, low)
    if not found:
        return found
    quoted, verbatim = _quoted_spans(value), _verbatim_spans(value)
    return sorted(
        (
            slip
            for slip in found
            if not any(start <= slip.start and slip.end <= end for start, end in quoted)
            and not any(slip.start < end and start < slip.end for start, end in verbatim)
        ),
        key=lambda slip: (slip.start, slip.end, slip.check),
    )


# --------------------------------------------------------------------------- shared helpers

# A text longer than this is not prose someone wrote as one answer (an export, a paste
# gone wrong); it is not read, which bounds the time a run can take.
MAX_LENGTH = 100_000
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_APOSTROPHES = "'\u2019"

_WORD_BEFORE = r"(?<![\w'\u2019-])"
_WORD_AFTER = r"(?![\w'\u2019-])"
# White space between two words of one sentence: a line break, but not a blank line.
_GAP_NONEMPTY = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"

_QUOTED = re.compile(r'"(?:[^"\n]|\n(?![ \t]*\n))*"|\u201c(?:[^\u201d\n]|\n(?![ \t]*\n))*\u201d')
_VERBATIM = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email addresses
    r"|`[^`\n]*`"  # code
)


def _quoted_spans(value: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(value)]


def _verbatim_spans(value: str) -> list[tuple[int, int]]:
    return [m.span() for m in _VERBATIM.finditer(value)]


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(_WORD_BEFORE + r"\s+".join(words) + _WORD_AFTER, re.IGNORECASE)


def _touches(pattern: re.Pattern[str], value: str, slip: Slip) -> bool:
    return any(m.start() < slip.end and slip.start < m.end() for m in pattern.finditer(value))


_LEAD_IN = frozenset(" \t\"'\u201c\u2018([*\u2022-\u2013\u2014")


def _at_sentence_start(value: str, index: int) -> bool:
    """Whether only opening quotes, brackets or a bullet stand between a sentence end and it."""
    j = index
    while j > 0 and value[j - 1] in _LEAD_IN:
        j -= 1
    return j == 0 or value[j - 1] in "\n\r.!?:;"


def _ends_a_question(value: str, index: int) -> bool:
    """Whether the sentence that holds `index` ends with a question mark."""
    end = _SENTENCE_END.search(value, index, index + 1000)
    return end is not None and end.group().startswith("?")


_SENTENCE_END = re.compile(r"[.!?]|\n[ \t]*\n")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or char in _APOSTROPHES or char == "-"


def _word_before(low: str, index: int) -> tuple[int, int] | None:
    """The span of the word right before `index`, if only a gap of one sentence separates them.

    The gap is spaces, and at most one line break; the word is ASCII letters, whole.
    """
    j = index
    while j > 0 and low[j - 1] in " \t":
        j -= 1
    if j > 0 and low[j - 1] == "\n":
        j -= 1
        if j > 0 and low[j - 1] == "\r":
            j -= 1
        while j > 0 and low[j - 1] in " \t":
            j -= 1
    end = j
    if end == index:
        return None
    while j > 0 and end - j < 20 and "a" <= low[j - 1] <= "z":
        j -= 1
    if j == end or (j > 0 and _is_word_char(low[j - 1])):
        return None
    return j, end


def _match_case(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


# --------------------------------------------------------------------------- agreement

# Singular count nouns that FAQ answers talk about, with their plurals. A list, not
# morphology: a word that is not here is never judged, and a plural never matches.
NOUNS: dict[str, str] = {
    "account": "accounts",
    "applicant": "applicants",
    "application": "applications",
    "appointment": "appointments",
    "bill": "bills",
    "booking": "bookings",
    "cancellation": "cancellations",
    "card": "cards",
    "certificate": "certificates",
    "charge": "charges",
    "claim": "claims",
    "complaint": "complaints",
    "coupon": "coupons",
    "customer": "customers",
    "delivery": "deliveries",
    "deposit": "deposits",
    "device": "devices",
    "document": "documents",
    "download": "downloads",
    "employee": "employees",
    "enquiry": "enquiries",
    "fee": "fees",
    "form": "forms",
    "guest": "guests",
    "inquiry": "inquiries",
    "invoice": "invoices",
    "item": "items",
    "loan": "loans",
    "member": "members",
    "membership": "memberships",
    "message": "messages",
    "notification": "notifications",
    "order": "orders",
    "package": "packages",
    "parcel": "parcels",
    "passenger": "passengers",
    "password": "passwords",
    "patient": "patients",
    "payment": "payments",
    "policy": "policies",
    "prescription": "prescriptions",
    "product": "products",
    "purchase": "purchases",
    "receipt": "receipts",
    "refund": "refunds",
    "registration": "registrations",
    "replacement": "replacements",
    "request": "requests",
    "reservation": "reservations",
    "return": "returns",
    "shipment": "shipments",
    "statement": "statements",
    "student": "students",
    "subscription": "subscriptions",
    "ticket": "tickets",
    "transaction": "transactions",
    "transfer": "transfers",
    "update": "updates",
    "upgrade": "upgrades",
    "user": "users",
    "visitor": "visitors",
    "voucher": "vouchers",
    "withdrawal": "withdrawals",
}
_PLURALS = {plural: singular for singular, plural in NOUNS.items()}

# Plural verb → its singular. "were" after "if" may be a subjunctive and is left alone.
_VERBS = {
    "are": "is",
    "were": "was",
    "have": "has",
    "do": "does",
    "aren't": "isn't",
    "weren't": "wasn't",
    "haven't": "hasn't",
    "don't": "doesn't",
    "aren\u2019t": "isn\u2019t",
    "weren\u2019t": "wasn\u2019t",
    "haven\u2019t": "hasn\u2019t",
    "don\u2019t": "doesn\u2019t",
}
_SUBJUNCTIVE_AFTER = frozenset({"if", "unless", "whether"})
_SUBJUNCTIVE_VERBS = frozenset({"were", "weren't", "weren\u2019t"})
# Conjunctions only: a noun right after them begins a clause.
_CLAUSE_WORDS = (
    "as soon as",
    "once",
    "when",
    "whenever",
    "if",
    "unless",
    "whether",
    "because",
    "while",
)
# Also prepositions ("items held until payment are released"): judged at a sentence start only.
_CLAUSE_WORDS_AT_START = ("after", "before", "until", "since")

_LEADS = frozenset(_CLAUSE_WORDS + _CLAUSE_WORDS_AT_START) - {"as soon as"}
_VERB_SCAN = re.compile(r"(?:are|were|have|do)(?:n['\u2019]t)?(?![\w'\u2019-])")
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    "|several|multiple|many"
)
_THERE_IS = re.compile(
    rf"there(?P<be>{_GAP_NONEMPTY}is|{_GAP_NONEMPTY}was|['\u2019]s)"
    rf"{_GAP_NONEMPTY}(?P<number>(?:[2-9]|[1-9]\d+|\d{{1,3}}(?:,\d{{3}})+)(?![\d.,%/:-])"
    rf"|(?:{_NUMBER_WORDS}){_WORD_AFTER})"
    rf"{_GAP_NONEMPTY}(?P<noun>{'|'.join(sorted(_PLURALS, key=len, reverse=True))}){_WORD_AFTER}"
)


def _agreement(value: str, low: str) -> Iterator[Slip]:
    for m in _VERB_SCAN.finditer(low):
        if m.start() and _is_word_char(low[m.start() - 1]):
            continue
        if value[m.start()].isupper():
            continue  # a heading line, then "Are you …?" on the next: a new sentence
        noun = _word_before(low, m.start())
        if noun is None or low[noun[0] : noun[1]] not in NOUNS:
            continue
        lead = _lead_before(value, low, noun[0])
        if lead is None:
            continue
        word, start = lead
        verb = low[m.start() : m.end()].replace("\u2019", "'")
        if word == "" and verb in ("do", "don't"):
            continue  # "Request do not disturb": an imperative is not a subject
        if word in _SUBJUNCTIVE_AFTER and verb in _SUBJUNCTIVE_VERBS:
            continue  # "If payment were refused, …"
        if word in _CLAUSE_WORDS_AT_START and (
            not _at_sentence_start(value, start) or _ends_a_question(value, m.end())
        ):
            continue  # "Items held until payment are released"; "Before delivery are …?"
        yield _agreement_slip(value, noun, (m.start(), m.end()))
    for m in _THERE_IS.finditer(low):
        if m.start() and _is_word_char(low[m.start() - 1]):
            continue
        there = value[m.start() : m.start("be")]
        plural_be = "were" if m["be"].strip() == "was" else "are"
        number = value[m.start("number") : m.end("number")]
        plural = value[m.start("noun") : m.end("noun")]
        words = " ".join(value[m.start() : m.end()].split())
        yield Slip(
            AGREEMENT,
            m.start(),
            m.end(),
            f'{AGREEMENT}: "{words}": "{plural}" is plural, so the verb is too; '
            f'write "{there} {plural_be} {number} {plural}"',
        )


def _lead_before(value: str, low: str, index: int) -> tuple[str, int] | None:
    """The conjunction that opens the clause of the word at `index`, and where it starts.

    ("", index) when the word itself starts a sentence; None when it does neither.
    """
    word = _word_before(low, index)
    if word is not None:
        text = low[word[0] : word[1]]
        if text in _LEADS:
            return text, word[0]
        if text == "as":
            words = [word]
            for _ in range(2):
                before = _word_before(low, words[-1][0])
                if before is None:
                    break
                words.append(before)
            if [low[w[0] : w[1]] for w in words] == ["as", "soon", "as"]:
                return "as soon as", words[-1][0]
    return ("", index) if _at_sentence_start(value, index) else None


def _agreement_slip(value: str, noun_span: tuple[int, int], verb_span: tuple[int, int]) -> Slip:
    noun, verb = value[slice(*noun_span)], value[slice(*verb_span)]
    singular_verb = _VERBS[verb.lower()]
    plural = _match_case(NOUNS[noun.lower()], noun)
    article = "an" if word_sound(noun.lower()) == VOWEL else "a"
    single = f"{_match_case(article, noun)} {noun.lower()} {singular_verb}"
    words = " ".join(value[noun_span[0] : verb_span[1]].split())
    return Slip(
        AGREEMENT,
        noun_span[0],
        verb_span[1],
        f'{AGREEMENT}: "{words}": "{noun}" is singular but "{verb}" is plural; '
        f'write "{plural} {verb}" or "{single}"',
    )


# --------------------------------------------------------------------------- articles

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
_GAP = re.compile(_GAP_NONEMPTY)
_OPENERS = "\"'\u201c\u2018(["
_CLOSERS = ".,;:!?)]}\"'\u201c\u201d\u2018\u2019\u2026*+"
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*(?P<token>\S*)")
_SEGMENT = re.compile(r"[-\u2010\u2011\u2013\u2014/]")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_DOTTED_CAPS = re.compile(r"[A-Z](?:\.[A-Z])+")
_CAPS_DIGITS = re.compile(r"(?P<letters>[A-Z]+)\d[A-Z0-9]*")
_NUMBER = re.compile(r"[$£€]?(?P<digits>\d+)")


def _articles(value: str, low: str) -> Iterator[Slip]:
    for m in _ARTICLE_SCAN.finditer(low):
        at = m.start()
        if at and (_is_word_char(low[at - 1]) or low[at - 1] in "&/.@+"):
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
            if not _at_sentence_start(value, at):
                continue  # a capital A inside a sentence is usually a letter: "Plan A"
            if _SEGMENT.split(token, maxsplit=1)[0][1:].isupper() and _in_capitals(value, end):
                continue  # "A USER GUIDE": a sentence in capitals, not "A MRI scan"
        if article == "a":
            before = _word_before(low, at)
            if before and low[before[0] : before[1]] in _LETTER_CONTEXT:
                continue  # "vitamin a", "type a"
        right = _match_case("an" if sound == VOWEL else "a", article)
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


# --------------------------------------------------------------------------- repeated words

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


def _repeated_words(value: str, low: str) -> Iterator[Slip]:
    # Which words stand twice in a row: found on the split text (fast), then located.
    tokens = value.lower().translate(_PUNCTUATION_TO_SPACE).split()
    twice = set(compress(tokens, map(eq, tokens, tokens[1:])))
    words = sorted(w for w in twice - _DOUBLES if _WORDLIKE.fullmatch(w))
    if not words:
        return
    pattern = re.compile(
        rf"{_WORD_BEFORE}(?<![.@/])(?P<first>{'|'.join(map(re.escape, words))})"
        rf"(?:{_GAP_NONEMPTY}(?P=first))+{_WORD_AFTER}",
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

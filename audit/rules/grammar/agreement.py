"""Subject-verb agreement: "Once order are placed"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.rules.grammar.articles import VOWEL, word_sound
from audit.rules.grammar.common import (
    AGREEMENT,
    GAP_NONEMPTY,
    SINGULAR_VERBS,
    Slip,
    ends_a_question,
    is_word_char,
    match_case,
    word_before,
)
from audit.text.phrases import WORD_AFTER
from audit.text.sentences import at_sentence_start

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

# "were" after "if" may be a subjunctive and is left alone.
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
    rf"there(?P<be>{GAP_NONEMPTY}is|{GAP_NONEMPTY}was|['\u2019]s)"
    rf"{GAP_NONEMPTY}(?P<number>(?:[2-9]|[1-9]\d+|\d{{1,3}}(?:,\d{{3}})+)(?![\d.,%/:-])"
    rf"|(?:{_NUMBER_WORDS}){WORD_AFTER})"
    rf"{GAP_NONEMPTY}(?P<noun>{'|'.join(sorted(_PLURALS, key=len, reverse=True))}){WORD_AFTER}"
)


def agreement_slips(value: str, low: str) -> Iterator[Slip]:
    for m in _VERB_SCAN.finditer(low):
        if m.start() and is_word_char(low[m.start() - 1]):
            continue
        if value[m.start()].isupper():
            continue  # a heading line, then "Are you …?" on the next: a new sentence
        noun = word_before(low, m.start())
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
            not at_sentence_start(value, start) or ends_a_question(value, m.end())
        ):
            continue  # "Items held until payment are released"; "Before delivery are …?"
        yield _agreement_slip(value, noun, (m.start(), m.end()))
    for m in _THERE_IS.finditer(low):
        if m.start() and is_word_char(low[m.start() - 1]):
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
    word = word_before(low, index)
    if word is not None:
        text = low[word[0] : word[1]]
        if text in _LEADS:
            return text, word[0]
        if text == "as":
            words = [word]
            for _ in range(2):
                before = word_before(low, words[-1][0])
                if before is None:
                    break
                words.append(before)
            if [low[w[0] : w[1]] for w in words] == ["as", "soon", "as"]:
                return "as soon as", words[-1][0]
    return ("", index) if at_sentence_start(value, index) else None


def _agreement_slip(value: str, noun_span: tuple[int, int], verb_span: tuple[int, int]) -> Slip:
    noun, verb = value[slice(*noun_span)], value[slice(*verb_span)]
    singular_verb = SINGULAR_VERBS[verb.lower()]
    plural = match_case(NOUNS[noun.lower()], noun)
    article = "an" if word_sound(noun.lower()) == VOWEL else "a"
    single = f"{match_case(article, noun)} {noun.lower()} {singular_verb}"
    words = " ".join(value[noun_span[0] : verb_span[1]].split())
    return Slip(
        AGREEMENT,
        noun_span[0],
        verb_span[1],
        f'{AGREEMENT}: "{words}": "{noun}" is singular but "{verb}" is plural; '
        f'write "{plural} {verb}" or "{single}"',
    )

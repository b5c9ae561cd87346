"""`question-form`: precise on real questions, which come in every shape.

The rule must stay silent on the 25 questions of the seed page and on a long list of
questions from real FAQs of other trades, short topic questions included, and must
flag text that is a heading, a statement or an instruction with a question mark.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit import engine
from audit.config import Config
from audit.importer import ImportedEntry, read_page, to_yaml
from audit.model import Finding
from audit.rules.question_form import statement_opener, statements_before
from tests.conftest import ROOT
from tests.rules.helpers import CONTENT, assert_findings, audit

SEED = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"

REAL_WORLD_QUESTIONS = [
    # short topic questions: how many FAQs are written, never flagged
    "Shipping to Canada?",
    "Gift cards?",
    "Returns and exchanges?",
    "Click and collect?",
    "Contact lenses?",
    "Call forwarding?",
    "Visiting hours?",
    "Press releases?",
    "Select membership?",
    "Email notifications?",
    "Tap to pay?",
    "New patients?",
    "Parking?",
    "Student discount?",
    "Tyre sizes and pressures?",
    # ordinary questions, of several trades
    "How do I reset my online banking password?",
    "What is the daily ATM withdrawal limit?",
    "Can I deposit a check with the mobile app?",
    "Do you price-match Amazon.com?",
    "Do you ship to the U.S. Virgin Islands?",
    "Is there a fee for paying by card (Visa, Mastercard)?",
    "Can I pay with Apple Pay, Google Pay or PayPal?",
    "What does \u201cnet 30\u201d mean?",
    'What does "in stock" mean on the product page?',
    "Where's my order?!",
    "Why was my card declined?",
    "Which e-bike is right for a 20 km commute?",
    "When will my bike be ready after a tune-up?",
    "Who can pick up my prescription?",
    "Are walk-ins welcome on Saturdays?",
    "Will my insurance cover a telehealth visit?",
    "Should I fast before a blood test?",
    "How much does a replacement card cost: $5 or $10?",
    "Is parking available at the St. Mary's site?",
    "Does Dr. Patel see children under 5?",
    "What's the difference between a Roth IRA and a traditional IRA?",
    "Could I change my delivery address after ordering?",
    "Any tips for storing a bike over the winter?",
    # a sentence of context before the question, or a question in two steps
    "I forgot my PIN. What should I do?",
    "Lost your card? What to do next?",
    "We're a nonprofit: do you offer discounts?",
    "We are moving, can I transfer my account to another branch?",
    "Please, can I bring a companion to my appointment?",
    "Please can you ship to a PO box?",
    "Thanks for the quick reply - how long does a refund take?",
    "See the size chart: which frame size am I?",
    # other languages and question marks
    "\u00bfHablan espa\u00f1ol en la sucursal?",
    "Was ist Click & Meet?",
    "\u3054\u4e88\u7d04\u306f\u5fc5\u8981\u3067\u3059\u304b\uff1f",
]

NOT_QUESTIONS = [
    ("Returns and exchanges", "does not end with a question mark"),
    ("Contact us", "does not end with a question mark"),
    ("How do I track my order", "does not end with a question mark"),
    ("Please call us to cancel your order?", "opens with 'Please'"),
    ("We ship worldwide?", "opens with 'We'"),
    ("We'll refund you within 5 days?", "opens with 'We'll'"),
    ("Click here to reset your password?", "opens with 'Click here'"),
    ("Tap the card icon to pay?", "opens with 'Tap the'"),
    ("Visit the returns page?", "opens with 'Visit the'"),
    ("Thank you for shopping with us?", "opens with 'Thank'"),
    ("Congratulations on your new account?", "opens with 'Congratulations'"),
    (
        "I ordered on Monday. It has not arrived. The tracking page shows nothing. "
        "Where is my parcel?",
        "holds 3 sentences before the question",
    ),
]


def audit_questions(
    tmp_path: Path, questions: list[str], among_questions: bool = False
) -> list[Finding]:
    """The findings on these questions; `among_questions` puts them in a file of twice as
    many real questions, where titles without a question mark are slips, not the style."""
    padding = [f"How do I track order {n}?" for n in range(2 * len(questions))]
    asked = questions + (padding if among_questions else [])
    entries = [ImportedEntry(question, "An answer.") for question in asked]
    path = tmp_path / "questions.yaml"
    path.write_text(to_yaml(entries, category="Questions"), encoding="utf-8")
    options = engine.Options(select=frozenset({"question-form"}))
    return list(engine.audit([path], options).findings)


def test_none_of_the_25_seed_questions_is_flagged(tmp_path: Path) -> None:
    entries = read_page(SEED.read_text(encoding="utf-8"), name=SEED.name)
    questions = [entry.question for entry in entries]
    assert len(questions) == 25
    assert audit_questions(tmp_path, questions) == []


def test_none_of_the_real_world_questions_is_flagged(tmp_path: Path) -> None:
    assert len(REAL_WORLD_QUESTIONS) >= 40
    found = audit_questions(tmp_path, REAL_WORLD_QUESTIONS)
    assert [(f.entry, f.message) for f in found] == []


def test_headings_statements_and_instructions_are_each_flagged_once(tmp_path: Path) -> None:
    found = audit_questions(tmp_path, [question for question, _ in NOT_QUESTIONS])
    assert len(found) == len(NOT_QUESTIONS)
    for finding, (question, words) in zip(found, NOT_QUESTIONS, strict=True):
        assert words in finding.message, (question, finding.message)
        assert finding.severity.value == "warning"


SYMPTOMS = [
    "Checkout results in 'Error 7'",
    "My notifications do not work!",
    "I can't log in",
    "The app won't open",
    "My card was declined",
    "Unable to reset my password",
    "Tracking page not loading",
    "The payment page is stuck",
    "Order confirmation email is missing",
    "Error 404 when I open the link",
]


def test_a_title_that_names_a_symptom_is_info_not_a_warning(tmp_path: Path) -> None:
    found = audit_questions(tmp_path, SYMPTOMS, among_questions=True)
    assert [(f.severity.value, "names a symptom" in f.message) for f in found] == [
        ("info", True)
    ] * len(SYMPTOMS)


def test_the_config_raises_the_rule_but_a_symptom_stays_info(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "category: Q\nentries:\n"
        "  - id: a\n    question: I can't log in\n    answer: Reset your password.\n"
        "  - id: b\n    question: Returns and exchanges\n    answer: Within 30 days.\n",
        encoding="utf-8",
    )

    def severities(severity: str) -> list[str]:
        config = Config(rules={"question-form": {"severity": severity}})
        options = engine.Options(select=frozenset({"question-form"}), config=config)
        return [f.severity.value for f in engine.audit([path], options).findings]

    assert severities("error") == ["info", "error"]
    assert severities("info") == ["info", "info"]


def test_a_heading_without_a_symptom_stays_a_warning(tmp_path: Path) -> None:
    headings = ["Returns and exchanges", "Information we collect", "Error codes", "Contact us"]
    found = audit_questions(tmp_path, headings, among_questions=True)
    assert [f.severity.value for f in found] == ["warning"] * len(headings)


def test_a_missing_question_mark_is_reported_at_the_question(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "category: A\nentries:\n  - id: track-order\n"
        "    question: How do I track my order\n"
        "    answer: Use the link in your confirmation email.\n",
        encoding="utf-8",
    )
    options = engine.Options(select=frozenset({"question-form", "schema"}))
    (finding,) = engine.audit([path], options).findings
    assert (finding.rule, finding.position.line, finding.position.column) == (
        "question-form",
        4,
        15,
    )
    assert "question mark" in finding.message


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Do you ship to the U.S. Virgin Islands?", 0),
        ("I moved. How do I change my address?", 1),
        ("Forgot your password? Locked out? What now?", 0),
        ("I moved. I changed banks. How do I update my details?", 2),
        ("Is it approx. 5 km from the station?", 0),
    ],
)
def test_only_statements_before_the_question_are_counted(question: str, count: int) -> None:
    assert statements_before(question) == count


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        ("We ship worldwide?", "We"),
        ("We ship worldwide, don't we?", None),
        ("Click and collect?", None),
        ("Click on the banner?", "Click on"),
        ("Please note that we are closed Sundays?", "Please"),
        ("Please, where do I park?", None),
        ("Our store hours?", None),
    ],
)
def test_a_statement_opener_counts_only_when_nothing_is_asked(
    question: str, opener: str | None
) -> None:
    assert statement_opener(question) == opener


def test_question_form_on_a_clinic_page() -> None:
    assert_findings(
        audit(CONTENT / "clinic.yaml", ["question-form"]),
        [
            ("question-form", "opening-hours", 6, "does not end with a question mark"),
            ("question-form", "insurance-card", 11, "opens with 'Please'"),
            ("question-form", "walk-ins", 19, "opens with 'We'"),
            ("question-form", "book-online", 29, "opens with 'Click here'"),
            ("question-form", "moved", 41, "holds 2 sentences before the question"),
            # silent: "I lost my card. How do I get a new one?" (one sentence before),
            # "New patients?", "We're moving - can I transfer my records?" (it asks),
            # "Is there parking at the St. Mary's site?" (an abbreviation, not a sentence).
        ],
    )


def test_question_form_allows_no_sentence_before_the_question_when_configured() -> None:
    found = audit(
        CONTENT / "clinic.yaml",
        ["question-form"],
        {"question-form": {"max-statements-before": 0}},
    )
    assert ("lost-card", 45) in [(f.entry, f.position.line) for f in found]


def test_a_file_whose_titles_are_all_topics_is_not_told_to_add_question_marks(
    tmp_path: Path,
) -> None:
    # a glossary section, imported as its own file (the keyboardkit page's "Terminology")
    terms = ["Custom keyboard", "Full access", "Host application", "Memory cap"]
    assert audit_questions(tmp_path, terms) == []
    assert len(audit_questions(tmp_path, terms, among_questions=True)) == len(terms)

"""`faq-audit import` on pages built with the FAQ markup real sites use, one page per pattern.

Each page in tests/pages/ was written for one pattern (named in its file name) the way sites
mark it up: accordions of every common kind, definition lists, headings, microdata, JSON-LD,
"Q:"/"A:" paragraphs, section headings, intro text and page chrome. Each test asserts exactly
which structure read the page, the categories and their descriptions, every question and its
Markdown answer (links kept), and every note of what was not kept. The end of the file runs
the real command line on every page and `faq-audit validate` on what it wrote.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from audit.importer import PageError, read_sections
from tests.conftest import ROOT, CliRun

PAGES = ROOT / "tests" / "pages"
Entries = list[tuple[str, str]]


def read(name: str) -> tuple[str, list[tuple[str | None, str, Entries]], list[tuple[str, str]]]:
    """The structure that read the page, its sections, and its notes as (kind, words)."""
    text = (PAGES / name).read_text(encoding="utf-8")
    reader, sections, notes = read_sections(text, name=name)
    grouped = [
        (s.title, s.description, [(e.question, e.answer) for e in s.entries]) for s in sections
    ]
    return reader, grouped, [(note.kind, note.text) for note in notes]


def test_details_summary_keeps_lists_and_emphasis_and_reports_chrome_and_empty_answers() -> None:
    reader, sections, notes = read("clinic-details.html")
    assert reader == "details"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "How do I book an appointment?",
                    "Call reception on (020) 7946 0321, or book online.\n\n"
                    "Lines open at 8:00\u00a0am.",
                ),
                (
                    "Can I cancel an appointment by text?",
                    "Yes. Reply **CANCEL** to your reminder text.\nWe ask for *24 hours'* notice.",
                ),
                (
                    "Do you offer travel vaccinations?",
                    "- Hepatitis A & B\n- Typhoid\n- Yellow fever (by appointment)",
                ),
            ],
        )
    ]
    assert notes == [
        ("chrome", "Skip to content Menu Book an appointment?"),
        ("chrome", "Services? Vaccinations"),
        ("chrome", "Riverside Family Clinic \u00b7 Privacy \u00b7 Contact us?"),
        ("heading", "Patient questions"),
        ("heading", "Appointments"),
        ("structures", "headings"),
        ("empty-answer", "Is there parking at the clinic?"),
    ]


def test_bootstrap_3_panels_read_titles_without_a_question_mark_and_strip_q_a() -> None:
    # The page's canonical address makes its relative links absolute.
    reader, sections, notes = read("school-bootstrap3-panels.html")
    assert reader == "bootstrap"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "When is the application deadline?",
                    "Applications close on **March 1**. Late applications are read if places"
                    " remain.",
                ),
                (
                    "Information we collect",
                    "We keep your transcripts and references for one year.\n\n"
                    "Read our [privacy notice](https://hillcrest.example/privacy) for the"
                    " details.",
                ),
            ],
        )
    ]
    assert notes == [
        ("chrome", "Hillcrest College Apply"),
        ("chrome", "\u00a9 Hillcrest College \u00b7 Contact"),
        ("heading", "Admissions FAQ"),
        ("structures", "qa_prefixes"),
        ("structures", "headings"),
    ]


def test_bootstrap_5_accordion_items_under_section_headings_become_categories() -> None:
    reader, sections, notes = read("cafe-bootstrap5-accordion.html")
    assert reader == "bootstrap"
    assert sections == [
        (
            "Food",
            "",
            [
                (
                    "Do you have vegan options?",
                    "Yes. Our vegan dishes are marked on the"
                    " [menu](https://copperkettle.example/menu):\n\n"
                    "- oat milk porridge\n- lentil soup",
                ),
                ("Allergens", "Ask the staff: every dish has an allergen card."),
            ],
        ),
        (
            "Bookings",
            "We take bookings for groups of six or more.",
            [("How do I book a table?", "Email tables@copperkettle.example.")],
        ),
    ]
    assert notes == [("heading", "Questions about the cafe")]


def test_bootstrap_4_card_collapse_keeps_ordered_lists_and_reports_the_cookie_banner() -> None:
    reader, sections, notes = read("hosting-card-collapse.html")
    assert reader == "bootstrap"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "How do I point my domain at Nimbus?",
                    "Set the name servers to *ns1.nimbus.example* and *ns2.nimbus.example*."
                    " Changes take up to 24 hours.",
                ),
                (
                    "I need help with my SSL certificate",
                    "1. Open [the SSL page](https://panel.nimbus.example/ssl).\n"
                    "2. Click **Renew**.",
                ),
            ],
        )
    ]
    assert notes == [
        ("chrome", "We use cookies to keep you signed in. \u2026"),
        ("empty-answer", "Can I get a refund?"),
    ]


def test_uswds_accordion_reads_the_region_named_by_aria_controls_even_when_hidden() -> None:
    reader, sections, notes = read("agency-uswds-accordion.html")
    assert reader == "uswds"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "Who can apply for a grant",
                    "Nonprofits, tribal governments and state agencies. See the"
                    " [eligibility rules](https://grants.example.gov/eligibility).",
                ),
                (
                    "How long does a review take?",
                    "About 90 days.\nYou will get an email when the review starts.\n\n"
                    "Questions? Call 1-800-555-0199.",
                ),
            ],
        )
    ]
    assert notes == [
        ("chrome", "Skip to main content"),
        ("chrome", "An official website of the United States government"),
        ("heading", "Frequently asked questions"),
        ("structures", "headings"),
    ]


def test_any_aria_disclosure_is_a_question_and_tabs_are_left_out_and_reported() -> None:
    reader, sections, notes = read("water-aria-disclosure.html")
    assert reader == "aria_controls"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "Why is my bill higher this month",
                    "Summer watering raises use. Compare your readings on"
                    " [your usage page](https://lakeside-water.example/account/usage).",
                ),
                (
                    "Paying by direct debit",
                    "Fill in the form at https://lakeside-water.example/debit and we set it up"
                    " within 10 days.",
                ),
            ],
        )
    ]
    assert notes == [("not-kept", "Residential"), ("not-kept", "Rates for homes.")]


def test_headings_with_section_headings_make_one_category_each_with_its_description() -> None:
    reader, sections, notes = read("plumber-headings.html")
    assert reader == "headings"
    assert sections == [
        (
            "Call-outs",
            "",
            [
                (
                    "Do you charge a call-out fee?",
                    "Our call-out fee is \u00a360, which includes the first 30 minutes of work."
                    "\n\nEvenings and weekends\n\nAfter 6pm and at weekends the fee is \u00a390.",
                ),
                (
                    "How quickly can you get to me?",
                    "Usually within two hours for emergencies.\n\n"
                    "- Burst pipes\n- No heating in winter",
                ),
            ],
        ),
        (
            "Boilers",
            "We service all major brands.",
            [
                (
                    "Is my boiler covered by a warranty?",
                    "Most new boilers come with a 5 to 10 year manufacturer warranty.",
                )
            ],
        ),
    ]
    assert notes == [
        ("chrome", "Need a plumber today? Call 0161 496 0000"),
        ("chrome", "Still have a question? Email us."),
        ("heading", "Frequently asked questions"),
        ("not-kept", "Everything you wanted to know about our call-outs."),
        ("heading", "About us"),
        ("not-kept", "Family run since 1998."),
        ("empty-answer", "Why is my boiler making a banging noise?"),
    ]


def test_definition_list_terms_are_questions_and_the_list_in_the_nav_is_chrome() -> None:
    reader, sections, notes = read("library-dl.html")
    assert reader == "definition_list"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "How many books can I borrow?",
                    "Adults can borrow up to 20 items at a time.\n\n"
                    "Children's cards allow 10 items.",
                ),
                (
                    "Can I renew a loan online?",
                    "Yes, up to three times.\n\n"
                    "Items that someone else has reserved cannot be renewed.",
                ),
                ("Do you charge late fees?", "No \u2014 we stopped charging late fees in 2022."),
            ],
        )
    ]
    assert notes == [
        ("chrome", "Opening hours? See the homepage."),
        ("heading", "Borrowing from Millbrook Public Library"),
        ("empty-answer", "Can I donate books?"),
    ]


def test_json_ld_is_read_where_it_holds_more_answers_and_the_drift_is_reported() -> None:
    reader, sections, notes = read("bank-faq-jsonld.html")
    assert reader == "jsonld"
    assert [question for question, _ in sections[0][2]] == [
        "How do I order a replacement debit card?",
        "What do I need to open a savings account?",
        "Are my savings protected?",
        "Can I change my standing orders online?",
    ]
    assert notes == [
        ("chrome", "Harbour Savings Bank Log in"),
        ("chrome", "Accounts Help"),
        ("chrome", "\u00a9 Harbour Savings Bank. Authorised and regulated."),
        ("structures", "details"),
        ("missing-from-page", "What do I need to open a savings account?"),
        ("missing-from-page", "Are my savings protected?"),
        ("missing-from-page", "Can I change my standing orders online?"),
    ]


def test_markup_and_json_ld_that_disagree_are_reported_question_by_question() -> None:
    reader, sections, notes = read("shop-jsonld-drift.html")
    assert reader == "details"  # as many answers as the JSON-LD: the visible page wins
    assert sections == [
        (
            None,
            "",
            [
                ("How long do the candles burn?", "About 50 hours, trimmed to 5 mm."),
                ("Do you ship overseas?", "Yes, to the EU and the UK."),
                ("Can I return a candle I have lit?", "No, only unused candles."),
            ],
        )
    ]
    assert notes == [
        ("missing-from-json-ld", "Can I return a candle I have lit?"),
        ("missing-from-page", "Do you sell gift cards?"),
    ]


def test_microdata_questions_keep_their_links_and_need_no_question_mark() -> None:
    # The page's og:url makes its relative links absolute.
    reader, sections, notes = read("creditunion-microdata.html")
    assert reader == "microdata"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "Who can join",
                    "Anyone who lives or works in Granite County.\n\n"
                    "Family members of members can join too; see"
                    " [how to join](https://granite-cu.example/join).",
                ),
                ("Is my money insured?", "Yes, up to $250,000 by the NCUA."),
            ],
        )
    ]
    assert notes == [("heading", "Membership FAQ"), ("structures", "headings")]


def test_q_and_a_prefixes_mark_the_questions_and_are_stripped_from_both() -> None:
    reader, sections, notes = read("contractor-qa-prefixes.html")
    assert reader == "qa_prefixes"
    assert sections == [
        (
            None,
            "",
            [
                (
                    "Do you give free estimates?",
                    "Yes. We visit, measure and send a written quote within two days.",
                ),
                (
                    "Are you insured?",
                    "We carry $2 million in liability insurance.\n\nAsk for our certificate.",
                ),
                ("How long does a new roof take?", "Two to four days for most homes."),
                # Two pairs in one paragraph, each line ended by a <br>.
                ("Do you clean up afterwards?", "Yes, we sweep the yard with a magnet for nails."),
                ("Do you work in winter?", "Only on dry days above freezing."),
            ],
        )
    ]
    assert notes == []


def test_hand_made_accordions_named_by_their_classes_are_read_and_grouped_by_heading() -> None:
    reader, sections, notes = read("florist-class-named.html")
    assert reader == "class_names"
    assert sections == [
        (
            "Orders",
            "",
            [
                (
                    "Same-day delivery",
                    "Order before **1 pm** and we deliver the same day within the city.",
                ),
                (
                    "Can I add a card?",
                    "Yes, write your message at checkout. It is printed on recycled card.",
                ),
            ],
        ),
        (
            "Care",
            "",
            [
                (
                    "How do I keep tulips fresh?",
                    "Trim the stems and change the water every two days.",
                )
            ],
        ),
    ]
    # A "card-title" is no FAQ's class: its text is reported, not read as a question.
    assert notes == [("not-kept", "Gift vouchers"), ("not-kept", "From $25.")]


def test_intro_text_becomes_the_description_and_chrome_and_the_outro_are_reported() -> None:
    reader, sections, notes = read("tours-intro-and-chrome.html")
    assert reader == "details"
    assert sections == [
        (
            None,
            "New to kayaking? Every tour starts with a 20-minute lesson on the beach.\n\n"
            "Read the answers below before you book.",
            [
                ("Do I need experience?", "No. Our guides teach every beginner."),
                ("What should I wear?", "Quick-drying clothes and shoes that can get wet."),
            ],
        )
    ]
    assert notes == [
        ("chrome", "Skip to content"),
        ("chrome", "Fjord Kayak Tours Book now"),
        ("chrome", "This site uses cookies for analytics. Learn more"),
        ("chrome", "Fjord Kayak Tours AS, Bergen"),
        ("heading", "Before you paddle"),
        ("not-kept", "Still unsure? Call us on +47 55 00 \u2026"),
    ]


# --------------------------------------------------------------------------- the command


PATTERN_PAGES = sorted(
    path.name
    for path in PAGES.glob("*.html")
    if path.name not in ("gallery-no-faq.html", "bakery-broken-jsonld.html")
)


UK_PAGES = {"bank-faq-jsonld.html", "clinic-details.html", "plumber-headings.html"}


@pytest.mark.parametrize("page", PATTERN_PAGES)
def test_every_file_imported_from_a_pattern_page_validates_without_errors(
    page: str, cli: CliRun, tmp_path: Path
) -> None:
    if page in UK_PAGES:  # their numbers are British: so says the config, as it would there
        (tmp_path / "faq-audit.yaml").write_text("region: GB\n", encoding="utf-8")
    code, _, err = cli("import", str(PAGES / page), "--out", "faq")
    assert code == 0, err
    code, out, _ = cli("validate", "faq", "--format", "json")
    document: dict[str, Any] = json.loads(out)
    assert document["summary"]["errors"] == 0, out
    for path in glob.glob(str(tmp_path / "faq" / "*.yaml")):
        text = Path(path).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
        schema = text.splitlines()[0].split("=", 1)[1]
        assert (tmp_path / "faq" / schema).resolve().is_file(), schema


def test_sections_are_written_one_file_each_and_json_lists_files_and_what_was_not_kept(
    cli: CliRun, tmp_path: Path
) -> None:
    code, out, err = cli(
        "import", str(PAGES / "cafe-bootstrap5-accordion.html"), "--out", "faq", "--format", "json"
    )
    assert code == 0, err
    assert err.splitlines() == [
        "wrote 2 files in faq: food.yaml (2 entries), bookings.yaml (1 entry); check them with"
        " `faq-audit validate faq`",
        f"faq-audit: {PAGES / 'cafe-bootstrap5-accordion.html'}: heading not kept:"
        " 'Questions about the cafe'",
    ]
    assert json.loads(out) == {
        "page": str(PAGES / "cafe-bootstrap5-accordion.html"),
        "read_as": "bootstrap",
        "files": [
            {"path": "faq/food.yaml", "category": "Food", "entries": 2},
            {"path": "faq/bookings.yaml", "category": "Bookings", "entries": 1},
        ],
        "not_kept": [
            {
                "kind": "heading",
                "text": "Questions about the cafe",
                "message": "heading not kept: 'Questions about the cafe'",
            }
        ],
    }
    bookings = yaml.safe_load((tmp_path / "faq" / "bookings.yaml").read_text(encoding="utf-8"))
    assert bookings == {
        "category": "Bookings",
        "description": "We take bookings for groups of six or more.",
        "entries": [
            {
                "id": "how-do-i-book-a-table",
                "question": "How do I book a table?",
                "answer": "Email tables@copperkettle.example.",
            }
        ],
    }


def test_a_category_of_no_letters_names_the_file_faq_not_question(
    cli: CliRun, tmp_path: Path
) -> None:
    code, _, err = cli(
        "import", str(PAGES / "tours-intro-and-chrome.html"), "--out", "out", "--category", "???"
    )
    assert code == 0, err
    assert err.splitlines()[0].startswith("wrote out/faq.yaml: 2 entries;")
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["faq.yaml"]


def test_a_page_of_one_question_says_1_entry(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<h2>Is it one?</h2><p>Yes.</p>", encoding="utf-8")
    code, _, err = cli("import", "page.html", "--out", "faq")
    assert code == 0
    assert err == (
        "wrote faq/faq.yaml: 1 entry; check them with `faq-audit validate faq/faq.yaml`\n"
    )


# --------------------------------------------------------------------------- round trip


def _bundled_entries() -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for path in sorted((ROOT / "faq").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries += [(entry["question"], entry["answer"]) for entry in data.get("entries", [])]
    return entries


def _as_html(answer: str) -> str:
    escaped = answer.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(f"<p>{paragraph}</p>" for paragraph in escaped.split("\n\n"))


@pytest.mark.parametrize("answers", ["text", "html"])
def test_a_json_ld_faqpage_of_the_bundled_faq_imports_to_the_same_25_entries(
    answers: str, cli: CliRun, tmp_path: Path
) -> None:
    entries = _bundled_entries()
    assert len(entries) == 25
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": answer if answers == "text" else _as_html(answer),
                },
            }
            for question, answer in entries
        ],
    }
    page = tmp_path / "faq.html"
    page.write_text(
        '<!DOCTYPE html><html><head><script type="application/ld+json">'
        f"{json.dumps(data)}</script></head><body></body></html>",
        encoding="utf-8",
    )
    code, _, err = cli("import", "faq.html", "--out", "imported", "--category", "FAQ")
    assert code == 0, err
    written = yaml.safe_load((tmp_path / "imported" / "faq.yaml").read_text(encoding="utf-8"))
    assert [(e["question"], e["answer"]) for e in written["entries"]] == entries


# --------------------------------------------------------------------------- details


def test_a_relative_link_stays_as_written_without_an_address_for_the_page() -> None:
    from audit.importer import read_page

    page = '<h2>Where is the form?</h2><p>On <a href="/forms/a.pdf">the forms page</a>.</p>'
    assert read_page(page, name="x.html")[0].answer == "On [the forms page](/forms/a.pdf)."
    based = '<base href="https://shop.example/help/">' + page.replace("/forms", "forms")
    assert read_page(based, name="x.html")[0].answer == (
        "On [the forms page](https://shop.example/help/forms/a.pdf)."
    )


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        ("Q: Do you ship?", "A: Yes.", ("Do you ship?", "Yes.")),
        ("Question: Do you ship?", "Answer: Yes.", ("Do you ship?", "Yes.")),
        ("Q. Do you ship?", "A. Yes.", ("Do you ship?", "Yes.")),
        ("Q-tips: are they safe?", "A: Yes.", ("Q-tips: are they safe?", "A: Yes.")),
        ("Do you ship?", "A: Yes.", ("Do you ship?", "A: Yes.")),  # no Q: no A: to take off
    ],
)
def test_q_and_a_prefixes_are_taken_off_only_as_a_pair_and_only_at_the_start(
    question: str, answer: str, expected: tuple[str, str]
) -> None:
    from audit.importer.entries import ImportedEntry, without_prefixes

    entry = without_prefixes(ImportedEntry(question, answer))
    assert (entry.question, entry.answer) == expected


def test_text_that_looks_like_markdown_is_escaped_so_it_reads_back_as_text() -> None:
    from audit.importer import read_page

    page = "<h2>What are the steps?</h2><p>1. Call us.</p><p>- or write.</p><p># 1 seller</p>"
    assert read_page(page, name="x.html")[0].answer == (
        "1\\. Call us.\n\n\\- or write.\n\n\\# 1 seller"
    )


def test_a_text_page_names_each_block_before_its_first_question(cli: CliRun) -> None:
    seed = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"
    code, _, err = cli("import", str(seed), "--out", "faq", "--format", "json")
    assert code == 0
    assert err.splitlines()[1:] == [
        f"faq-audit: {seed}: text outside any question not kept: '{words}'"
        for words in ("Skip to content", "Cart", "Your cart is empty")
    ]


@pytest.mark.parametrize("nesting", ["<table><tr><td>", "<dl><dd>", "<div><ul><li>"])
def test_nesting_whose_inner_end_tags_are_optional_does_not_hit_the_recursion_limit(
    nesting: str,
) -> None:
    from audit.importer import read_page

    page = "<h2>Is it deep?</h2>" + nesting * 3000 + "Very."
    try:
        entries = read_page(page, name="deep.html")
    except PageError as refused:  # an answer indented beyond the limits, said in one line
        assert "\n" not in str(refused)
    else:
        assert entries[0].question == "Is it deep?"


def test_a_page_leaving_out_thousands_of_blocks_names_fifty_and_counts_the_rest() -> None:
    page = "<details><summary>Is it kept?</summary>Yes.</details>" + "<p>Same.</p>" * 3000
    page += "".join(f"<p>Aside {i}.</p>" for i in range(60))
    _, _, notes = read_sections(page, name="many.html")
    assert len(notes) == 51
    assert notes[0].message == "text outside any question not kept: 'Same.' (3,000 times)"
    assert notes[49].message == "text outside any question not kept: 'Aside 48.'"
    assert notes[50].message == "11 more blocks of text or headings outside any question not kept"

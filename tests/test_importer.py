"""The page importer: existing FAQ pages (plain text or HTML) in, one faq/ YAML file out.

Pages are real files under tests/pages/ (a bank, a bike shop, a clinic, a library, a plumber,
a bakery, a gym, a bookshop, a gallery) plus the IMAGE Skincare seed. Expected values are
written out in full so that a change in behaviour shows up as a readable diff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from audit.importer import ImportedEntry, PageError, read_page, to_yaml
from audit.importer.ids import slugify, unique_ids

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"
PAGES = ROOT / "tests" / "pages"
SCHEMA = ROOT / "schemas" / "faq.schema.json"

SEED_CHROME = ["Skip to content", "Cart", "Your cart is empty"]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read(path: Path) -> list[ImportedEntry]:
    return read_page(path.read_text(encoding="utf-8"), name=path.name)


def pairs(entries: list[ImportedEntry]) -> list[tuple[str, str]]:
    return [(entry.question, entry.answer) for entry in entries]


def load_entries(text: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(text)["entries"]
    return entries


@pytest.fixture(scope="module")
def seed_entries() -> list[ImportedEntry]:
    return read(SEED)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


# --------------------------------------------------------------------------- the seed page


def test_seed_yields_25_entries_from_password_reset_to_image_relay_downloads(
    seed_entries: list[ImportedEntry],
) -> None:
    assert len(seed_entries) == 25
    assert seed_entries[0].question == "How do I reset my password?"
    assert seed_entries[-1].question == "How do I download photos and videos in Image Relay?"


def test_seed_page_chrome_appears_in_no_entry(seed_entries: list[ImportedEntry]) -> None:
    for entry in seed_entries:
        lines = [entry.question, *entry.answer.split("\n")]
        for chrome in SEED_CHROME:
            assert chrome not in lines


def test_seed_every_line_survives_verbatim_and_in_order(
    seed_entries: list[ImportedEntry],
) -> None:
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert seed_lines[:3] == SEED_CHROME
    reconstructed: list[str] = []
    for entry in seed_entries:
        reconstructed.append(entry.question)
        reconstructed.extend(line for line in entry.answer.split("\n") if line)
    assert reconstructed == seed_lines[3:]


def test_seed_shipping_answer_keeps_both_paragraphs_exactly(
    seed_entries: list[ImportedEntry],
) -> None:
    by_question = dict(pairs(seed_entries))
    assert by_question["What are shipping options and costs?"] == (
        "We offer $10 flat rate ground shipping on orders under $499 and free shipping on"
        " orders over $500. We also offer overnight and expedited shipping.\n\n"
        "Pricing can be viewed at the time of checkout."
    )


def test_seed_spaced_phone_number_is_kept_verbatim(seed_entries: list[ImportedEntry]) -> None:
    by_question = dict(pairs(seed_entries))
    assert by_question["Do you ship to PO Box or APO/FPO addresses?"] == (
        "We can ship to PO and APO/FPO addresses if you call our Customer Care team and place"
        " your order over the phone.\n\nThey can be reached at (800) 796 - 7546."
    )


def test_seed_questions_quoted_inside_answers_are_not_questions(
    seed_entries: list[ImportedEntry],
) -> None:
    by_question = dict(pairs(seed_entries))
    assert by_question["How do I reset my password?"].startswith(
        'All you have to do is simply click "Forgot your password?" and enter'
    )
    assert by_question["How do I create an account on Image Relay?"] == (
        "Visit https://imageskincare.imagerelay.com and scroll to the bottom of the page until"
        ' you see "NOT A REGISTERED USER?".\n\nClick CREATE AN ACCOUNT.'
    )


def test_seed_read_with_crlf_and_bom_gives_the_same_entries(
    seed_entries: list[ImportedEntry],
) -> None:
    windows = "\ufeff" + SEED.read_text(encoding="utf-8").replace("\n", "  \r\n")
    assert read_page(windows, name=SEED.name) == seed_entries


# --------------------------------------------------------------------------- seed as YAML


def test_seed_yaml_round_trips_every_question_and_answer_exactly(
    seed_entries: list[ImportedEntry],
) -> None:
    loaded = load_entries(to_yaml(seed_entries, category="Help"))
    assert [(item["question"], item["answer"]) for item in loaded] == pairs(seed_entries)


def test_seed_yaml_validates_against_the_faq_schema(
    seed_entries: list[ImportedEntry], validator: Draft202012Validator
) -> None:
    text = to_yaml(seed_entries, category="Help", schema_ref="../schemas/faq.schema.json")
    errors = [error.message for error in validator.iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_seed_yaml_ids_are_unique_slugs_derived_from_the_questions(
    seed_entries: list[ImportedEntry],
) -> None:
    ids = [item["id"] for item in load_entries(to_yaml(seed_entries, category="Help"))]
    assert len(set(ids)) == 25
    assert all(SLUG.match(entry_id) and len(entry_id) <= 60 for entry_id in ids)
    assert ids[:3] == [
        "how-do-i-reset-my-password",
        "how-do-i-update-my-account-information",
        "how-do-i-upgrade-to-a-professional-account-from-a-student",
    ]
    assert "what-is-image-skincares-return-policy" in ids


# --------------------------------------------------------------------------- YAML layout


def test_yaml_layout_is_the_one_used_in_faq_files() -> None:
    entries = [
        ImportedEntry(
            "How do I reset my password?",
            "All you have to do is click reset.\n\nYou will receive an email.",
        ),
        ImportedEntry("Is it free?", "Yes, always."),
        ImportedEntry("Do you have lockers?", ""),
    ]
    text = to_yaml(
        entries, category="Account", schema_ref="../schemas/faq.schema.json", spaced=True
    )
    assert text == (
        "# yaml-language-server: $schema=../schemas/faq.schema.json\n"
        "category: Account\n"
        "entries:\n"
        "  - id: how-do-i-reset-my-password\n"
        "    question: How do I reset my password?\n"
        "    answer: |-\n"
        "      All you have to do is click reset.\n"
        "\n"
        "      You will receive an email.\n"
        "\n"
        "  - id: is-it-free\n"
        "    question: Is it free?\n"
        "    answer: Yes, always.\n"
        "\n"
        "  - id: do-you-have-lockers\n"
        "    question: Do you have lockers?\n"
        "    answer: ''\n"
    )


def test_yaml_description_follows_the_category_as_a_block_when_it_has_paragraphs() -> None:
    entries = [ImportedEntry("Is it free?", "Yes.")]
    text = to_yaml(entries, category="Pricing", description="What it costs.\n\nAnd when.")
    assert text.startswith(
        "category: Pricing\ndescription: |-\n  What it costs.\n\n  And when.\nentries:\n"
    )
    assert yaml.safe_load(text)["description"] == "What it costs.\n\nAnd when."


def test_yaml_without_schema_ref_starts_with_the_category() -> None:
    text = to_yaml([ImportedEntry("Is it free?", "Yes.")], category="Pricing")
    assert text.startswith("category: Pricing\nentries:\n")


def test_yaml_never_folds_long_lines() -> None:
    answer = " ".join(["word"] * 500)
    text = to_yaml([ImportedEntry("Is it long?", answer)], category="Long")
    assert f"    answer: {answer}\n" in text


@pytest.mark.parametrize(
    "answer",
    [
        "No",
        "yes",
        "on",
        "OFF",
        "null",
        "~",
        "1.10",
        "010",
        "0x1F",
        "1_000",
        "2024-01-01",
        "12:30",
        ".inf",
        "- a bullet",
        "# not a comment",
        "key: value",
        "'quoted'",
        '"double"',
        "@handle",
        "`code`",
        "%percent",
        "!important",
        "&anchor",
        "*alias",
        "[link]",
        "{braces}",
        "a | b",
        " leading space",
        "trailing space ",
        "two\nlines",
        "line with trailing space \nnext",
        "  indented first\nsecond",
        "\nstarts with a blank line",
        "ends with a newline\n",
        "tab\there",
        "line\u2028separator",
        "next\x85line",
        "Monday \u2013 Friday, 8:30 am \u2013 6:00 pm",
    ],
)
def test_yaml_answers_that_yaml_would_misread_load_back_as_the_same_string(answer: str) -> None:
    entries = [ImportedEntry("Do you open on Sundays?", answer)]
    loaded = load_entries(to_yaml(entries, category="Hours"))
    assert loaded[0]["answer"] == answer
    assert isinstance(loaded[0]["answer"], str)


def test_yaml_category_that_yaml_would_misread_loads_back_as_the_string() -> None:
    text = to_yaml([ImportedEntry("Is it free?", "Yes.")], category="No")
    assert yaml.safe_load(text)["category"] == "No"


@pytest.mark.parametrize(
    ("entries", "category", "schema_ref"),
    [
        ([], "Help", None),
        ([ImportedEntry("Is it free?", "Yes.")], "  ", None),
        ([ImportedEntry("Is it free?", "Yes.")], "Help", "a.json\nentries: []"),
    ],
)
def test_yaml_refuses_input_that_cannot_make_a_valid_file(
    entries: list[ImportedEntry], category: str, schema_ref: str | None
) -> None:
    with pytest.raises(ValueError):
        to_yaml(entries, category=category, schema_ref=schema_ref)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.text(min_size=1), st.text()), min_size=1, max_size=4),
    st.text(min_size=1).filter(str.strip),
)
def test_yaml_round_trips_any_text_exactly(raw: list[tuple[str, str]], category: str) -> None:
    entries = [ImportedEntry(question, answer) for question, answer in raw]
    for spaced in (False, True):  # a blank line between entries must not join a value
        document = yaml.safe_load(to_yaml(entries, category=category, spaced=spaced))
        assert document["category"] == category
        assert [(item["question"], item["answer"]) for item in document["entries"]] == raw
        assert all(SLUG.match(item["id"]) for item in document["entries"])


# --------------------------------------------------------------------------- plain text


def test_text_page_keeps_its_defects_as_found() -> None:
    assert pairs(read(PAGES / "gym-defects.txt")) == [
        (
            "Can I freeze my membership?",
            "You can freeze your membership for up to 3 months a year.\n"
            "Freezing costs £5 per month.\n\n"
            'Ask at reception and say "Can I freeze?".  We\'ll do the rest.',
        ),
        ("Do you have lockers?", ""),
        ("Is there a joining fee?", "There is no joining fee  -  ever."),
        ("What are your opening hours?", "Mon - Fri: 6am - 10pm\nSat & Sun: 8am - 8pm"),
        (
            "Can I freeze my membership?",
            "Yes, see above.\n\nFollow us on Instagram\n© 2024 Peak Fitness Ltd.",
        ),
    ]


def test_duplicated_question_is_kept_twice_with_suffixed_ids() -> None:
    loaded = load_entries(to_yaml(read(PAGES / "gym-defects.txt"), category="Membership"))
    assert [item["id"] for item in loaded] == [
        "can-i-freeze-my-membership",
        "do-you-have-lockers",
        "is-there-a-joining-fee",
        "what-are-your-opening-hours",
        "can-i-freeze-my-membership-2",
    ]


def test_unanswered_question_is_written_with_an_empty_answer() -> None:
    text = to_yaml(read(PAGES / "gym-defects.txt"), category="Membership")
    assert (
        "  - id: do-you-have-lockers\n    question: Do you have lockers?\n    answer: ''\n" in text
    )
    assert load_entries(text)[1]["answer"] == ""


def test_text_line_ending_in_question_mark_then_quote_is_answer_text() -> None:
    page = 'Intro\n\nHow do I log in?\n\nClick "Forgot password?".\nOr "Help?"\n'
    assert pairs(read_page(page, name="quotes.txt")) == [
        ("How do I log in?", 'Click "Forgot password?".\nOr "Help?"')
    ]


def test_text_keeps_leading_spaces_and_drops_trailing_ones() -> None:
    page = "Cart\n  What sizes do you stock?  \n\n   - Small \n   - Large\t\n\n\n"
    assert pairs(read_page(page, name="sizes.txt")) == [
        ("What sizes do you stock?", "   - Small\n   - Large")
    ]


def test_text_page_without_questions_says_what_was_expected() -> None:
    with pytest.raises(PageError) as caught:
        read(PAGES / "bookshop-no-questions.txt")
    message = str(caught.value)
    assert message == (
        "bookshop-no-questions.txt: no question found in the text; expected each question on"
        " its own line ending in '?', followed by its answer"
    )
    assert "\n" not in message


@pytest.mark.parametrize("page", ["empty.txt", "blank.txt"])
def test_empty_page_raises_page_error(page: str) -> None:
    with pytest.raises(PageError, match=rf"^{re.escape(page)}: the page is empty; expected"):
        read(PAGES / page)


# --------------------------------------------------------------------------- HTML


def test_html_faqpage_json_ld_is_read_where_it_holds_more_answers_than_the_markup() -> None:
    assert pairs(read(PAGES / "bank-faq-jsonld.html")) == [
        (
            "How do I order a replacement debit card?",
            "Call us on 0800 123 456 or visit any branch.\n\n"
            "Your new card arrives within **5 working days**.",
        ),
        (
            "What do I need to open a savings account?",
            "Please bring:\n\n"
            "- a passport or driving licence\n"
            "- a utility bill & a bank statement from the last 3 months\n\n"
            "Joint accounts need both holders present.",
        ),
        ("Are my savings protected?", "Yes. Deposits are protected up to £85,000 per person."),
        (
            "Can I change my standing orders online?",
            "Yes, in online banking go to Payments > Standing orders.\n"  # <br>: a line break
            "Changes made before 3pm take effect the same day.",
        ),
    ]


def test_html_json_ld_inside_graph_and_in_several_scripts_is_imported_in_order() -> None:
    assert pairs(read(PAGES / "bikeshop-jsonld-graph.html")) == [
        (
            "How often should my bike be serviced?",
            "Once a year for most riders.\n\nIf you commute daily, every six months.",
        ),
        (
            "Do you fit tubeless tyres?",
            "Yes \u2013 fitting is free when you buy the tyres from us.\n\n"
            "Bring your own sealant & we'll use it.",
        ),
        (
            "Can I book a repair online?",
            "Yes, at [spokeandchain.example/book](https://spokeandchain.example/book).",
        ),
    ]


def test_html_malformed_json_ld_falls_back_to_the_markup() -> None:
    assert pairs(read(PAGES / "bakery-broken-jsonld.html")) == [
        ("Do you bake gluten-free bread?", "Yes, every Friday, in a separate kitchen."),
        ("Can I order a birthday cake?", "Please order at least 3 days ahead."),
    ]


def test_html_details_summary_is_imported_without_site_chrome() -> None:
    assert pairs(read(PAGES / "clinic-details.html")) == [
        (
            "How do I book an appointment?",
            "Call reception on (020) 7946 0321, or book online.\n\nLines open at 8:00\u00a0am.",
        ),
        (
            "Can I cancel an appointment by text?",
            "Yes. Reply **CANCEL** to your reminder text.\nWe ask for *24 hours'* notice.",
        ),
        (
            "Do you offer travel vaccinations?",
            "- Hepatitis A & B\n- Typhoid\n- Yellow fever (by appointment)",
        ),
        ("Is there parking at the clinic?", ""),
    ]


def test_html_definition_list_is_imported_including_unclosed_and_wrapped_pairs() -> None:
    assert pairs(read(PAGES / "library-dl.html")) == [
        (
            "How many books can I borrow?",
            "Adults can borrow up to 20 items at a time.\n\nChildren's cards allow 10 items.",
        ),
        (
            "Can I renew a loan online?",
            "Yes, up to three times.\n\nItems that someone else has reserved cannot be renewed.",
        ),
        ("Do you charge late fees?", "No \u2014 we stopped charging late fees in 2022."),
        ("Can I donate books?", ""),
    ]


def test_html_question_headings_take_content_up_to_the_next_same_or_higher_heading() -> None:
    assert pairs(read(PAGES / "plumber-headings.html")) == [
        (
            "Do you charge a call-out fee?",
            "Our call-out fee is £60, which includes the first 30 minutes of work.\n\n"
            "Evenings and weekends\n\n"
            "After 6pm and at weekends the fee is £90.",
        ),
        (
            "How quickly can you get to me?",
            "Usually within two hours for emergencies.\n\n- Burst pipes\n- No heating in winter",
        ),
        (
            "Is my boiler covered by a warranty?",
            "Most new boilers come with a 5 to 10 year manufacturer warranty.",
        ),
        ("Why is my boiler making a banging noise?", ""),
    ]


def test_html_without_faq_markup_says_what_was_expected() -> None:
    with pytest.raises(PageError) as caught:
        read(PAGES / "gallery-no-faq.html")
    assert str(caught.value) == (
        "gallery-no-faq.html: no FAQ found in the HTML; expected schema.org Question microdata,"
        " <details> with <summary>, Bootstrap collapse panels, cards or accordion items, USWDS"
        " accordion buttons, buttons with aria-expanded and aria-controls, elements classed as"
        " FAQ questions and answers, a <dl> of <dt>/<dd> pairs, paragraphs starting with 'Q:',"
        " h2-h6 headings ending in '?', or FAQPage JSON-LD"
    )


def test_html_fragment_without_doctype_is_read_as_html() -> None:
    page = "<h2>Do you deliver?</h2>\n<p>Yes, within   5 miles.</p>"
    assert pairs(read_page(page, name="fragment.html")) == [
        ("Do you deliver?", "Yes, within 5 miles.")
    ]


@pytest.mark.parametrize("content", ["article", "section", "main"])
def test_html_question_heading_in_the_header_of_an_article_or_section_is_read(
    content: str,
) -> None:
    page = (
        "<body><header><h2>Can I log in here?</h2><nav>Home</nav></header>"
        f"<{content}><header><h2>How do I pay?</h2></header><p>By card.</p></{content}>"
        f"<{content}><header><h3>Can I return it?</h3><p>Within 30 days.</p></header></{content}>"
        "<footer><h2>Any more questions?</h2></footer></body>"
    )
    assert pairs(read_page(page, name="blog.html")) == [
        ("How do I pay?", "By card."),
        ("Can I return it?", "Within 30 days."),
    ]


def test_html_pre_keeps_its_line_breaks_and_indentation_through_the_yaml() -> None:
    page = (
        "<h2>How do I set the clock?</h2>\n<p>Hold   both\nbuttons.</p>\n"
        "<pre>\nMENU &gt; <b>Settings</b>\n    Clock   \n\n    Alarm<br>  Snooze\n</pre>"
        "<p>Then   release.</p>"
    )
    answer = (
        "Hold both buttons.\n\n"
        "MENU > Settings\n    Clock\n\n    Alarm\n  Snooze\n\n"  # the <pre>, line by line
        "Then release."
    )
    entries = read_page(page, name="clock.html")
    assert pairs(entries) == [("How do I set the clock?", answer)]
    assert load_entries(to_yaml(entries, category="Clock"))[0]["answer"] == answer


def test_html_pre_that_starts_indented_round_trips_through_the_yaml() -> None:
    entries = read_page("<h2>What do I type?</h2><pre>  cd ~\n  make</pre>", name="x.html")
    assert pairs(entries) == [("What do I type?", "  cd ~\n  make")]
    assert load_entries(to_yaml(entries, category="Setup"))[0]["answer"] == "  cd ~\n  make"


@pytest.mark.parametrize(
    ("markup", "answer"),
    [
        ("&#" + "1" * 5000 + ";", "\ufffd"),  # int() refuses 5,000 digits
        ("<![<![x", ""),  # html.parser raised AssertionError
        ("<a href='x", ""),  # a tag the page never ends
        ("<!-- never closed", ""),
        ("<p/>x<div/>y</br>z", "x\n\ny\nz"),  # </br> is a <br>: a line, not a paragraph
    ],
)
def test_html_malformed_markup_is_read_as_a_browser_reads_it(markup: str, answer: str) -> None:
    page = f"<h2>Is it broken?</h2>{markup}"
    assert pairs(read_page(page, name="broken.html")) == [("Is it broken?", answer)]


def test_html_inline_end_tag_does_not_end_the_heading_it_stands_in() -> None:
    # As in a browser: </span> cannot close the <h2> opened inside the <span>.
    page = "<span><h2>Do you ship</span> abroad?</h2><p>Yes.</p>"
    assert pairs(read_page(page, name="span.html")) == [("Do you ship abroad?", "Yes.")]


def test_html_json_ld_answer_list_with_single_question_object_and_typed_list() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": ["FAQPage"],
        "mainEntity": {
            "@type": "Question",
            "name": "Do you price&#8209;match?",
            "acceptedAnswer": [{"@type": "Answer", "text": "<p>Yes.</p><p>Ask in store.</p>"}],
        },
    }
    page = f'<html><script type="application/ld+json">{json.dumps(data)}</script></html>'
    assert pairs(read_page(page, name="shop.html")) == [
        ("Do you price\u2011match?", "Yes.\n\nAsk in store.")
    ]


def test_html_yaml_validates_against_the_faq_schema(validator: Draft202012Validator) -> None:
    entries = read(PAGES / "bank-faq-jsonld.html")
    document = yaml.safe_load(to_yaml(entries, category="Banking"))
    assert [error.message for error in validator.iter_errors(document)] == []


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is IMAGE Skincare's return policy?", "what-is-image-skincares-return-policy"),
        ("What\u2019s included in a service?", "whats-included-in-a-service"),
        ("¿Cómo reservo una cita en la clínica?", "como-reservo-una-cita-en-la-clinica"),
        ("Où se trouve le café?", "ou-se-trouve-le-cafe"),
        (
            "Do you ship to PO Box or APO/FPO addresses?",
            "do-you-ship-to-po-box-or-apo-fpo-addresses",
        ),
        ("  --Is 10% back   real?!--  ", "is-10-back-real"),
        ("予約できますか?", "question"),
        ("?", "question"),
    ],
)
def test_id_is_an_ascii_slug_of_the_question(question: str, expected: str) -> None:
    assert slugify(question) == expected


def test_id_is_truncated_to_60_characters_at_a_hyphen() -> None:
    question = "How do I upgrade to a business account from a professional personal account?"
    assert slugify(question) == "how-do-i-upgrade-to-a-business-account-from-a-professional"
    exactly = "a" * 55 + " bcde fgh?"  # the 61st character is a hyphen
    assert slugify(exactly) == "a" * 55 + "-bcde"


def test_id_of_a_single_overlong_word_is_cut_at_60_characters() -> None:
    assert slugify("x" * 75 + "?") == "x" * 60


def test_ids_are_made_unique_in_page_order() -> None:
    questions = ["Is it free?", "Is it free?", "Is it free 2?", "Is it free?", "Is it free!"]
    assert unique_ids(questions) == [
        "is-it-free",
        "is-it-free-2",
        "is-it-free-2-2",
        "is-it-free-3",
        "is-it-free-4",
    ]


def test_ids_avoid_ids_already_taken_elsewhere() -> None:
    assert unique_ids(["Is it free?"], taken={"is-it-free"}) == ["is-it-free-2"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_id_always_matches_the_schema_slug_pattern(question: str) -> None:
    slug = slugify(question)
    assert SLUG.match(slug)
    assert len(slug) <= 60


# --------------------------------------------------------------------------- robustness

_MARKUP_ALPHABET = st.sampled_from(
    [
        "<details>",
        "</details>",
        "<summary>",
        "</summary>",
        "<dl>",
        "<dt>",
        "<dd>",
        "</dl>",
        "<h2>",
        "</h2>",
        "<h3>",
        "<p>",
        "</p>",
        "<br>",
        "<nav>",
        "</nav>",
        '<script type="application/ld+json">',
        "</script>",
        '{"@type": "FAQPage", "mainEntity": {"name": "Q?"}}',
        "Why?",
        "Answer.",
        "&amp;",
        "\n",
        "\n\n",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_MARKUP_ALPHABET).map("".join)))
def test_read_page_returns_entries_or_raises_page_error_never_an_empty_list(text: str) -> None:
    try:
        entries = read_page(text, name="fuzz")
    except PageError as error:
        assert "\n" not in str(error)
    else:
        assert entries
        assert all(entry.question == entry.question.strip() for entry in entries)


def test_deeply_nested_markup_does_not_hit_the_recursion_limit() -> None:
    page = "<html><body>" + "<b>" * 5000 + "<h2>Is it deep?</h2><p>Very.</p></body></html>"
    assert pairs(read_page(page, name="deep.html")) == [("Is it deep?", "Very.")]

"""The style rules on real YAML files, through the real pipeline and CLI.

Every expected finding is written out (rule, entry, line, words of its message), so a
finding that is not listed (a false alarm) fails the test as surely as a missed one.
The pages under tests/content/style/ come from other trades than skin care (a bank, a
bike shop, a clinic); each holds the cases a rule must flag next to look-alikes it must
leave alone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from audit import engine as pipeline
from audit.config import Config
from audit.model import Finding
from audit.rules import all_rules, review_due
from tests.conftest import ROOT, CliRun

CONTENT = ROOT / "tests" / "content" / "style"

STYLE_RULES = (
    "duplicate-sentence",
    "vague-link-text",
    "stale-term",
    "page-chrome",
    "question-form",
    "url-punctuation",
    "spacing",
    "review-due",
)

Expected = tuple[str, str | None, int, str]  # rule, entry id, line, words of the message


REAL_TODAY = review_due.today


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reviews are measured against one fixed day, so the tests do not age."""
    monkeypatch.setattr(review_due, "today", lambda: dt.date(2025, 6, 30))


def audit(
    path: Path, rules: Iterable[str] = STYLE_RULES, settings: Mapping[str, Any] | None = None
) -> list[Finding]:
    config = Config(rules=dict(settings or {}))
    options = pipeline.Options(select=frozenset(rules), config=config)
    return list(pipeline.audit([path], options).findings)


def assert_findings(found: list[Finding], expected: list[Expected]) -> None:
    got = [(f.rule, f.entry, f.position.line) for f in found]
    assert got == [(rule, entry, line) for rule, entry, line, _ in expected]
    for finding, (_, _, _, words) in zip(found, expected, strict=True):
        assert words in finding.message, (finding.message, words)


@pytest.fixture
def seed_file(seed_yaml: Path) -> Path:
    return seed_yaml


# --------------------------------------------------------------------------- the seed page

SEED_EXPECTED: list[Expected] = [
    # "We accept returns of unopened, unused and resalable retail- size products ..."
    ("spacing", "what-is-image-skincares-return-policy", 65, "'retail- size'"),
    # "... 8:30 am - 6:00 pm EST ( except federal holidays)." (its EN dashes are correct)
    ("spacing", "what-is-image-skincares-return-policy", 71, "'(except', not '( except'"),
    ("url-punctuation", "how-do-i-find-available-specials", 87, "collections/specials"),
    ("stale-term", "what-training-or-education-is-available-to-professionals", 93, "COVID-19"),
    # The download sentence, misplaced in the credentials answer (line 124), is reported
    # there: it shares no word with that question, and five with the download answer's.
    (
        "duplicate-sentence",
        "can-i-use-my-image-professional-log-in-credentials-to-log-in",
        124,
        "'how-do-i-download-photos-and-videos-in-image-relay', at line 153, where it fits",
    ),
    ("vague-link-text", "how-do-i-use-image-relay", 136, "'Click here'"),
    ("url-punctuation", "how-do-i-use-image-relay", 136, "imagerelay.com/share/"),
]


def test_on_the_seed_page_the_style_rules_flag_exactly_its_known_defects(
    seed_file: Path,
) -> None:
    # Not flagged on purpose: "(800) 796 - 7546" (the phone rules own it), the chrome
    # before the first question (the importer drops it), "and more to promote your
    # business" and "Your board will remain private" (no link), the URLs that end a
    # line, the 25 questions, and every entry's review date (the seed has none).
    assert_findings(audit(seed_file), SEED_EXPECTED)


def test_the_misplaced_download_sentence_is_reported_where_it_does_not_fit(
    seed_file: Path,
) -> None:
    (finding,) = audit(seed_file, ["duplicate-sentence"])
    assert (finding.position.line, finding.position.column) == (124, 7)
    (related,) = finding.related
    assert (related.position.line, related.position.column) == (153, 7)
    assert related.message == "the copy that fits its question is here"
    lines = seed_file.read_text(encoding="utf-8").splitlines()
    assert lines[123].strip().startswith("You may also download")
    assert lines[152].strip().startswith("You may also download")


def test_the_seed_phone_number_with_spaced_hyphen_is_left_to_the_phone_rules(
    seed_file: Path,
) -> None:
    lines = [f.position.line for f in audit(seed_file, ["spacing"])]
    phone_line = next(
        number
        for number, line in enumerate(seed_file.read_text(encoding="utf-8").splitlines(), 1)
        if "(800) 796 - 7546" in line
    )
    assert phone_line not in lines
    assert lines == [65, 71]


def test_url_punctuation_points_at_the_full_stop_after_the_url(seed_file: Path) -> None:
    found = audit(seed_file, ["url-punctuation"])
    lines = seed_file.read_text(encoding="utf-8").splitlines()
    for finding in found:
        p = finding.position
        assert lines[p.line - 1][p.column - 1] == "."
        assert (p.end_line, p.end_column) == (p.line, p.column + 1)
        assert finding.fix is None


# --------------------------------------------------------------------------- a bank


def test_vague_link_text_on_a_bank_page() -> None:
    assert_findings(
        audit(CONTENT / "bank.yaml", ["vague-link-text"]),
        [
            ("vague-link-text", "open-account", 7, "'Read more'"),  # "Read more: https://…"
            ("vague-link-text", "find-branch", 14, "'here'"),  # <a href="…">here</a>
            ("vague-link-text", "mobile-app", 21, "'Tap here'"),  # no link in sight
            ("vague-link-text", "mobile-app", 23, "'this link'"),  # [this link](…)
            ("vague-link-text", "card-limits", 62, "'here'"),  # "here:" and the URL below
            # silent: "staff are here to help", "more than 300 ATMs", "available here at
            # every branch", "and more online", "pay bills and more", "Here's what it
            # costs", "For more information, call customer care", "Ask us for more
            # details on https://…" (words stand between "more" and the URL).
        ],
    )


def test_url_punctuation_on_a_bank_page() -> None:
    assert_findings(
        audit(CONTENT / "bank.yaml", ["url-punctuation"]),
        [
            ("url-punctuation", "wire-transfer", 34, "',' right after the link"),
            ("url-punctuation", "wire-transfer", 38, "'!' right after the link"),
            ("url-punctuation", "statements", 51, "www.bank.example/tax"),
            ("url-punctuation", "wikipedia-link", 55, "wiki/Routing_(banking) reads"),
            # silent: "(https://…/fees).", "Rates: https://…" at the end of a line,
            # "<https://…>.", "statement.pdf today", "?topic=statements and",
            # '"https://…/tax".', an email address before a full stop, the HTML href, and
            # a markdown link whose text is its URL: "[https://…](https://…)."
        ],
    )


# --------------------------------------------------------------------------- a bike shop

BIKESHOP_SPACING: list[Expected] = [
    ("spacing", "tune-up", 5, "a space before '?'"),
    ("spacing", "tune-up", 9, "2 spaces in a row"),
    ("spacing", "tune-up", 9, "a space before ','"),
    ("spacing", "tune-up", 11, "'(closed', not '( closed'"),
    ("spacing", "tune-up", 11, "a space before ')'"),
    ("spacing", "order-number", 18, "'10234 - 5567'; write '10234-5567'"),
    ("spacing", "order-number", 22, "'mud- guards'; write 'mud-guards'"),
    ("spacing", "quoted-styles", 32, "2 spaces in a row"),
    ("spacing", "quoted-styles", 32, "'(helmet', not '( helmet'"),
    ("spacing", "single-quoted", 35, "a space before ','"),
    ("spacing", "folded-across-lines", 38, "a space before ','"),
]


def test_spacing_on_a_bike_shop_page() -> None:
    # Silent: "3 - 5 days" and "2019 - 2020" (ranges); "Monday - Friday, 9:00 am - 6:00 pm"
    # (written with EN dashes); "(206) 632 - 3110" (a phone number); "pre- and post-ride"
    # (a suspended hyphen); "e-bikes", ".pdf", ".jpg", ".5%", "Wait for it ...", ":)"; two
    # spaces after a full stop; the indented list lines.
    assert_findings(audit(CONTENT / "bikeshop.yaml", ["spacing"]), BIKESHOP_SPACING)


def test_spacing_offers_no_fix_where_yaml_folded_the_space_out_of_a_line_break() -> None:
    found = audit(CONTENT / "bikeshop.yaml", ["spacing"])
    unfixable = [f.entry for f in found if f.fix is None]
    assert unfixable == ["folded-across-lines"]


def test_page_chrome_on_a_bike_shop_page() -> None:
    assert_findings(
        audit(CONTENT / "bikeshop.yaml", ["page-chrome"]),
        [
            ("page-chrome", "accessories", 46, "'Add to cart'"),
            ("page-chrome", "accessories", 47, "'Menu'"),
            ("page-chrome", "accessories", 48, "'Cart (0)'"),
            ("page-chrome", "accessories", 55, "'Follow us on Instagram'"),
            ("page-chrome", "accessories", 56, "'\u00a9 2024 Spoke & Chain Bicycles'"),
            # silent: "Log in to your account …", "Close the quick-release lever …",
            # "Sign in to book a service": the words are content inside a sentence;
            # "Copyright questions about our photos …" is not a copyright line.
        ],
    )


# --------------------------------------------------------------------------- a clinic


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


def test_duplicate_sentence_on_a_clinic_page() -> None:
    found = audit(CONTENT / "clinic.yaml", ["duplicate-sentence"])
    assert_findings(
        found,
        [
            # differs from the first copy only in spacing and the closing "!"
            ("duplicate-sentence", "walk-ins", 24, "answer of 'insurance-card', at line 14"),
            ("duplicate-sentence", "book-online", 38, "earlier in this answer, at line 34"),
            # silent: "Call us to book." in two answers: four words, under the minimum.
        ],
    )
    assert [f.related[0].position.line for f in found] == [14, 34]


def test_duplicate_sentence_reports_answers_that_are_the_same_text(write: Any) -> None:
    """Equal answers share their (cached) sentences; each copy is still a copy."""
    answer = "You may also download by selecting the arrow on the top left."
    path = write(
        "faq/a.yaml",
        "category: A\nentries:\n"
        + "".join(
            f"  - id: e{n}\n    question: Question {n}?\n    answer: {answer}\n" for n in (1, 2, 3)
        ),
    )
    assert_findings(
        audit(path, ["duplicate-sentence"]),
        [
            ("duplicate-sentence", "e2", 8, "answer of 'e1', at line 5"),
            ("duplicate-sentence", "e3", 11, "answer of 'e1', at line 5"),
        ],
    )


def test_stale_term_on_a_clinic_page() -> None:
    assert_findings(
        audit(CONTENT / "clinic.yaml", ["stale-term"]),
        [
            ("stale-term", "walk-ins", 22, "'Due to COVID-19'"),
            ("stale-term", "book-online", 32, "'pandemic'"),
            # silent: "pandemics" and "coronaviruses" are other words.
        ],
    )


def test_review_due_on_a_clinic_page() -> None:
    # today is 2025-06-30 (see _fixed_today)
    assert_findings(
        audit(CONTENT / "clinic.yaml", ["review-due"]),
        [
            ("review-due", "insurance-card", 12, "last reviewed on 2024-06-29"),
            ("review-due", "walk-ins", 20, "last reviewed on 2024-01-31"),  # unquoted date
            # silent: 2025-05-01 is recent; "soon" is not a date (the schema says so);
            # entries without `reviewed` are not required to have one by default.
        ],
    )


def test_review_due_counts_calendar_months_and_today_is_not_yet_late(write: Any) -> None:
    path = write(
        "faq/dates.yaml",
        "category: Dates\nentries:\n"
        "  - {id: exactly-a-year, question: A?, answer: A., reviewed: '2024-06-30'}\n"
        "  - {id: a-year-and-a-day, question: B?, answer: B., reviewed: '2024-06-29'}\n"
        "  - {id: leap-day, question: C?, answer: C., reviewed: '2024-02-29'}\n",
    )
    assert_findings(
        audit(path, ["review-due"], {"review-due": {"max-age-months": 12}}),
        [
            ("review-due", "a-year-and-a-day", 4, "a review was due on 2025-06-29"),
            ("review-due", "leap-day", 5, "a review was due on 2025-02-28"),
        ],
    )


def test_review_due_measures_from_the_real_date_when_not_patched(
    write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_due, "today", REAL_TODAY)
    now = dt.date.today()
    old, recent = now - dt.timedelta(days=400), now - dt.timedelta(days=30)
    path = write(
        "faq/a.yaml",
        "category: A\nentries:\n"
        f"  - {{id: a, question: A?, answer: A., reviewed: '{old}'}}\n"
        f"  - {{id: b, question: B?, answer: B., reviewed: '{recent}'}}\n",
    )
    (finding,) = audit(path, ["review-due"])
    assert finding.entry == "a" and str(old) in finding.message


# --------------------------------------------------------------------------- options


def test_stale_term_reads_its_terms_from_the_config() -> None:
    found = audit(
        CONTENT / "clinic.yaml", ["stale-term"], {"stale-term": {"terms": ["video visits"]}}
    )
    assert_findings(found, [("stale-term", "book-online", 32, "'video visits'")])


def test_duplicate_sentence_minimum_length_and_ignore_list_are_options() -> None:
    found = audit(
        CONTENT / "clinic.yaml",
        ["duplicate-sentence"],
        {
            "duplicate-sentence": {
                "min-words": 4,
                "ignore": [
                    "please arrive fifteen minutes before your appointment to complete forms",
                    "You can book online or by phone at any time of the day.",
                ],
            }
        },
    )
    assert_findings(found, [("duplicate-sentence", "walk-ins", 26, "'insurance-card'")])


def test_vague_link_text_phrases_are_options() -> None:
    path = CONTENT / "bank.yaml"
    assert (
        audit(path, ["vague-link-text"], {"vague-link-text": {"phrases": [], "anywhere": []}}) == []
    )
    found = audit(
        path, ["vague-link-text"], {"vague-link-text": {"phrases": [], "anywhere": ["here"]}}
    )
    assert [(f.entry, f.position.line) for f in found] == [
        ("open-account", 9),  # "staff are here to help"
        ("find-branch", 14),  # the link's text
        ("find-branch", 16),  # "available here at every branch"
        ("mobile-app", 21),  # "Tap here"
        ("card-limits", 62),  # "listed here:"
    ]


def test_page_chrome_phrases_are_an_option() -> None:
    found = audit(
        CONTENT / "bikeshop.yaml",
        ["page-chrome"],
        {"page-chrome": {"phrases": ["sign in to book a service"], "copyright": False}},
    )
    assert_findings(found, [("page-chrome", "accessories", 52, "'Sign in to book a service'")])


def test_question_form_allows_no_sentence_before_the_question_when_configured() -> None:
    found = audit(
        CONTENT / "clinic.yaml",
        ["question-form"],
        {"question-form": {"max-statements-before": 0}},
    )
    assert ("lost-card", 45) in [(f.entry, f.position.line) for f in found]


def test_url_punctuation_marks_are_an_option() -> None:
    found = audit(
        CONTENT / "bank.yaml", ["url-punctuation"], {"url-punctuation": {"punctuation": "!"}}
    )
    assert_findings(found, [("url-punctuation", "wire-transfer", 38, "'!'")])


def test_spacing_kinds_are_an_option() -> None:
    found = audit(CONTENT / "bikeshop.yaml", ["spacing"], {"spacing": {"checks": ["double-space"]}})
    assert [(f.entry, f.position.line) for f in found] == [("tune-up", 9), ("quoted-styles", 32)]


def test_review_due_can_require_a_date_and_allow_a_longer_interval() -> None:
    found = audit(
        CONTENT / "clinic.yaml",
        ["review-due"],
        {"review-due": {"max-age-months": 16, "require": True}},
    )
    assert_findings(
        found,
        [
            ("review-due", "walk-ins", 20, "more than 16 months ago"),
            ("review-due", "moved", 40, "has no reviewed date"),
            ("review-due", "lost-card", 44, "has no reviewed date"),
            ("review-due", "new-patients", 48, "has no reviewed date"),
            ("review-due", "moving-records", 52, "has no reviewed date"),
            ("review-due", "st-marys-parking", 56, "has no reviewed date"),
        ],
    )


def test_rule_options_in_the_config_file_are_checked(cli: CliRun, write: Any) -> None:
    write("faq/clinic.yaml", (CONTENT / "clinic.yaml").read_text(encoding="utf-8"))
    write("faq-audit.yaml", "rules:\n  review-due:\n    max-age-months: twelve\n")
    code, out, err = cli("validate", "faq", "--select", "review-due")
    assert code == 2 and out == ""
    assert "review-due: 'max-age-months' must be a number" in err
    write("faq-audit.yaml", "rules:\n  stale-term:\n    terms: [video visits]\n")
    code, out, err = cli("validate", "faq", "--select", "stale-term")
    assert code == 0
    assert out.splitlines() == [
        "faq/clinic.yaml:32:40: warning stale-term 'video visits' dates this text to the "
        "time it was written; re-check whether what it says still holds, then update the "
        "sentence or remove it"
    ]


def test_every_style_rule_is_listed_as_a_warning_with_its_documentation(cli: CliRun) -> None:
    rules = all_rules()
    for rule_id in STYLE_RULES:
        assert str(rules[rule_id].severity) == "warning"
        assert rules[rule_id].options, rule_id
        code, out, _ = cli("rules", rule_id)
        assert code == 0
        assert out.startswith(f"{rule_id} (warning)\n\n")
        assert f"\n- `{rule_id}`: " in out  # the module docstring says what it catches
        assert "Options (set under rules: in faq-audit.yaml)" in out


# --------------------------------------------------------------------------- fixing spacing


def test_fix_changes_only_the_reported_spacing_spans_byte_for_byte(
    cli: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "faq" / "bikeshop.yaml"
    path.parent.mkdir()
    shutil.copy(CONTENT / "bikeshop.yaml", path)
    before = path.read_bytes()
    reported = [f.fix for f in audit(path, ["spacing"]) if f.fix is not None]

    code, _, err = cli("fix", "faq", "--select", "spacing")

    assert code == 0
    assert "fixed 10 problems in 1 file" in err
    after = path.read_bytes()
    expected = before
    for old, new in [
        (b"take ?", b"take?"),
        (b"Drop-offs  are", b"Drop-offs are"),
        (b"brakes , gears", b"brakes, gears"),
        (b"( closed on holidays )", b"(closed on holidays)"),
        (b"10234 - 5567", b"10234-5567"),
        (b"mud- guards", b"mud-guards"),
        (b"$30  a day ( helmet", b"$30 a day (helmet"),
        (b"'Yes , and", b"'Yes, and"),
    ]:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert after == expected
    # every changed character lies inside a reported fix span
    text = before.decode("utf-8")
    matcher = difflib.SequenceMatcher(None, text, after.decode("utf-8"), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert any(fix.start <= i1 and i2 <= fix.end for fix in reported), (tag, i1, i2)


def test_a_second_spacing_fix_changes_nothing(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "faq" / "bikeshop.yaml"
    path.parent.mkdir()
    shutil.copy(CONTENT / "bikeshop.yaml", path)
    cli("fix", "faq", "--select", "spacing")
    once = path.read_bytes()

    code, _, err = cli("fix", "faq", "--select", "spacing")

    assert code == 0
    assert "nothing to fix" in err
    assert path.read_bytes() == once
    assert cli("fix", "faq", "--check", "--select", "spacing")[0] == 0
    # only the slip YAML folded out of a line break is still reported, for a person
    assert [f.entry for f in audit(path, ["spacing"])] == ["folded-across-lines"]


def test_fixing_spacing_keeps_windows_line_endings(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "faq" / "a.yaml"
    path.parent.mkdir()
    path.write_bytes(
        b"category: A\r\nentries:\r\n  - id: a\r\n    question: Open on Sunday ?\r\n"
        b"    answer: |-\r\n      Yes  ( noon to 4 pm ).\r\n"
    )
    cli("fix", "faq", "--select", "spacing")
    assert path.read_bytes() == (
        b"category: A\r\nentries:\r\n  - id: a\r\n    question: Open on Sunday?\r\n"
        b"    answer: |-\r\n      Yes (noon to 4 pm).\r\n"
    )


def test_fixing_spacing_on_the_seed_touches_its_two_slips_and_not_the_phone_number(
    cli: CliRun, seed_file: Path
) -> None:
    folder = seed_file.parent / "faq"
    folder.mkdir()
    path = seed_file.rename(folder / "seed.yaml")
    before = path.read_bytes()

    cli("fix", "faq", "--select", "spacing")

    assert path.read_bytes() == before.replace(b"retail- size", b"retail-size").replace(
        b"EST ( except", b"EST (except"
    )
    assert b"(800) 796 - 7546" in path.read_bytes()  # phone-format's to fix, not spacing's
    once = path.read_bytes()
    cli("fix", "faq", "--select", "spacing")
    assert path.read_bytes() == once

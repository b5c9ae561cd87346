"""Phone numbers: found wherever editors write them, and reported only where they are wrong.

Content is real YAML on disk run through the real pipeline: the IMAGE Skincare seed as
imported, and pages from other fields under tests/content/contacts/ (a US hardware store,
a UK bank, a German clinic). Expected findings are written out as (rule, line) lists, so a
change in behaviour shows as a readable diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit import engine
from audit.config import Config, Contact, load_config
from audit.extract.phones import find_phones, phone_spans
from audit.extract.purposes import DEFAULT_PURPOSES, Vocabulary, assign_purposes
from audit.model import Finding
from audit.rules.phones import OTHER_LINE
from tests.conftest import ROOT, CliRun

CONTENT = ROOT / "tests" / "content" / "contacts"
CARE = "+18007967546"


def audit(path: Path, config: Config | None = None) -> list[Finding]:
    result = engine.audit([path], engine.Options(config=config or Config()))
    return [f for f in result.findings if f.rule.startswith("phone-")]


def rule_lines(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.rule, f.position.line) for f in findings]


# --------------------------------------------------------------------------- the seed


def test_all_five_customer_care_numbers_of_the_seed_are_found(seed_yaml: Path) -> None:
    result = engine.audit([seed_yaml])
    found = [
        phone
        for entry in result.corpus.entries
        for text in entry.texts.values()
        for phone in find_phones(text.value, "US")
    ]
    assert [p.raw for p in found].count("(800) 796-7546") == 4
    assert [p.raw for p in found].count("(800) 796 - 7546") == 1
    assert len(found) == 5
    assert {p.e164 for p in found} == {CARE}
    assert all(p.valid for p in found)


def test_the_seed_has_one_phone_finding_on_the_spaced_number_and_its_line(
    seed_yaml: Path,
) -> None:
    lines = seed_yaml.read_text(encoding="utf-8").split("\n")
    (line,) = [n for n, text in enumerate(lines, 1) if "(800) 796 - 7546" in text]
    (finding,) = audit(seed_yaml)
    assert (finding.rule, finding.position.line) == ("phone-format", line)
    assert lines[line - 1][finding.position.column - 1 :].startswith("(800) 796 - 7546")
    assert finding.message == (  # no config: the house style is the seed's own
        '4 of 5 numbers are written like (800) 796-7546; write "(800) 796 - 7546" the same '
        'way: "(800) 796-7546"'
    )
    assert finding.fix is not None and finding.fix.replacement == "(800) 796-7546"


def test_fix_rewrites_only_the_spaced_number_and_a_second_run_changes_nothing(
    cli: CliRun, seed_yaml: Path
) -> None:
    before = seed_yaml.read_bytes()
    code, _, _ = cli("fix", "--check", "--select", "phone-format", str(seed_yaml))
    assert code == 1
    code, _, err = cli("fix", "--select", "phone-format", str(seed_yaml))
    assert code == 0 and "fixed 1 problem in 1 file" in err
    after = seed_yaml.read_bytes()
    assert after == before.replace(b"(800) 796 - 7546", b"(800) 796-7546")
    assert after.count(b"(800) 796-7546") == 5
    code, _, _ = cli("fix", "--select", "phone-format", str(seed_yaml))
    assert code == 0 and seed_yaml.read_bytes() == after
    code, _, _ = cli("fix", "--check", "--select", "phone-format", str(seed_yaml))
    assert code == 0


def test_a_number_folded_across_two_lines_is_reported_without_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "folded.yaml"
    path.write_text(
        "category: Orders\nentries:\n  - id: call-us\n    question: How do I call?\n"
        "    answer: Our customer care team can be reached at (800) 796 -\n"
        "      7546 on weekdays.\n",
        encoding="utf-8",
    )
    (finding,) = audit(path)
    assert (finding.rule, finding.position.line, finding.fix) == ("phone-format", 5, None)


# --------------------------------------------------------------------------- other fields


def test_us_hardware_store_findings() -> None:
    path = CONTENT / "us-hardware.yaml"
    assert rule_lines(audit(path)) == [
        ("phone-inconsistent", 13),  # customer service (800) 555-0142; 555-0199 twice
        ("phone-format", 16),  # 1-800-555-0160 → (800) 555-0160, as 6 of 7 numbers
        ("phone-invalid", 22),  # (555) 123-4567
        ("phone-invalid", 22),  # 999-999-9999
    ]  # silent: "x12" beside "ext. 12" (no style set), SKU, order #, date, zip, price, fax


def test_a_configured_style_also_holds_extensions_to_ext() -> None:
    path = CONTENT / "us-hardware.yaml"
    findings = audit(path, Config(phone_style="national"))
    assert [f.message for f in findings if f.rule == "phone-format"] == [
        'write "(800) 555-0150 x12" as "(800) 555-0150 ext. 12" (house style: national)',
        'write "1-800-555-0160" as "(800) 555-0160" (house style: national)',
    ]


def test_us_hardware_store_messages_say_what_to_write() -> None:
    messages = [f.message for f in audit(CONTENT / "us-hardware.yaml")]
    assert messages == [
        "customer service is given as (800) 555-0142 here, but as (800) 555-0199 in 2 other "
        "places; use one number for customer service, or say what each is for",
        '6 of 7 numbers are written like (800) 555-0199; write "1-800-555-0160" the same way: '
        '"(800) 555-0160"',
        '"(555) 123-4567" is not a valid US number; check it and write the number customers '
        "should call",
        '"999-999-9999" is not a valid US number; check it and write the number customers '
        "should call",
    ]


def test_an_inconsistent_number_points_at_the_first_majority_number() -> None:
    finding = audit(CONTENT / "us-hardware.yaml")[0]
    (related,) = finding.related
    assert (related.position.line, related.position.column) == (7, 38)
    assert related.message == "customer service: (800) 555-0199 is given here"


def test_uk_bank_numbers_in_a_us_run_are_written_in_international_form() -> None:
    findings = audit(CONTENT / "uk-bank.yaml")
    assert rule_lines(findings) == [
        ("phone-format", 10),  # +44 (0)20 7946 0958
        ("phone-inconsistent", 19),  # customer service +44 20 7946 0123 (0958 twice)
        ("phone-invalid", 22),  # +44 11 2345 6789
    ]  # silent: +442079460000 (E.164 is international too), the abroad line, the sort
    # code, the account number, the IBAN
    assert findings[0].message == (
        'write "+44 (0)20 7946 0958" as "+44 20 7946 0958" '
        "(house style: international, for a number outside US)"
    )
    assert findings[2].message.startswith('"+44 11 2345 6789" is not a valid GB number')
    strict = audit(CONTENT / "uk-bank.yaml", Config(phone_style="national"))
    assert [f.position.line for f in strict if f.rule == "phone-format"] == [10, 13]


def test_german_clinic_in_region_de() -> None:
    findings = audit(CONTENT / "de-clinic.yaml", Config(region="DE"))
    assert rule_lines(findings) == [
        ("phone-inconsistent", 13),  # Termine 030 901829; 030 901820 twice
        ("phone-format", 16),  # (030) 901821 → 030 901821
        ("phone-format", 19),  # +49 (0)30 901820 → +49 30 901820, for callers abroad
        ("phone-format", 22),  # +49 30 901822 → 030 901822
    ]  # silent: +49 30 901820 for callers abroad, IBAN, date, postcode, 112, 116117
    assert findings[2].message == (
        'write "+49 (0)30 901820" as "+49 30 901820" '
        "(house style: international, in a sentence for callers abroad)"
    )


def test_with_a_config_contact_its_number_is_the_right_one() -> None:
    care = Contact("customer-service", "(800) 555-0100", None, ("customer service",))
    findings = audit(CONTENT / "us-hardware.yaml", Config(contacts=(care,)))
    inconsistent = [f for f in findings if f.rule == "phone-inconsistent"]
    assert [(f.position.line, f.related) for f in inconsistent] == [(7, ()), (10, ()), (13, ())]
    assert inconsistent[2].message == (
        "customer service's number is (800) 555-0100 (faq-audit.yaml), not (800) 555-0142; "
        "write (800) 555-0100, or correct the contact in faq-audit.yaml"
    )


def test_a_contact_number_that_the_content_uses_silences_the_others_with_it() -> None:
    care = Contact("customer-service", "(800) 555-0199", None, ("customer service",))
    config = Config(path="/srv/site/faq-audit.yaml", contacts=(care,))
    findings = audit(CONTENT / "us-hardware.yaml", config)
    assert [(f.rule, f.position.line) for f in findings if f.rule == "phone-inconsistent"] == [
        ("phone-inconsistent", 13)
    ]


# --------------------------------------------------------------------------- finding numbers


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Call (800) 796-7546 today.", "(800) 796-7546"),
        ("Call (800)796-7546 today.", "(800)796-7546"),
        ("Call 800-796-7546 today.", "800-796-7546"),
        ("Call 800.796.7546 today.", "800.796.7546"),
        ("Call 1-800-796-7546.", "1-800-796-7546"),
        ("Call +1 800 796 7546 today.", "+1 800 796 7546"),
        ("Call 800\u2013796\u20137546 today.", "800\u2013796\u20137546"),
        ("Call 800\u00a0796\u00a07546 today.", "800\u00a0796\u00a07546"),
        ("Call 800 - 796 - 7546 today.", "800 - 796 - 7546"),
        ("Call 8007967546 today.", "8007967546"),
        ("Call (800) 796-7546 ext. 204 today.", "(800) 796-7546 ext. 204"),
        ("Call (800) 796-7546 x12 today.", "(800) 796-7546 x12"),
        ("Call (800) 796-7546 extension 7 today.", "(800) 796-7546 extension 7"),
    ],
)
def test_numbers_are_found_however_editors_space_them(text: str, raw: str) -> None:
    (phone,) = find_phones(text, "US")
    assert (phone.raw, phone.e164, phone.valid) == (raw, CARE, True)
    assert text[phone.start : phone.end] == raw
    assert phone_spans(text, "US") == ((phone.start, phone.end),)


@pytest.mark.parametrize(
    "text",
    [
        "Item SKU 123-456-7890 ships in two days.",
        "Your order #4155552671 has shipped.",
        "Your order number is 800-555-0199.",
        "It shipped on 2024-01-02 to 90210-1234.",
        "It costs $1,299.99 or 10,000 points.",
        "See https://example.com/p/8005550199 for details.",
        "Call 555-0100 from a local phone.",  # no area code: which line depends on the caller
        "Dial 911 in an emergency.",
    ],
)
def test_dates_identifiers_and_prices_are_not_phone_numbers(text: str) -> None:
    assert find_phones(text, "US") == ()


@pytest.mark.parametrize(
    "text",
    [
        "Überweisen Sie an IBAN DE89 3704 0044 0532 0130 00 bis zum 12.03.2024.",
        "Unsere PLZ ist 10115, Notruf 112, Bereitschaftsdienst 116117.",
    ],
)
def test_german_dates_postcodes_and_ibans_are_not_phone_numbers(text: str) -> None:
    assert find_phones(text, "DE") == ()


def test_a_national_number_of_another_country_is_invalid_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "uk.yaml"
    path.write_text(
        "category: Banking\nentries:\n  - id: call\n    question: How do I call?\n"
        "    answer: Call us on 0800 123 456 or visit any branch.\n",
        encoding="utf-8",
    )
    (finding,) = audit(path)
    assert finding.message == (
        '"0800 123 456" is not a valid US number; check it and write the number customers '
        "should call; if it is a number in another country, write it with its country code "
        "(such as +44), or set `region:` in faq-audit.yaml"
    )
    in_gb = audit(path, Config(region="GB"))
    assert [f.message for f in in_gb] == [
        'write "0800 123 456" as "0800 123456" (house style: national)'
    ]


def test_an_invalid_number_needs_a_phone_word_or_a_phone_mark_to_be_reported() -> None:
    assert [p.raw for p in find_phones("Call 999-999-9999 now.", "US")] == ["999-999-9999"]
    assert find_phones("Batch 999-999-9999 is sold out.", "US") == ()
    assert [p.raw for p in find_phones("Batch (555) 123-4567.", "US")] == ["(555) 123-4567"]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("national", "(800) 796-7546 ext. 5"),
        ("dashes", "800-796-7546 ext. 5"),
        ("international", "+1 800-796-7546 ext. 5"),
        ("e164", "+18007967546 ext. 5"),
    ],
)
def test_every_style_writes_extensions_as_ext(style: str, expected: str) -> None:
    (phone,) = find_phones("Call 800.796.7546 x5 today.", "US")
    assert phone.formatted(style, "US") == expected


def test_a_foreign_number_stays_international_in_the_national_styles() -> None:
    (phone,) = find_phones("Call +44 20 7946 0958 x5 today.", "US")
    assert phone.formatted("national", "US") == "+44 20 7946 0958 ext. 5"
    assert phone.formatted("dashes", "US") == "+44 20 7946 0958 ext. 5"
    assert phone.formatted("e164", "US") == "+442079460958 ext. 5"
    assert phone.formatted("national", "GB") == "020 7946 0958 ext. 5"


def test_the_target_of_a_tel_link_is_found_but_not_held_to_the_house_style(
    tmp_path: Path,
) -> None:
    path = tmp_path / "link.yaml"
    path.write_text(
        "category: Orders\nentries:\n  - id: call-us\n    question: How do I call?\n"
        "    answer: Call customer care at [(800) 796-7546](tel:+18007967546).\n",
        encoding="utf-8",
    )
    text = "[(800) 796-7546](tel:+18007967546)"
    assert [p.in_link for p in find_phones(text, "US")] == [False, True]
    assert audit(path) == []


@pytest.mark.parametrize(
    ("style", "line_3"),
    [
        ("dashes", "800-796-7546"),
        ("1-800", "1-800-796-7546"),
        ("international", "+1 800-796-7546"),
        ("e164", "+18007967546"),
    ],
)
def test_the_house_style_comes_from_the_config(tmp_path: Path, style: str, line_3: str) -> None:
    path = tmp_path / "styles.yaml"
    path.write_text(
        "category: Orders\nentries:\n  - id: call-us\n    question: How do I call?\n"
        f"    answer: Call {line_3} or (800) 796-7546 today.\n",
        encoding="utf-8",
    )
    findings = audit(path, Config(phone_style=style))
    assert [f.message for f in findings] == [
        f'write "(800) 796-7546" as "{line_3}" (house style: {style})'
    ]


def test_a_configured_style_is_strict_even_against_the_runs_own_form(tmp_path: Path) -> None:
    path = tmp_path / "dots.yaml"
    path.write_text(
        "category: Orders\nentries:\n  - id: call-us\n    question: How do I call?\n"
        "    answer: Call 800.796.7546 or 800.555.0199 today.\n",
        encoding="utf-8",
    )
    assert audit(path) == []  # no style set: the run's own form is the house style
    strict = audit(path, Config(phone_style="national"))
    assert [f.message for f in strict] == [
        'write "800.796.7546" as "(800) 796-7546" (house style: national)',
        'write "800.555.0199" as "(800) 555-0199" (house style: national)',
    ]


def test_a_page_written_1_800_throughout_can_set_that_style(tmp_path: Path) -> None:
    (tmp_path / "faq-audit.yaml").write_text("phone-style: 1-800\n", encoding="utf-8")
    config = load_config(tmp_path / "faq-audit.yaml")
    assert config.phone_style == "1-800"
    path = tmp_path / "toll-free.yaml"
    path.write_text(
        "category: Orders\nentries:\n  - id: call-us\n    question: How do I call?\n"
        "    answer: Call 1-877-968-3778 or (877) 968-3779 today.\n",
        encoding="utf-8",
    )
    assert [f.message for f in audit(path, config)] == [
        'write "(877) 968-3779" as "1-877-968-3779" (house style: 1-800)'
    ]


def test_the_1_800_style_can_be_chosen_on_the_command_line(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "toll-free.yaml"
    path.write_text(
        "category: Orders\nentries:\n  - id: call-us\n    question: How do I call?\n"
        "    answer: Call (877) 968-3778 today.\n",
        encoding="utf-8",
    )
    code, out, _ = cli("validate", str(path), "--phone-style", "1-800", "--select", "phone-format")
    assert code == 0 and 'as "1-877-968-3778" (house style: 1-800)' in out


def test_without_a_config_no_style_is_set() -> None:
    assert Config().phone_style is None
    assert load_config(None).phone_style is None


# --------------------------------------------------------------------------- purposes


def purposes_of(value: str, vocabulary: Vocabulary | None = None) -> list[str | None]:
    vocabulary = vocabulary or Vocabulary.build((), DEFAULT_PURPOSES)
    spans = [(p.start, p.end) for p in find_phones(value, "US")]
    result = assign_purposes(value, spans, vocabulary, OTHER_LINE)
    return [purpose for purpose, _clause in result]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Please call our customer care team at (800) 796-7546.", ["customer care"]),
        ("(800) 796-7546 is the number of our sales team.", ["sales"]),
        ("Call sales at (800) 555-0150 or support at (800) 555-0160.", ["sales", "support"]),
        ("For sales call (800) 555-0150; for billing call (800) 555-0160.", ["sales", "billing"]),
        ("Customer service: (800) 555-0150 or (800) 555-0160.", ["customer service"] * 2),
        ("Call our sales or support team at (800) 555-0150.", [None]),  # named together
        ("Please call us at (800) 796-7546.", [None]),  # no department
        ("Call (800) 555-0150 and ask for returns or billing.", [None]),
        ("Call (800) 555-0150 x12 for sales. Returns are free.", ["sales"]),  # "x12." is not an end
        ("Call (800) 555-0150 ext. 12 for sales.", ["sales"]),  # neither is "ext."
        ("Fax customer service at (800) 555-0177.", [None]),  # a fax line is another line
        ("Billing is closed. Call (800) 555-0150 today.", [None]),  # another sentence
    ],
)
def test_a_number_takes_the_department_named_next_to_it_in_its_sentence(
    sentence: str, expected: list[str | None]
) -> None:
    assert purposes_of(sentence) == expected


def test_a_contacts_words_name_its_purpose_ahead_of_the_built_in_words() -> None:
    care = Contact("care-desk", "(800) 796-7546", None, ("customer care team",))
    vocabulary = Vocabulary.build((care,), DEFAULT_PURPOSES)
    assert purposes_of("Call our Customer-Care team at (800) 796-7546.", vocabulary) == [
        "care-desk"
    ]
    assert purposes_of("Call sales at (800) 555-0150.", vocabulary) == ["sales"]


def test_without_a_department_nothing_is_compared(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(
        "category: Orders\nentries:\n"
        "  - id: a\n    question: How do I call?\n    answer: Call us at (800) 555-0150.\n"
        "  - id: b\n    question: Who answers?\n    answer: Call us at (800) 555-0160.\n",
        encoding="utf-8",
    )
    assert audit(path) == []


def test_two_numbers_named_side_by_side_are_alternatives_not_a_contradiction(
    tmp_path: Path,
) -> None:
    path = tmp_path / "side.yaml"
    path.write_text(
        "category: Orders\nentries:\n"
        "  - id: a\n    question: How do I call?\n"
        "    answer: Call billing at (800) 555-0150 or (800) 555-0160.\n"
        "  - id: b\n    question: Who answers?\n    answer: Call billing at (800) 555-0150.\n",
        encoding="utf-8",
    )
    assert audit(path) == []


def test_one_against_one_is_still_reported_on_the_later_number(tmp_path: Path) -> None:
    path = tmp_path / "tie.yaml"
    path.write_text(
        "category: Orders\nentries:\n"
        "  - id: a\n    question: How do I call?\n    answer: Call billing at (800) 555-0150.\n"
        "  - id: b\n    question: Who answers?\n    answer: Call billing at (800) 555-0160.\n",
        encoding="utf-8",
    )
    (finding,) = audit(path)
    assert (finding.rule, finding.position.line) == ("phone-inconsistent", 8)
    assert "in 1 other place;" in finding.message


def test_the_purposes_option_replaces_the_built_in_departments(tmp_path: Path) -> None:
    path = tmp_path / "pharmacy.yaml"
    path.write_text(
        "category: Orders\nentries:\n"
        "  - id: a\n    question: How do I call?\n"
        "    answer: Call the dispensary at (800) 555-0150.\n"
        "  - id: b\n    question: Who answers?\n"
        "    answer: Call the dispensary at (800) 555-0160.\n",
        encoding="utf-8",
    )
    assert audit(path) == []
    config = Config(rules={"phone-inconsistent": {"purposes": ["dispensary|pharmacy"]}})
    assert rule_lines(audit(path, config)) == [("phone-inconsistent", 8)]


def test_the_three_phone_rules_are_registered_with_their_severities() -> None:
    from audit.rules import all_rules

    rules = all_rules()
    assert [(rid, str(rules[rid].severity)) for rid in sorted(rules) if "phone" in rid] == [
        ("phone-format", "warning"),
        ("phone-inconsistent", "warning"),
        ("phone-invalid", "error"),
    ]

"""Email addresses: found in text and mailto: links, checked without DNS, and typo'd domains
caught without flagging real domains that happen to look alike.

Content is real YAML on disk run through the real pipeline: the IMAGE Skincare seed as
imported, and pages from other fields under tests/content/contacts/. Expected findings are
written out as (rule, line) lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import engine
from audit.config import Config, Contact
from audit.extract.emails import find_emails, normalize
from audit.extract.urls import web_domains
from audit.model import Finding
from audit.rules.emails import damerau_levenshtein, slip_distance
from tests.conftest import ROOT, CliRun

CONTENT = ROOT / "tests" / "content" / "contacts"
CARE = "customercare@imageskincare.com"


def audit(path: Path, config: Config | None = None) -> list[Finding]:
    result = engine.audit([path], engine.Options(config=config or Config()))
    return [f for f in result.findings if f.rule.startswith("email-")]


def rule_lines(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.rule, f.position.line) for f in findings]


def faq(path: Path, *answers: str) -> Path:
    """A FAQ file with one entry per answer, each answer on line 5 + 3·n."""
    entries = "".join(
        f"  - id: entry-{n}\n    question: Question {n}?\n    answer: {answer}\n"
        for n, answer in enumerate(answers)
    )
    path.write_text(f"category: Contact\nentries:\n{entries}", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the seed


def test_the_seeds_four_addresses_are_found_without_the_sentence_period(
    seed_yaml: Path,
) -> None:
    result = engine.audit([seed_yaml])
    found = [
        (text.value, email)
        for entry in result.corpus.entries
        for text in entry.texts.values()
        for email in find_emails(text.value)
    ]
    assert [email.raw for _value, email in found] == [CARE] * 4
    assert all(email.valid and email.normalized == CARE for _value, email in found)
    after = [value[email.end : email.end + 1] for value, email in found]
    assert after.count(".") == 1  # "…at customercare@imageskincare.com." ends a sentence
    assert audit(seed_yaml) == []


# --------------------------------------------------------------------------- other fields


def test_us_hardware_store_findings() -> None:
    findings = audit(CONTENT / "us-hardware.yaml")
    assert rule_lines(findings) == [
        ("email-format", 31),  # Sales@HardwareStore.COM
        ("email-domain-typo", 34),  # hardwarestore.con
        ("email-domain-typo", 37),  # gmial.com
        ("email-domain-typo", 37),  # yahooo.com
        ("email-invalid", 43),  # returns@hardwarestore
        ("email-inconsistent", 52),  # customer service: service@ here, help@ twice
    ]  # silent: aon.com, hardwarestore.ca, mail.hardwarestore.com, ymail.com, msn.com
    assert [f.message for f in findings] == [
        'write "Sales@HardwareStore.COM" as "sales@hardwarestore.com" (in lower case)',
        '"hardwarestore.con" looks like a typo of "hardwarestore.com" (the domain of the '
        "website addresses in the content); check the address and correct it",
        '"gmial.com" looks like a typo of "gmail.com" (a common email provider); check the '
        "address and correct it",
        '"yahooo.com" looks like a typo of "yahoo.com" (a common email provider); check the '
        "address and correct it",
        '"returns@hardwarestore" is not a valid email address: the part after the @-sign is '
        "not valid. It should have a period. Write the address customers should use.",
        "customer service is given as service@hardwarestore.com here, but as "
        "help@hardwarestore.com in 2 other places; use one address for customer service, or "
        "say what each is for",
    ]
    assert findings[0].fix is not None
    assert findings[0].fix.replacement == "sales@hardwarestore.com"
    assert [r.position.line for r in findings[5].related] == [46]


def test_uk_bank_statement_address_with_a_slipped_country_code() -> None:
    assert rule_lines(audit(CONTENT / "uk-bank.yaml")) == [("email-domain-typo", 31)]


def test_german_clinic_own_domain_typo_but_not_a_short_provider_lookalike() -> None:
    findings = audit(CONTENT / "de-clinic.yaml", Config(region="DE"))
    assert rule_lines(findings) == [("email-domain-typo", 34)]  # not hallo@wbe.de
    assert findings[0].message.startswith(
        '"klinik-beispeil.de" looks like a typo of "klinik-beispiel.de"'
    )


def test_with_a_config_contact_its_address_is_the_right_one() -> None:
    care = Contact("customer-service", None, "care@hardwarestore.com", ("customer service",))
    findings = audit(CONTENT / "us-hardware.yaml", Config(contacts=(care,)))
    inconsistent = [f for f in findings if f.rule == "email-inconsistent"]
    assert [f.position.line for f in inconsistent] == [46, 49, 52]
    assert inconsistent[0].message == (
        "customer service's address is care@hardwarestore.com (faq-audit.yaml), not "
        "help@hardwarestore.com; write care@hardwarestore.com, or correct the contact in "
        "faq-audit.yaml"
    )


def test_a_contacts_domain_is_an_own_domain_for_typos(tmp_path: Path) -> None:
    path = faq(tmp_path / "a.yaml", "Write to care@brandshop.cmo for help.")
    assert audit(path) == []  # nothing to compare with
    care = Contact("care", None, "care@brandshop.com", ("care",))
    (finding,) = audit(path, Config(contacts=(care,)))
    assert finding.message == (
        '"brandshop.cmo" looks like a typo of "brandshop.com" (the domain of care\'s '
        "address); check the address and correct it"
    )


# --------------------------------------------------------------------------- finding addresses


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("Write to care@example.com.", ["care@example.com"]),
        ("Write to care@example.com, or call.", ["care@example.com"]),
        ("Write to (care@example.com) today", ["care@example.com"]),
        ('Write to "care@example.com" today', ["care@example.com"]),
        ("[Write to us](mailto:care@example.com?subject=Hi)", ["care@example.com"]),
        ('<a href="mailto:care@example.com">care@example.com</a>', ["care@example.com"] * 2),
        ("E-mail:care@example.com;sales@example.com", ["care@example.com", "sales@example.com"]),
        ("Follow @imageskincare and see https://medium.com/@brand", []),
        ("Log in at https://user:secret@example.com/admin", []),
        ("The logo@2x.png file is on the press page.", []),
        ("Write to john..doe@example.com", ["john..doe@example.com"]),
    ],
)
def test_addresses_are_found_without_the_punctuation_around_them(
    text: str, raws: list[str]
) -> None:
    found = find_emails(text)
    assert [e.raw for e in found] == raws
    assert all(text[e.start : e.end] == e.raw for e in found)


def test_a_mailto_target_is_marked_as_a_link() -> None:
    found = find_emails("[care@example.com](mailto:care@example.com)")
    assert [e.in_link for e in found] == [False, True]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("care@imageskincare", "It should have a period."),
        ("john..doe@example.com", "two periods in a row"),
        ("care@-example.com", "hyphen immediately after the @-sign"),
        ("care@example_shop.com", "invalid characters"),
    ],
)
def test_an_invalid_address_is_reported_with_the_validators_reason(
    tmp_path: Path, address: str, reason: str
) -> None:
    (finding,) = audit(faq(tmp_path / "a.yaml", f"Write to {address} today."))
    assert finding.rule == "email-invalid"
    assert finding.message.startswith(f'"{address}" is not a valid email address: ')
    assert reason in finding.message


def test_normalize_lowercases_the_domain_and_keeps_the_mailbox() -> None:
    assert normalize("CustomerCare@ImageSkincare.COM") == "CustomerCare@imageskincare.com"
    assert normalize("not-an-address") is None


def test_web_domains_are_read_without_www() -> None:
    assert web_domains("See https://www.Shop.example.com/x and www.brand.de/help.") == (
        "shop.example.com",
        "brand.de",
    )


# --------------------------------------------------------------------------- email-format


def test_an_upper_case_domain_is_fixed_to_the_normalized_form_and_nothing_else(
    cli: CliRun, tmp_path: Path
) -> None:
    path = faq(
        tmp_path / "faq.yaml",
        "Write to CustomerCare@ImageSkincare.COM.   # keep this comment",
        "'Or use [mail](mailto:CustomerCare@ImageSkincare.COM), it''s fine.'",
    )
    before = path.read_text(encoding="utf-8")
    (first, second) = audit(path)
    assert first.message == (
        'write "CustomerCare@ImageSkincare.COM" as "CustomerCare@imageskincare.com" '
        "(the domain in lower case)"
    )
    assert rule_lines([first, second]) == [("email-format", 5), ("email-format", 8)]
    code, _, _ = cli("fix", "--check", "--select", "email-format", str(path))
    assert code == 1
    code, _, _ = cli("fix", "--select", "email-format", str(path))
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("ImageSkincare.COM", "imageskincare.com")
    code, _, _ = cli("fix", "--check", "--select", "email-format", str(path))
    assert code == 0 and audit(path) == []


def test_a_valid_address_in_normalized_form_is_not_flagged(tmp_path: Path) -> None:
    assert audit(faq(tmp_path / "a.yaml", "Write to CustomerCare@imageskincare.com.")) == []


# --------------------------------------------------------------------------- email-domain-typo


def test_damerau_levenshtein_counts_a_swap_as_one_edit() -> None:
    assert damerau_levenshtein("gmial.com", "gmail.com") == 1
    assert damerau_levenshtein("yahooo.com", "yahoo.com") == 1
    assert damerau_levenshtein("hotmal.com", "hotmail.com") == 1
    assert damerau_levenshtein("abc", "abc") == 0
    assert damerau_levenshtein("", "abc") == 3
    assert damerau_levenshtein("ca", "abc") == 3  # optimal string alignment, not unrestricted


@pytest.mark.parametrize(
    ("domain", "reference"),
    [
        ("gmial.com", "gmail.com"),
        ("gmail.con", "gmail.com"),
        ("gmail.co", "gmail.com"),
        ("hotmial.com", "hotmail.com"),
        ("outlok.com", "outlook.com"),
        ("aol.con", "aol.com"),  # a short name, but only the top-level domain slipped
        ("imageskincare.con", "imageskincare.com"),
        ("imagesk1ncare.com", "imageskincare.com"),
        ("comcast.nte", "comcast.net"),
    ],
)
def test_slips_of_a_known_domain_are_typos(domain: str, reference: str) -> None:
    assert slip_distance(domain, reference) is not None


@pytest.mark.parametrize(
    ("domain", "reference"),
    [
        ("aon.com", "aol.com"),  # a real other company: short names are all real
        ("msm.com", "msn.com"),
        ("love.com", "live.com"),
        ("example.de", "example.com"),  # another real top-level domain is a choice
        ("example.ca", "example.com"),
        ("gmail.com", "gmail.com"),
        ("imskincare.com", "imageskincare.com"),  # three edits
        ("gmailer.com", "gmail.com"),  # two edits in a five-letter name
    ],
)
def test_real_lookalike_domains_are_not_typos(domain: str, reference: str) -> None:
    assert slip_distance(domain, reference) is None


@pytest.mark.parametrize(
    "answer",
    [
        "Write to claims@aon.com about your policy.",
        "Write to a@ymail.com, b@email.com, c@mail.com or d@me.com.",
        "Write to events@mail.brand-shop.com or shop@brand-shop.com or x@brand-shop.com.",
        "Our Canadian shop is care@brand-shop.ca; the US one is care@brand-shop.com.",
    ],
)
def test_known_providers_subdomains_and_other_countries_stay_silent(
    tmp_path: Path, answer: str
) -> None:
    assert audit(faq(tmp_path / "a.yaml", answer)) == []


def test_the_most_used_own_domain_is_the_reference_and_a_tie_says_nothing(
    tmp_path: Path,
) -> None:
    tie = faq(tmp_path / "tie.yaml", "Write to a@brandshop.com or b@brandshop.cm today.")
    assert audit(tie) == []
    path = faq(
        tmp_path / "most.yaml",
        "Write to a@brandshop.com or b@brandshop.com or c@brandshop.cm today.",
    )
    (finding,) = audit(path)
    assert finding.message == (
        '"brandshop.cm" looks like a typo of "brandshop.com" (the domain of 2 other addresses '
        "in the content); check the address and correct it"
    )


def test_a_slipped_top_level_domain_is_never_the_reference(tmp_path: Path) -> None:
    path = faq(
        tmp_path / "a.yaml",
        "Write to a@brandshop.con, b@brandshop.con or c@brandshop.com today.",
    )
    assert audit(path) == []  # not: "brandshop.com looks like a typo of brandshop.con"


def test_the_providers_option_replaces_the_built_in_list(tmp_path: Path) -> None:
    path = faq(tmp_path / "a.yaml", "Write to jane@postbx.example today.")
    assert audit(path) == []
    config = Config(rules={"email-domain-typo": {"providers": ["postbox.example"]}})
    assert rule_lines(audit(path, config)) == [("email-domain-typo", 5)]


# --------------------------------------------------------------------------- email-inconsistent


def test_different_departments_may_have_different_addresses(tmp_path: Path) -> None:
    path = faq(
        tmp_path / "a.yaml",
        "Email sales at sales@brandshop.com today.",
        "Email billing at accounts@brandshop.com today.",
        "Email sales at sales@brandshop.com or billing at accounts@brandshop.com today.",
    )
    assert audit(path) == []


def test_two_addresses_for_one_department_are_reported_on_the_rarer(tmp_path: Path) -> None:
    path = faq(
        tmp_path / "a.yaml",
        "Email billing at accounts@brandshop.com today.",
        "Email billing at billing@brandshop.com today.",
        "Please email our billing team at Accounts@brandshop.com with the invoice.",
    )
    findings = audit(path)
    assert rule_lines(findings) == [("email-inconsistent", 8)]
    assert [r.position.line for r in findings[0].related] == [5]


# --------------------------------------------------------------------------- fixing is exact

WORDS = st.sampled_from(["write", "to", "our", "team", "at", "today", "or", "call"])
DEFECTS = st.sampled_from(
    ["care@EXAMPLE.COM", "care@example.com", "Info@Shop.Example.COM", "(800) 796 - 7546"]
)
STYLES = st.sampled_from(["plain", "single", "double", "literal", "folded", "plain-multi"])


def _render(text: str, style: str) -> str:
    if style == "plain":
        return f"    answer: {text}\n"
    if style == "single":
        return f"    answer: '{text}'\n"
    if style == "double":
        return f'    answer: "{text}"\n'
    words = text.split(" ")
    half = max(1, len(words) // 2)
    first, second = " ".join(words[:half]), " ".join(words[half:])
    if style == "plain-multi":
        return f"    answer: {first}\n" + (f"      {second}\n" if second else "")
    header = "|-" if style == "literal" else ">-"
    return f"    answer: {header}\n      {first}\n" + (f"      {second}\n" if second else "")


@st.composite
def documents(draw: Any) -> str:
    out = "category: Generated\nentries:\n"
    for n in range(draw(st.integers(min_value=1, max_value=3))):
        parts = draw(st.lists(st.one_of(WORDS, DEFECTS), min_size=1, max_size=10))
        out += f"  - id: entry-{n}\n    question: Question {n}?\n"
        out += _render(" ".join(parts) + " today.", draw(STYLES))
    return out


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=documents())
def test_fixing_addresses_and_numbers_touches_only_their_spans_and_then_holds(
    cli: CliRun, tmp_path: Path, document: str
) -> None:
    path = tmp_path / "generated.yaml"
    path.write_text(document, encoding="utf-8")
    rules = "email-format,phone-format"
    result = engine.audit([path], engine.Options(select=frozenset(rules.split(","))))
    fixes = sorted((f.fix.start, f.fix.end, f.fix.replacement) for f in result.findings if f.fix)
    expected, cursor = "", 0
    for start, end, replacement in fixes:
        expected += document[cursor:start] + replacement
        cursor = end
    expected += document[cursor:]
    cli("fix", "--select", rules, str(path))
    assert path.read_text(encoding="utf-8") == expected
    code, _, _ = cli("fix", "--check", "--select", rules, str(path))
    assert code == 0

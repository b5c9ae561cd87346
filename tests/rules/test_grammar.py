"""The `grammar` family: a few frequent slips, and no false alarm on correct sentences.

Every test writes real YAML files and runs them through the real pipeline, so positions,
messages and fixes are checked as a user sees them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import engine
from audit.config import Config, ConfigError, load_config
from audit.fix import apply as fixer
from audit.model import Finding, Severity
from audit.rules import all_rules, config_problems, documentation, members
from tests.conftest import ROOT

CONTENT = ROOT / "tests" / "content" / "grammar"
GRAMMAR = frozenset({"grammar"})  # the family id: its three rules
RULE_OF_CHECK = {
    "agreement": "grammar-agreement",
    "articles": "grammar-articles",
    "repeated-words": "grammar-repeated-words",
    "its": "grammar-its",
    "your": "grammar-your",
}


def _lines(name: str) -> list[str]:
    text = (CONTENT / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


CORRECT = _lines("correct.txt")
# Correct sentences for each of the later checks, with the words it judges in every line.
CORRECT_ITS = _lines("correct-its.txt")
CORRECT_YOUR = _lines("correct-your.txt")
CORRECT_EACH = _lines("correct-each.txt")


@dataclass(frozen=True)
class Slip:
    check: str
    words: str
    sentence: str


INCORRECT = [
    Slip(*(part.strip() for part in line.split(" | ", 2))) for line in _lines("incorrect.txt")
]


def faq_yaml(answers: Sequence[str]) -> str:
    """One entry per answer, each answer a literal block: its lines stand in the file as written."""
    parts = ["category: Test\nentries:\n"]
    for number, answer in enumerate(answers, 1):
        body = "".join(f"      {line}\n" if line else "\n" for line in answer.split("\n"))
        parts.append(
            f"  - id: s{number}\n    question: Is this entry {number} right?\n"
            f"    answer: |-\n{body}"
        )
    return "".join(parts)


def audit(path: Path, config: Config | None = None) -> list[Finding]:
    options = engine.Options(select=GRAMMAR, config=config or Config())
    return list(engine.audit([path], options).findings)


def flagged(path: Path, finding: Finding) -> str:
    """The file's characters a finding points at (one line)."""
    p = finding.position
    assert p.end_line == p.line and p.end_column is not None
    return path.read_text(encoding="utf-8").splitlines()[p.line - 1][
        p.column - 1 : p.end_column - 1
    ]


def describe(path: Path, findings: Sequence[Finding]) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [f"{lines[f.position.line - 1].strip()}  →  {f.message}" for f in findings]


# --------------------------------------------------------------------------- the seed


def test_on_the_seed_only_the_agreement_slip_is_reported(seed_yaml: Path) -> None:
    path = seed_yaml
    findings = audit(path)

    assert [(f.rule, f.entry, f.position.line, f.position.column) for f in findings] == [
        ("grammar-agreement", "can-i-add-an-item-to-an-order-i-have-already-placed", 35, 12)
    ]
    (finding,) = findings
    assert (finding.position.end_line, finding.position.end_column) == (35, 21)
    assert path.read_text(encoding="utf-8").splitlines()[34] == (
        "      Once order are placed it is automatically sent to our fulfillment center to "
        "ensure you receive your skin care as quick as possible."
    )
    assert flagged(path, finding) == "order are"
    assert finding.message == (
        'agreement: "order are": "order" is singular but "are" is plural; '
        'write "orders are" or "an order is"'
    )
    assert str(finding.severity) == "warning"
    assert finding.fix is None  # which of the two fixes is right is for a person to decide


# --------------------------------------------------------------------------- no false alarms


def test_the_correct_corpus_is_large_and_varied() -> None:
    assert len(CORRECT) >= 300
    assert len(set(CORRECT)) == len(CORRECT)
    for tricky in (
        "an hour",
        "a user",
        "a one-year warranty",
        "an MBA",
        "an 18-month plan",
        "a U-turn",
        "Once orders are placed",
        "When payment is received",
        "If items are missing",
        "Our news is",
        "had had",
        "that that",
    ):
        assert any(tricky in sentence for sentence in CORRECT), tricky


def test_no_finding_on_any_correct_sentence(tmp_path: Path) -> None:
    path = tmp_path / "correct.yaml"
    path.write_text(faq_yaml(CORRECT), encoding="utf-8")
    findings = audit(path)
    assert describe(path, findings) == []


def test_no_finding_on_the_correct_corpus_as_one_folded_answer(tmp_path: Path) -> None:
    """Sentences run together, wrapped at arbitrary places: positions differ, findings do not."""
    words = " ".join(CORRECT).split()
    lines = [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)]
    folded = "".join(f"      {line}\n" for line in lines)
    path = tmp_path / "folded.yaml"
    path.write_text(
        "category: Test\nentries:\n  - id: all\n    question: All right?\n"
        f"    answer: >-\n{folded}",
        encoding="utf-8",
    )
    assert [f.message for f in audit(path)] == []


@pytest.mark.parametrize(
    ("name", "sentences", "judged", "tricky"),
    [
        (
            "its",
            CORRECT_ITS,
            ("it's", "it\u2019s", "its"),
            (
                "it's been shipped",
                "it's ours",
                "keeps its color",
                "Turn it on and it's ready",
                "Once charged it's ready",
                "If lost it's replaced",
                "Tests show it's effective",
                "It's color-coded",
            ),
        ),
        (
            "your",
            CORRECT_YOUR,
            ("your", "you're"),
            (
                "your going-away gift",
                "your shipping address",
                "Your ordering history",
                "Your being charged twice",
                "your welcome.",
                "Your welcome pack",
                "Your registered address",
                "your going to the clinic",
                "You're going to love",
            ),
        ),
        (
            "each",
            CORRECT_EACH,
            ("each", "every"),
            (
                "Each of the orders is",
                "They each are priced",
                "Orders, returns and exchanges each are",
                "Each of the orders that are late is",
                "Prices for every item are",
                '"each of the orders are late"',
                "Are each of the orders checked?",
            ),
        ),
    ],
)
def test_each_later_check_has_a_large_corpus_of_correct_sentences(
    name: str, sentences: list[str], judged: tuple[str, ...], tricky: tuple[str, ...]
) -> None:
    assert len(sentences) >= 95, name
    assert len(set(sentences)) == len(sentences)
    for sentence in sentences:
        assert any(word in sentence.lower() for word in judged), sentence
    for words in tricky:
        assert any(words in sentence for sentence in sentences), words


@pytest.mark.parametrize("name", ["its", "your", "each"])
def test_no_finding_on_any_correct_sentence_of_the_later_checks(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"correct-{name}.yaml"
    path.write_text(faq_yaml(_lines(f"correct-{name}.txt")), encoding="utf-8")
    assert describe(path, audit(path)) == []


# --------------------------------------------------------------------------- slips


def test_the_incorrect_list_covers_every_check() -> None:
    assert len(INCORRECT) >= 40
    assert {slip.check for slip in INCORRECT} == set(RULE_OF_CHECK)
    assert len({slip.sentence for slip in INCORRECT}) == len(INCORRECT)


@pytest.mark.parametrize("slip", INCORRECT, ids=[slip.sentence for slip in INCORRECT])
def test_each_slip_is_reported_on_its_words(slip: Slip, tmp_path: Path) -> None:
    path = tmp_path / "slip.yaml"
    path.write_text(faq_yaml([slip.sentence]), encoding="utf-8")

    findings = audit(path)

    assert len(findings) == 1, describe(path, findings)
    (finding,) = findings
    assert finding.position.line == 6
    assert flagged(path, finding) == slip.words
    assert finding.message.startswith(f'{slip.check}: "{slip.words}": ')
    assert finding.entry == "s1"


def test_all_slips_in_one_file_are_reported_each_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "slips.yaml"
    path.write_text(faq_yaml([slip.sentence for slip in INCORRECT]), encoding="utf-8")
    findings = audit(path)
    got = [(f.position.line, f.message.split(":")[0], flagged(path, f)) for f in findings]
    assert got == [(6 + 4 * i, s.check, s.words) for i, s in enumerate(INCORRECT)]


@pytest.mark.parametrize(
    ("sentence", "suggestion"),
    [
        ("It takes about a hour.", 'write "an hour"'),
        ("An user can sign in.", 'write "A user"'),
        ("Once order are placed it ships.", 'write "orders are" or "an order is"'),
        ("Payment have to be made.", 'write "Payments have" or "A payment has"'),
        (
            "When invoice aren't paid we remind you.",
            'write "invoices aren\'t" or "an invoice isn\'t"',
        ),
        ("There was 2 orders.", 'write "There were 2 orders"'),
        ("Click the the button.", 'remove the second "the"'),
    ],
)
def test_the_message_says_what_to_write(sentence: str, suggestion: str, tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(faq_yaml([sentence]), encoding="utf-8")
    (finding,) = audit(path)
    assert finding.message.endswith(suggestion)


# --------------------------------------------------------------------------- fixes


def test_only_repeated_words_carry_a_fix_and_it_removes_the_second_copy(tmp_path: Path) -> None:
    path = tmp_path / "fix.yaml"
    path.write_text(
        "category: Test\nentries:\n"
        "  - id: a\n    question: Can I pay by by card?\n"
        "    answer: Click the the button. It takes a hour. Once order are placed it ships.\n",
        encoding="utf-8",
    )
    findings = audit(path)
    fixes = {f.message.split(":")[0]: f.fix for f in findings}
    assert sorted(f.message.split(":")[0] for f in findings) == [
        "agreement",
        "articles",
        "repeated-words",
        "repeated-words",
    ]
    assert fixes["agreement"] is None and fixes["articles"] is None
    text = path.read_text(encoding="utf-8")
    fixed, applied = fixer.apply(text, [f.fix for f in findings if f.fix is not None])
    assert len(applied) == 2
    assert fixed == text.replace("by by", "by").replace("the the", "the")
    assert [f.fix.description for f in findings if f.fix] == [
        'remove the repeated "by"',
        'remove the repeated "the"',
    ]
    path.write_text(fixed, encoding="utf-8")
    assert [f.message.split(":")[0] for f in audit(path)] == ["articles", "agreement"]


def test_a_word_repeated_across_a_line_break_is_reported_over_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "wrap.yaml"
    path.write_text(
        "category: Test\nentries:\n  - id: a\n    question: Wrapped?\n"
        "    answer: >-\n      Sign in and click the\n      the button to continue.\n",
        encoding="utf-8",
    )
    (finding,) = audit(path)
    p = finding.position
    assert (p.line, p.column, p.end_line, p.end_column) == (6, 25, 7, 10)
    assert finding.message.startswith('repeated-words: "the the": ')
    # the span is folded in the file: no mechanical fix, a person joins the lines
    assert finding.fix is None


def test_a_paragraph_break_between_two_equal_words_is_not_a_repetition(tmp_path: Path) -> None:
    path = tmp_path / "paragraphs.yaml"
    path.write_text(faq_yaml(["Orders ship from our main warehouse\n\nwarehouse staff pack them."]))
    assert audit(path) == []


# --------------------------------------------------------------------------- where it looks


def test_questions_are_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "question.yaml"
    path.write_text(
        "category: Test\nentries:\n  - id: a\n    question: Can I get a refund in a hour?\n"
        "    answer: Yes.\n",
        encoding="utf-8",
    )
    (finding,) = audit(path)
    assert (finding.position.line, finding.position.column) == (4, 37)
    assert flagged(path, finding) == "a hour"


def test_quoted_text_urls_addresses_and_code_are_not_judged(tmp_path: Path) -> None:
    path = tmp_path / "verbatim.yaml"
    path.write_text(
        faq_yaml(
            [
                'The button still reads "Add a item" in the old app.',
                "Visit https://example.com/the the page.",
                "Write to the.the@example.com for help.",
                "Type `to to` in the search box.",
            ]
        ),
        encoding="utf-8",
    )
    assert audit(path) == []


# --------------------------------------------------------------------------- options


def test_each_slip_is_reported_under_the_rule_of_its_check(tmp_path: Path) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(faq_yaml(["Click the the button. It takes a hour. Once order are placed."]))
    findings = audit(path)
    assert [f.rule for f in findings] == [
        "grammar-repeated-words",
        "grammar-articles",
        "grammar-agreement",
    ]
    assert [RULE_OF_CHECK[f.message.split(":")[0]] for f in findings] == [f.rule for f in findings]


def _grammar_findings(path: Path, config: Config) -> list[tuple[str, str]]:
    """What a run with every rule reports of the grammar family, with severities."""
    result = engine.audit([path], engine.Options(config=config))
    return [(f.rule, str(f.severity)) for f in result.findings if f.rule.startswith("grammar")]


def test_the_config_turns_off_one_grammar_rule_or_the_family(tmp_path: Path) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(faq_yaml(["Click the the button. It takes a hour. Once order are placed."]))
    config = Config(rules={"grammar-articles": {"severity": "off"}})
    assert _grammar_findings(path, config) == [
        ("grammar-repeated-words", "warning"),
        ("grammar-agreement", "warning"),
    ]
    config = Config(rules={"grammar": {"severity": "error"}})
    assert [severity for _, severity in _grammar_findings(path, config)] == ["error"] * 3
    config = Config(rules={"grammar": {"enabled": False}})
    assert _grammar_findings(path, config) == []
    # a rule's own settings come before its family's
    config = Config(
        rules={"grammar": {"severity": "off"}, "grammar-articles": {"severity": "info"}}
    )
    assert _grammar_findings(path, config) == [("grammar-articles", "info")]


def test_select_and_ignore_take_the_family_id_or_one_rule(tmp_path: Path) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(faq_yaml(["Click the the button. It takes a hour. Once order are placed."]))

    def rules(select: frozenset[str] | None, ignore: frozenset[str] = frozenset()) -> list[str]:
        options = engine.Options(select=select, ignore=ignore)
        return sorted({f.rule for f in engine.audit([path], options).findings})

    family = ["grammar-agreement", "grammar-articles", "grammar-repeated-words"]
    assert rules(GRAMMAR) == family
    assert rules(frozenset({"grammar-articles"})) == ["grammar-articles"]
    assert rules(GRAMMAR, frozenset({"grammar-articles"})) == [
        "grammar-agreement",
        "grammar-repeated-words",
    ]
    assert not set(family) & set(rules(None, GRAMMAR))
    assert set(family) <= set(rules(None))


def test_a_grammar_suppression_silences_the_whole_family(tmp_path: Path) -> None:
    path = tmp_path / "three.yaml"
    text = faq_yaml(["Click the the button. It takes a hour. Once order are placed."])
    comment = "  # faq-audit: ignore[{}] quoted from a customer\n  - id: s1"
    path.write_text(text.replace("  - id: s1", comment.format("grammar")))
    assert audit(path) == []
    path.write_text(text.replace("  - id: s1", comment.format("grammar-articles")))
    assert [f.rule for f in audit(path)] == ["grammar-repeated-words", "grammar-agreement"]


def test_allow_option_accepts_phrases(tmp_path: Path) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(faq_yaml(["Read a hour guide. Our order are placed early. The the end."]))
    config = Config(rules={"grammar": {"allow": ["A HOUR", "our order are", "the the end"]}})
    assert audit(path, config) == []
    config = Config(rules={"grammar": {"allow": ["a hour guide"]}})
    assert [flagged(path, f) for f in audit(path, config)] == ["The the"]


def test_the_retired_checks_option_is_a_config_error_that_names_the_rules(tmp_path: Path) -> None:
    config = tmp_path / "faq-audit.yaml"
    config.write_text("rules:\n  grammar:\n    checks: [articles]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(config, check=config_problems)
    (problem,) = caught.value.problems
    assert (problem.position.line, problem.position.column) == (3, 5)
    assert problem.message == (
        "'checks' is not an option of grammar (its options: allow); the rules of grammar "
        "are grammar-agreement, grammar-articles, grammar-its, grammar-repeated-words, "
        "grammar-your: turn one off with `severity: 'off'` under its own id"
    )


def test_the_family_is_five_rules_with_their_documentation_and_options() -> None:
    rules = all_rules()
    assert members("grammar") == set(RULE_OF_CHECK.values())
    assert "grammar" not in rules  # a family id, not a rule
    for rule_id in RULE_OF_CHECK.values():
        rule = rules[rule_id]
        assert (rule.family, rule.severity, rule.defaults) == (
            "grammar",
            Severity.WARNING,
            {"allow": []},
        )
        assert rule.fixable == (rule_id == "grammar-repeated-words")
        doc = documentation(rule)
        for name in (*(f"`{r}`" for r in RULE_OF_CHECK.values()), "`allow`", "`grammar`"):
            assert name in doc


# --------------------------------------------------------------------------- generated sentences

# Each noun and adjective with the article it takes, written out by hand: the generator
# does not ask the rule what is right.
SINGULAR = [
    ("an", "order", "orders"),
    ("an", "item", "items"),
    ("a", "payment", "payments"),
    ("a", "refund", "refunds"),
    ("an", "account", "accounts"),
    ("an", "invoice", "invoices"),
    ("a", "user", "users"),
    ("a", "package", "packages"),
    ("a", "request", "requests"),
    ("a", "subscription", "subscriptions"),
    ("an", "update", "updates"),
    ("an", "upgrade", "upgrades"),
    ("a", "shipment", "shipments"),
    ("a", "return", "returns"),
    ("an", "appointment", "appointments"),
    ("a", "ticket", "tickets"),
    ("an", "e-ticket", "e-tickets"),
    ("a", "unit", "units"),
    ("an", "hour", "hours"),
    ("a", "European order", "European orders"),
    ("an", "MRI scan", "MRI scans"),
    ("a", "USB key", "USB keys"),
    ("an", "FAQ entry", "FAQ entries"),
    ("a", "URL", "URLs"),
]
ADJECTIVES = [
    ("a", "new"),
    ("an", "urgent"),
    ("an", "unused"),
    ("a", "one-time"),
    ("a", "one-year"),
    ("an", "hourly"),
    ("an", "honest"),
    ("a", "unique"),
    ("a", "universal"),
    ("an", "8-week"),
    ("an", "11-day"),
    ("an", "18-month"),
    ("a", "10-day"),
    ("a", "100-day"),
    ("an", "80-page"),
    ("a", "UK"),
    ("an", "EU"),
    ("an", "online"),
    ("an", "extra"),
    ("a", "useful"),
    ("an", "X-ray"),
    ("a", "U-turn"),
    ("an", "HTML"),
    ("a", "hotel"),
]
LEADS = ["Once", "When", "If", "After", "Before", "As soon as", "Because", ""]
SINGULAR_VERBS = ["is placed", "was received", "has been sent", "does not arrive", "is ready"]
PLURAL_VERBS = ["are placed", "were received", "have been sent", "do not arrive", "are ready"]
OTHER_DETERMINERS = ["the", "your", "this", "every", "each", "one"]
PLURAL_DETERMINERS = ["the", "your", "these", "all", "some", "", "2", "18", "many"]


@st.composite
def noun_phrase(draw: st.DrawFn) -> tuple[str, bool]:
    """A noun phrase and whether it is plural; articles and determiners agree with the noun."""
    article, noun, plural = draw(st.sampled_from(SINGULAR))
    adjective = draw(st.none() | st.sampled_from(ADJECTIVES))
    if draw(st.booleans()):
        determiner = draw(st.sampled_from(PLURAL_DETERMINERS))
        words = [determiner, adjective[1] if adjective else "", plural]
        return " ".join(w for w in words if w), True
    if draw(st.booleans()):
        words = [draw(st.sampled_from(OTHER_DETERMINERS)), adjective[1] if adjective else ""]
        return " ".join(w for w in [*words, noun] if w), False
    if adjective:
        return f"{adjective[0]} {adjective[1]} {noun}", False
    return f"{article} {noun}", False


@st.composite
def sentence(draw: st.DrawFn) -> str:
    subject, plural = draw(noun_phrase())
    verb = draw(st.sampled_from(PLURAL_VERBS if plural else SINGULAR_VERBS))
    obj, _ = draw(noun_phrase())
    lead = draw(st.sampled_from(LEADS))
    if draw(st.booleans()):
        count = draw(st.integers(min_value=2, max_value=5000))
        _, _, things = draw(st.sampled_from(SINGULAR))
        return f"There are {count} {things} for {obj}."
    if lead:
        clause = f"{lead} {subject} {verb}, we send you {obj}."
    else:
        clause = f"{subject} {verb} and we send you {obj}."
    return clause[0].upper() + clause[1:]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentence(), min_size=1, max_size=8))
def test_generated_correct_sentences_never_fire(sentences: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(faq_yaml([" ".join(sentences), *sentences]), encoding="utf-8")
        assert describe(path, audit(path)) == []


def test_the_documented_examples_behave_as_documented(tmp_path: Path) -> None:
    examples = [
        line.strip()
        for line in documentation(all_rules()["grammar-agreement"]).splitlines()
        if line.startswith("      ")
    ]
    assert len(examples) == 14
    for number, example in enumerate(examples):
        text, _, note = example.partition("  (")
        path = tmp_path / f"example{number}.yaml"
        path.write_text(faq_yaml([text.strip()]), encoding="utf-8")
        expected = {"": 0, "reported twice)": 2}.get(note, 1)
        assert len(audit(path)) == expected, example


def test_a_run_of_copies_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "runs.yaml"
    path.write_text(
        faq_yaml(["Press the the the green button.", "Tap to to to to open it.", "Ha ha ha ha!"]),
        encoding="utf-8",
    )
    findings = audit(path)
    assert [f.message for f in findings] == [
        'repeated-words: "the the the": "the" is written 3 times; remove the repeated "the"',
        'repeated-words: "to to to …": "to" is written 4 times; remove the repeated "to"',
    ]
    fixed, _ = fixer.apply(
        path.read_text(encoding="utf-8"), [f.fix for f in findings if f.fix is not None]
    )
    assert "Press the green button." in fixed
    assert "Tap to open it." in fixed


def test_a_text_too_long_to_be_an_answer_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(faq_yaml(["It takes a hour. " * 6000, "It takes a hour."]), encoding="utf-8")
    assert [f.entry for f in audit(path)] == ["s2"]


def test_a_heading_line_then_a_question_is_not_a_subject_and_its_verb(tmp_path: Path) -> None:
    path = tmp_path / "heading.yaml"
    path.write_text(
        faq_yaml(
            ["Payment\nAre you paying by card? Use the form.", "Refund\nHave a receipt ready."]
        ),
        encoding="utf-8",
    )
    assert audit(path) == []


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        # a sentence in capitals: "A" may be a letter and each word an acronym
        ("A ORDER FORM IS ATTACHED.", []),
        # "vitamin a", "Plan A": letters, not articles; the real slip next to them is reported
        ("Take vitamin a on a empty stomach.", ["a empty"]),
        ("Plan A offers a upgrade path.", ["a upgrade"]),
        # a capitalised double is a name
        ("We sent the invoice to Walla Walla Walla.", []),
        # with a determiner, or far from its verb, a subject is not judged: no pattern is sure
        ("The item are missing.", []),
        ("The order we sent an hour ago are still pending.", []),
        # "in in" is a double English allows ("log in in the app"), so a run of it is left too
        ("Sign in in in the app.", []),
    ],
)
def test_what_the_rule_deliberately_leaves_alone(
    sentence: str, reported: list[str], tmp_path: Path
) -> None:
    """Precision over recall: these slips fall outside the patterns on purpose."""
    path = tmp_path / "left.yaml"
    path.write_text(faq_yaml([sentence]), encoding="utf-8")
    assert [flagged(path, f) for f in audit(path)] == reported

"""No answer makes a rule quadratic: doubling a pathological input at most about doubles the time.

Each case is an input that once made a rule read the same characters again and again:
a long run before an @-sign, a line of doubled spaces, a run of dots with no space after
it, a file where every entry carries a suppression comment. The work is timed at n and
2n in one run (tests/scaling.py), so a slow machine does not matter, only the growth.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from audit import engine
from audit.config import Config
from audit.extract.emails import find_emails
from audit.extract.phones import find_phones
from audit.extract.purposes import Vocabulary, assign_purposes
from audit.model import Corpus, Finding, Problem, SourceFile
from audit.rules import Check, RuleContext
from audit.rules import emails as emails_rule
from audit.rules import phones as phones_rule
from audit.rules.spacing import slips, spacing
from audit.source.loader import load_file
from audit.text.sentences import split_sentences
from tests.scaling import assert_scales_linearly

Work = Callable[[], object]


def uncached_emails(text: str) -> Work:
    def work() -> object:
        find_emails.cache_clear()
        return find_emails(text)

    return work


def test_finding_emails_after_a_long_run_of_local_part_characters_is_linear() -> None:
    # "aaa…@": the candidate pattern was tried at every "a" and read to the @ each time
    # (34 s for 99,000 characters). Searching outwards from each @ finds the same addresses.
    text = (
        "Write to a.b+c@Example.COM, or x@y@z.org; not aaa@, @bbb or mailto:help@shop.example. "
        "See https://medium.com/@brand, logo@2x.png and a@b....c and q@r+s@t.io."
    )
    assert [(m.raw, m.start, m.end, m.in_link) for m in find_emails(text)] == [
        ("a.b+c@Example.COM", 9, 26, False),
        ("x@y", 31, 34, False),
        ("help@shop.example", 67, 84, True),
        ("a@b....c", 133, 141, False),
        ("q@r", 146, 149, False),
        ("+s@t.io", 149, 156, False),
    ]

    def make(n: int) -> Work:
        text = "a" * n + "@" + " Write to help@example.com." * (n // 27)
        return uncached_emails(text)

    assert_scales_linearly(make, 20_000, what="find_emails on 'aaa…@'")


def test_doubled_spaces_on_one_long_line_are_found_in_linear_time(tmp_path: Path) -> None:
    # Each doubled space searched its line from the start for a sentence end, and each
    # finding counted the line breaks before it (a 99,000-character line: 15.8 s). Two
    # spaces after a sentence's end (and its closing marks) are still left alone.
    value = 'One.  Two!)  Three?"  four  five .)  six\n.  seven'
    found = [(s.start, s.end) for s in slips(value, frozenset({"double-space"}))]
    assert found == [(value.index("four") + 4, value.index("five"))]

    def make(n: int) -> Work:
        source = load_file(answer_file(tmp_path, f"spaces-{n}.yaml", "a" + "  a" * (n // 3)))
        return lambda: run_check(spacing, source)

    assert_scales_linearly(make, 20_000, what="spacing on a line of doubled spaces")


def test_splitting_sentences_after_a_run_of_dots_is_linear() -> None:
    # A run of dots not followed by a space ("a@b….x") was matched from each of its dots,
    # each try reading to the end of the run; duplicate-sentence splits every answer.
    def make(n: int) -> Work:
        text = "." * n + "x" + " We ship to you." * (n // 4)

        def work() -> object:
            split_sentences.cache_clear()
            return split_sentences(text)

        return work

    assert_scales_linearly(make, 5_000, what="splitting sentences after a run of dots")


def commented_faq(tmp_path: Path, entries: int) -> Path:
    """A file in which every entry has a suppression comment above it and one on a line."""
    lines = ["category: Shipping", "entries:"]
    for i in range(entries):
        lines += [
            f"  # faq-audit: ignore[spacing] kept on purpose {i}",
            f"  - id: entry-{i}",
            f"    question: Where is parcel {i}?",
            f"    answer: It is  on its way.   # faq-audit: ignore[stale-term] old {i}",
        ]
    path = tmp_path / f"faq-{entries}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_matching_suppression_comments_is_linear_in_the_entries(tmp_path: Path) -> None:
    # Every comment was compared with every value, and every finding with every comment
    # (8,000 entries: 37 s). Each comment still silences exactly its own scope: every
    # spacing finding is silenced, and every stale-term comment silences nothing.
    options = engine.Options(select=frozenset({"spacing", "stale-term", "unused-suppression"}))
    findings = engine.audit([commented_faq(tmp_path, 300)], options).findings
    assert {f.rule for f in findings} == {"unused-suppression"}
    assert [f.position.line for f in findings] == [6 + 4 * i for i in range(300)]

    def make(n: int) -> Work:
        path = commented_faq(tmp_path, n)
        return lambda: engine.audit([path], options)

    assert_scales_linearly(make, 1_000, what="suppressions on 1,000 commented entries")


# --- phone numbers and email addresses: their departments and their domains -------------


def answer_file(tmp_path: Path, name: str, answer: str) -> Path:
    path = tmp_path / name
    path.write_text(
        "category: Contact\nentries:\n  - id: contact\n    question: How do I reach you?\n"
        "    answer: |-\n      " + answer + "\n",
        encoding="utf-8",
    )
    return path


def contact_rules(tmp_path: Path, name: str, answer: str) -> Work:
    """The phone and email rules over one file, loaded once; their caches emptied each time."""
    source = load_file(answer_file(tmp_path, name, answer))
    corpus = Corpus((source,))

    def work() -> object:
        find_phones.cache_clear()
        find_emails.cache_clear()
        return [run_check(check, source, corpus) for check in CONTACT_CHECKS]

    return work


def test_many_numbers_in_one_sentence_are_assigned_departments_in_linear_time(
    tmp_path: Path,
) -> None:
    # Every number searched its whole sentence for "abroad", and every department word
    # of the sentence, for each number (2,500 numbers: 15 s).
    def make(n: int) -> Work:
        answer = "Call sales at (800) 796-7546, " * (n // 30) + "or write."
        return contact_rules(tmp_path, f"numbers-{n}.yaml", answer)

    assert_scales_linearly(make, 20_000, what="numbers in one long sentence")


def test_a_long_gap_between_two_numbers_does_not_backtrack(tmp_path: Path) -> None:
    # Whether the gap between two numbers joins them ("… or …") was a pattern with
    # nested repeats of white space: 2,000 spaces took 7.6 s, 4,000 took 52 s.
    text = "Call sales at (800) 796-7546 or (212) 555-0198, support at (415) 555-0134."
    found = assign_purposes(
        text, [(m.start, m.end) for m in find_phones(text, "US")], Vocabulary.build(())
    )
    assert [purpose for purpose, _clause in found] == ["sales", "sales", "support"]

    def make(n: int) -> Work:
        answer = "Call sales at (800) 796-7546" + " " * n + "x (212) 555-0198."
        return contact_rules(tmp_path, f"gap-{n}.yaml", answer)

    assert_scales_linearly(make, 400, what="a long gap between two numbers")


def test_domain_typos_among_many_domains_are_bounded_and_the_bound_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every address's domain was compared with every other domain of the content
    # (1,000 domains: 35 s). Real content is compared in full, and its typos found.
    ordinary = " ".join(
        f"Write to help@shop{i:03d}.example or see https://www.site{i:03d}.org." for i in range(60)
    )
    path = answer_file(tmp_path, "ordinary.yaml", ordinary + " Or jane@gmial.com.")
    typos = [f.message for f in audit_file(path) if f.rule == "email-domain-typo"]
    assert len(typos) == 1 and '"gmial.com" looks like a typo of "gmail.com"' in typos[0]

    # Content that names many domains is compared up to a bound, then says so, once.
    # (A smaller bound than the real one keeps the test quick; the bad-input corpus runs
    # the real one.)
    monkeypatch.setattr(emails_rule, "MAX_COMPARISON_CELLS", 200_000, raising=False)

    def make(n: int) -> Work:
        answer = " ".join(
            f"Write to help@d{i:05d}x.com or see https://w{i:05d}y.com." for i in range(n)
        )
        return contact_rules(tmp_path, f"domains-{n}.yaml", answer)

    assert_scales_linearly(make, 100, what="typos among many email domains")
    many = " ".join(f"Write to help@d{i:05d}x.com." for i in range(300))
    stopped = [
        f.message
        for f in audit_file(answer_file(tmp_path, "many.yaml", many))
        if f.rule == "email-domain-typo"
    ]
    assert len(stopped) == 1 and "stopped looking for typos" in stopped[0]


def test_near_copies_of_many_usual_details_are_found_in_linear_time(tmp_path: Path) -> None:
    # Each detail given once is compared with the details given three times or more; asking
    # each usual one in turn would be quadratic in content with many of both.
    def make(n: int) -> Work:
        usual = " ".join(f"Write to desk{i:05d}@example.com." for i in range(n // 3)) * 3
        once = " ".join(f"Write to once{i:05d}x@example.com." for i in range(n))
        return contact_rules(tmp_path, f"near-{n}.yaml", usual + " " + once)

    assert_scales_linearly(make, 1_000, what="near copies among many addresses")
    path = answer_file(
        tmp_path, "slip.yaml", "Write to desk@example.com. " * 3 + "Or to dsek@example.com."
    )
    near = [f.message for f in audit_file(path) if f.rule == "email-inconsistent"]
    assert len(near) == 1 and "two letters are swapped" in near[0]


CONTACT_CHECKS = (
    phones_rule.phone_numbers,
    phones_rule.phone_styles,
    phones_rule.inconsistent_phone_numbers,
    emails_rule.email_addresses,
    emails_rule.email_addresses_compared,
)


def run_check(check: Check, source: SourceFile, corpus: Corpus | None = None) -> list[Problem]:
    """One check over one loaded file, as the engine runs it (entry or corpus scope)."""
    context = RuleContext.build(Config(), check.rules)
    if check.on_file is not None:
        return list(check.on_file(source, context))
    assert check.on_corpus is not None
    return list(check.on_corpus(corpus or Corpus((source,)), context))


def audit_file(path: Path) -> tuple[Finding, ...]:
    return engine.audit([path]).findings

"""Large runs check files in worker processes; the report must not depend on it.

The corpus below gives every rule at least one finding, and the test asserts
it does: a new rule without a case here fails, so no rule can report
differently in the workers than in one process without a test noticing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from audit import engine
from audit.config import load_config
from audit.facts.registry import load_facts
from audit.links.results import LinkResult, Verdict
from audit.model import Corpus, Problem, SourceFile
from audit.rules import Check, RuleContext, Scope, all_checks, all_rules
from tests.conftest import BUNDLED_FAQ, ROOT

# One entry per line of defects; each names the rules it is there for.
DEFECTS = """\
category: Defects
entries:
  - id: contacts
    question: How do I reach customer care?
    answer: |-
      Call customer care at (800) 555-0199.
      Our old line (555) 123-4567 is closed.
      Write to CustomerCare@ImageSkincare.COM or customercare@imageskincare.con.
      Email customer care at care@imageskincare.com, not at care@imageskincare.
  - id: style
    question: What happens after I order?
    reviewed: 2000-01-01
    answer: |-
      It takes a hour to confirm ( on weekdays ). Click the the button due to COVID-19.
      Our specials are at https://example.com/specials.

      Add to cart
  - id: shape
    question: Can I pay later?
    anwser: Not yet.
  - id: typed
    question: Do you ship abroad?
    answer: No
  - id: cut
    question: Which code do I use?
    answer: Use code #SAVE10 at checkout.
  - id: slips
    question: Does the case keep its color?
    answer: The case keeps it's color, and your going to love it.
  - id: keys
    question: Is there a key twice?
    question: Is there a key twice, really?
    answer: Yes, there is.
  # faq-audit: ignore[grammar] a customer's words, quoted as written
  - id: quoted
    question: What did the customer write?
    answer: Once order are placed it takes a hour to to arrive.
  - id: policy
    question: What does a sample cost?
    answer: |-
      Shipping is free on orders over $450.
      Refunds take 5 business days. Refunds take 5 days.
      Samples are free on orders over $35 and cost $4.95 on orders up to $60.
  - id: links
    question: Which links are probed?
    answer: |-
      Read [the steps](#no-such-entry) first
      Watch https://slow.example.com/video today
      Fill in [the form](/contact) at https//example.com/form
  # faq-audit: ignore[duplicate-id] nothing to silence here
  # faq-audit: ignore[duplicate-sentence]
  - id: copied
    question: Where do I download my photos?
    answer: You may also download by selecting the arrow on the top left.
"""

ELSEWHERE = """\
category: Elsewhere
entries:
  - id: copied-again
    question: Where do I download my photos?
    answer: You may also download by selecting the arrow on the top left.
"""


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "faq"
    shutil.copytree(BUNDLED_FAQ, folder)
    for n in range(10):  # more files, with defects of both kinds: per file and across files
        (folder / f"extra-{n}.yaml").write_text(
            f"category: Extra {n}\nentries:\n"
            f"  - id: extra-{n}\n    question: How do I call care {n}\n"
            "    answer: Call (800) 796 - 7546.  Once order are placed it ships.\n"
            "  - id: reset-password\n    question: How do I reset my password?\n"
            "    answer: Click here.\n",
            encoding="utf-8",
        )
    (folder / "defects.yaml").write_text(DEFECTS, encoding="utf-8")
    (folder / "elsewhere.yaml").write_text(ELSEWHERE, encoding="utf-8")
    (folder / "bom.yaml").write_text("\ufeff" + ELSEWHERE.replace("copied-again", "bom"))
    (folder / "latin1.yaml").write_bytes("category: Caf\xe9\nentries: []\n".encode("latin-1"))
    (folder / "broken.yaml").write_text("category: [unclosed\nentries:\n", encoding="utf-8")
    return folder


# What `faq-audit links` would hand the link rules: one address for each verdict.
LINKS = {
    "https://imageskincare.imagerelay.com": LinkResult("", Verdict.ERROR, error="DNS"),
    "https://professional.imageskincare.com/pages/landing": LinkResult("", Verdict.BLOCKED),
    "https://professional.imageskincare.com": LinkResult(
        "", Verdict.REDIRECT, 301, "https://professional.imageskincare.com/"
    ),
    "https://imageskincare.imagerelay.com/share/1ee7d28aa0524f24ae3e0c0d42e00b30": LinkResult(
        "", Verdict.SOFT_404, 200
    ),
    "https://professional.imageskincare.com/collections/specials": LinkResult(
        "", Verdict.UNCHECKED
    ),
    "https://example.com/specials": LinkResult("", Verdict.BROKEN, 404),
    "#no-such-entry": LinkResult("", Verdict.BROKEN_FRAGMENT, error="no entry has that id"),
    "https://slow.example.com/video": LinkResult("", Verdict.TIMEOUT),
}


def _options(folder: Path) -> engine.Options:
    """The bundled config, and the bundled policy registry copied with the content."""
    config = load_config(ROOT / "faq-audit.yaml")
    # A link exception past its day, for `link-exception-expired` (the bundled config has none).
    expired = {"host": "example.com", "accept": [404], "reason": "soon", "expires": "2020-01-31"}
    config = replace(config, links={**config.links, "rules": [expired]})
    return engine.Options(config=config, facts=load_facts(config, [folder]), links=LINKS)


def test_the_corpus_gives_every_rule_a_finding(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    found = {f.rule for f in engine.audit([folder], _options(folder)).findings}
    missing = sorted(set(all_rules()) - found)
    assert not missing, f"add a case for these rules to the corpus of this test: {missing}"


def test_workers_give_the_same_report_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    options = _options(folder)
    alone = engine.audit([folder], options)

    calls: list[int] = []
    real_pool = engine.ProcessPoolExecutor

    def counting_pool(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_pool(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "ProcessPoolExecutor", counting_pool)
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1)
    shared = engine.audit([folder], options)

    assert calls == [1], "the run did not use worker processes"
    assert {f.rule for f in alone.findings} == set(all_rules())
    assert shared.findings == alone.findings  # every field: positions, fixes, related, …
    assert [e.id for e in shared.corpus.entries] == [e.id for e in alone.corpus.entries]
    # what the workers send back (pickled) is what one process loads: entries, positions, scalars
    assert shared.corpus == alone.corpus


def test_the_per_entry_contact_rules_are_entry_rules(tmp_path: Path) -> None:
    """They run in the workers; only comparing entries waits for every file."""
    rules = all_rules()
    entry = ["email-format", "email-invalid", "phone-invalid"]
    # phone-format reads the house style from every file's numbers, found in the workers
    corpus = ["email-domain-typo", "email-inconsistent", "phone-format", "phone-inconsistent"]
    assert [rules[r].scope for r in entry] == [Scope.ENTRY] * len(entry)
    assert [rules[r].scope for r in corpus] == [Scope.CORPUS] * len(corpus)


def test_corpus_checks_prepare_each_file_in_the_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-entry part of a corpus check (reading the policy claims) runs where the files
    load: in the workers on a large run, so the main process only compares."""
    folder = _corpus(tmp_path)
    real_checks = all_checks
    preparing = [check for check in real_checks() if check.prepare is not None]
    assert preparing, "no corpus check prepares"
    given: list[tuple[str, int]] = []

    def where(source: SourceFile, context: RuleContext) -> tuple[str, int]:
        return source.path, os.getpid()

    def record(
        corpus: Corpus, context: RuleContext, prepared: Sequence[tuple[str, int]]
    ) -> list[Problem]:
        given.extend(prepared)
        return []

    def recording_checks() -> list[Check]:
        return [
            replace(check, prepare=where, on_prepared=record) if check in preparing else check
            for check in real_checks()
        ]

    monkeypatch.setattr("audit.engine.all_checks", recording_checks)
    alone = engine.audit([folder], _options(folder))
    assert given == [(f.path, os.getpid()) for f in alone.corpus.files] * len(preparing)

    given.clear()
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1)
    shared = engine.audit([folder], _options(folder))
    assert [path for path, _ in given] == [f.path for f in shared.corpus.files] * len(preparing)
    assert os.getpid() not in {pid for _, pid in given}, "a file was prepared in the main process"

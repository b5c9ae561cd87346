"""Large runs check files in worker processes; the report must not depend on it.

The corpus below gives every rule at least one finding, and the test asserts
it does: a new rule without a case here fails, so no rule can report
differently in the workers than in one process without a test noticing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audit import engine
from audit.config import load_config
from audit.facts.registry import load_facts
from audit.rules import Scope, all_rules
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
  # faq-audit: ignore[duplicate-id] nothing to silence here
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


def _options(folder: Path) -> engine.Options:
    """The bundled config, and the bundled policy registry copied with the content."""
    config = load_config(ROOT / "faq-audit.yaml")
    return engine.Options(config=config, facts=load_facts(config, [folder]))


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
    entry = ["email-format", "email-invalid", "phone-format", "phone-invalid"]
    corpus = ["email-domain-typo", "email-inconsistent", "phone-inconsistent"]
    assert [rules[r].scope for r in entry] == [Scope.ENTRY] * len(entry)
    assert [rules[r].scope for r in corpus] == [Scope.CORPUS] * len(corpus)

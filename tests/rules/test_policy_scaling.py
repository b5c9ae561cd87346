"""The policy rules grow linearly with the claims, whatever the claims say.

The pathological corpus states a threshold of its own in every entry, free
above one amount and a fee below another, so that every rule overlaps
thousands of others and every value contradicts the rest. Pairs are found by
a sweep that never compares two rules of one outcome, overlap findings are
capped per rule set, and each contradiction names the value meant once, so
doubling the entries at most about doubles the time (tests/scaling.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audit.config import Config
from audit.model import Corpus
from audit.rules import RuleContext
from audit.rules.policy import policy
from audit.rules.policy.thresholds import MAX_OVERLAPS
from audit.source.loader import load_file
from tests.scaling import assert_scales_linearly

SIZE = 600


def corpus_of(entries: int, folder: Path) -> Corpus:
    lines = ["category: Policies", "entries:"]
    for k in range(entries):
        lines += [
            f"  - id: entry-{k}",
            f"    question: What applies to order {k}?",
            f"    answer: Orders over ${k + 10} ship free."
            f" Orders under ${k + 5000} ship for $5 each."
            f" The restocking fee is {k % 90 + 5}%. Call us Monday - Friday, 9 am - 5 pm ET.",
        ]
    path = folder / f"policies-{entries}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Corpus((load_file(path),))


def test_the_policy_check_is_linear_in_the_claims(tmp_path: Path) -> None:
    context = RuleContext.build(Config(), policy.rules)
    assert policy.on_corpus is not None
    check = policy.on_corpus

    def make(size: int) -> Callable[[], object]:
        corpus = corpus_of(size, tmp_path)
        return lambda: list(check(corpus, context))

    assert_scales_linearly(make, SIZE, what="the policy rules on a threshold per entry")


def test_overlaps_of_one_rule_set_are_capped(tmp_path: Path) -> None:
    context = RuleContext.build(Config(), policy.rules)
    assert policy.on_corpus is not None
    found = list(policy.on_corpus(corpus_of(50, tmp_path), context))
    overlaps = [p for p in found if p.rule == "threshold-overlap"]
    assert len(overlaps) == MAX_OVERLAPS
    assert all(len(p.related) <= 21 for p in found)

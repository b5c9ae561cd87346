"""What a run reports, from what its checks found: the findings layer.

The engine runs checks and stamps each problem with its rule and severity;
everything that decides which findings a run reports, in what order and under
what name happens here, in one place: inline suppressions and the report of
those that silence nothing (`suppressions`), sorting, and the fingerprint that
recognises a finding again after the text around it moved (`fingerprints`).
The baseline (`baseline`: the findings a team has accepted) is matched by those
fingerprints after `finish`, by the command that was given one, since which
findings it accepts is a choice of that run, not part of what the checks found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from audit.findings import fingerprints, suppressions
from audit.model import Corpus, Finding

if TYPE_CHECKING:
    from audit.rules import Rule

__all__ = ["finish"]


def finish(
    findings: Iterable[Finding], corpus: Corpus, rules: Mapping[str, Rule]
) -> tuple[Finding, ...]:
    """The run's findings as reported: suppressed ones dropped, unused suppressions
    reported, sorted by place, and fingerprinted (fingerprints count occurrences in
    this order, so sorting comes first).

    `rules` are the rules that ran, with the severity in force for each.
    """
    kept = suppressions.apply(findings, corpus.files, rules)
    kept.sort(key=Finding.sort_key)
    return tuple(fingerprints.assign(kept, {source.path: source.text for source in corpus.files}))

"""Inline suppressions applied to a run's findings, and the ones that silence nothing.

Comments are read where the file is read (`audit.source.suppressions`); here
they meet the findings. A finding is silenced by the first comment in the file
(in file order) whose scope covers its line and that names its rule or the
rule's family (`ignore[grammar]` silences `grammar-articles`). A comment that
silences nothing, or names no rule or family, is reported as
`unused-suppression`, so stale ones do not pile up (ruff's RUF100);
comments about rules that do not run are not judged. A comment that gives
no reason is reported as `unexplained-suppression`: the next editor must be
able to tell a deliberate exception from a defect someone wanted gone.

Suppressions are indexed by file and by the rule each stands for, and each
group meets its findings in one sweep down the lines, so a file with
thousands of comments and thousands of findings costs n log n, never n times m.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit.model import Finding, SourceFile, Suppression
from audit.rules import members, registry
from audit.text.edits import closest

if TYPE_CHECKING:
    from audit.rules import Rule

UNUSED = "unused-suppression"
UNEXPLAINED = "unexplained-suppression"


@dataclass(frozen=True, slots=True)
class _Scope:
    """One suppression's claim on one rule: the lines it covers, and the ids written
    in the comment that stand for that rule (`grammar` and `grammar-articles` may both)."""

    first_line: int
    last_line: int
    order: int  # the suppression's place in the run, which is file order within a file
    written: tuple[str, ...]


def apply(
    findings: Iterable[Finding], files: Iterable[SourceFile], rules: Mapping[str, Rule]
) -> list[Finding]:
    """The findings no suppression silences, then a finding for each unused suppression.

    `rules` are the rules that ran: only suppressions of those are judged unused.
    """
    found = list(findings)
    listed = [(source.path, s) for source in files for s in source.suppressions]
    if not listed:  # the common case: no comment, nothing to do
        return found
    scopes = _index(listed)
    used: set[tuple[int, str]] = set()
    silenced: set[int] = set()
    groups: defaultdict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for number, finding in enumerate(found):
        key = (finding.position.path, finding.rule)
        if key in scopes:
            groups[key].append((finding.position.line, number))
    for key, lines in groups.items():
        for number, scope in _sweep(scopes[key], lines):
            silenced.add(number)
            used.update((scope.order, written) for written in scope.written)
    kept = [finding for number, finding in enumerate(found) if number not in silenced]
    unused = rules.get(UNUSED)
    if unused is not None:
        kept.extend(_unused(listed, used, rules, unused))
    unexplained = rules.get(UNEXPLAINED)
    if unexplained is not None:
        kept.extend(
            Finding(
                unexplained.id,
                unexplained.severity,
                f"ignore[{', '.join(suppression.rules)}] gives no reason; say after it why "
                "the finding is acceptable, so the next editor knows when it may go",
                suppression.position,
            )
            for _, suppression in listed
            if suppression.rules and not suppression.reason
        )
    return kept


def _index(listed: list[tuple[str, Suppression]]) -> dict[tuple[str, str], list[_Scope]]:
    """Scopes by file and by the rule they silence, each list sorted by first line."""
    scopes: defaultdict[tuple[str, str], list[_Scope]] = defaultdict(list)
    for order, (path, suppression) in enumerate(listed):
        written_for: defaultdict[str, list[str]] = defaultdict(list)
        for written in suppression.rules:
            for rule_id in members(written):
                written_for[rule_id].append(written)
        for rule_id, ids in written_for.items():
            scopes[(path, rule_id)].append(
                _Scope(suppression.first_line, suppression.last_line, order, tuple(ids))
            )
    for group in scopes.values():
        group.sort(key=lambda scope: (scope.first_line, scope.order))
    return dict(scopes)


def _sweep(scopes: list[_Scope], lines: list[tuple[int, int]]) -> Iterator[tuple[int, _Scope]]:
    """For each (line, finding number), in order of line, the first scope in file order
    that covers the line, if one does.

    Scopes enter a heap, ordered by their place in the file, once the sweep reaches
    their first line, and leave it once it has passed their last: the top is then
    the earliest scope still covering the line.
    """
    active: list[tuple[int, int, _Scope]] = []  # (order, last line, scope)
    next_scope = 0
    for line, number in sorted(lines):
        while next_scope < len(scopes) and scopes[next_scope].first_line <= line:
            scope = scopes[next_scope]
            heapq.heappush(active, (scope.order, scope.last_line, scope))
            next_scope += 1
        while active and active[0][1] < line:
            heapq.heappop(active)  # lines only grow: a scope passed once is passed for good
        if active:
            yield number, active[0][2]


def _unused(
    listed: list[tuple[str, Suppression]],
    used: set[tuple[int, str]],
    rules: Mapping[str, Rule],
    unused: Rule,
) -> Iterator[Finding]:
    for order, (_, suppression) in enumerate(listed):
        for written in suppression.rules:
            stands_for = members(written)
            if not stands_for:
                message = f"ignore[{written}]: faq-audit has no rule '{written}'" + _hint(written)
            elif suppression.last_line < suppression.first_line and not stands_for.isdisjoint(
                rules
            ):
                message = (
                    f"ignore[{written}] covers nothing: a comment after the last entry "
                    "belongs to no entry; put it on the line above the entry it is for, "
                    "or before the first entry to cover the whole file"
                )
            elif not stands_for.isdisjoint(rules) and (order, written) not in used:
                message = (
                    f"ignore[{written}] silences nothing here: there is no {written} "
                    "finding in its scope; remove it"
                )
            else:
                continue
            yield Finding(unused.id, unused.severity, message, suppression.position)


def _hint(written: str) -> str:
    """A "did you mean" for a misspelt rule or family id, else where the ids are listed."""
    known = [*registry().rules, *registry().families]
    meant = closest(written, known, cutoff=0.75)
    return f"; did you mean '{meant}'?" if meant else "; `faq-audit rules` lists them"

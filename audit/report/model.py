"""The report's data, ready to render: plain text everywhere, so the templates escape it all.

Nothing here holds markup: a question that contains `<script>` is text, and the
HTML template's autoescape turns it into `&lt;script&gt;`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Highlight:
    """The sentence a finding is about, cut around the words at fault (`marked`)."""

    before: str
    marked: str
    after: str


@dataclass(frozen=True, slots=True)
class FindingItem:
    rule: str
    severity: str
    message: str
    where: str  # path:line:column
    field: str | None  # "question" or "answer" when the finding stands in one
    highlight: Highlight | None
    related: tuple[str, ...] = ()  # "path:line: note" for the other places involved


@dataclass(frozen=True, slots=True)
class EntryFindings:
    """The findings of one entry (or, with no entry, of one file outside any entry)."""

    entry: str | None
    question: str | None
    where: str
    findings: tuple[FindingItem, ...]

    @property
    def worst(self) -> str:
        order = ("error", "warning", "info")
        return next((s for s in order if any(f.severity == s for f in self.findings)), "info")


@dataclass(frozen=True, slots=True)
class Statement:
    where: str
    entry: str | None
    shown: str
    agrees: bool


@dataclass(frozen=True, slots=True)
class FactRow:
    id: str
    value: str
    where: str
    description: str | None
    statements: tuple[Statement, ...]

    @property
    def mismatches(self) -> int:
        return sum(1 for s in self.statements if not s.agrees)


@dataclass(frozen=True, slots=True)
class Facts:
    registry: str | None  # the registry file, None when there is none
    rows: tuple[FactRow, ...]
    unmatched: tuple[Statement, ...]  # claims that state no fact of the registry

    @property
    def mismatches(self) -> int:
        return sum(row.mismatches for row in self.rows)


@dataclass(frozen=True, slots=True)
class Place:
    where: str
    entry: str | None
    written: str  # as the answer writes it


@dataclass(frozen=True, slots=True)
class ContactRow:
    kind: str  # "phone" or "email"
    value: str  # the normalized form
    valid: bool
    department: str | None  # the config's contact whose canonical value this is
    places: tuple[Place, ...]


@dataclass(frozen=True, slots=True)
class LinkRow:
    url: str
    state: str  # "newly broken", "broken for 3 runs", "flaky", "moved permanently"
    detail: str  # the new address of a moved link, or what the runs say
    blocking: bool  # broken in the latest run
    places: tuple[Place, ...]


@dataclass(frozen=True, slots=True)
class LinkHealth:
    history: str  # the history file
    known: bool  # False when there is no history yet
    links: int  # the FAQ's web links
    rows: tuple[LinkRow, ...]

    @property
    def broken(self) -> int:
        return sum(1 for row in self.rows if row.blocking)


@dataclass(frozen=True, slots=True)
class DiffPart:
    kind: str  # "same", "del" or "ins"
    text: str


@dataclass(frozen=True, slots=True)
class EntryChange:
    id: str
    question: str
    where: str
    question_diff: tuple[DiffPart, ...] = ()  # empty when the question is unchanged
    answer_diff: tuple[DiffPart, ...] = ()  # empty when the answer is unchanged
    fields: tuple[str, ...] = ()  # other fields that changed


@dataclass(frozen=True, slots=True)
class NumberChange:
    entry: str
    subject: str  # "shipping fee, order total, over"
    before: str
    after: str
    where: str


@dataclass(frozen=True, slots=True)
class Changes:
    ref: str
    added: tuple[EntryChange, ...]
    removed: tuple[EntryChange, ...]
    edited: tuple[EntryChange, ...]
    numbers: tuple[NumberChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.edited or self.numbers)


@dataclass(frozen=True, slots=True)
class Verdict:
    fit: bool
    headline: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    generated: str
    paths: str
    files: int
    entries: int
    errors: int
    warnings: int
    info: int
    verdict: Verdict
    by_entry: tuple[EntryFindings, ...]
    facts: Facts
    contacts: tuple[ContactRow, ...]
    contacts_file: str | None
    links: LinkHealth
    changes: Changes | None


def verdict(errors: int, warnings: int, facts: Facts, links: LinkHealth) -> Verdict:
    """Fit to publish when nothing blocks: no error finding (a wrong policy number is one,
    as `policy-mismatch`) and no link broken in the latest link run. Warnings are for a
    person to weigh; they are counted, not blocking."""
    reasons = []
    if errors:
        reasons.append(f"{_n(errors, 'error')} found by the checks must be fixed first.")
    if facts.mismatches:
        verb = "disagrees" if facts.mismatches == 1 else "disagree"
        stated = _n(facts.mismatches, "policy statement")
        reasons.append(f"{stated} {verb} with the registry ({facts.registry}).")
    if links.broken:
        reasons.append(f"{_n(links.broken, 'link')} broken in the latest link check.")
    fit = not reasons
    if warnings:
        reasons.append(f"{_n(warnings, 'warning')} to review; they do not block a publish.")
    if not links.known:
        reasons.append(
            f"Link health is unknown: no link history at {links.history} "
            "(run `faq-audit links` to make one)."
        )
    if fit and not warnings:
        reasons.insert(0, "No errors, no warnings.")
    headline = "Fit to publish" if fit else "Not fit to publish"
    return Verdict(fit, headline, tuple(reasons))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"

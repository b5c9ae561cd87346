"""The findings a team has accepted for now, so that only new ones fail a run.

A baseline file (`.faq-audit-baseline.json` by default) lists findings by
fingerprint (see `audit.findings.fingerprints`: rule, entry and the quoted
evidence, never a line number), each with the rule, entry, path, message and
evidence as they were, for a person to read, and a `reason` for a person to
fill in. A run's finding whose fingerprint is listed is accepted and not
reported; moving text keeps it accepted, changing what it quotes makes it new.

An entry that matches no finding any more is stale: it is reported, so that a
fixed finding leaves the file and the baseline only shrinks. An entry is judged
only when its file was checked and its rule ran, so that checking one file, or
`--select`ing one rule, does not call the rest stale.

Rewriting a baseline (`build`) keeps the reason of every fingerprint still
found, and keeps, as they are, the entries of files the run did not check.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audit.findings import fingerprints
from audit.model import AuditResult, Finding

FILE_NAME = ".faq-audit-baseline.json"
FORMAT = 1  # the file's own version, for the day its shape has to change

_FIELDS = ("fingerprint", "rule", "entry", "path", "message", "evidence", "reason")


class BaselineError(Exception):
    """A baseline file that cannot be read; the message says which and why, in words."""


@dataclass(frozen=True, slots=True)
class Accepted:
    """One accepted finding, as the baseline file lists it."""

    fingerprint: str
    rule: str
    entry: str | None
    path: str
    message: str
    evidence: str | None = None
    reason: str = ""

    def sort_key(self) -> tuple[str, str, str, str]:
        # Not by line: a line moves with every edit above it, and the file would churn.
        return (self.path, self.entry or "", self.rule, self.fingerprint)

    def as_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "entry": self.entry,
            "path": self.path,
            "message": self.message,
        }
        if self.evidence is not None:
            document["evidence"] = self.evidence
        document["reason"] = self.reason
        return document


@dataclass(frozen=True, slots=True)
class Baseline:
    file: str
    accepted: tuple[Accepted, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a baseline made of a run: the findings still reported, those it accepted,
    and its entries that match nothing any more."""

    file: str
    new: tuple[Finding, ...]
    accepted: tuple[Finding, ...]
    stale: tuple[Accepted, ...]


def compare(result: AuditResult, baseline: Baseline, *, rules: Container[str]) -> Outcome:
    """Split a run's findings by the baseline. `rules` are the ids of the rules that
    ran: only entries of those, in the files the run read, can be stale."""
    checked = {source.path for source in result.corpus.files}
    listed = {a.fingerprint for a in baseline.accepted}
    new: list[Finding] = []
    accepted: list[Finding] = []
    for finding in result.findings:
        (accepted if finding.fingerprint in listed else new).append(finding)
    matched = {f.fingerprint for f in accepted}
    stale = tuple(
        a
        for a in baseline.accepted
        if a.fingerprint not in matched and a.path in checked and a.rule in rules
    )
    return Outcome(baseline.file, tuple(new), tuple(accepted), stale)


def build(
    findings: Iterable[Finding],
    texts: Mapping[str, str | None],
    previous: Baseline,
    *,
    checked: Container[str],
) -> Baseline:
    """The baseline of a run's findings, with the reasons `previous` gave them.

    `texts` is the text of each checked file by path, for the evidence; entries
    of `previous` for files not `checked` are kept as they are.
    """
    reasons = {a.fingerprint: a.reason for a in previous.accepted}
    fresh = [_accepted(f, texts, reasons.get(f.fingerprint, "")) for f in findings]
    kept = [a for a in previous.accepted if a.path not in checked]
    seen = {a.fingerprint for a in fresh}
    everything = fresh + [a for a in kept if a.fingerprint not in seen]
    return replace(previous, accepted=tuple(sorted(everything, key=Accepted.sort_key)))


def _accepted(finding: Finding, texts: Mapping[str, str | None], reason: str) -> Accepted:
    # The evidence with an empty message is empty exactly when the finding quotes no text.
    quoted = fingerprints.evidence(replace(finding, message=""), texts.get(finding.position.path))
    return Accepted(
        fingerprint=finding.fingerprint,
        rule=finding.rule,
        entry=finding.entry,
        path=finding.position.path,
        message=finding.message,
        evidence=quoted or None,
        reason=reason,
    )


def dumps(baseline: Baseline) -> str:
    """The file's text: sorted, indented, one key order, so a diff shows only what changed."""
    document = {
        "tool": "faq-audit",
        "format": FORMAT,
        "about": (
            "Findings accepted for now: `faq-audit validate` reports only findings not listed "
            "here. Give each a reason; `faq-audit baseline` rewrites the file and keeps them."
        ),
        "findings": [a.as_json() for a in baseline.accepted],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load(path: Path, shown: str | None = None) -> Baseline:
    """The baseline in `path`; BaselineError, with the file and line, when it is not one.
    `shown` is how messages name the file."""
    name = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"the baseline file '{name}' does not exist; write it with `faq-audit baseline`"
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise BaselineError(f"cannot read the baseline file '{name}': {_why(err)}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise BaselineError(
            f"{name}:{err.lineno}:{err.colno}: the baseline file is not valid JSON: {err.msg}; "
            "fix it, or write it anew with `faq-audit baseline`"
        ) from None
    return Baseline(name, tuple(_entries(document, name)))


def _entries(document: Any, name: str) -> Iterable[Accepted]:
    items = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise BaselineError(
            f"{name}: not a faq-audit baseline: it has no list of `findings`; "
            "write it anew with `faq-audit baseline`"
        )
    for number, item in enumerate(items, start=1):
        if not (
            isinstance(item, dict)
            and all(isinstance(item.get(key), str) for key in ("fingerprint", "rule", "path"))
        ):
            raise BaselineError(
                f"{name}: finding {number} of the baseline needs `fingerprint`, `rule` and "
                "`path` as text; fix it, or write the file anew with `faq-audit baseline`"
            )
        text = {key: item.get(key) for key in _FIELDS}
        yield Accepted(
            fingerprint=item["fingerprint"],
            rule=item["rule"],
            entry=text["entry"] if isinstance(text["entry"], str) else None,
            path=item["path"],
            message=text["message"] if isinstance(text["message"], str) else "",
            evidence=text["evidence"] if isinstance(text["evidence"], str) else None,
            reason=text["reason"] if isinstance(text["reason"], str) else "",
        )


def _why(err: Exception) -> str:
    if isinstance(err, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "it is a folder"
    return str(getattr(err, "strerror", None) or err)

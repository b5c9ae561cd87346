"""SARIF 2.1.0, as GitHub code scanning accepts it.

One run whose tool driver describes every rule it is given (id, a friendly
name, short and full description, help, default level, tags), so that an
alert can show what a rule is for even where it found nothing; one result
per finding, with its rule, level, message, the place relative to the
repository root (`uriBaseId` `%SRCROOT%`, forward slashes), the other places
it involves (`relatedLocations`), and its fingerprint as
`partialFingerprints["faqAudit/v1"]`, so that code scanning tracks an alert
across edits that move its line. A run that could not start says why in
`invocations`. `tests/data/sarif-2.1.0.json` is the schema it is tested against.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit.model import AuditResult, Finding, Position, Severity
from audit.reporters import ReportContext

if TYPE_CHECKING:
    from audit.rules import Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "faqAudit/v1"  # bump the version if fingerprints are ever computed anew
ROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def information_uri() -> str | None:
    """The project's home page as the installed package declares it (`[project.urls]`)."""
    from importlib import metadata

    try:
        urls: list[str] = metadata.metadata("faq-audit").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in {"homepage", "home", "repository", "source", "documentation"}:
            return url.strip()
    return None


def render(result: AuditResult, rules: Mapping[str, Rule], context: ReportContext) -> str:
    described = [_rule(rule) for rule in sorted(rules.values(), key=lambda r: r.id)]
    # Findings of ids that are no rule of the registry (a config file's problems).
    for rule_id in sorted({f.rule for f in result.findings} - set(rules)):
        described.append(_bare_rule(rule_id, result.findings))
    index = {descriptor["id"]: n for n, descriptor in enumerate(described)}
    driver: dict[str, Any] = {
        "name": "faq-audit",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": described,
    }
    home = information_uri()
    if home:  # optional in SARIF: better none than an address that leads nowhere
        driver["informationUri"] = home
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [_invocation(result)],
        "originalUriBaseIds": {
            ROOT: {"description": {"text": "The root of the repository checked."}}
        },
        "results": [_result(f, index[f.rule], context) for f in result.findings],
        "columnKind": "unicodeCodePoints",
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    from audit.rules import documentation

    full = documentation(rule)
    return {
        "id": rule.id,
        **_name(rule.id),
        "shortDescription": {"text": _sentence(rule.summary)},
        "fullDescription": {"text": _sentence(full)},
        "help": {"text": full, "markdown": full},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": sorted({"faq", rule.family, str(rule.scope)})},
    }


def _bare_rule(rule_id: str, findings: tuple[Finding, ...]) -> dict[str, Any]:
    severity = next(f.severity for f in findings if f.rule == rule_id)
    text = f"Problems reported under '{rule_id}'."
    return {
        "id": rule_id,
        **_name(rule_id),
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"tags": ["faq"]},
    }


def _name(rule_id: str) -> dict[str, str]:
    """A friendly name in Pascal case (`DuplicateId`), as SARIF suggests; none for a
    one-word id, whose name would only repeat it (which the SARIF validator warns of)."""
    name = "".join(part.capitalize() for part in rule_id.split("-"))
    return {} if name.casefold() == rule_id.casefold() else {"name": name}


def _sentence(text: str) -> str:
    """SARIF asks for descriptions that end as a sentence does."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _invocation(result: AuditResult) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": result.error is None}
    if result.error is not None:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": _sentence(result.error)}}
        ]
    return invocation


def _result(finding: Finding, rule_index: int, context: ReportContext) -> dict[str, Any]:
    found: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding.position, context)],
    }
    if finding.related:
        found["relatedLocations"] = [
            _location(r.position, context) | {"id": n, "message": {"text": r.message}}
            for n, r in enumerate(finding.related, start=1)
        ]
    if finding.fingerprint:
        found["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    return found


def _location(p: Position, context: ReportContext) -> dict[str, Any]:
    region = {
        "startLine": max(p.line, 1),
        "startColumn": max(p.column, 1),
        "endLine": max(p.end_line if p.end_line is not None else p.line, 1),
        "endColumn": max(p.end_column if p.end_column is not None else p.column, 1),
    }
    if (region["endLine"], region["endColumn"]) < (region["startLine"], region["startColumn"]):
        region["endLine"], region["endColumn"] = region["startLine"], region["startColumn"]
    return {"physicalLocation": {"artifactLocation": _artifact(p.path, context), "region": region}}


def _artifact(path: str, context: ReportContext) -> dict[str, str]:
    """A path from the repository root as a relative URI reference on `%SRCROOT%`; a
    file outside the repository as a `file:` URI. Characters a URI may not hold are
    percent-encoded."""
    from urllib.parse import quote

    shown = context.repository_path(path)
    if shown.startswith("/"):
        return {"uri": "file://" + quote(shown, safe="/")}
    return {"uri": quote(shown, safe="/"), "uriBaseId": ROOT}

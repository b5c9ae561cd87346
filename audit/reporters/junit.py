"""JUnit XML, which CI dashboards read as test results.

A `testsuite` per check family (`grammar`, `duplicates`, …), in which each
entry checked is a `testcase` (name `path#entry-id`, with `file` and
`line` attributes) that passes when the family found nothing in it and fails
with the findings' messages otherwise; findings outside any entry (a file
that is not YAML) fail a testcase named for the file. So a dashboard counts
what was checked, not only what failed. Names are made unique where two
entries share an id (itself a finding), since dashboards key results by
`classname` and `name`.

XML 1.0 cannot hold most control characters, even escaped, so those from the
content are written as `\\x1b`; `<`, `&` and quotes are escaped as XML's own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from audit.model import AuditResult, Finding
from audit.reporters import ReportContext
from audit.reporters.text import printable

if TYPE_CHECKING:
    from audit.rules import Rule

_SURROGATE = re.compile("[\ud800-\udfff]")

# Case key: (path, entry id or None, the entry's index in its file or -1)
_Case = tuple[str, str | None, int]


def xml_text(value: str, *, keep: str = "") -> str:
    """Text XML 1.0 can hold: other control characters and lone surrogates escaped."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(value, keep=keep))


def render(result: AuditResult, rules: Mapping[str, Rule], context: ReportContext) -> str:
    """The document, written as text rather than built as a tree: a run of 100,000
    entries has a testcase per entry in each of some 40 families, and an ElementTree of
    millions of elements would take gigabytes."""
    families = sorted(
        {rule.family for rule in rules.values()} | {_family(f, rules) for f in result.findings}
    )
    by_case = _findings_by_case(result, rules)
    taken: set[str] = set()
    entry_cases = [
        ((source.path, entry.id, entry.index), entry.position.line)
        for source in result.corpus.files
        for entry in source.entries
    ]
    # Attributes escaped once, not once per family.
    named = [
        (key, line, f"name={_attr(_unique(_name(key), taken))} file={_attr(key[0])}")
        for key, line in entry_cases
    ]
    suites: list[str] = []
    total = failed = 0
    for family in families:
        classname = _attr(f"faq-audit.{family}")
        own = sorted({key for (fam, key) in by_case if fam == family and key[2] < 0})
        names = set(taken)  # a file's case must not take an entry's name
        file_cases = [(key, by_case[(family, key)][0].position.line) for key in own]
        cases = [
            (key, line, f"name={_attr(_unique(_name(key), names))} file={_attr(key[0])}")
            for key, line in file_cases
        ] + named
        body: list[str] = []
        failures = 0
        for key, line, where in cases:
            head = f'    <testcase classname={classname} {where} line="{line}"'
            findings = by_case.get((family, key))
            if findings:
                failures += 1
                body.append(f"{head}>\n{_failure(findings)}    </testcase>\n")
            else:
                body.append(f"{head} />\n")
        suites.append(
            f'  <testsuite name={_attr(family)} tests="{len(cases)}" '
            f'failures="{failures}" errors="0" skipped="0">\n{"".join(body)}  </testsuite>\n'
        )
        total, failed = total + len(cases), failed + failures
    errors = 0
    if result.error is not None:
        errors = 1
        suites.append(
            '  <testsuite name="faq-audit" tests="1" failures="0" errors="1" skipped="0">\n'
            '    <testcase classname="faq-audit" name="run">\n'
            f"      <error message={_attr(result.error)} />\n"
            "    </testcase>\n  </testsuite>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="faq-audit" tests="{total}" failures="{failed}" errors="{errors}">\n'
        f"{''.join(suites)}</testsuites>\n"
    )


def _findings_by_case(
    result: AuditResult, rules: Mapping[str, Rule]
) -> dict[tuple[str, _Case], list[Finding]]:
    """The findings of each (family, testcase)."""
    by_case: defaultdict[tuple[str, _Case], list[Finding]] = defaultdict(list)
    starts: defaultdict[tuple[str, str | None], list[tuple[int, int]]] = defaultdict(list)
    for source in result.corpus.files:
        for entry in source.entries:
            starts[(source.path, entry.id)].append((entry.position.line, entry.index))
    for finding in result.findings:
        path = finding.position.path
        index = _entry_index(starts.get((path, finding.entry), []), finding.position.line)
        key: _Case = (path, finding.entry if index >= 0 else None, index)
        by_case[(_family(finding, rules), key)].append(finding)
    return by_case


def _attr(value: str) -> str:
    """An attribute value, quoted and escaped."""
    return quoteattr(xml_text(value))


def _entry_index(starts: list[tuple[int, int]], line: int) -> int:
    """The entry a finding is in: of the entries with its id in its file (two, when the id
    is duplicated), the last that starts at or above its line; -1 for none."""
    if finding_in := [index for start, index in starts if start <= line]:
        return finding_in[-1]
    return starts[0][1] if starts else -1


def _family(finding: Finding, rules: Mapping[str, Rule]) -> str:
    rule = rules.get(finding.rule)
    return rule.family if rule is not None else finding.rule


def _name(key: _Case) -> str:
    path, entry, index = key
    if index < 0:
        return path
    return f"{path}#{entry if entry is not None else f'entry {index + 1}'}"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name} ({n})"
    taken.add(candidate)
    return candidate


def _failure(findings: list[Finding]) -> str:
    first = findings[0]
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    message = _attr(f"{first.severity} {first.rule}: {first.message}{more}")
    lines = "".join(
        f"{f.position.path}:{f.position.line}:{f.position.column}: "
        f"{f.severity} {f.rule} {f.message}\n"
        for f in findings
    )
    return (
        f"      <failure message={message} type={_attr(first.rule)}>"
        f"{escape(xml_text(lines, keep=chr(10)))}</failure>\n"
    )

"""`faq-audit rules`: the rules the registry declares, as a list, as the README's table
(`--format markdown`) or as JSON, or one rule or family with its documentation and
options.

A rule's documentation is its module's docstring, which may document a whole family
("- `duplicate-id`: … - `duplicate-question`: …"); asked for one rule, the command
shows the module's opening paragraph and that rule's own part, so the reader is not
left to find it among its siblings. Options are printed as YAML to paste under
`rules:` in faq-audit.yaml (`require: false`, not Python's `False`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

import yaml

from audit.commands import EXIT_OK

if TYPE_CHECKING:
    from audit.rules import Option, Rule


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.rules import all_rules

    if args.rule:
        return _explain(args.rule, args.format, parser)
    rules = all_rules()
    if args.format == "json":
        listed = [_described(rule) for rule in rules.values()]
        sys.stdout.write(json.dumps({"rules": listed}, indent=2) + "\n")
        return EXIT_OK
    if args.format == "markdown":
        sys.stdout.write("| id | severity | fix | what it catches |\n| --- | --- | --- | --- |\n")
        for rule in rules.values():
            fixable = "yes" if rule.fixable else ""
            sys.stdout.write(f"| `{rule.id}` | {rule.severity} | {fixable} | {rule.summary} |\n")
        return EXIT_OK
    width = max(len(r) for r in rules)
    for rule in rules.values():
        sys.stdout.write(f"{rule.id:<{width}}  {rule.severity!s:<7}  {rule.summary}\n")
    return EXIT_OK


def _explain(rule_id: str, form: str, parser: argparse.ArgumentParser) -> int:
    """One rule, or a family of rules, with its documentation and the options it takes."""
    from audit.rules import all_rules, documentation, members

    rules = all_rules()
    chosen = [rules[member] for member in sorted(members(rule_id))]
    if not chosen:
        parser.error(f"unknown rule '{rule_id}'; `faq-audit rules` lists them")
    rule = rules.get(rule_id)
    text = documentation(chosen[0])
    if rule is None:  # a family: its rules share a module, and so their documentation
        heading = f"{rule_id}: the rules {', '.join(r.id for r in chosen)}"
    else:
        text = own_part(text, rule.id)
        of_family = f"; of the {rule.family} family" if rule.family != rule.id else ""
        heading = f"{rule.id} ({rule.severity}{of_family})"
    options: dict[str, Option] = {}
    for member in chosen:
        options.update({option.name: option for option in member.options})
    if form == "json":
        described = [{**_described(member), "documentation": text} for member in chosen]
        sys.stdout.write(json.dumps({"rules": described}, indent=2) + "\n")
    elif form == "markdown":
        sys.stdout.write(f"## `{rule_id}`\n\n{heading}\n\n```\n{text}\n```\n")
        if options:
            pasted = _options_yaml(rule_id, options.values())
            sys.stdout.write(f"\nOptions, with defaults:\n\n```yaml\n{pasted}```\n")
    else:
        sys.stdout.write(f"{heading}\n\n{text}\n")
        if options:
            pasted = _options_yaml(rule_id, options.values())
            sys.stdout.write(f"\nOptions, with defaults (paste into faq-audit.yaml):\n{pasted}")
    return EXIT_OK


def own_part(doc: str, rule_id: str) -> str:
    """The opening paragraph of a module's documentation and the part on `rule_id`.

    The whole text when the module does not document its rules one by one.
    """
    lines = doc.splitlines()
    marker = f"- `{rule_id}`"
    start = next((n for n, line in enumerate(lines) if line.startswith(marker)), None)
    if start is None:
        return doc
    end = start + 1
    while end < len(lines) and not _ends_part(lines[end]):
        end += 1
    part = [
        lines[start][2:],
        *(line[2:] if line.startswith("  ") else line for line in lines[start + 1 : end]),
    ]
    opening = lines[: lines.index("")] if "" in lines else lines[:1]
    return "\n".join([*opening, "", *part]).rstrip()


def _ends_part(line: str) -> bool:
    """A rule's part ends at its sibling's bullet or at text back at the margin."""
    return bool(line) and not line.startswith(" ")


def _options_yaml(rule_id: str, options: Any) -> str:
    """`rules: {rule: {option: default}}` as YAML, one option a line with its doc."""
    out = f"  rules:\n    {rule_id}:\n"
    for option in options:
        dumped = yaml.safe_dump(option.value(), default_flow_style=True, width=10**6)
        value = f"{option.name}: {dumped.removesuffix(chr(10) + '...' + chr(10)).strip()}"
        note = f"  # {option.doc}" if option.doc else ""
        out += f"      {value}{note}\n"
    return out


def _described(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "severity": str(rule.severity),
        "family": rule.family,
        "fixable": rule.fixable,
        "summary": rule.summary,
        "options": {
            option.name: {
                "default": option.value(),
                "choices": list(option.choices),
                "doc": option.doc,
            }
            for option in rule.options
        },
    }

"""`faq-audit rules`: the rules the registry declares, as a list, as the README's table
(`--format markdown`), or one rule or family with its documentation and options."""

from __future__ import annotations

import argparse
import sys

from audit.commands import EXIT_OK


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.rules import all_rules

    if args.rule:
        return _explain(args.rule, parser)
    rules = all_rules()
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


def _explain(rule_id: str, parser: argparse.ArgumentParser) -> int:
    """One rule, or a family of rules, with its documentation and the options it takes."""
    from audit.rules import Option, all_rules, documentation, members

    rules = all_rules()
    chosen = [rules[member] for member in sorted(members(rule_id))]
    if not chosen:
        parser.error(f"unknown rule '{rule_id}'; `faq-audit rules` lists them")
    rule = rules.get(rule_id)
    if rule is None:  # a family: its rules share a module, and so their documentation
        heading = f"{rule_id}: the rules {', '.join(r.id for r in chosen)}"
    elif rule.family != rule.id:
        heading = f"{rule.id} ({rule.severity}; of the {rule.family} family)"
    else:
        heading = f"{rule.id} ({rule.severity})"
    sys.stdout.write(f"{heading}\n\n{documentation(chosen[0])}\n")
    options: dict[str, Option] = {}
    for member in chosen:
        options.update({option.name: option for option in member.options})
    if options:
        sys.stdout.write("\nOptions (set under rules: in faq-audit.yaml), with defaults:\n")
        for option in options.values():
            note = f"  # {option.doc}" if option.doc else ""
            sys.stdout.write(f"  {option.name}: {option.value()!r}{note}\n")
    return EXIT_OK

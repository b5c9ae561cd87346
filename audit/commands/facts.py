"""`faq-audit facts [PATH…]`: the policy registry's facts, and where the answers state each.

For every fact of the registry (faq/policies.yaml, or where the config's
`policies:` says): its value, then every claim that states it, marked
`agrees` or `DIFFERS`; then the claims that state no fact. Without a registry,
every claim read. `--format json` gives the same as data, every claim with its
entry, path, line, topic, variable, comparator, value and unit, so that a
person can audit what the extractor read. Contacts are not facts of the
registry: they live in the config's `contacts:`, which this names.

Exit 0, or 2 when the config or the registry has problems.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from audit.commands import EXIT_OK

if TYPE_CHECKING:
    from audit.config import Config
    from audit.facts import Fact, Facts
    from audit.facts.statements import Statement


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine
    from audit.commands.options import audit_options
    from audit.facts.statements import lexicon_of, statements
    from audit.rules import options_for
    from audit.rules.policy import THRESHOLD_GAP

    args.select, args.ignore = [frozenset({"policy"})], None  # load, and run no other rule
    paths, options = audit_options(args, parser)
    corpus = engine.audit(paths, options).corpus
    topics = options_for(THRESHOLD_GAP, options.config)["topics"]
    found = list(statements(corpus, lexicon_of(topics), options.config.region))
    table = Table.build(options.facts, found)
    if args.format == "json":
        sys.stdout.write(json.dumps(table.as_json(options.config), indent=2) + "\n")
    else:
        sys.stdout.write(table.as_text(options.config))
    return EXIT_OK


class Table:
    """The facts with the claims that state each, and the claims that state none."""

    def __init__(
        self,
        facts: Facts,
        claims: Sequence[Statement],
        stated: dict[str, list[tuple[int, bool]]],
        unmatched: list[int],
    ) -> None:
        self.facts = facts
        self.claims = claims
        self.stated = stated  # fact id -> (claim index, agrees)
        self.unmatched = unmatched

    @classmethod
    def build(cls, facts: Facts, claims: Sequence[Statement]) -> Table:
        from audit.facts.matching import agrees, states

        stated: dict[str, list[tuple[int, bool]]] = {fact.id: [] for fact in facts.facts}
        unmatched = []
        for index, statement in enumerate(claims):
            matched = False
            for fact in facts.facts:
                if states(statement.claim, fact):
                    stated[fact.id].append((index, agrees(statement.claim, fact)))
                    matched = True
            if not matched:
                unmatched.append(index)
        return cls(facts, claims, stated, unmatched)

    # ------------------------------------------------------------------ text

    def as_text(self, config: Config) -> str:
        from audit.rules.policy.wording import fact_words

        lines = [_contacts_line(config)]
        if self.facts.path is None:
            expected = config.policies_files()[0]
            lines.append(f"No policy registry ({expected}): the claims read follow.")
        else:
            lines.append(f"Policy registry {self.facts.path}: {_count(self.facts.facts, 'fact')}.")
        for fact in self.facts.facts:
            where = f"{fact.position.path}:{fact.position.line}"
            lines += ["", f"{fact.id}: {fact_words(fact)}{_outcome(fact)}   ({where})"]
            if fact.description:
                lines.append(f"    {fact.description}")
            if not self.stated[fact.id]:
                lines.append("    stated in no answer")
            for index, agreed in self.stated[fact.id]:
                statement = self.claims[index]
                mark = "agrees " if agreed else "DIFFERS"
                lines.append(f"    {mark}  {_place(statement)}  {_shown(statement)}")
        if self.facts.path is not None:
            lines += ["", f"Claims that state no fact: {len(self.unmatched)}."]
        for index in self.unmatched:
            statement = self.claims[index]
            claim = statement.claim
            lines.append(
                f"    {_place(statement)}  {claim.kind} {_subject(statement)}  {_shown(statement)}"
            )
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ JSON

    def as_json(self, config: Config) -> dict[str, Any]:
        facts_of: dict[int, list[dict[str, Any]]] = {}
        for fact_id, stated in self.stated.items():
            for index, agreed in stated:
                facts_of.setdefault(index, []).append({"fact": fact_id, "agrees": agreed})
        return {
            "registry": self.facts.path,
            "contacts": {
                "file": config.path,
                "key": "contacts",
                "contacts": [
                    {"name": c.name, "phone": c.phone, "email": c.email} for c in config.contacts
                ],
            },
            "facts": [
                {**_fact_json(fact), "stated_by": [index for index, _ in self.stated[fact.id]]}
                for fact in self.facts.facts
            ],
            "claims": [
                {"index": index, **_claim_json(statement), "facts": facts_of.get(index, [])}
                for index, statement in enumerate(self.claims)
            ],
            "unmatched": list(self.unmatched),
        }


def _contacts_line(config: Config) -> str:
    if config.path is None:
        return "Contacts: none (no faq-audit.yaml was found; they are kept under its `contacts:`)."
    where = config.path
    shown = "; ".join(
        " ".join(filter(None, (contact.name, contact.phone, contact.email)))
        for contact in config.contacts
    )
    return f"Contacts are kept in {where}, under `contacts:`: {shown or 'none'}."


def _count(items: Sequence[object], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _outcome(fact: Fact) -> str:
    return f" → {fact.outcome}" if fact.outcome else ""


def _place(statement: Statement) -> str:
    return f"{statement.entry.path}:{statement.line}  {statement.entry_id or '-'}"


def _shown(statement: Statement) -> str:
    """A claim as the answer writes it ("30 calendar days"); a threshold with its bound and
    outcome ("under $499" (fee 10 USD)), since its number alone says neither."""
    from audit.extract.claims import ClaimKind
    from audit.rules.policy.wording import cited

    if statement.claim.kind is ClaimKind.THRESHOLD:
        return cited(statement, where=False)
    return f'"{" ".join(statement.words.split())}"'


def _subject(statement: Statement) -> str:
    claim = statement.claim
    parts = [claim.topic, claim.quantity]
    if claim.variable:
        parts.append(claim.variable)
    return "/".join(parts)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "description": fact.description,
        "topic": fact.topic,
        "quantity": fact.quantity,
        "variable": fact.variable,
        "comparator": str(fact.comparator),
        "value": None if fact.is_hours else _number(fact.value),
        "upper": _number(fact.upper),
        "unit": fact.unit or None,
        "outcome": fact.outcome,
        "days": list(fact.days),
        "opens": fact.opens,
        "closes": fact.closes,
        "zone": fact.zone,
        "path": fact.position.path,
        "line": fact.position.line,
    }


def _claim_json(statement: Statement) -> dict[str, Any]:
    claim = statement.claim
    position = statement.position
    return {
        "entry": statement.entry_id,
        "path": position.path,
        "line": position.line,
        "column": position.column,
        "kind": str(claim.kind),
        "topic": claim.topic,
        "quantity": claim.quantity,
        "variable": claim.variable,
        "comparator": str(claim.comparator),
        "value": _number(claim.value),
        "upper": _number(claim.upper),
        "unit": claim.unit,
        "outcome": claim.outcome,
        "days": list(claim.days),
        "opens": claim.opens,
        "closes": claim.closes,
        "zone": claim.zone,
        "text": statement.words,
        "sentence": statement.sentence,
    }

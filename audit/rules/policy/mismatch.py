"""Claims that state a registry fact with another value.

`audit.facts.matching` says which claim states which fact; each that does not
agree is reported on the claim, pointing at the fact's line in the registry.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from audit.facts import Facts
from audit.facts.matching import agrees, states
from audit.facts.statements import Statement
from audit.model import Problem, Related
from audit.rules.policy.wording import cited, fact_words


def mismatch_problems(
    statements: Sequence[Statement], facts: Facts, rule_id: str
) -> Iterator[Problem]:
    for statement in statements:
        for fact in facts.facts:
            if not states(statement.claim, fact) or agrees(statement.claim, fact):
                continue
            where = f"{fact.position.path}, line {fact.position.line}"
            message = (
                f"{cited(statement)} disagrees with the policy registry: {fact.id} is "
                f'"{fact_words(fact)}" ({where}); correct the answer, or the registry if '
                "the answer is right"
            )
            related = (Related(fact.position, f"{fact.id}: {fact_words(fact)}"),)
            yield Problem(
                message, statement.position, entry=statement.entry_id, related=related, rule=rule_id
            )


def covered(statement: Statement, facts: Facts) -> bool:
    """Whether the registry states what this claim states (then it, not the others, is right)."""
    return any(states(statement.claim, fact) for fact in facts.facts)

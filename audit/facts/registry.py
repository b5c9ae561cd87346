"""Read the policy registry, faq/policies.yaml, into `Facts`, with the line of each fact.

The registry is read like the config: with the content's loader, against
`schemas/policies.schema.json`, in the same plain words, and what the schema
cannot say (an id used twice, a range whose ends are the wrong way round,
hours that close before they open) is reported on its line too. Any problem
stops the run before a file is checked, as a broken config does: a rule
comparing answers with a registry it misread would report nonsense.

The registry is optional. Without the file, the policy rules compare answers
only with each other. It is the registry because the config names it
(`policies:`; by default faq/policies.yaml, or policies.yaml in the folder
checked: `Config.policies_files`); `validate` does not read it as FAQ content.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from audit.config import Config, ConfigError
from audit.extract.claims import Comparator
from audit.facts import Fact, Facts
from audit.model import Position, Problem, SourceFile

COMPARATORS = {
    "under": Comparator.LT,
    "up-to": Comparator.LE,
    "over": Comparator.GT,
    "at-least": Comparator.GE,
    "exactly": Comparator.EQ,
    "between": Comparator.RANGE,
}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SHAPE = "the policy registry is a mapping with a list of `facts:`, each with an `id:`"


class PoliciesError(ConfigError):
    """The registry has problems; each is a problem with its line (reported as the config's)."""

    what = "the policy registry"


def load_facts(config: Config, paths: Sequence[Path] = ()) -> Facts:
    """The facts of the registry the config names (`Config.policies_files`, given the
    paths checked); none when there is no such file. A registry the config names by
    `policies:` must exist; the default one may not.
    """
    candidates = config.policies_files(paths)
    found = next((path for path in candidates if os.path.lexists(path)), None)
    if found is None:
        if config.policies is not None:
            where = config.where("policies")
            said = f"the policy registry '{candidates[0]}' named by `policies:` does not exist"
            raise PoliciesError([Problem(said, where)])
        return Facts(contacts=config.path)
    return read_facts(found, contacts=config.path)


def read_facts(path: Path, contacts: str | None = None) -> Facts:
    """Read and check one registry file; PoliciesError with every problem on its line."""
    from audit.source.loader import load_file
    from audit.source.schema_messages import Target, validate

    source = load_file(path)
    problems = [*source.problems]
    problems += validate(source, Target("policies.schema.json", "policies", "policies", SHAPE))
    if problems:
        raise PoliciesError(_sorted(problems))
    items = source.data.get("facts", []) if isinstance(source.data, dict) else []
    facts = [_fact(source, index, item) for index, item in enumerate(items)]
    problems = list(_problems(source, items))
    if problems:
        raise PoliciesError(_sorted(problems))
    return Facts(tuple(facts), source.path, contacts)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.position.line, p.position.column))


def _fact(source: SourceFile, index: int, item: Mapping[str, Any]) -> Fact:
    anchor = next((key for key in ("value", "opens", "days") if key in item), "id")
    days = tuple(DAYS.index(day) for day in item.get("days", ()))
    return Fact(
        id=item["id"],
        topic=item["topic"],
        quantity=item["quantity"],
        comparator=COMPARATORS[item.get("comparator", "exactly")],
        value=_decimal(item.get("value", 0)),
        unit=item.get("unit", ""),
        position=_where(source, ("facts", index, anchor)),
        variable=item.get("variable"),
        upper=_decimal(item["upper"]) if "upper" in item else None,
        outcome=item.get("outcome"),
        days=days,
        opens=_minutes(item["opens"]) if "opens" in item else None,
        closes=_minutes(item["closes"]) if "closes" in item else None,
        zone=item.get("zone"),
        description=item.get("description", ""),
    )


def _problems(source: SourceFile, items: list[Mapping[str, Any]]) -> Iterator[Problem]:
    """What the schema cannot say, each at the value at fault."""
    first: dict[str, int] = {}
    for index, item in enumerate(items):

        def at(key: str, i: int = index) -> Position:
            return _where(source, ("facts", i, key))

        fact_id = item["id"]
        if fact_id in first:
            line = at("id", first[fact_id]).line
            yield Problem(f"the id '{fact_id}' is already used at line {line}", at("id"))
        first.setdefault(fact_id, index)
        hours = [key for key in ("days", "opens", "closes") if key in item]
        if hours:
            yield from _hours_problems(item, hours, at)
        elif "value" not in item or "unit" not in item:
            missing = "value" if "value" not in item else "unit"
            yield Problem(
                f"the fact '{fact_id}' has no `{missing}`; a fact states a `value` and its "
                "`unit`, or opening hours as `days`, `opens` and `closes`",
                at("id"),
            )
        comparator = item.get("comparator", "exactly")
        if comparator == "between" and "upper" not in item:
            yield Problem("a range (between) needs its `upper` end", at("comparator"))
        if "upper" in item and comparator != "between":
            yield Problem("`upper` is the end of a range: write `comparator: between`", at("upper"))
        if "upper" in item and "value" in item and item["upper"] < item["value"]:
            yield Problem(
                f"the range ends ({item['upper']}) below where it starts ({item['value']})",
                at("upper"),
            )
        if comparator not in ("exactly", "between") and "variable" not in item:
            yield Problem(
                f"'{comparator}' bounds a variable: name it, e.g. `variable: order-total`",
                at("comparator"),
            )


def _hours_problems(
    item: Mapping[str, Any], hours: list[str], at: Callable[[str], Position]
) -> Iterator[Problem]:
    for key in ("days", "opens", "closes"):
        if key not in item:
            yield Problem(
                f"opening hours need `days`, `opens` and `closes`; add `{key}:`", at(hours[0])
            )
    if "value" in item:
        yield Problem("a fact gives a `value` or opening hours, not both", at("value"))
    opens, closes = item.get("opens"), item.get("closes")
    if opens is not None and closes is not None and _minutes(closes) <= _minutes(opens):
        yield Problem(f"the hours close ({closes}) before they open ({opens})", at("closes"))


def _where(source: SourceFile, path: tuple[str | int, ...]) -> Position:
    from audit.source.loader import locate

    if source.root is None:
        return Position(source.path, 1, 1)
    node, _ = locate(source.root.node, path)
    return source.root.locator.position(node) if node is not None else Position(source.path, 1, 1)


def _decimal(value: Any) -> Decimal:
    """A YAML number as a Decimal, as written (0.1 stays 0.1, not its float)."""
    return Decimal(str(value))


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)

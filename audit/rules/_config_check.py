"""The config's `rules:` checked against the registry: ids, options, kinds, choices.

JSON Schema knows the shape of `rules:` but not which rules exist or what
each takes; the registry does. Each problem stands on the line of the key or
value at fault, from the positions the config kept when it was loaded.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from audit.config import RULE_KEYS, Config
from audit.model import Problem
from audit.source.schema_messages import kind_of
from audit.text.edits import closest

if TYPE_CHECKING:
    from audit.rules import Option, Registry


def problems(config: Config, registry: Registry) -> Iterator[Problem]:
    for name, settings in config.rules.items():
        ids = registry.families.get(name) or (
            frozenset({name}) if name in registry.rules else frozenset()
        )
        if not ids:
            hint = _close(name, [*registry.rules, *registry.families])
            yield Problem(f"there is no rule '{name}'{hint}", config.where("rules", name, key=True))
            continue
        declared: dict[str, Option] = {}
        for rule_id in sorted(ids):
            for option in registry.rules[rule_id].options:
                declared.setdefault(option.name, option)
        for option_name, value in settings.items():
            if option_name in RULE_KEYS:
                continue
            yield from _option_problems(config, name, ids, declared, option_name, value)


def _option_problems(
    config: Config,
    name: str,
    ids: frozenset[str],
    declared: dict[str, Option],
    option_name: str,
    value: Any,
) -> Iterator[Problem]:
    option = declared.get(option_name)
    if option is None:
        known = ", ".join(sorted(declared)) or "none"
        hint = _family(name, ids)
        yield Problem(
            f"'{option_name}' is not an option of {name} (its options: {known}){hint}",
            config.where("rules", name, option_name, key=True),
        )
    elif not _same_kind(value, option.default):
        yield Problem(
            f"{name}: '{option_name}' must be {_kind(option.default)}",
            config.where("rules", name, option_name),
        )
    elif (wanted := _out_of_range(value, option.default)) is not None:
        yield Problem(
            f"{name}: '{option_name}' must be {wanted}, not {_shown(value)}",
            config.where("rules", name, option_name),
        )
    elif option.choices:
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if item not in option.choices:
                where = (option_name, index) if isinstance(value, list) else (option_name,)
                yield Problem(
                    f"{name}: '{item}' is not one of the {option_name} "
                    f"({', '.join(option.choices)})",
                    config.where("rules", name, *where),
                )


def _family(name: str, ids: frozenset[str]) -> str:
    """For a family id, the hint that each of its checks is a rule of its own."""
    if ids == {name}:
        return ""
    listed = ", ".join(sorted(ids))
    return (
        f"; the rules of {name} are {listed}: turn one off with `severity: 'off'` under its own id"
    )


def _close(name: str, known: Iterable[str]) -> str:
    meant = closest(name, known)
    return f"; did you mean '{meant}'?" if meant else "; `faq-audit rules` lists them"


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _out_of_range(value: Any, default: Any) -> str | None:
    """What a number must be instead, when the option's kind is right but the number is not.

    YAML reads `.inf` and `.nan` as numbers, which no count or number of months
    can be (they crashed the rules that use them); the options whose default is
    a whole number are counts, so they take whole numbers of 0 or more.
    """
    if isinstance(default, bool) or not isinstance(default, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "a finite number" if isinstance(default, float) else "a whole number of 0 or more"
    if isinstance(default, int) and (value < 0 or value != int(value)):
        return "a whole number of 0 or more"
    return None


def _shown(value: Any) -> str:
    """A number as the config file writes it (YAML spells infinity `.inf`)."""
    if isinstance(value, float) and math.isnan(value):
        return ".nan"
    if isinstance(value, float) and math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return str(value)


def _kind(default: Any) -> str:
    if isinstance(default, tuple):
        default = list(default)
    return kind_of(default) + (" of text" if isinstance(default, list) else "")

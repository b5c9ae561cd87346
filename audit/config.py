"""The config file, `faq-audit.yaml`: loaded once, validated once, with line numbers.

It is read with the same loader as the content and checked against
`schemas/config.schema.json` with the same plain-words messages, so a typo in
the config reads like a typo in an answer. What JSON Schema cannot know is
checked at the line of the value at fault: whether a region or a phone number
is real here, and which rules and options exist by the rule registry, which
the caller passes in as `check`. This module imports nothing from the rules:
the registry reads the config, never the other way round.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.model import Position, Problem, Severity, SourceFile

CONFIG_FILE = "faq-audit.yaml"
DEFAULT_POLICIES = "faq/policies.yaml"
PHONE_STYLES = ("national", "dashes", "1-800", "international", "e164")
RULE_KEYS = frozenset({"severity", "enabled"})


class ConfigError(Exception):
    """The config file has problems; each is a problem with its line."""

    what = "the config file"  # the file at fault, as a message names it

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "invalid config")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Contact:
    """A department customers are sent to, and the words that name it in answers."""

    name: str
    phone: str | None = None
    email: str | None = None
    words: tuple[str, ...] = ()


ConfigPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Config:
    """The settings in force. `rules` maps a rule or family id to its settings.

    `positions` keeps, for each path into the file (`("rules", "spacing",
    "checks", 0)`), where its value and its key stand, so that problems found
    after loading still point at their line; the node tree itself is not kept,
    because the config travels to the worker processes.
    """

    path: str | None = None
    region: str = "US"
    # None: no style is set, and `phone-format` reads the house style from the numbers
    # of the run; a style that is set is held to strictly.
    phone_style: str | None = None
    contacts: tuple[Contact, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    policies: str | None = None  # the registry of facts, when the file names one
    baseline: str | None = None  # the accepted findings `validate` leaves out, when named
    links: Mapping[str, Any] = field(default_factory=dict)  # `faq-audit links` settings
    positions: Mapping[ConfigPath, tuple[Position, Position | None]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def severity(
        self, rule_id: str, default: Severity, family: str | None = None
    ) -> Severity | None:
        """The severity in force for a rule; None when the config turns it off.

        A rule's own settings come before its family's: `grammar: {severity: 'off'}`
        turns the family off, and `grammar-articles: {severity: error}` then brings
        one of its rules back.
        """
        own = self.rules.get(rule_id, {})
        kin = self.rules.get(family, {}) if family and family != rule_id else {}
        own_says = "severity" in own or "enabled" in own
        if _off(own) or (_off(kin) and not own_says):
            return None
        value = own.get("severity") or (None if _off(kin) else kin.get("severity"))
        return Severity(value) if value else default

    def baseline_file(self) -> Path | None:
        """The baseline the config names, beside this file; None when it names none."""
        if not self.baseline:
            return None
        return (Path(self.path).parent if self.path else Path()) / self.baseline

    def policies_files(self, paths: Iterable[Path] = ()) -> list[Path]:
        """Where the policy registry may be, most likely first.

        `policies:` names it, beside this file. Without it: faq/policies.yaml beside
        this file (or in the working folder, without one), then policies.yaml in each
        folder checked, so that `validate some/faq` finds some/faq/policies.yaml. It is
        the registry because the config says so, by name or by this default, so
        discovery leaves each of these out of the FAQ content.
        """
        folder = Path(self.path).parent if self.path else Path()
        if self.policies:
            return [folder / self.policies]
        found = [folder / DEFAULT_POLICIES]
        for path in paths:
            place = path if os.path.isdir(path) else path.parent
            candidate = place / Path(DEFAULT_POLICIES).name
            if candidate not in found:
                found.append(candidate)
        return found

    def where(self, *path: str | int, key: bool = False) -> Position:
        """Where a value (or its key) stands in the file; the nearest enclosing one when it
        is not there; the file's start for the defaults."""
        while path:
            found = self.positions.get(path)
            if found is not None:
                value, key_position = found
                return key_position if key and key_position is not None else value
            path = path[:-1]
        return Position(self.path or CONFIG_FILE, 1, 1)


def _off(settings: Mapping[str, Any]) -> bool:
    return settings.get("enabled") is False or settings.get("severity") == "off"


ConfigCheck = Callable[[Config], Iterable[Problem]]


def find_config(start: Path) -> Path | None:
    """faq-audit.yaml in `start` or the nearest parent, stopping at the repository root."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None, check: ConfigCheck | None = None) -> Config:
    """Read and check a config file; no path means the defaults.

    `check` adds what only its caller knows (the command line passes the rule
    registry's `config_problems`), so that every problem is reported at once.
    """
    if path is None:
        return Config()
    from audit.source.loader import load_file
    from audit.source.schema_messages import Target, validate

    source = load_file(path)
    problems = [*source.problems]
    problems += validate(
        source,
        Target(
            "config.schema.json",
            "config",
            "config",
            shape="the config file is a mapping of settings such as `region:` and `rules:`",
        ),
    )
    if problems:
        raise ConfigError(problems)
    data = source.data if isinstance(source.data, dict) else {}
    config = Config(
        path=source.path,
        region=data.get("region", "US"),
        phone_style=data.get("phone-style"),
        contacts=tuple(_contacts(data.get("contacts", {}))),
        rules=data.get("rules", {}),
        policies=data.get("policies"),
        baseline=data.get("baseline"),
        links=data.get("links", {}),
        positions=_positions(source, data),
    )
    problems += _semantic_problems(config, data)
    if check is not None:
        problems += check(config)
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p.position.line, p.position.column)))
    return config


# Deep enough for `rules: RULE: OPTION: [ITEM]`, the deepest place a problem is reported.
_POSITION_DEPTH = 4


def _positions(
    source: SourceFile, data: Mapping[str, Any]
) -> dict[ConfigPath, tuple[Position, Position | None]]:
    """Where each value and key of the file stands, down to `_POSITION_DEPTH`."""
    from audit.source.loader import locate

    if source.root is None:
        return {}
    root, locator = source.root.node, source.root.locator
    found: dict[ConfigPath, tuple[Position, Position | None]] = {}
    pending: list[tuple[ConfigPath, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if path:
            node, key_node = locate(root, path)
            if node is not None:
                key = locator.position(key_node) if key_node is not None else None
                found[path] = (locator.position(node), key)
        if len(path) >= _POSITION_DEPTH:
            continue
        if isinstance(value, dict):
            pending += [((*path, str(k)), v) for k, v in value.items()]
        elif isinstance(value, list):
            pending += [((*path, i), v) for i, v in enumerate(value)]
    return found


def _contacts(raw: Mapping[str, Mapping[str, Any]]) -> Iterator[Contact]:
    for name, settings in raw.items():
        words = settings.get("words") or [name.replace("-", " ")]
        yield Contact(name, settings.get("phone"), settings.get("email"), tuple(words))


def _semantic_problems(config: Config, data: Mapping[str, Any]) -> Iterator[Problem]:
    """What the schema cannot say: regions, contacts whose numbers are not numbers, link
    patterns that are not regular expressions."""
    region = data.get("region", "US")
    if not known_region(region):
        yield Problem(
            f"'{region}' is not a region faq-audit knows phone numbers for", config.where("region")
        )
    for name, contact in (data.get("contacts") or {}).items():
        phone = contact.get("phone")
        if phone is not None and not _valid_phone(phone, region):
            yield Problem(
                f"the phone number of {name}, '{phone}', is not a valid number for {region}",
                config.where("contacts", name, "phone"),
            )
        email = contact.get("email")
        if email is not None and not _valid_email(email):
            yield Problem(
                f"the email address of {name}, '{email}', is not a valid address",
                config.where("contacts", name, "email"),
            )
    links = data.get("links") or {}
    for index, pattern in enumerate(links.get("exclude") or ()):
        try:
            re.compile(pattern)
        except re.error as err:
            yield Problem(
                f"links: exclude pattern '{pattern}' is not a regular expression: {err}",
                config.where("links", "exclude", index),
            )


def known_region(region: str) -> bool:
    import phonenumbers

    return region in phonenumbers.SUPPORTED_REGIONS


def _valid_phone(text: str, region: str) -> bool:
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _valid_email(text: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True

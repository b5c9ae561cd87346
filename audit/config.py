"""The config file, `faq-audit.yaml`: loaded once, validated once, with line numbers.

It is read with the same loader as the content and checked against
`schemas/config.schema.json` with the same plain-words messages, so a typo in
the config reads like a typo in an answer. What JSON Schema cannot know (rule
ids, each rule's options, whether a phone number is real) is checked here,
at the line of the value at fault.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.model import Position, Problem, Severity, SourceFile

CONFIG_FILE = "faq-audit.yaml"
PHONE_STYLES = ("national", "dashes", "international", "e164")
RULE_KEYS = frozenset({"severity", "enabled"})


class ConfigError(Exception):
    """The config file has problems; each is a problem with its line."""

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


@dataclass(frozen=True, slots=True)
class Config:
    path: str | None = None
    region: str = "US"
    phone_style: str = "national"
    contacts: tuple[Contact, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def severity(self, rule_id: str, default: Severity) -> Severity | None:
        """The severity in force for a rule; None when the config turns it off."""
        settings = self.rules.get(rule_id, {})
        if settings.get("enabled") is False or settings.get("severity") == "off":
            return None
        value = settings.get("severity")
        return Severity(value) if value else default

    def options(self, rule_id: str, defaults: Mapping[str, Any]) -> dict[str, Any]:
        """A rule's options: its defaults, with what the config sets on top."""
        settings = self.rules.get(rule_id, {})
        return {key: settings.get(key, value) for key, value in defaults.items()}


def find_config(start: Path) -> Path | None:
    """faq-audit.yaml in `start` or the nearest parent, stopping at the repository root."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None) -> Config:
    """Read and check a config file; no path means the defaults."""
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
    problems += _semantic_problems(source, data)
    if problems:
        raise ConfigError(problems)
    return Config(
        path=source.path,
        region=data.get("region", "US"),
        phone_style=data.get("phone-style", "national"),
        contacts=tuple(_contacts(data.get("contacts", {}))),
        rules=data.get("rules", {}),
    )


def _contacts(raw: Mapping[str, Mapping[str, Any]]) -> Iterator[Contact]:
    for name, settings in raw.items():
        words = settings.get("words") or [name.replace("-", " ")]
        yield Contact(name, settings.get("phone"), settings.get("email"), tuple(words))


def _semantic_problems(source: SourceFile, data: Mapping[str, Any]) -> Iterator[Problem]:
    """What the schema cannot say: unknown rules and options, numbers that are not numbers."""
    from audit.rules import all_rules

    def at(*path: str | int, key: bool = False) -> Position:
        from audit.source.loader import locate

        if source.root is None:
            return Position(source.path, 1, 1)
        node, key_node = locate(source.root.node, tuple(path))
        chosen = key_node if key and key_node is not None else node
        if chosen is None:
            return Position(source.path, 1, 1)
        return source.root.locator.position(chosen)

    region = data.get("region", "US")
    if not known_region(region):
        yield Problem(f"'{region}' is not a region faq-audit knows phone numbers for", at("region"))
    rules = all_rules()
    for rule_id, settings in (data.get("rules") or {}).items():
        rule = rules.get(rule_id)
        if rule is None:
            hint = _close(rule_id, rules)
            yield Problem(f"there is no rule '{rule_id}'{hint}", at("rules", rule_id, key=True))
            continue
        for option, value in settings.items():
            if option in RULE_KEYS:
                continue
            if option not in rule.options:
                known = ", ".join(sorted(rule.options)) or "none"
                yield Problem(
                    f"'{option}' is not an option of {rule_id} (its options: {known})",
                    at("rules", rule_id, option, key=True),
                )
            elif not _same_kind(value, rule.options[option]):
                yield Problem(
                    f"{rule_id}: '{option}' must be {_kind(rule.options[option])}",
                    at("rules", rule_id, option),
                )
            elif option in rule.choices:
                allowed = rule.choices[option]
                for index, item in enumerate(value if isinstance(value, list) else [value]):
                    if item not in allowed:
                        where = (
                            ("rules", rule_id, option, index)
                            if isinstance(value, list)
                            else ("rules", rule_id, option)
                        )
                        yield Problem(
                            f"{rule_id}: '{item}' is not one of the {option} "
                            f"({', '.join(allowed)})",
                            at(*where),
                        )
    for name, contact in (data.get("contacts") or {}).items():
        phone = contact.get("phone")
        if phone is not None and not _valid_phone(phone, region):
            yield Problem(
                f"the phone number of {name}, '{phone}', is not a valid number for {region}",
                at("contacts", name, "phone"),
            )
        email = contact.get("email")
        if email is not None and not _valid_email(email):
            yield Problem(
                f"the email address of {name}, '{email}', is not a valid address",
                at("contacts", name, "email"),
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


def _close(name: str, known: Mapping[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else "; `faq-audit rules` lists them"


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _kind(default: Any) -> str:
    from audit.source.schema_messages import kind_of

    return kind_of(default) + (" of text" if isinstance(default, list) else "")

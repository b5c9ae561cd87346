"""The schema precheck says "valid" exactly when jsonschema finds no error, and
leaves every schema it cannot compile to jsonschema."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from audit.source import schema_messages
from audit.source.loader import load_file
from audit.source.schema_precheck import compile_precheck

ROOT = Path(__file__).resolve().parent.parent

ENTRY = {
    "id": "reset-password",
    "question": "How do I reset my password?",
    "answer": "Use the link on the sign-in page.",
    "tags": ["account", "password"],
    "audience": "everyone",
    "reviewed": "2024-05-01",
    "owner": "customer-care",
}
# Values of every kind YAML can give, including those jsonschema tells apart with care.
ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, 1.0, 2.5, float("inf"), "", " ", "x", "X Y", "a" * 81,
    "a" * 20_001, "everyone", "Everyone", "2024-02-30", "2024-5-1", "reset-password",
    "Reset", "a--b", [], ["a"], ["a", "a"], [1, True], [1, 1.0], ["a", 1], [[]], {}, {"a": 1},
    b"bytes",
]  # fmt: skip


def _variants() -> list[Any]:
    """Files with one thing changed: each field of an entry set to each odd value, or
    dropped, or an unknown field added; the file's own fields likewise."""
    base: dict[str, Any] = {"category": "Accounts", "entries": [ENTRY]}
    found: list[Any] = [base, {}, [], None, "text", {"category": "A", "entries": []}]
    for key, value in itertools.product([*ENTRY, "unknown"], ODD_VALUES):
        changed = copy.deepcopy(base)
        changed["entries"][0][key] = value
        found.append(changed)
    for key in ENTRY:
        dropped = copy.deepcopy(base)
        del dropped["entries"][0][key]
        found.append(dropped)
    for key, value in itertools.product(["category", "description", "entries", "x"], ODD_VALUES):
        changed = copy.deepcopy(base)
        changed[key] = value
        found.append(changed)
    return found


def _not_text(value: Any) -> bool:
    entries = value.get("entries") if isinstance(value, dict) else None
    if not isinstance(entries, list):
        return False
    return any(
        isinstance(entry, dict)
        and isinstance(entry.get("tags"), list)
        and not all(isinstance(tag, str) for tag in entry["tags"])
        for entry in entries
    )


def _files() -> list[Path]:
    return sorted(
        path
        for folder in ("faq", "tests/corpus", "tests/content")
        for path in (ROOT / folder).rglob("*.y*ml")
        if path.is_file()
    )


def test_the_precheck_agrees_with_jsonschema_on_every_kind_of_value() -> None:
    validator = schema_messages._validator("faq.schema.json")
    precheck = schema_messages._precheck("faq.schema.json")
    assert precheck is not None
    for value in _variants():
        valid = validator.is_valid(value)
        if _not_text(value):  # items that are not all text: "not sure" is allowed
            assert not precheck(value) or valid, value
        else:
            assert precheck(value) == valid, value


def test_the_precheck_agrees_with_jsonschema_on_the_bundled_and_test_files() -> None:
    validator = schema_messages._validator("faq.schema.json")
    precheck = schema_messages._precheck("faq.schema.json")
    assert precheck is not None
    checked = 0
    for path in _files():
        if path.stat().st_size > 1_000_000:
            continue
        data = load_file(path).data  # what the schema rule is given
        assert precheck(data) == validator.is_valid(data), path
        checked += 1
    assert checked > 10


@pytest.mark.parametrize(
    "schema",
    [
        {"propertyNames": {"pattern": "^a"}},
        {"properties": {"a": {"$ref": "#/$defs/x"}}},
        {"patternProperties": {"^a": {}}, "additionalProperties": False},
        {"items": {"const": 1}},
        {"enum": [1, "a"]},
        {"minLength": 1.5},
    ],
)
def test_a_schema_with_a_keyword_not_compiled_is_left_to_jsonschema(
    schema: dict[str, Any],
) -> None:
    assert compile_precheck(schema, Draft202012Validator.FORMAT_CHECKER.conforms) is None

"""Validate a loaded YAML file against a bundled JSON Schema, in an editor's words.

jsonschema's own messages ("'x' is not of type 'string'") name neither the
line nor the fix. Here each error becomes one problem at the value at fault,
said in plain words; a value that YAML 1.1 read as a boolean, number or date
where text is meant is told apart, because its fix is quoting, not rewording.
Used for content files and for the config file alike.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from audit.model import Position, Problem, SourceFile
from audit.source import loader
from audit.source.compose import SYNTAX
from audit.source.resources import load_schema
from audit.source.schema_precheck import Precheck, compile_precheck

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator


@dataclass(frozen=True, slots=True)
class Target:
    """What to validate against, and the rule ids and words to report with."""

    schema: str
    schema_rule: str = "schema"
    implicit_rule: str = "implicit-type"
    shape: str = "a FAQ file is a mapping with a `category:` and a list of `entries:`"


def validate(source: SourceFile, target: Target) -> Iterator[Problem]:
    """Problems of one loaded file; none for a file that did not even parse."""
    if source.text is None or any(p.rule == SYNTAX for p in source.problems):
        return
    yield from _file_problems(source, target)


_KIND = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "the boolean {value}",
    "tag:yaml.org,2002:int": "the number {value}",
    "tag:yaml.org,2002:float": "the number {value}",
    "tag:yaml.org,2002:null": "an empty value (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}
# How much an error says about the defect, when one value fails several keywords.
_PRIORITY = ("type", "enum", "const", "minLength", "minItems", "pattern", "format")


@cache
def _validator(schema: str) -> Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        _inline_refs(load_schema(schema)), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace local `$ref`s by `allOf` of their target, once, before validating.

    Resolving a `$ref` costs jsonschema a registry lookup on every instance;
    on 10,000 entries that was half the run. `allOf` reports the same errors
    (same keyword, same path), so messages do not change. A recursive `$ref` is
    left as it is.
    """

    def resolve(pointer: str) -> Any:
        node: Any = schema
        for part in pointer.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        result = {key: walk(value, seen) for key, value in node.items() if key != "$ref"}
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref.startswith("#/") and ref not in seen:
                result["allOf"] = [*result.get("allOf", []), walk(resolve(ref), (*seen, ref))]
            else:
                result["$ref"] = ref
        return result

    inlined: dict[str, Any] = walk(schema, ())
    return inlined


@cache
def _precheck(schema: str) -> Precheck | None:
    """The quick yes for valid data (see `audit.source.schema_precheck`), if the schema allows."""
    from jsonschema import Draft202012Validator

    # the inlined schema and the format checker that `_validator` is given
    checker = Draft202012Validator.FORMAT_CHECKER
    return compile_precheck(_validator(schema).schema, checker.conforms)


@cache
def _date_keys(schema: str) -> frozenset[str]:
    """Fields whose schema asks for a date, where an unquoted date is what is meant."""
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and sub.get("format") in ("date", "date-time"):
                    keys.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema(schema))
    return frozenset(keys)


def _file_problems(source: SourceFile, target: Target) -> Iterator[Problem]:
    tree = source.root
    if tree is None or tree.node is None:
        yield Problem(
            f"the file has no content; {target.shape}",
            Position(source.path, 1, 1),
            rule=target.schema_rule,
        )
        return
    typed = {t.path: t for t in tree.typed}
    for scalar in typed.values():
        if scalar.tag == loader.TIMESTAMP_TAG and _parent_key(scalar.path) not in _date_keys(
            target.schema
        ):
            yield _implicit(scalar, source, target)
    quick = _precheck(target.schema)
    if quick is not None and quick(source.data):
        return  # valid: jsonschema would find nothing
    errors = sorted(_validator(target.schema).iter_errors(source.data), key=_order)
    reported: set[tuple[Any, ...]] = set()
    misspelt = _misspellings(errors)
    for error in errors:
        path = tuple(error.absolute_path)
        if path in reported:
            continue
        if error.validator == "required" and (path, _missing(error)) in misspelt:
            continue
        reported.add(path)
        misread = typed.get(path) if path else None  # a bare `~` or `yes` file: schema says it
        if misread is not None and error.validator in ("type", "enum", "const"):
            yield _implicit(misread, source, target)
            continue
        yield _problem(error, source, target)


def _order(error: ValidationError) -> tuple[Any, ...]:
    rank = _PRIORITY.index(error.validator) if error.validator in _PRIORITY else len(_PRIORITY)
    return (tuple(str(p) for p in error.absolute_path), rank)


def _parent_key(path: tuple[str | int, ...]) -> str | None:
    return next((step for step in reversed(path) if isinstance(step, str)), None)


def _implicit(scalar: loader.TypedScalar, source: SourceFile, target: Target) -> Problem:
    value = scalar.value
    shown = str(value).lower() if isinstance(value, bool) else value
    what = _TYPE_NAMES.get(scalar.tag, "something other than text").format(value=shown)
    key = _parent_key(scalar.path)
    quoted = f'"{scalar.text}"'
    if key is not None and not isinstance(scalar.path[-1], int):
        quoted = f"{key}: {quoted}"
    return Problem(
        f"'{scalar.text}' is read by YAML as {what}, not as text; put it in quotes: {quoted}",
        scalar.position,
        entry=_entry_id(source, scalar.path),
        rule=target.implicit_rule,
    )


def _locate_position(source: SourceFile, node: Any) -> Position:
    if node is None or source.root is None:
        return Position(source.path, 1, 1)
    return source.root.locator.position(node)


def _entry_id(source: SourceFile, path: tuple[Any, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
        for entry in source.entries:
            if entry.index == path[1]:
                return entry.id
    return None


def _missing(error: ValidationError) -> str:
    match = re.match(r"'([^']*)' is a required property", error.message)
    return match.group(1) if match else ""


def _misspellings(errors: list[ValidationError]) -> dict[tuple[Any, str], str]:
    """Pair an unknown field with a missing one it is a typo of, to report them once."""
    pairs: dict[tuple[Any, str], str] = {}
    missing = {(tuple(e.absolute_path), _missing(e)) for e in errors if e.validator == "required"}
    for error in errors:
        if error.validator != "additionalProperties":
            continue
        path = tuple(error.absolute_path)
        names = [name for p, name in missing if p == path]
        for extra in _extras(error):
            close = difflib.get_close_matches(extra, names, n=1, cutoff=0.6)
            if close:
                pairs[(path, close[0])] = extra
    return pairs


def _extras(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    allowed = set((error.schema or {}).get("properties", {}))  # type: ignore[union-attr]
    return [key for key in instance if key not in allowed]


def _problem(error: ValidationError, source: SourceFile, target: Target) -> Problem:
    path = tuple(error.absolute_path)
    root = source.root.node if source.root is not None else None
    entry = _entry_id(source, path)
    if error.validator == "additionalProperties":
        return _unknown_fields(error, source, path, entry, target)
    node, _ = loader.locate(root, path)
    return Problem(
        _message(error, path, target),
        _locate_position(source, node),
        entry=entry,
        rule=target.schema_rule,
    )


def _unknown_fields(
    error: ValidationError,
    source: SourceFile,
    path: tuple[Any, ...],
    entry: str | None,
    target: Target,
) -> Problem:
    root = source.root.node if source.root is not None else None
    allowed = list((error.schema or {}).get("properties", {}))  # type: ignore[union-attr]
    extra = _extras(error)[0]
    _, key_node = loader.locate(root, (*path, extra))
    node = key_node if key_node is not None else loader.locate(root, path)[0]
    position = _locate_position(source, node)
    where = "an entry" if path and isinstance(path[-1], int) else "the file"
    close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`?" if close else "the fields are: " + ", ".join(allowed)
    return Problem(
        f"`{extra}` is not a field of {where}; {hint}",
        position,
        entry=entry,
        rule=target.schema_rule,
    )


def _label(error: ValidationError, path: tuple[Any, ...]) -> str:
    key = _parent_key(path)
    if path and isinstance(path[-1], int) and key is not None:
        return f"each item of {key}"
    return key or "the file"


def kind_of(value: Any) -> str:
    """What a YAML value is, in an editor's words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    if value is None:
        return "an empty value"
    return type(value).__name__


def _message(error: ValidationError, path: tuple[Any, ...], target: Target) -> str:
    label = _label(error, path)
    value: Any = error.instance
    expected: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    kind = error.validator
    if kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        want = " or ".join(_KIND.get(n, n) for n in names)
        if not path:
            return f"the file holds {kind_of(value)}; {target.shape}"
        if value is None:
            return f"{label} is empty; write {want} after the colon"
        hint = ""
        if "string" in names and isinstance(value, (dict, list)):
            hint = (
                "; if the text contains ': ' or starts with '- ', put it in quotes "
                "or write it as a block (answer: |)"
            )
        if "array" in names and isinstance(value, str):
            hint = f"; write it as a list, e.g. {label}: [{value}]"
        return f"{label} must be {want}, but it is {kind_of(value)}{hint}"
    if kind == "required":
        name = _missing(error)
        what = "this entry" if path and isinstance(path[-1], int) else "the file"
        return f"{what} has no `{name}`; add `{name}:`"
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return f"{label} is empty; write the {label}"
    if kind == "minItems":
        return f"{label} is an empty list; add at least one item"
    if kind == "pattern":
        return _pattern_message(label, value, schema)
    if kind == "enum":
        allowed = [str(v) for v in expected]
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{label} '{value}' is not one of: {', '.join(allowed)}{hint}"
    if kind == "format":
        return f"{label} '{value}' is not a valid {expected}; write it as YYYY-MM-DD"
    if kind == "uniqueItems":
        dup = next((v for i, v in enumerate(value) if v in value[:i]), "?")
        return f"{label} lists '{dup}' more than once; remove the repeat"
    if kind == "maxLength":
        return f"{label} is {len(value):,} characters long; keep it to {expected:,}"
    if kind in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        if best is not None:
            return _message(best, tuple(best.absolute_path), target)
    return f"{label}: {error.message}"


def _pattern_message(label: str, value: Any, schema: Mapping[str, Any]) -> str:
    if label == "id" or schema.get("pattern", "").startswith("^[a-z0-9]"):
        suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
        return (
            f"{label} '{value}' is not a slug: use lowercase letters, digits and single "
            f"hyphens, e.g. '{suggestion or 'my-question'}'"
        )
    if schema.get("pattern", "").startswith("\\?"):
        return f"{label} does not end with a question mark; end it with '?'"
    return f"{label} '{value}' does not have the expected form: {schema.get('description', '')}"

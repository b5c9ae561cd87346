"""Validate a loaded YAML file against a bundled JSON Schema, in an editor's words.

jsonschema's own messages ("'x' is not of type 'string'") name neither the
line nor the fix. Here each error becomes one problem at the value at fault,
said in plain words; a value that YAML 1.1 read as a boolean, number or date
where text is meant is told apart, because its fix is quoting, not rewording.
Where the message names the one certain repair (quotes, a value's case, a
misspelt field's name), the problem carries it as a fix (see
`audit.source.schema_fixes`). Values are quoted shortened to their start and
end, so an 8 KB value does not fill the terminal. Used for content files and
for the config file alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from yaml.nodes import Node

from audit.model import Fix, Position, Problem, SourceFile
from audit.source import loader, schema_fixes
from audit.source.compose import SYNTAX
from audit.source.resources import load_schema
from audit.source.schema_precheck import Precheck, compile_precheck
from audit.text.edits import closest

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
SHOWN_MAX = 60  # characters of a value quoted in a message, at most
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
        if error.validator == "additionalProperties":  # each unknown field is its own defect
            yield from _unknown_fields(error, source, path, _entry_id(source, path), target)
            continue
        if path in reported:
            continue
        if error.validator == "required" and (path, _missing(error)) in misspelt:
            continue
        reported.add(path)
        misread = typed.get(path) if path else None  # a bare `~` or `yes` file: schema says it
        if misread is not None and error.validator in ("type", "enum", "const"):
            yield _implicit(misread, source, target, _quotable(error, misread.text))
            continue
        yield _problem(error, source, target)


def _order(error: ValidationError) -> tuple[Any, ...]:
    rank = _PRIORITY.index(error.validator) if error.validator in _PRIORITY else len(_PRIORITY)
    return (tuple(str(p) for p in error.absolute_path), rank)


def _parent_key(path: tuple[str | int, ...]) -> str | None:
    return next((step for step in reversed(path) if isinstance(step, str)), None)


def _implicit(
    scalar: loader.TypedScalar, source: SourceFile, target: Target, quotable: bool = True
) -> Problem:
    """Say how YAML reads the value; offer the quotes when text is what the field takes."""
    value = scalar.value
    shown = str(value).lower() if isinstance(value, bool) else value
    what = _TYPE_NAMES.get(scalar.tag, "something other than text").format(value=shorten(shown))
    key = _parent_key(scalar.path)
    node = _scalar_node(source, scalar)
    text = source.text or ""
    if schema_fixes.explicit_tag(node, text):
        return _tagged(scalar, source, target, what)
    quoted = f'"{shorten(scalar.text)}"'
    if key is not None and not isinstance(scalar.path[-1], int):
        quoted = f"{key}: {quoted}"
    fix = None
    if quotable and source.root is not None:
        fix = schema_fixes.quote(node, text, source.root.locator)
    return Problem(
        f"'{shorten(scalar.text)}' is read by YAML as {what}, not as text; "
        f"put it in quotes: {quoted}",
        scalar.position,
        entry=_entry_id(source, scalar.path),
        fix=fix,
        rule=target.implicit_rule,
    )


def _tagged(scalar: loader.TypedScalar, source: SourceFile, target: Target, what: str) -> Problem:
    """A value with a tag (`!!float 1e400`) is that type because the tag says so: quotes
    would not help, removing the tag does (and quotes too, if the value still looks typed)."""
    tag = "!!" + scalar.tag.removeprefix("tag:yaml.org,2002:")
    plain = schema_fixes.plain_tag(scalar.text)
    hint = f"remove the tag `{tag}`"
    if plain != loader.STR_TAG:
        hint += f' and put the value in quotes: "{shorten(scalar.text)}"'
    return Problem(
        f"'{shorten(scalar.text)}' is read by YAML as {what}, not as text, because the tag "
        f"`{tag}` makes it so; {hint}",
        scalar.position,
        entry=_entry_id(source, scalar.path),
        rule=target.implicit_rule,
    )


def _scalar_node(source: SourceFile, scalar: loader.TypedScalar) -> Node | None:
    """The node of a typed scalar (not of an earlier copy of its key)."""
    if source.root is None:
        return None
    node, _ = loader.locate(source.root.node, scalar.path)
    if node is None or source.root.locator.position(node) != scalar.position:
        return None
    return node


def _quotable(error: ValidationError, text: str) -> bool:
    """Whether the field takes the value's characters as text, so quoting is the fix."""
    expected: Any = error.validator_value
    if error.validator == "type":
        return "string" in ([expected] if isinstance(expected, str) else list(expected))
    if error.validator == "enum":
        return text in expected
    return error.validator == "const" and text == expected


def shorten(value: Any, limit: int = SHOWN_MAX) -> str:
    """A value as quoted in a message: whole when short, else its start and end around `…`,
    so an 8 KB number does not fill the terminal but can still be found in the file."""
    text = str(value)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2 + (limit - 1) % 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]


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
            meant = closest(extra, names)
            if meant:
                pairs[(path, meant)] = extra
    return pairs


def _extras(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    allowed = set((error.schema or {}).get("properties", {}))  # type: ignore[union-attr]
    return [key for key in instance if key not in allowed]


def _problem(error: ValidationError, source: SourceFile, target: Target) -> Problem:
    path = tuple(error.absolute_path)
    root = source.root.node if source.root is not None else None
    entry = _entry_id(source, path)
    node, _ = loader.locate(root, path)
    return Problem(
        _message(error, path, target),
        _locate_position(source, node),
        entry=entry,
        fix=_case_fix(error, source, node),
        rule=target.schema_rule,
    )


def _case_fix(error: ValidationError, source: SourceFile, node: Node | None) -> Fix | None:
    """`everyone` for `Everyone`, when that is the one allowed value it can be."""
    if error.validator != "enum" or source.text is None or source.root is None:
        return None
    allowed: Any = error.validator_value
    right = schema_fixes.enum_case(error.instance, allowed)
    if right is None:
        return None
    why = f"write '{right}' as the field allows it"
    return schema_fixes.replace_value(node, source.text, source.root.locator, right, why)


def _unknown_fields(
    error: ValidationError,
    source: SourceFile,
    path: tuple[Any, ...],
    entry: str | None,
    target: Target,
) -> Iterator[Problem]:
    """One problem for each unknown field, in file order: an editor who fixes the first
    should not learn of the second only on the next run."""
    root = source.root.node if source.root is not None else None
    allowed = list((error.schema or {}).get("properties", {}))  # type: ignore[union-attr]
    where = "an entry" if path and isinstance(path[-1], int) else "the file"
    for extra in _extras(error):
        _, key_node = loader.locate(root, (*path, extra))
        node = key_node if key_node is not None else loader.locate(root, path)[0]
        present = error.instance if isinstance(error.instance, Mapping) else {}
        slip = schema_fixes.one_slip(extra, allowed, present)
        meant = slip or closest(extra, allowed)
        hint = f"did you mean `{meant}`?" if meant else "the fields are: " + ", ".join(allowed)
        fix = None
        if slip and key_node is not None and source.text is not None and source.root:
            why = f"rename `{extra}` to `{slip}`"
            fix = schema_fixes.replace_value(key_node, source.text, source.root.locator, slip, why)
        yield Problem(
            f"`{shorten(extra)}` is not a field of {where}; {hint}",
            _locate_position(source, node),
            entry=entry,
            fix=fix,
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
            hint = f"; write it as a list, e.g. {label}: [{shorten(value)}]"
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
        right = schema_fixes.enum_case(value, expected)
        meant = right or closest(str(value), allowed)
        hint = f"; did you mean '{meant}'?" if meant else ""
        return f"{label} '{shorten(value)}' is not one of: {', '.join(allowed)}{hint}"
    if kind == "format":
        missing = no_such_day(value) if expected == "date" else None
        if missing is not None:
            return f"{label} {missing}; write a date that exists, as YYYY-MM-DD"
        return f"{label} '{shorten(value)}' is not a valid {expected}; write it as YYYY-MM-DD"
    if kind == "uniqueItems":
        dup = next((v for i, v in enumerate(value) if v in value[:i]), "?")
        return f"{label} lists '{shorten(dup)}' more than once; remove the repeat"
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
            f"{label} '{shorten(value)}' is not a slug: use lowercase letters, digits and single "
            f"hyphens, e.g. '{shorten(suggestion or 'my-question')}'"
        )
    if schema.get("pattern", "").startswith("\\?"):
        return f"{label} does not end with a question mark; end it with '?'"
    return (
        f"{label} '{shorten(value)}' does not have the expected form: "
        f"{schema.get('description', '')}"
    )


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def no_such_day(value: Any) -> str | None:
    """Why a date written as YYYY-MM-DD names no day ("2030-02-30 is not a day: February
    2030 has 28 days"), or None when it has that form and exists, or lacks the form."""
    import calendar

    match = _DAY.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12:
        return f"{value} is not a day: there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    if day == 0:
        return f"{value} is not a day: days start at 01"
    return f"{value} is not a day: {calendar.month_name[month]} {year} has {days} days"

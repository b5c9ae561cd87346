"""A quick yes for data a JSON Schema surely accepts, so jsonschema runs only on the rest.

jsonschema walks each value through a new validator object and a chain of
generators; on 10,000 valid entries that was a fifth of a run, spent finding
nothing. Nearly every file is valid, so a plain function compiled once from
the schema answers first: when it says the data is valid, it is (jsonschema
would yield no error); when it says no, or is not sure, jsonschema runs as
before and words its errors. The answer is never a different report, only a
faster way to an empty one.

Only the keywords the bundled FAQ schema uses are compiled, each exactly as
jsonschema reads it (Draft 2020-12); a schema with any other keyword (the
config's `propertyNames`, say) compiles to None and is always left to
jsonschema. Where exactness would cost (uniqueness of items that are not all
text), the function says "not sure", never "valid".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Precheck = Callable[[Any], bool]
Conforms = Callable[[Any, str], bool]

# Keywords that only annotate or hold definitions: nothing to check.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
)
# Draft 2020-12's types, as jsonschema's type checker defines them.
_TYPES: dict[str, Precheck] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


class _Unsupported(Exception):
    """A keyword or value this module does not compile: jsonschema decides."""


def compile_precheck(schema: Any, conforms: Conforms) -> Precheck | None:
    """A function that is True only for data the schema accepts; None if the schema
    uses anything not compiled here. `conforms(value, format)` is the format
    checker jsonschema is given, so formats are judged by the same code."""
    try:
        return _compile(schema, conforms)
    except _Unsupported:
        return None


def _compile(schema: Any, conforms: Conforms) -> Precheck:
    if schema is True:
        return lambda _value: True
    if schema is False:
        return lambda _value: False
    if not isinstance(schema, Mapping):
        raise _Unsupported
    checks: list[Precheck] = []
    for keyword, argument in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        build = _KEYWORDS.get(keyword)
        if build is None:
            raise _Unsupported
        checks.append(build(argument, schema, conforms))
    return _all(checks)


def _all(checks: list[Precheck]) -> Precheck:
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _type(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    names = [argument] if isinstance(argument, str) else argument
    if not isinstance(names, list) or not all(name in _TYPES for name in names):
        raise _Unsupported
    tests = [_TYPES[name] for name in names]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def _properties(argument: Any, _schema: Mapping[str, Any], conforms: Conforms) -> Precheck:
    if not isinstance(argument, Mapping):
        raise _Unsupported
    compiled = [(name, _compile(sub, conforms)) for name, sub in argument.items()]

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(test(value[name]) for name, test in compiled if name in value)

    return check


def _additional(argument: Any, schema: Mapping[str, Any], conforms: Conforms) -> Precheck:
    if "patternProperties" in schema:
        raise _Unsupported
    known = frozenset(schema.get("properties") or {})
    test = _compile(argument, conforms) if isinstance(argument, Mapping) else None
    if test is None and argument is not False and argument is not True:
        raise _Unsupported

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        extras = [key for key in value if key not in known]
        if test is not None:
            return all(test(value[key]) for key in extras)
        return argument is True or not extras

    return check


def _required(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    if not isinstance(argument, list):
        raise _Unsupported
    names = tuple(argument)
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


def _min_length(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    low = _whole(argument)
    return lambda value: not isinstance(value, str) or len(value) >= low


def _max_length(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    high = _whole(argument)
    return lambda value: not isinstance(value, str) or len(value) <= high


def _pattern(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    if not isinstance(argument, str):
        raise _Unsupported
    search = re.compile(argument).search  # jsonschema calls re.search with the same pattern
    return lambda value: not isinstance(value, str) or search(value) is not None


def _min_items(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    low = _whole(argument)
    return lambda value: not isinstance(value, list) or len(value) >= low


def _items(argument: Any, schema: Mapping[str, Any], conforms: Conforms) -> Precheck:
    if "prefixItems" in schema:
        raise _Unsupported
    test = _compile(argument, conforms)
    return lambda value: not isinstance(value, list) or all(map(test, value))


def _unique(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    if not isinstance(argument, bool):
        raise _Unsupported
    if not argument:
        return lambda _value: True

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        if not all(isinstance(item, str) for item in value):
            return False  # not sure (1 and True, 1 and 1.0): jsonschema decides
        return len(set(value)) == len(value)

    return check


def _enum(argument: Any, _schema: Mapping[str, Any], _conforms: Conforms) -> Precheck:
    if not isinstance(argument, list) or not all(isinstance(item, str) for item in argument):
        raise _Unsupported
    allowed = frozenset(argument)  # text equals text only: jsonschema's `equal` agrees
    return lambda value: isinstance(value, str) and value in allowed


def _format(argument: Any, _schema: Mapping[str, Any], conforms: Conforms) -> Precheck:
    if not isinstance(argument, str):
        raise _Unsupported
    return lambda value: conforms(value, argument)


def _all_of(argument: Any, _schema: Mapping[str, Any], conforms: Conforms) -> Precheck:
    if not isinstance(argument, list):
        raise _Unsupported
    return _all([_compile(sub, conforms) for sub in argument]) if argument else _yes


def _yes(_value: Any) -> bool:
    return True


def _whole(argument: Any) -> int:
    if not isinstance(argument, int) or isinstance(argument, bool):
        raise _Unsupported
    return argument


_KEYWORDS: dict[str, Callable[[Any, Mapping[str, Any], Conforms], Precheck]] = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "minItems": _min_items,
    "items": _items,
    "uniqueItems": _unique,
    "enum": _enum,
    "format": _format,
    "allOf": _all_of,
}

__all__ = ["Precheck", "compile_precheck"]

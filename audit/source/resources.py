"""Where the bundled JSON Schemas are, whether installed from a wheel or run from a checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


def schema_path(name: str) -> Path:
    """The wheel carries schemas/ inside the package; a checkout keeps it beside the package."""
    for candidate in (_PACKAGE / "_schemas" / name, _PACKAGE.parent / "schemas" / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"the bundled schema {name} is missing from this installation")


@cache
def load_schema(name: str) -> dict[str, Any]:
    with schema_path(name).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema

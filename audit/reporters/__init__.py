"""Output formats: one module each, with `render(result, context) -> str`.

Reporters only turn an `AuditResult` into text; the CLI writes it and exits.
The CLI's `--format` choices are the names of the modules in this package, so
a new format is one new module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from audit.model import AuditResult


@dataclass(frozen=True, slots=True)
class ReportContext:
    color: bool = False


Render = Callable[[AuditResult, ReportContext], str]


def names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get(name: str) -> Render:
    if name not in names():
        raise KeyError(name)
    render: Render = importlib.import_module(f"{__name__}.{name}").render
    return render

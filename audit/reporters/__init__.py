"""Output formats: one module each, with `render(result, rules, context) -> str`.

Reporters only turn an `AuditResult` into text; the command line writes it and
exits. A reporter is given the rules' metadata as the registry declares them
(id, summary, default severity, whether they fix; `audit.rules.documentation`
gives a rule's documentation), so that a format such as SARIF can describe
every rule, not only those that found something. The CLI's `--format` choices
are the names of the modules in this package, so a new format is one new module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit.model import AuditResult

if TYPE_CHECKING:
    from audit.rules import Rule


@dataclass(frozen=True, slots=True)
class ReportContext:
    color: bool = False


Render = Callable[[AuditResult, Mapping[str, "Rule"], ReportContext], str]


def names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get(name: str) -> Render:
    if name not in names():
        raise KeyError(name)
    render: Render = importlib.import_module(f"{__name__}.{name}").render
    return render

"""Output formats: one module each, with `render(result, rules, context) -> str`.

Reporters only turn an `AuditResult` into text; the command line writes it and
exits. A reporter is given the rules' metadata as the registry declares them
(id, summary, default severity, whether they fix; `audit.rules.documentation`
gives a rule's documentation), so that a format such as SARIF can describe
every rule, not only those that found something. The CLI's `--format` choices
are the names of the modules in this package, so a new format is one new module.

A format that also writes beside its output (GitHub's step summary) says so
with an optional `appendices(result, rules, context) -> {file: text}`: the
command line appends each text to its file, so no reporter writes anything.
"""

from __future__ import annotations

import functools
import importlib
import os
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audit.model import AuditResult

if TYPE_CHECKING:
    from audit.findings.baseline import Outcome
    from audit.rules import Rule


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a format needs to know about the run besides its result.

    `root` is the repository's root (GitHub's `GITHUB_WORKSPACE`, or the working
    folder) and `cwd` the folder the findings' paths are relative to: formats
    read by a code host (`github`, `sarif`) give paths from the root, as the
    host resolves them. `summary_file` is where the `github` format appends its
    step summary. `baseline` is what a baseline accepted and what in it is stale.
    """

    color: bool = False
    root: Path | None = None
    cwd: Path | None = None
    summary_file: Path | None = None
    baseline: Outcome | None = None

    def repository_path(self, path: str) -> str:
        """`path` from the repository root with forward slashes; as given, in forward
        slashes, when the root is not known or the file lies outside it."""
        if self.root is None or self.cwd is None:
            return Path(path).as_posix()
        return _from_root(self.root, self.cwd, path)


@functools.lru_cache(maxsize=4096)  # a run's findings name few files, each many times
def _from_root(root: Path, cwd: Path, path: str) -> str:
    full = Path(os.path.realpath(cwd / path))
    try:
        return full.relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


Render = Callable[[AuditResult, Mapping[str, "Rule"], ReportContext], str]
Appendices = Callable[[AuditResult, Mapping[str, "Rule"], ReportContext], dict[Path, str]]


def names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get(name: str) -> Render:
    if name not in names():
        raise KeyError(name)
    render: Render = importlib.import_module(f"{__name__}.{name}").render
    return render


def appendices(
    name: str, result: AuditResult, rules: Mapping[str, Rule], context: ReportContext
) -> dict[Path, str]:
    """The texts the format `name` appends to files beside its output (usually none)."""
    get(name)  # an unknown name raises KeyError, as there
    module = importlib.import_module(f"{__name__}.{name}")
    extra: Appendices | None = getattr(module, "appendices", None)
    return extra(result, rules, context) if extra is not None else {}

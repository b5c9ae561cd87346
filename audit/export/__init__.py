"""Export: the validated FAQ in the shapes a web site is built from.

The YAML is the single source; the page is generated from it, so what is
published cannot drift from what `validate` checked. One module per format,
each with `render(entries) -> str`, and `FORMATS` names them for the command
line, so a new format is one new module and one line here:

- `jsonld`: a schema.org `FAQPage` (Google's FAQ rich results read it);
- `json`: plain data for a web front end, the answer as Markdown and as HTML;
- `html`: an accessible fragment, a `<details>` per entry with `id` = entry id,
  so `#entry-id` links work.

Answers are Markdown, rendered to simple HTML by `audit.export.answers`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from audit.export.entries import ExportEntry, export_entries

__all__ = ["FORMATS", "ExportEntry", "export_entries", "render"]

FORMATS = ("jsonld", "json", "html")


def render(name: str, entries: Sequence[ExportEntry]) -> str:
    """The document of format `name` (one of FORMATS) for the entries, in their order."""
    if name not in FORMATS:
        raise KeyError(name)
    module = importlib.import_module(f"{__name__}.{name}")
    renderer: Callable[[Sequence[ExportEntry]], str] = module.render
    return renderer(entries)

"""Any disclosure widget: a button or link with ``aria-expanded`` asks, and the region its
``aria-controls`` names answers.

This is how accessible accordions of every framework (and hand-written ones) say which
question opens which answer, so the toggle's text is a question whatever its punctuation.
Tabs and menus use the same attributes for other ends and are left out, and so is a toggle
that controls a region holding other toggles (a "show all" button, or a group).
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import Found
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import found

__all__ = ["READER"]

_NOT_QUESTIONS = frozenset({"tab", "menuitem", "combobox", "navigation"})


def _entries(page: Page) -> Iterator[Found]:
    document = page.document
    for toggle in document.body.css("[aria-expanded][aria-controls]"):
        if (toggle.attributes.get("role") or "").strip() in _NOT_QUESTIONS:
            continue
        targets = (toggle.attributes.get("aria-controls") or "").split()
        region = document.by_id(targets[0]) if len(targets) == 1 else None
        if region is None or len(region.css("[aria-expanded][aria-controls]")) > (
            "aria-controls" in region.attributes and "aria-expanded" in region.attributes
        ):
            continue  # (``css`` matches the region itself too)
        entry = found(toggle, [region])
        if entry is not None:
            yield entry


READER = Reader(
    reads="HTML",
    detect=html,
    priority=26,
    expects="buttons with aria-expanded and aria-controls",
    entries=_entries,
)

"""The U.S. Web Design System accordion: ``button.usa-accordion__button`` asks, and the
region its ``aria-controls`` names answers (``.usa-accordion__content``, hidden until opened).
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import Found
from audit.importer.readers import Page, Reader, html
from audit.importer.readers._markup import found

__all__ = ["READER"]


def _entries(page: Page) -> Iterator[Found]:
    document = page.document
    for button in document.body.css(".usa-accordion__button[aria-controls]"):
        region = document.by_id((button.attributes.get("aria-controls") or "").strip())
        if region is None:
            continue
        entry = found(button, [region])
        if entry is not None:
            yield entry


READER = Reader(
    reads="HTML",
    detect=html,
    priority=24,
    expects="USWDS accordion buttons",
    entries=_entries,
)

"""An accessible FAQ fragment: a section per category with its heading, and per entry a
`<details id="entry-id">` whose `<summary>` is the question, so `#entry-id` links work,
the page works without script, and screen readers announce each question as a control.

Questions and categories are escaped; answers are the Markdown's rendering, which
escapes any HTML in the source.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import groupby

from audit.export.entries import ExportEntry


def render(entries: Sequence[ExportEntry]) -> str:
    parts = ['<div class="faq">']
    for category, group in groupby(entries, key=lambda entry: entry.category):
        parts.append(f'<section class="faq-category" aria-label="{escape(category or "FAQ")}">')
        if category:
            parts.append(f"<h2>{escape(category)}</h2>")
        for entry in group:
            parts += [
                f'<details class="faq-entry" id="{escape(entry.id)}">',
                f"<summary>{escape(entry.question)}</summary>",
                f'<div class="faq-answer">\n{entry.answer_html}\n</div>',
                "</details>",
            ]
        parts.append("</section>")
    parts.append("</div>")
    return "\n".join(parts) + "\n"

"""A schema.org `FAQPage` in JSON-LD: one `Question` per entry, its `acceptedAnswer` an
`Answer` whose `text` is the answer's HTML (the markup Google's FAQ rich results accept:
paragraphs, links, lists, emphasis).

Ready to paste into `<script type="application/ld+json">`: no text can close that script."""

from __future__ import annotations

import json
from collections.abc import Sequence

from audit.export.entries import ExportEntry


def render(entries: Sequence[ExportEntry]) -> str:
    document = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer_html},
            }
            for entry in entries
        ],
    }
    # `<\/` is `</` to JSON, but cannot end the `<script>` a page embeds this in.
    return json.dumps(document, indent=2, ensure_ascii=False).replace("</", "<\\/") + "\n"

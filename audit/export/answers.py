"""An answer's Markdown as the simple HTML a FAQ page shows: paragraphs, links, lists, emphasis.

CommonMark (markdown-it-py), with bare addresses linked, and with raw HTML in
the source escaped rather than passed through (`html=False`): the content is
edited in pull requests, and an answer must not be able to put a `<script>` on
the site. Typographic replacements stay off, so the text published is the
text checked, character for character.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False}).enable(
        "linkify"
    )


def answer_html(markdown: str) -> str:
    """The answer as an HTML fragment, without the trailing newline markdown-it adds."""
    rendered: str = _markdown().render(markdown)
    return rendered.strip()

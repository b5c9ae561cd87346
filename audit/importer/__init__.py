"""Turn an existing FAQ page into the YAML that ``faq/`` holds (``faq-audit import``).

The importer is the way content first enters the repository, so it records the page as it is,
defects included, and leaves judging it to the checks: ``read_page`` finds the questions and
answers, ``to_yaml`` writes them as one category file. The one exception is size: a page whose
file ``validate`` would refuse to read, or whose questions or answers exceed the schema's
lengths, is refused (``limits``), and reading any page takes time and memory in proportion to it.
"""

from __future__ import annotations

from .html import looks_like_html, parse_html
from .ids import slugify, unique_ids
from .limits import limits
from .text import ImportedEntry, PageError, normalise_newlines, parse_text
from .writer import OutputTooLargeError, to_yaml

__all__ = [
    "ImportedEntry",
    "OutputTooLargeError",
    "PageError",
    "limits",
    "read_page",
    "slugify",
    "to_yaml",
    "unique_ids",
]


def read_page(text: str, *, name: str) -> list[ImportedEntry]:
    """Read the questions and answers of a page, in page order.

    HTML and scraped plain text are told apart by whether the page looks like markup, since
    callers get pages from browsers, crawlers and copy-paste and rarely know which they have.
    ``name`` (usually the file name) only serves the error message.

    Never returns an empty list: a page without a recognisable question raises PageError, and
    so does a page that would make a file ``validate`` refuses (see ``limits``).
    """
    text = normalise_newlines(text)
    if not text or text.isspace():
        raise PageError(
            f"{name}: the page is empty; expected an FAQ page as HTML or as plain text with"
            " each question on its own line ending in '?'"
        )
    if looks_like_html(text):
        return parse_html(text, name=name)
    return parse_text(text, name=name)

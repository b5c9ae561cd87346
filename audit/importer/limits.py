"""How large a page and what is read from it may be: `import` writes only files `validate` reads.

`validate` refuses to read a file over ``MAX_FILE_BYTES`` and the schema caps each question and
answer. An import that broke those limits would write a file that editors cannot fix in place:
an answer of 30,000 characters, or 300,000 questions, means the page was misread (an unclosed
element swallowed the rest of the page) or is not an FAQ at all. Such a page is refused before
anything is written, with a message that says which limit and where. Every other defect (an
empty answer, a question asked twice) is kept for `validate` to report, as the importer's
module docstring says.

The limits also keep a hostile page bounded: a page is read only up to ``MAX_FILE_BYTES``, and
the count of questions is capped by what a file of that size could hold, so memory stays a
small multiple of the page whatever it contains.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from audit.source.reading import MAX_FILE_BYTES, too_large
from audit.source.resources import load_schema

__all__ = ["MAX_FILE_BYTES", "MIN_ENTRY_BYTES", "Limits", "excerpt", "limits", "too_large"]

MIN_ENTRY_BYTES = 40
"""The fewest bytes an entry takes in the written file: ``  - id: ``, ``    question: `` and
``    answer: `` with their line breaks are 37, and the id, the question and the answer take
at least one each. More entries than ``MAX_FILE_BYTES // MIN_ENTRY_BYTES`` cannot fit."""


@dataclass(frozen=True, slots=True)
class Limits:
    question: int  # characters, the schema's maxLength
    answer: int  # characters, the schema's maxLength
    entries: int  # entries that can fit in a file validate reads
    file_bytes: int  # bytes of a page, and of the file written


@cache
def limits() -> Limits:
    """The limits, with the lengths taken from the FAQ schema so that the two never disagree."""
    entry = load_schema("faq.schema.json")["$defs"]["entry"]["properties"]
    return Limits(
        question=int(entry["question"]["maxLength"]),
        answer=int(entry["answer"]["maxLength"]),
        entries=MAX_FILE_BYTES // MIN_ENTRY_BYTES,
        file_bytes=MAX_FILE_BYTES,
    )


def excerpt(text: str, width: int = 60) -> str:
    """The start of a question, to name it in a one-line message."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"

"""Read FAQ pages that were scraped to plain text.

Plain text is the importer's baseline format (the seed page is one), so the entry model and the
error that every reader shares live here too; the HTML reader builds on them.

The reader keeps what it finds rather than what it thinks the page meant: the import is the first
step of an audit, so defects such as a question without an answer or a question asked twice must
survive into the YAML where the checks can report them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ImportedEntry", "PageError", "is_question_line", "normalise_newlines", "parse_text"]

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    """One question found on a page, with its answer as published.

    ``answer`` holds paragraphs joined by a blank line (``"\\n\\n"``) so that the YAML literal
    block reads like the page; it is ``""`` when the page asks the question without answering it.
    """

    question: str
    answer: str


class PageError(Exception):
    """A page that cannot be imported.

    ``str(err)`` is a single line meant for the editor who ran the import, so it names the page and
    says what the importer expected to find.
    """


def normalise_newlines(text: str) -> str:
    """Drop a leading byte order mark and turn ``\\r\\n``/``\\r`` into ``\\n``.

    Pages saved on Windows or copied out of a browser arrive in every line-ending convention;
    normalising first lets the parser treat "blank line" the same way for all of them.
    """
    if text.startswith(_BOM):
        text = text[len(_BOM) :]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_question_line(line: str) -> bool:
    """Whether a line of a scraped page is a question heading.

    Only the last character decides: an answer that quotes a question (``click "Forgot your
    password?" and ...`` or ``until you see "NOT A REGISTERED USER?".``) ends in something other
    than ``?`` and so stays answer text. A bare ``?`` (or ``???``) is punctuation, not a question.
    """
    stripped = line.strip()
    return stripped.endswith("?") and any(ch.isalnum() for ch in stripped)


def parse_text(text: str, *, name: str) -> list[ImportedEntry]:
    """Split a scraped page into questions and answers, in page order.

    Everything before the first question is page chrome ("Skip to content", "Cart", ...) and is
    dropped; everything after a question, up to the next one, is its answer, including any
    chrome that trails the last answer, because telling that apart from an answer is guesswork.
    """
    lines = [line.rstrip() for line in normalise_newlines(text).split("\n")]
    if not any(lines):
        raise PageError(
            f"{name}: the page is empty; expected FAQ text with each question on its own line"
            " ending in '?', followed by its answer"
        )
    entries: list[ImportedEntry] = []
    question: str | None = None
    answer_lines: list[str] = []
    for line in lines:
        if is_question_line(line):
            if question is not None:
                entries.append(ImportedEntry(question, _join_paragraphs(answer_lines)))
            question = line.strip()
            answer_lines = []
        elif question is not None:
            answer_lines.append(line)
    if question is None:
        raise PageError(
            f"{name}: no question found in the text; expected each question on its own line"
            " ending in '?', followed by its answer"
        )
    entries.append(ImportedEntry(question, _join_paragraphs(answer_lines)))
    return entries


def _join_paragraphs(lines: list[str]) -> str:
    """Rebuild an answer from its lines: runs of blank lines become one paragraph break.

    Lines inside a paragraph keep their single ``\\n`` and their text verbatim (leading spaces,
    doubled spaces and odd punctuation included), since editors must see what was published.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)

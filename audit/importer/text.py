"""Read FAQ pages that were scraped to plain text.

Plain text is the importer's baseline format (the seed page is one), so the entry model and the
error that every reader shares live here too; the HTML reader builds on them.

The reader keeps what it finds rather than what it thinks the page meant: the import is the first
step of an audit, so defects such as a question without an answer or a question asked twice must
survive into the YAML where the checks can report them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .limits import excerpt, limits

__all__ = [
    "ImportedEntry",
    "PageError",
    "checked_entries",
    "is_question_line",
    "normalise_newlines",
    "parse_text",
    "too_many_questions",
]

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
    if "\r" not in text:
        return text  # no copy of a large page that needs none
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_question_line(line: str) -> bool:
    """Whether a line of a scraped page is a question heading.

    Only the last character decides: an answer that quotes a question (``click "Forgot your
    password?" and ...`` or ``until you see "NOT A REGISTERED USER?".``) ends in something other
    than ``?`` and so stays answer text. A bare ``?`` (or ``???``) is punctuation, not a question.
    """
    stripped = line.strip()
    return stripped.endswith("?") and any(ch.isalnum() for ch in stripped)


def checked_entries(entries: Iterable[ImportedEntry], *, name: str) -> list[ImportedEntry]:
    """``entries`` as a list, or PageError at the first that breaks a limit of ``limits.py``.

    Taking the entries one at a time lets a reader produce them lazily, so a page that holds
    far too many questions is refused before they are all in memory.
    """
    cap = limits()
    found: list[ImportedEntry] = []
    for entry in entries:
        if len(found) >= cap.entries:
            raise PageError(too_many_questions(name))
        if len(entry.question) > cap.question:
            raise PageError(
                f"{name}: the question '{excerpt(entry.question)}' is"
                f" {len(entry.question):,} characters long, more than the {cap.question:,} a"
                " question may have; shorten it on the page and import again"
            )
        if len(entry.answer) > cap.answer:
            raise PageError(
                f"{name}: the answer to '{excerpt(entry.question)}' is {len(entry.answer):,}"
                f" characters long, more than the {cap.answer:,} an answer may have; split it"
                " into shorter answers on the page and import again"
            )
        found.append(entry)
    return found


def too_many_questions(name: str) -> str:
    """The message for a page with more questions than a file `validate` reads can hold."""
    cap = limits()
    return (
        f"{name}: the page has more than {cap.entries:,} questions, more than one file that"
        f" faq-audit reads ({cap.file_bytes // 1_048_576} MB) can hold; split the page and"
        " import each part as a category of its own"
    )


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` without trailing whitespace, one at a time: a page of a million
    short lines is never held as a million strings."""
    start = 0
    end = text.find("\n")
    while end >= 0:
        yield text[start:end].rstrip()
        start = end + 1
        end = text.find("\n", start)
    yield text[start:].rstrip()


def parse_text(text: str, *, name: str) -> list[ImportedEntry]:
    """Split a scraped page into questions and answers, in page order.

    Everything before the first question is page chrome ("Skip to content", "Cart", ...) and is
    dropped; everything after a question, up to the next one, is its answer, including any
    chrome that trails the last answer, because telling that apart from an answer is guesswork.

    Lines inside a paragraph keep their single ``\\n`` and their text verbatim (leading spaces,
    doubled spaces and odd punctuation included), since editors must see what was published;
    runs of blank lines become one paragraph break. A question or answer over the schema's
    length, or more questions than a file can hold, raise PageError at the line concerned.
    """
    cap = limits()
    entries: list[ImportedEntry] = []
    seen_text = False
    question: str | None = None
    question_line = 0
    paragraphs: list[str] = []
    current: list[str] = []
    length = -1  # the answer is at least this long: its lines and the breaks between them

    def answer() -> str:
        if current:
            paragraphs.append("\n".join(current))
        return "\n\n".join(paragraphs)

    def too_long(at: int) -> PageError:
        return PageError(
            f"{name}:{at}: the answer to the question on this line is longer than the"
            f" {cap.answer:,} characters an answer may have; split it into shorter answers on"
            " the page and import again"
        )

    for number, line in enumerate(_lines(normalise_newlines(text)), start=1):
        seen_text = seen_text or bool(line)
        if is_question_line(line):
            if question is not None:
                entries.append(ImportedEntry(question, answer()))
                if len(entries[-1].answer) > cap.answer:
                    raise too_long(question_line)
                if len(entries) >= cap.entries:
                    raise PageError(too_many_questions(name))
            question, question_line = line.strip(), number
            if len(question) > cap.question:
                raise PageError(
                    f"{name}:{number}: this line ends in '?', so it is read as a question, but"
                    f" it is {len(question):,} characters long, more than the {cap.question:,}"
                    " a question may have; shorten it, or end it otherwise if it belongs to an"
                    " answer"
                )
            paragraphs, current, length = [], [], -1
        elif question is None:
            continue
        elif line:
            current.append(line)
            length += len(line) + 1
            if length > cap.answer:
                raise too_long(question_line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if question is None:
        if not seen_text:
            raise PageError(
                f"{name}: the page is empty; expected FAQ text with each question on its own"
                " line ending in '?', followed by its answer"
            )
        raise PageError(
            f"{name}: no question found in the text; expected each question on its own line"
            " ending in '?', followed by its answer"
        )
    entries.append(ImportedEntry(question, answer()))
    if len(entries[-1].answer) > cap.answer:
        raise too_long(question_line)
    return entries

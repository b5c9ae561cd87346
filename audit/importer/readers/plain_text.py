"""FAQ pages scraped to plain text: each question alone on a line ending in '?'.

Plain text is the importer's baseline format (the seed page is one). The reader keeps what it
finds rather than what it thinks the page meant: the import is the first step of an audit, so
defects such as a question without an answer or a question asked twice must survive into the
YAML where the checks can report them.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.importer.entries import ImportedEntry, too_many_questions
from audit.importer.errors import PageError
from audit.importer.limits import limits
from audit.importer.readers import Page, Reader, normalise_newlines, plain_text

__all__ = ["READER", "is_question_line", "parse_text", "preamble"]


def is_question_line(line: str) -> bool:
    """Whether a line of a scraped page is a question heading.

    Only the last character decides: an answer that quotes a question (``click "Forgot your
    password?" and ...`` or ``until you see "NOT A REGISTERED USER?".``) ends in something other
    than ``?`` and so stays answer text. A bare ``?`` (or ``???``) is punctuation, not a question.
    """
    stripped = line.strip()
    return stripped.endswith("?") and any(ch.isalnum() for ch in stripped)


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
    not kept (``preamble`` names it for the import's report); everything after a question, up
    to the next one, is its answer, including any chrome that trails the last answer, because
    telling that apart from an answer is guesswork.

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


def preamble(text: str) -> list[str]:
    """The blocks of text before the first question (page chrome, or an introduction), which
    the import does not keep and so names; blocks are separated by blank lines."""
    blocks: list[str] = []
    current: list[str] = []
    for line in _lines(normalise_newlines(text)):
        if is_question_line(line):
            break
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    else:
        return []  # no question: the page is refused, nothing to name
    if current:
        blocks.append(" ".join(current))
    return blocks


def _entries(page: Page) -> list[ImportedEntry]:
    return parse_text(page.text, name=page.name)


READER = Reader(
    reads="text",
    detect=plain_text,
    priority=100,
    expects="each question on its own line ending in '?', followed by its answer",
    entries=_entries,
)

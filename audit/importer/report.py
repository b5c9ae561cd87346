"""What an import did not keep, in words for the editor who ran it.

An import is trusted only if it says what it left out. Each note names one thing: a block
of page chrome that was dropped (with its first words), text or a heading that no entry
holds, a question the page shows but its FAQPage JSON-LD lacks (or the reverse), a question
whose answer is empty (not written: the file would not validate), and, when the page's
structures disagree, which one was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .html_doc import first_words
from .limits import excerpt
from .readers import Reading, get
from .sections import Section, Unkept

__all__ = ["Note", "notes"]

_MOST_UNKEPT = 50
"""Blocks named one by one; a page that leaves out more is named by the first ones and a count."""
_NOT_WORD = re.compile(r"[\W_]+")
_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\((?:<[^>]*>|[^)\s]*)\)")
_MARKS = re.compile(r"\*+|^\s*(?:-|\d+\.)\s+", re.M)


def _plain(markdown: str) -> str:
    """Markdown as the words it shows, to quote a block of it in a note."""
    return _MARKS.sub("", _LINK.sub(r"\1", markdown))


@dataclass(frozen=True, slots=True)
class Note:
    """One thing the import did not keep, or chose: ``kind`` sorts it, ``message`` says it."""

    kind: str  # chrome, not-kept, heading, missing-from-json-ld, missing-from-page, ...
    message: str
    text: str  # the words concerned: a question, or the first words of a block


def _key(question: str) -> str:
    return _NOT_WORD.sub(" ", question.casefold()).strip()


def notes(reading: Reading, sections: Iterable[Section], unkept: Iterable[Unkept]) -> list[Note]:
    """Every note of an import, in the order: what was dropped, what disagrees, what is empty."""
    found: list[Note] = []
    if reading.page.is_html:
        for words in reading.page.document.chrome:
            found.append(Note("chrome", f"page chrome not kept: '{words}'", words))
    for item in unkept:
        words = first_words(_plain(item.text))
        if item.kind == "heading":
            found.append(Note("heading", f"heading not kept: '{words}'", words))
        else:
            found.append(Note("not-kept", f"text outside any question not kept: '{words}'", words))
    found += _disagreements(reading)
    for section in sections:
        for entry in section.entries:
            if not entry.answer.strip():
                question = excerpt(entry.question)
                message = (
                    f"question without an answer not kept: '{question}'; write its answer on"
                    " the page and import again, or add it to the file"
                )
                found.append(Note("empty-answer", message, entry.question))
    return _at_most(_counted(found))


def _at_most(found: list[Note]) -> list[Note]:
    """The notes, with at most ``_MOST_UNKEPT`` blocks of text or headings named one by one
    and the rest counted: a page of 30,000 left-over blocks gets a report one can read."""
    named = 0
    more = 0
    kept: list[Note] = []
    for note in found:
        if note.kind in ("not-kept", "heading"):
            named += 1
            if named > _MOST_UNKEPT:
                more += 1
                continue
        kept.append(note)
    if more:
        message = f"{more:,} more blocks of text or headings outside any question not kept"
        kept.append(Note("not-kept", message, ""))
    return kept


def _counted(found: list[Note]) -> list[Note]:
    """The notes once each, a repeated one with how often: a page that repeats a block a
    thousand times gets one line for it, not a thousand."""
    times: dict[Note, int] = {}
    for note in found:
        times[note] = times.get(note, 0) + 1
    return [
        note if count == 1 else Note(note.kind, f"{note.message} ({count:,} times)", note.text)
        for note, count in times.items()
    ]


def _disagreements(reading: Reading) -> list[Note]:
    chosen = reading.chosen
    entries = reading.found[chosen]
    found: list[Note] = []
    for name, other in reading.found.items():
        if name == chosen or len(other) == len(entries):
            continue
        found.append(
            Note(
                "structures",
                f"read the {get(chosen).expects} ({_count(len(entries))}); the"
                f" {get(name).expects} hold {_count(len(other))}",
                name,
            )
        )
    json_ld = reading.found.get("jsonld")
    markup_name = chosen if chosen != "jsonld" else _best_markup(reading)
    if json_ld is None or markup_name is None:
        return found
    in_json = {_key(item.entry.question): item.entry.question for item in json_ld}
    in_markup = {
        _key(item.entry.question): item.entry.question for item in reading.found[markup_name]
    }
    for key, question in in_markup.items():
        if key not in in_json:
            message = f"question on the page but not in its FAQPage JSON-LD: '{excerpt(question)}'"
            found.append(Note("missing-from-json-ld", message, question))
    for key, question in in_json.items():
        if key not in in_markup:
            message = f"question in the FAQPage JSON-LD but not on the page: '{excerpt(question)}'"
            found.append(Note("missing-from-page", message, question))
    return found


def _best_markup(reading: Reading) -> str | None:
    others = [name for name in reading.found if name != "jsonld"]
    return max(others, key=lambda name: len(reading.found[name]), default=None)


def _count(number: int) -> str:
    return f"{number} question" if number == 1 else f"{number:,} questions"

"""Turn an existing FAQ page into the YAML that ``faq/`` holds (``faq-audit import``).

The importer is the way content first enters the repository, so it records the page as it is,
defects included, and leaves judging it to the checks: every reader (``readers/``, one module
per structure a page can carry) reads the page and the one that finds the most answered
questions wins, ``sections`` groups them under the page's section headings, ``report`` says
what was not kept, ``to_yaml`` writes each group as one category file, and ``output`` puts
the files on disk, all or nothing. An HTML page is parsed by a real HTML5 parser
(``html_doc``) and its answers are written as Markdown (``html_markdown``). The one exception
is size: a page whose file ``validate`` would refuse to read, or whose questions or answers
exceed the schema's lengths, is refused (``limits``), and reading any page takes time in
proportion to it (``html_bounds``).

``import_page`` is the whole command, from a page on disk to files on disk; it raises the
errors of ``errors``, which the command line turns into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .entries import ImportedEntry
from .errors import OutputTooLargeError, PageError, PathError
from .faq_yaml import to_yaml
from .html_doc import deep_enough
from .ids import slugify, unique_ids
from .limits import limits
from .output import check_folder, output_files, schema_ref, taken_ids, write_outputs
from .page_file import read_page_file
from .readers import read_page, read_structures
from .readers.plain_text import preamble
from .report import Note, notes
from .sections import Section, Unkept, sections

__all__ = [
    "Imported",
    "ImportedEntry",
    "Note",
    "OutputTooLargeError",
    "PageError",
    "PathError",
    "Written",
    "import_page",
    "limits",
    "read_page",
    "read_sections",
    "slugify",
    "to_yaml",
    "unique_ids",
]


@dataclass(frozen=True, slots=True)
class Written:
    """One file an import wrote: where, the category it holds, and how many entries."""

    target: Path
    category: str
    entries: int


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import wrote, which structure of the page it read, and what it did not keep."""

    files: tuple[Written, ...]
    reader: str
    notes: tuple[Note, ...]


def read_sections(text: str, *, name: str) -> tuple[str, list[Section], list[Note]]:
    """The page's answered entries by section, the reader that found them, and what was not
    kept: a question without an answer is reported, not written, since a file holding it
    would not validate; a page with no answered question at all raises PageError."""
    reading = read_structures(text, name=name)
    found = reading.entries
    if reading.page.is_html:
        with deep_enough():
            grouped, unkept = sections(reading.page.document.body, found)
    else:
        grouped = [Section(None, "", tuple(item.entry for item in found))]
        unkept = [Unkept("text", block) for block in preamble(reading.page.text)]
    found_notes = notes(reading, grouped, unkept)
    answered = [
        Section(section.title, section.description, kept)
        for section in grouped
        if (kept := tuple(entry for entry in section.entries if entry.answer.strip()))
    ]
    if not answered:
        count = sum(len(section.entries) for section in grouped)
        asked = "its question has" if count == 1 else f"its {count:,} questions have"
        raise PageError(
            f"{name}: {asked} no answer on the page, so there is nothing to write; add the"
            " answers to the page and import again"
        )
    return reading.chosen, answered, found_notes


def import_page(page: Path, out: Path, *, category: str, force: bool) -> Imported:
    """Import the page at ``page`` as files in the folder ``out``: one for each section of
    the page, or one for ``category`` when the page has no sections (or before its first).

    Everything that can be refused is refused before anything is created: the output folder
    first (PathError), then the page (PathError when it cannot be read, PageError when it holds
    no question or too much), then the files (PathError: one exists, OutputTooLargeError: one
    would be too large). A MemoryError, or an interruption, leaves nothing behind either.
    """
    check_folder(out)
    text = read_page_file(page)
    reader, grouped, found_notes = read_sections(text, name=str(page))
    del text  # the page's text is no longer needed: keep the peak low
    titles = [section.title or category for section in grouped]
    targets = output_files(out, titles, force=force)
    taken = taken_ids(out, targets)
    reference = schema_ref(out)
    documents: list[tuple[Path, str]] = []
    for target, title, section in zip(targets, titles, grouped, strict=True):
        document = to_yaml(
            section.entries,
            category=title,
            description=section.description,
            schema_ref=reference,
            spaced=True,
            taken=taken,
            max_bytes=limits().file_bytes,
        )
        if len(grouped) > 1:  # ids are unique across the files written, too
            taken.update(unique_ids((entry.question for entry in section.entries), taken=taken))
        documents.append((target, document))
    write_outputs(documents)
    written = tuple(
        Written(target, title, len(section.entries))
        for target, title, section in zip(targets, titles, grouped, strict=True)
    )
    return Imported(written, reader, tuple(found_notes))

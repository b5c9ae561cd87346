"""Turn an existing FAQ page into the YAML that ``faq/`` holds (``faq-audit import``).

The importer is the way content first enters the repository, so it records the page as it is,
defects included, and leaves judging it to the checks: ``read_page`` finds the questions and
answers with the first reader that finds any (``readers/``, one module per way of reading a
page), ``to_yaml`` writes them as one category file, and ``output`` puts that file on disk,
all or nothing. The one exception is size: a page whose file ``validate`` would refuse to read,
or whose questions or answers exceed the schema's lengths, is refused (``limits``), and reading
any page takes time and memory in proportion to it.

``import_page`` is the whole command, from a page on disk to a file on disk; it raises the
errors of ``errors``, which the command line turns into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .entries import ImportedEntry
from .errors import OutputTooLargeError, PageError, PathError
from .faq_yaml import to_yaml
from .ids import slugify, unique_ids
from .limits import limits
from .output import output_file, schema_ref, taken_ids, write_output
from .page_file import read_page_file
from .readers import read_page

__all__ = [
    "Imported",
    "ImportedEntry",
    "OutputTooLargeError",
    "PageError",
    "PathError",
    "import_page",
    "limits",
    "read_page",
    "slugify",
    "to_yaml",
    "unique_ids",
]


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import wrote: the file, and how many entries it holds."""

    target: Path
    entries: int


def import_page(page: Path, out: Path, *, category: str, force: bool) -> Imported:
    """Import the page at ``page`` as the file for ``category`` in the folder ``out``.

    Everything that can be refused is refused before anything is created: the output first
    (PathError), then the page (PathError when it cannot be read, PageError when it holds no
    question or too much), then the YAML (OutputTooLargeError). A MemoryError, or an
    interruption, leaves nothing behind either.
    """
    target = output_file(out, category, force=force)
    text = read_page_file(page)
    entries = read_page(text, name=str(page))
    del text  # the page's text is no longer needed: keep the peak low
    document = to_yaml(
        entries,
        category=category,
        schema_ref=schema_ref(out),
        taken=taken_ids(out, target),
        max_bytes=limits().file_bytes,
    )
    write_output(target, document)
    return Imported(target, len(entries))

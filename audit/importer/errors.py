"""Why an import stops; the command line turns each into a message and an exit code.

- ``PageError``: the page cannot make a file ``validate`` reads (no question, too large):
  exit 1, with ``str(err)`` as the one line the editor sees.
- ``PathError``: the page cannot be read from where it was named, or the file cannot be
  written where it was asked for: a usage error, exit 2, before anything is created.
- ``OutputTooLargeError``: the YAML for the page's questions would be larger than a file
  ``validate`` reads: exit 1.
"""

from __future__ import annotations

__all__ = ["OutputTooLargeError", "PageError", "PathError"]


class PageError(Exception):
    """A page that cannot be imported.

    ``str(err)`` is a single line meant for the editor who ran the import, so it names the page and
    says what the importer expected to find.
    """


class PathError(Exception):
    """A page or an output folder that cannot be used; ``str(err)`` says why, in one line."""


class OutputTooLargeError(Exception):
    """The file would be larger than ``max_bytes``; ``limit`` is that size in bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the YAML would be larger than {limit:,} bytes")
        self.limit = limit

"""The page to import, read from disk only up to the size ``validate`` reads.

A page may be a device or a pipe that never ends, so a page over the limit is refused without
reading the rest of it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import PageError, PathError
from .limits import MAX_FILE_BYTES, too_large

__all__ = ["read_page_file"]


def read_page_file(page: Path) -> str:
    """The page as text (bytes that are not UTF-8 replaced, for ``validate`` to report).

    Raises PathError when the page cannot be read where it was named (a usage error), and
    PageError when it is larger than a file ``validate`` reads.
    """
    try:
        with page.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = b"" if size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PathError(f"the page '{page}' does not exist") from None
    except IsADirectoryError:
        raise PathError(f"the page '{page}' is a folder; name the page's file") from None
    except OSError as err:
        raise PathError(f"cannot read '{page}': {err.strerror or err}") from None
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        measured = max(size, len(raw))
        message = too_large("the page", measured, at_least=size <= MAX_FILE_BYTES)
        raise PageError(f"{page}: {message}; save only the part that holds the FAQ")
    return raw.decode("utf-8", errors="replace")

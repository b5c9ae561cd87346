"""Derive entry ids from questions.

Ids are what links and history point at, so they must be stable, readable and valid slugs
(``^[a-z0-9]+(?:-[a-z0-9]+)*$`` in the schema). Deriving them from the question gives editors a
sensible first value that they are expected to keep when the wording later changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["MAX_SLUG_LENGTH", "slugify", "unique_ids"]

MAX_SLUG_LENGTH = 60
"""Long enough to stay recognisable, short enough to leave room for a ``-N`` suffix under the
schema's limit of 80 characters."""

_FALLBACK = "question"
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(question: str) -> str:
    """Turn a question into a slug such as ``what-is-image-skincares-return-policy``.

    Apostrophes are dropped rather than turned into hyphens so that possessives and contractions
    stay one word ("Skincare's" -> "skincares", not "skincare-s"). Accents are removed through
    NFKD so that "Café" and "Cafe" get the same id. Text with no Latin letters or digits at all
    falls back to ``question`` rather than producing an invalid empty id.
    """
    decomposed = unicodedata.normalize("NFKD", question.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _NOT_SLUG.sub("-", _APOSTROPHES.sub("", bare)).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        head = slug[: MAX_SLUG_LENGTH + 1]
        cut = head.rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:MAX_SLUG_LENGTH]
        slug = slug.strip("-")
    return slug or _FALLBACK


def unique_ids(questions: Iterable[str], *, taken: Iterable[str] = ()) -> list[str]:
    """Slugs for ``questions`` in order, made unique with ``-2``, ``-3``, ... suffixes.

    The first occurrence keeps the plain slug so that a page with an accidental duplicate keeps
    the expected id on the original. ``taken`` lets a caller reserve ids already used in other
    files, since the schema asks for ids unique across the whole FAQ.

    Each slug remembers the next suffix to try, so that the thousandth copy of a question does
    not try the 999 suffixes before it again: the ids are found in time linear in their number.
    """
    used = set(taken)
    next_suffix: dict[str, int] = {}
    ids: list[str] = []
    for question in questions:
        base = slugify(question)
        candidate = base
        if candidate in used:
            n = next_suffix.get(base, 2)
            candidate = f"{base}-{n}"
            while candidate in used:
                n += 1
                candidate = f"{base}-{n}"
            next_suffix[base] = n + 1
        used.add(candidate)
        ids.append(candidate)
    return ids

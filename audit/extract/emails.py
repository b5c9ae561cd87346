"""Email addresses in running text.

The candidate pattern is wider than a valid address ("care@imageskincare",
"john..doe@example.com" are found) so that `email-invalid` can report what an
editor got wrong; email_validator then judges each one, without DNS. Prose
punctuation is not part of an address: a sentence period, a closing bracket or
an opening quote around it stay outside. Digits and @-signs inside web
addresses ("https://medium.com/@brand") and image names ("logo@2x.png") are not
addresses at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

# A candidate is LOCAL@DOMAIN. The local part leaves out "/" and quotes: legal in RFC 5322,
# unheard of in FAQ prose. It is found backwards from each @-sign (see `_candidates`).
_LOCAL_CHARS = r"[\w.!#$%&*+=?^`{|}~-]"
_LOCAL_REVERSED = re.compile(_LOCAL_CHARS + "*")
_DOMAIN = re.compile(r"[\w-]+(?:\.+[\w-]+)*")
_LEADING_PUNCTUATION = "`{|}~!#$%&*=?^"
_TOKEN_START = re.compile(r"[^\s<>\"'\[\]()]*$")
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "pdf"})


@dataclass(frozen=True, slots=True)
class EmailMatch:
    """One address as written in a text, and what email_validator makes of it."""

    raw: str
    start: int
    end: int
    normalized: str | None  # None when the address is not valid
    reason: str | None  # email_validator's explanation when it is not valid
    in_link: bool = False  # the target of a mailto: link

    @property
    def valid(self) -> bool:
        return self.normalized is not None

    @property
    def domain(self) -> str:
        """The part after the @-sign, lower-cased (normalized when the address is valid)."""
        address = self.normalized or self.raw
        return address.rpartition("@")[2].lower()


@lru_cache(maxsize=4096)
def find_emails(text: str) -> tuple[EmailMatch, ...]:
    """Every email address in `text`, in order, including the targets of mailto: links."""
    if "@" not in text:
        return ()
    return tuple(_matches(text))


def _candidates(text: str) -> Iterator[tuple[int, int]]:
    """The spans that `LOCAL+@DOMAIN` finds, left to right without overlaps, in linear time.

    A regular expression that starts with the local part is tried at every
    position of a long run of local-part characters and reads to the run's end
    each time: 34 s for one 99,000-character answer of "aaa…@". Working out
    from each @-sign instead reads every character a bounded number of times:
    the local part is the run of local-part characters just before the @
    (read backwards, never past the end of the previous candidate), the domain
    the run after it; neither can cross another @.
    """
    reversed_text = text[::-1]
    size = len(text)
    resume = 0  # where the previous candidate ended
    at = text.find("@")
    while at >= 0:
        local = _LOCAL_REVERSED.match(reversed_text, size - at, size - resume)
        start = at - (local.end() - local.start()) if local else at
        domain = _DOMAIN.match(text, at + 1)
        if start < at and domain is not None:
            yield start, domain.end()
            resume = domain.end()
        at = text.find("@", max(at + 1, resume))


def _matches(text: str) -> Iterator[EmailMatch]:
    for begin, end in _candidates(text):
        start, raw = begin, text[begin:end]
        stripped = raw.lstrip(_LEADING_PUNCTUATION)
        start += len(raw) - len(stripped)
        raw = stripped
        local, _, domain = raw.partition("@")
        if not local or _in_web_address(text, start):
            continue
        if domain.rpartition(".")[2].lower() in _FILE_SUFFIXES:
            continue
        normalized, reason = _validate(raw)
        linked = text[max(0, start - 7) : start].lower() == "mailto:"
        yield EmailMatch(raw, start, start + len(raw), normalized, reason, linked)


@lru_cache(maxsize=4096)
def _validate(address: str) -> tuple[str | None, str | None]:
    try:
        result = validate_email(address, check_deliverability=False)
    except EmailNotValidError as err:
        return None, str(err)
    return result.normalized, None


def _in_web_address(text: str, start: int) -> bool:
    """Whether the @ belongs to a URL (a path such as /@brand, or user:pass@host)."""
    token = _TOKEN_START.search(text[max(0, start - 300) : start])
    prefix = token.group().lower() if token else ""
    if prefix.endswith("mailto:"):
        return False
    return "://" in prefix or prefix.startswith("www.") or prefix.endswith("/")


def normalize(address: str) -> str | None:
    """The normalized form of an address (lower-case domain), or None when it is not valid."""
    return _validate(address.strip())[0]

"""Email addresses in running text.

The candidate pattern is wider than a valid address ("care@imageskincare",
"john..doe@example.com" are found) so that `email-invalid` can report what an
editor got wrong; email_validator then judges each one, without DNS. Prose
punctuation is not part of an address: a sentence period, a closing bracket or
an opening quote around it stay outside. Digits and @-signs inside web
addresses ("https://medium.com/@brand", "ssh://git@host") and image names
("logo@2x.png") are not addresses at all, and neither are look-alikes: a chat
channel ("#fedora@libera.chat"), a handle ("@brand"), a Git remote
("git@github.com:org/repo.git") or anything inside a code span
(`` `git@github.com` ``).

Near-addresses are found too, with the address that was meant (`repair`) and
what to change (`slip`): a comma where the domain's dot belongs
("help@example,com"), two @-signs ("help@@example.com"), a space after the
@-sign ("help@ example.com"). Each is reported only when the repaired
address is valid and its domain ends in a real top-level domain; a space
before the @-sign is left alone, since "@name" may be a handle.
"""

from __future__ import annotations

import bisect
import re
import sys
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
_CODE_SPAN = re.compile(r"`[^`\n]+`")
# "git@github.com:org/repo": a colon and a path right after the domain.
_REMOTE_PATH = re.compile(r":[\w~/]")
# Real top-level domains a near-address may end in: the generic ones people write, and
# any two letters (a country's).
_TLD = r"(?:com|net|org|edu|gov|info|biz|io|app|dev|shop|[a-z]{2})"
# After "help@example": ",com" (or ",co.uk"), then no more of a word.
_COMMA_DOT = re.compile(rf",({_TLD}(?:\.[a-z]{{2,}})?)(?![\w@-]|\.\w)", re.IGNORECASE)
# After "help@": " example.com", a dotted domain ending in a real top-level domain.
_SPACED_DOMAIN = re.compile(rf" [\w-]+(?:\.[\w-]+)*\.{_TLD}(?![\w@-]|\.\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EmailMatch:
    """One address as written in a text, and what email_validator makes of it."""

    raw: str
    start: int
    end: int
    normalized: str | None  # None when the address is not valid
    reason: str | None  # email_validator's explanation when it is not valid
    in_link: bool = False  # the target of a mailto: link
    repair: str | None = None  # a near-address: the valid address that was meant
    slip: str = ""  # a near-address: what to change, in words

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


def _candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans that `LOCAL+@DOMAIN` finds, left to right without overlaps, in linear time.

    A regular expression that starts with the local part is tried at every
    position of a long run of local-part characters and reads to the run's end
    each time: 34 s for one 99,000-character answer of "aaa…@". Working out
    from each @-sign instead reads every character a bounded number of times:
    the local part is the run of local-part characters just before the @
    (read backwards, never past the end of the previous candidate), the domain
    the run after it; neither can cross another @. Each span comes with the
    near-address slip it holds, if any ("@@", "@ ", ",").
    """
    reversed_text = text[::-1]
    size = len(text)
    resume = 0  # where the previous candidate ended
    at = text.find("@")
    while at >= 0:
        local = _LOCAL_REVERSED.match(reversed_text, size - at, size - resume)
        start = at - (local.end() - local.start()) if local else at
        after, slip = at + 1, ""
        if text.startswith("@", after):
            after, slip = after + 1, "@@"
        elif _SPACED_DOMAIN.match(text, after) is not None:
            after, slip = after + 1, "@ "
        domain = _DOMAIN.match(text, after)
        if start < at and domain is not None:
            end = domain.end()
            if not slip and (comma := _COMMA_DOT.match(text, end)) is not None:
                end, slip = comma.end(), ","
            yield start, end, slip
            resume = end
        at = text.find("@", max(at + 1, resume))


def _matches(text: str) -> Iterator[EmailMatch]:
    code = [m.span() for m in _CODE_SPAN.finditer(text)] if "`" in text else []
    for begin, end, slip in _candidates(text):
        start, raw = begin, text[begin:end]
        stripped = raw.lstrip(_LEADING_PUNCTUATION)
        if "#" in raw[: len(raw) - len(stripped)]:
            continue  # a chat channel, "#fedora@libera.chat"
        start += len(raw) - len(stripped)
        raw = stripped
        local, _, domain = raw.partition("@")
        if not local or _in_web_address(text, start) or _REMOTE_PATH.match(text, end):
            continue
        if domain.rpartition(".")[2].lower() in _FILE_SUFFIXES:
            continue
        if code and _inside(code, start):
            continue
        linked = text[max(0, start - 7) : start].lower() == "mailto:"
        if slip:
            near = _near(raw, slip)
            if near is not None:
                yield EmailMatch(raw, start, end, None, None, linked, *near)
            continue
        normalized, reason = _validate(raw)
        yield EmailMatch(raw, start, start + len(raw), normalized, reason, linked)


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether `index` falls in one of `spans` (in order, not overlapping)."""
    at = bisect.bisect_right(spans, (index, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def _near(raw: str, slip: str) -> tuple[str, str] | None:
    """The address a near-address meant, and what to change; None unless that is valid."""
    local, _, domain = raw.partition("@")
    if slip == "@@":
        meant, what = f"{local}@{domain[1:]}", f'write "{local}@{domain[1:]}", with one @-sign'
    elif slip == "@ ":
        meant, what = f"{local}@{domain[1:]}", f'write "{local}@{domain[1:]}", without the space'
    else:
        name, _, tld = domain.rpartition(",")
        meant = f"{local}@{name}.{tld}"
        what = f'write "{name}.{tld}", with a dot where the comma is'
    return (meant, what) if _validate(meant)[0] is not None else None


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

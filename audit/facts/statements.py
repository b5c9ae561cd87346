"""The claims of a run's answers, each with the entry, file and line it is stated at.

`audit.extract.claims` reads claims from a text, with offsets into it; this
ties each to where it stands, so the policy rules and `faq-audit facts` name
the same entry and line for the same claim. Only answers are read: a question
asks, it states no policy ("How do I join the 10% back program?").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from audit.extract.claims import Claim, Lexicon, read_claims
from audit.model import Corpus, Entry, Position, TextField

STATED_IN = ("answer",)
MAX_TEXT = 100_000  # longer fields fail the schema; they are not read (as for text rules)


@dataclass(frozen=True, slots=True)
class Statement:
    """A claim and the answer it is read from."""

    claim: Claim
    entry: Entry
    text: TextField
    at: Position | None = None  # the position, when worked out in advance (`located`)

    @property
    def entry_id(self) -> str | None:
        return self.entry.id

    @property
    def position(self) -> Position:
        """Where the claim's number (or, for hours, its phrase) stands in the file."""
        if self.at is not None:
            return self.at
        return self.text.position_of(self.claim.start, self.claim.end - self.claim.start)

    def located(self) -> Statement:
        """The statement with its position worked out now, once: the policy rules read
        claims in the worker processes, and the process that compares them then asks
        each claim's position many times, for every finding that names it."""
        return replace(self, at=self.position)

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def words(self) -> str:
        """The claim as written: its number, or its hours phrase."""
        return self.text.value[self.claim.start : self.claim.end]

    @property
    def sentence(self) -> str:
        return self.text.value[self.claim.sentence_start : self.claim.sentence_end]

    @property
    def sentence_key(self) -> tuple[str, int, int]:
        """Which sentence of the run the claim is in: claims of one sentence share it."""
        return (self.entry.path, self.entry.index, self.claim.sentence_start)

    def where(self) -> str:
        """The entry and line, for a message: "'shipping' (line 49)"."""
        name = (
            f"'{self.entry.id}'"
            if self.entry.id
            else f"the entry at line {self.entry.position.line}"
        )
        return f"{name} (line {self.line})"


def statements(
    corpus: Corpus, lexicon: Lexicon | None = None, region: str = "US"
) -> Iterator[Statement]:
    """Every claim of every answer of the run, in order (`region` reads phone numbers, so
    that none is taken for a quantity)."""
    for entry in corpus.entries:
        for name in STATED_IN:
            text = entry.texts.get(name)
            if text is None or len(text.value) > MAX_TEXT:
                continue
            for claim in read_claims(text.value, lexicon, region=region):
                yield Statement(claim, entry, text)


def lexicon_of(topics: Iterable[str]) -> Lexicon:
    """The default lexicon with a config's topic words: "referral: refer a friend|referral
    credit" adds those words to the topic `referral` (a new one, or one the lexicon has)."""
    added: dict[str, list[str]] = {}
    for item in topics:
        name, _, words = str(item).partition(":")
        if not words:
            name, words = name, name
        slug = "-".join(name.lower().split())
        added.setdefault(slug, []).extend(w.strip() for w in words.split("|") if w.strip())
    return Lexicon.default().extended(added) if added else Lexicon.default()

"""Contact details given two ways for one department: the findings of the contact rules.

`phone-inconsistent` and `email-inconsistent` read the same way: each detail
gets the purpose named next to it (`audit.extract.purposes`), and the details
of one purpose are compared, with the config's contact or with one another.
The extraction is pure and knows no findings; this module turns what it
found into problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from audit.config import CONFIG_FILE, Config
from audit.extract.purposes import display
from audit.model import Entry, Problem, Related, TextField
from audit.rules._fields import problem_at


@dataclass(frozen=True, slots=True)
class Sighting:
    """A contact detail where it stands, what must agree (`key`) and its purpose."""

    entry: Entry
    text: TextField
    start: int
    end: int
    key: str  # E.164 for numbers, the address in lower case for emails
    shown: str  # how a message writes it
    purpose: str | None
    clause: tuple[int, int]


def inconsistencies(
    sightings: Sequence[Sighting],
    expected: Mapping[str, tuple[str, str]],
    config: Config,
    *,
    noun: str,
    rule: str,
) -> Iterator[Problem]:
    """Details that differ from their contact's (config) or from the one given most often.

    A detail given in the same sentence as the right one is an alternative
    ("call X or Y"), not a contradiction, and is left alone.
    """
    together: dict[tuple[int, tuple[int, int]], set[str]] = {}
    for s in sightings:
        together.setdefault((id(s.text), s.clause), set()).add(s.key)
    groups: dict[str, list[Sighting]] = {}
    for s in sightings:
        if s.purpose is not None:
            groups.setdefault(s.purpose, []).append(s)
    source = Path(config.path).name if config.path else CONFIG_FILE
    for purpose, members in groups.items():
        name = display(purpose)
        if purpose in expected:
            key, shown = expected[purpose]
            for s in members:
                if s.key != key and key not in together[(id(s.text), s.clause)]:
                    yield _at(
                        s,
                        f"{name}'s {noun} is {shown} ({source}), not {s.shown}; "
                        f"write {shown}, or correct the contact in {source}",
                        rule,
                    )
            continue
        counts = Counter(s.key for s in members)
        if len(counts) < 2:
            continue
        majority = max(counts, key=lambda k: counts[k])  # ties: the first given
        first = next(s for s in members if s.key == majority)
        for s in members:
            if s.key == majority or majority in together[(id(s.text), s.clause)]:
                continue
            places = counts[majority]
            yield _at(
                s,
                f"{name} is given as {s.shown} here, but as {first.shown} in "
                f"{places} other place{'s' if places != 1 else ''}; use one {noun} for "
                f"{name}, or say what each is for",
                rule,
                related=(
                    Related(
                        first.text.position_of(first.start, first.end - first.start),
                        f"{name}: {first.shown} is given here",
                    ),
                ),
            )


def _at(s: Sighting, message: str, rule: str, related: tuple[Related, ...] = ()) -> Problem:
    return problem_at(
        s.entry, s.text, s.start, s.end - s.start, message, related=related, rule=rule
    )

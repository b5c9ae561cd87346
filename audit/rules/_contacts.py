"""Contact details given two ways for one department: the findings of the contact rules.

`phone-inconsistent` and `email-inconsistent` read the same way: each detail
gets the purpose named next to it (`audit.extract.purposes`), and the details
of one purpose are compared, with the config's contact or with one another.
The extraction is pure and knows no findings; this module turns what it
found into problems.

Without a department named, one slip is still caught: a detail given once
that is a near copy of one given at least `USUAL` times (a number with one
digit different or two neighbouring digits swapped, an address with a letter
dropped, added or swapped) is most likely that one mistyped. Two details each
given several times are both meant, and a near copy named for another
department than the usual one is that department's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    comparable: bool = True  # False for a line of its own (callers abroad, a fax line)


# How often a detail must be given to be the usual one that a near copy is a slip of.
USUAL = 3
# Which slip turns the usual key into the odd one, in words; None when it is no slip.
Slip = Callable[[str, str], str | None]


def inconsistencies(
    sightings: Sequence[Sighting],
    expected: Mapping[str, tuple[str, str]],
    config: Config,
    *,
    noun: str,
    rule: str,
    slip: Slip | None = None,
) -> Iterator[Problem]:
    """Details that differ from their contact's (config) or from the one given most often,
    then, with `slip`, details given once that are a slip of a usual one.

    A detail given in the same sentence as the right one is an alternative
    ("call X or Y"), not a contradiction, and is left alone.
    """
    reported: set[int] = set()
    for problem, sighting in _by_purpose(sightings, expected, config, noun=noun, rule=rule):
        reported.add(id(sighting))
        yield problem
    if slip is not None:
        unreported = [s for s in sightings if id(s) not in reported]
        yield from _near_copies(unreported, slip, noun=noun, rule=rule)


def _by_purpose(
    sightings: Sequence[Sighting],
    expected: Mapping[str, tuple[str, str]],
    config: Config,
    *,
    noun: str,
    rule: str,
) -> Iterator[tuple[Problem, Sighting]]:
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
                    message = (
                        f"{name}'s {noun} is {shown} ({source}), not {s.shown}; "
                        f"write {shown}, or correct the contact in {source}"
                    )
                    yield _at(s, message, rule), s
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
            problem = _at(
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
            yield problem, s


def _near_copies(
    sightings: Sequence[Sighting], slip: Slip, *, noun: str, rule: str
) -> Iterator[Problem]:
    """Details given once that `slip` finds a slip of a detail given `USUAL` times or more.

    Each usual key is indexed by its one-character deletions, so a key given once
    finds the usual keys one edit away in the time of its own length, however many
    keys the run has; `slip` then judges each pair found.
    """
    comparable = [s for s in sightings if s.comparable]
    counts = Counter(s.key for s in comparable)
    usual = {key: count for key, count in counts.items() if count >= USUAL}
    if not usual:
        return
    index: dict[str, set[str]] = {}
    for key in usual:
        for variant in _deletions(key):
            index.setdefault(variant, set()).add(key)
    together: dict[tuple[int, tuple[int, int]], set[str]] = {}
    purposes: dict[str, set[str]] = {}
    first: dict[str, Sighting] = {}
    for s in comparable:
        together.setdefault((id(s.text), s.clause), set()).add(s.key)
        if s.key in usual:
            first.setdefault(s.key, s)
            if s.purpose is not None:
                purposes.setdefault(s.key, set()).add(s.purpose)
    for s in comparable:
        if counts[s.key] != 1:
            continue
        near = {key for variant in _deletions(s.key) for key in index.get(variant, ())}
        for key in sorted(near, key=lambda k: (-usual[k], k)):
            how = slip(key, s.key)
            if how is None or key in together[(id(s.text), s.clause)]:
                continue
            if s.purpose is not None and s.purpose not in purposes.get(key, ()):
                continue  # named for another department: that department's own
            yield _near_copy(s, first[key], usual[key], how, noun, rule)
            break


def _near_copy(
    odd: Sighting, usual: Sighting, count: int, how: str, noun: str, rule: str
) -> Problem:
    where = usual.text.position_of(usual.start, usual.end - usual.start)
    return _at(
        odd,
        f"{odd.shown} is given only here, while {usual.shown} is given in {count} places "
        f"(first at {Path(where.path).name}:{where.line}); {how}, so this may be a typo: "
        f"check this {noun}, and write {usual.shown} if that is the one meant",
        rule,
        related=(Related(where, f"{usual.shown} is given here"),),
    )


def _deletions(key: str) -> Iterator[str]:
    """The key itself and the key with each one character left out."""
    yield key
    for i in range(len(key)):
        yield key[:i] + key[i + 1 :]


def _at(s: Sighting, message: str, rule: str, related: tuple[Related, ...] = ()) -> Problem:
    return problem_at(
        s.entry, s.text, s.start, s.end - s.start, message, related=related, rule=rule
    )

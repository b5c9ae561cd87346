"""What changed since a git ref: entries added, removed and edited, and policy numbers.

The files as they were are read with `git show REF:path` (and listed with `git
ls-tree`, so a file removed since still counts) and loaded as any file is.
Entries are matched by id and compared as data, so re-indenting or moving an
entry changes nothing. An edited answer is shown as a word diff. Policy
numbers are compared claim by claim: the claims the policy checks read from
each answer, matched by entry, topic, quantity, variable and comparator, so
"free shipping on orders over $500" becoming "over $450" is one line.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from audit.config import ConfigError
from audit.extract.claims import ClaimKind
from audit.extract.lexicon import Lexicon
from audit.facts import Fact, Facts
from audit.facts.registry import read_facts
from audit.facts.statements import Statement, statements
from audit.model import Corpus, Entry, SourceFile
from audit.report.model import Changes, DiffPart, EntryChange, NumberChange
from audit.rules.policy.wording import cited, fact_words
from audit.source.loader import YAML_SUFFIXES, load_file

COMPARED = ("question", "answer")
REGISTRY = "policy registry"  # a registry fact's change stands under this, not an entry
CONTEXT = 80  # characters of unchanged text kept on each side of a change
_WORDS = re.compile(r"\s+|[^\s]+")


class ChangesError(Exception):
    """The ref cannot be read: not a git repository, or no such commit. One line."""


def changes(
    ref: str,
    paths: Sequence[Path],
    corpus: Corpus,
    facts: Facts,
    registries: Iterable[Path],
    lexicon: Lexicon | None,
    region: str,
) -> Changes:
    top = _top(ref, paths)
    before = Corpus(tuple(_old_files(ref, top, paths, {os.path.realpath(r) for r in registries})))
    old = {e.id: e for e in before.entries if e.id}
    new = {e.id: e for e in corpus.entries if e.id}
    added = tuple(_summary(e) for key, e in new.items() if key not in old)
    removed = tuple(_summary(e) for key, e in old.items() if key not in new)
    edited = tuple(
        _edited(old[key], e) for key, e in new.items() if key in old and _differs(old[key], e)
    )
    numbers = _registry_changes(ref, top, facts) + _numbers(
        statements(before, lexicon, region), statements(corpus, lexicon, region), set(new)
    )
    return Changes(ref, added, removed, edited, numbers)


def _registry_changes(ref: str, top: Path, facts: Facts) -> tuple[NumberChange, ...]:
    """The registry's facts whose value changed since `ref` (or that were added or
    removed); nothing when there was no readable registry then."""
    if facts.path is None:
        return ()
    try:
        name = _relative(Path(facts.path), top)
        text = _git(top, "show", f"{ref}:{name}")
    except (ChangesError, subprocess.CalledProcessError):
        return ()
    with tempfile.TemporaryDirectory() as folder:
        old_file = Path(folder) / Path(name).name
        old_file.write_text(text, encoding="utf-8")
        try:
            old = {fact.id: _value(fact) for fact in read_facts(old_file).facts}
        except ConfigError:
            return ()
    now = {fact.id: fact for fact in facts.facts}
    found = []
    for fact_id in dict.fromkeys([*now, *old]):
        fact = now.get(fact_id)
        value = _value(fact) if fact else "(removed)"
        if old.get(fact_id, "(new)") != value:
            where = f"{fact.position.path}:{fact.position.line}" if fact else facts.path
            found.append(NumberChange(REGISTRY, fact_id, old.get(fact_id, "(new)"), value, where))
    return tuple(found)


def _value(fact: Fact) -> str:
    return fact_words(fact) + (f" → {fact.outcome}" if fact.outcome else "")


def _differs(old: Entry, new: Entry) -> bool:
    return dict(old.data) != dict(new.data)


def _summary(entry: Entry) -> EntryChange:
    return EntryChange(entry.id or "", entry.question or "", f"{entry.path}:{entry.position.line}")


def _edited(old: Entry, new: Entry) -> EntryChange:
    question = _diff(old.question or "", new.question or "") if old.question != new.question else ()
    answer = _diff(old.answer or "", new.answer or "") if old.answer != new.answer else ()
    keys = dict.fromkeys([*old.data, *new.data])
    fields = tuple(
        k for k in keys if k not in COMPARED and k != "id" and old.data.get(k) != new.data.get(k)
    )
    where = f"{new.path}:{new.position.line}"
    return EntryChange(new.id or "", new.question or "", where, question, answer, fields)


def _diff(old: str, new: str) -> tuple[DiffPart, ...]:
    """The new text with the words removed and added marked, white space kept."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("del", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("ins", "".join(b[j1:j2])))
    return tuple(_elided(part, n, len(parts)) for n, part in enumerate(parts))


def _elided(part: DiffPart, index: int, count: int) -> DiffPart:
    """Long unchanged text cut to the words around the changes, so a one-word edit in a
    long answer reads as one line, not as the whole answer again."""
    text = part.text
    if part.kind != "same" or len(text) <= 2 * CONTEXT + 20:
        return part
    head = text[:CONTEXT].rsplit(" ", 1)[0]  # whole words, the white space before them kept
    tail = text[-CONTEXT:].split(" ", 1)[-1]
    if index == 0:
        return DiffPart("same", f"… {tail}")
    if index == count - 1:
        return DiffPart("same", f"{head} …")
    return DiffPart("same", f"{head} … {tail}")


def _numbers(
    before: Iterable[Statement], after: Iterable[Statement], kept: set[str]
) -> tuple[NumberChange, ...]:
    old, new = _claims(before), _claims(after)
    found = []
    for key, now in new.items():
        then = old.get(key)
        if key[0] not in kept or then is None:
            continue
        if [value for value, _ in then] != [value for value, _ in now]:
            shown_then = ", ".join(words for _, (words, _) in then)
            shown_now = ", ".join(words for _, (words, _) in now)
            subject = ", ".join(part.replace("-", " ") for part in key[1:4] if part)
            found.append(NumberChange(key[0], subject, shown_then, shown_now, now[0][1][1]))
    return tuple(found)


_Key = tuple[str, str, str, str, str]
_Claimed = list[tuple[tuple[object, ...], tuple[str, str]]]


def _claims(found: Iterable[Statement]) -> dict[_Key, _Claimed]:
    """Per entry and policy quantity, each value stated and how (words, where)."""
    claims: dict[_Key, _Claimed] = {}
    for statement in found:
        claim = statement.claim
        if statement.entry_id is None:
            continue
        key = (
            statement.entry_id,
            claim.topic,
            claim.quantity,
            claim.variable or "",
            str(claim.comparator),
        )
        value: tuple[object, ...] = (claim.value, claim.upper, claim.unit, claim.outcome)
        value += (claim.days, claim.opens, claim.closes, claim.zone)
        words = (
            cited(statement, where=False)
            if claim.kind is ClaimKind.THRESHOLD
            else f'"{" ".join(statement.words.split())}"'
        )
        place = f"{statement.entry.path}:{statement.line}"
        claims.setdefault(key, []).append((value, (words, place)))
    return claims


def _top(ref: str, paths: Sequence[Path]) -> Path:
    """The repository's top folder, once `ref` is known to be one of its commits."""
    start = paths[0] if paths else Path()
    folder = (start if start.is_dir() else start.parent).resolve()
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except (OSError, subprocess.CalledProcessError) as err:
        raise ChangesError(f"--since needs a git repository; {folder} is not in one") from err
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except subprocess.CalledProcessError as err:
        raise ChangesError(f"--since: {ref!r} is not a commit of {top}") from err
    return top


def _old_files(
    ref: str, top: Path, paths: Sequence[Path], registries: set[str]
) -> Iterable[SourceFile]:
    """The FAQ files under `paths` as they were at `ref`, loaded (the registry left out)."""
    relative = [_relative(path, top) for path in paths]
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", ref, "--", *relative)
    for name in filter(None, listing.split("\0")):
        file = top / name
        hidden = any(part.startswith(".") for part in Path(name).parts)
        if hidden or not name.lower().endswith(YAML_SUFFIXES):
            continue
        if os.path.realpath(file) in registries:
            continue
        yield load_file(file, _git(top, "show", f"{ref}:{name}"))


def _relative(path: Path, top: Path) -> str:
    try:
        return path.resolve().relative_to(top.resolve()).as_posix() or "."
    except ValueError as err:
        raise ChangesError(f"--since: {path} is outside the git repository {top}") from err


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout

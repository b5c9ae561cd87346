"""`fix`'s safety net: the fixed text must read as the same YAML, but for the fixed strings.

Each fix is checked where it is made (audit/text.py: exact spans, no broken
escapes, no change of type). This re-reads the whole file once more, after
all of its fixes, so that a mistake there, or two fixes that are harmless
alone but not together, never reaches the disk: same keys in the same order,
same types, same numbers, dates and booleans, same aliases, and strings equal
except those a fix was applied to. One compose of each text per changed file.

Two changes are let through on purpose, each only where a fix was applied:
a plain value put in quotes with its characters kept (`No` to `"No"`: the
`implicit-type` fix, which makes a boolean text), and a key renamed to one
the mapping does not already have (`anwser` to `answer`: the `schema` fix).
A fix that makes a key appear twice in a mapping is refused, since YAML
would then drop one of the values.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from audit.model import Fix
from audit.source.compose import Locator, SyntaxProblem, compose

_STR = "tag:yaml.org,2002:str"
_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean (true or false)",
    "tag:yaml.org,2002:null": "null (no value)",
    "tag:yaml.org,2002:timestamp": "a date",
    _STR: "text",
}
KEPT = "left as it is"


class EditLog:
    """Where fixes were applied to one file over several passes, in its original offsets.

    Each pass's fixes have offsets into the text the pass started from; they
    are mapped back through the earlier passes, so that the final check can
    tell which of the original strings a fix was meant for.
    """

    def __init__(self) -> None:
        self._passes: list[tuple[list[int], list[tuple[int, int, int, int]]]] = []
        self.regions: list[tuple[int, int]] = []

    def record(self, fixes: Sequence[Fix]) -> None:
        """One pass's applied fixes, sorted and not overlapping (as `apply` returns them)."""
        self.regions += [(self._back(f.start, True), self._back(f.end, False)) for f in fixes]
        rows, shift = [], 0
        for fix in fixes:
            start = fix.start + shift
            rows.append((fix.start, fix.end, start, start + len(fix.replacement)))
            shift += len(fix.replacement) - (fix.end - fix.start)
        self._passes.append(([row[2] for row in rows], rows))

    def _back(self, offset: int, at_start: bool) -> int:
        for starts, rows in reversed(self._passes):
            i = bisect_right(starts, offset) - 1
            if i < 0:
                continue
            old_start, old_end, new_start, new_end = rows[i]
            if offset >= new_end and not (at_start and offset == new_start):
                offset += old_end - new_end
            elif offset == new_start:
                offset = old_start
            else:  # inside what a fix wrote: all of what it replaced
                offset = old_start if at_start else old_end
        return offset


class _Regions:
    """Answers "does a fix lie within these offsets?" in logarithmic time."""

    def __init__(self, regions: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(regions)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def touch(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, end) - 1
        return i >= 0 and self._reach[i] >= start


def refusal(name: str, before: str, after: str, regions: Sequence[tuple[int, int]]) -> str | None:
    """Why the fixed text must not be written (one line), or None when it reads as it should."""
    try:
        old = compose(before, Locator(name, before))
    except (SyntaxProblem, RecursionError, MemoryError):
        old = None  # fixes come only from files that parse; nothing to compare with
    try:
        new = compose(after, Locator(name, after))
    except SyntaxProblem as stop:
        problem = stop.problem
        detail = problem.message.removeprefix("invalid YAML: ")
        return (
            f"the fixes would make this file invalid YAML (line {problem.position.line}: "
            f"{detail}); {KEPT}"
        )
    except (RecursionError, MemoryError):
        return f"faq-audit could not read the fixed text back to check it; {KEPT}"
    if old is None:
        return None
    return _difference(old, new, _Regions(regions))


def _difference(old_root: Node | None, new_root: Node | None, fixed: _Regions) -> str | None:
    """The first place, in document order, where the new tree reads differently."""
    stack: list[tuple[Node | None, Node | None, tuple[str | int, ...]]] = [(old_root, new_root, ())]
    pairs: dict[int, Node] = {}  # an alias must stay an alias of the same node
    reverse: dict[int, Node] = {}
    while stack:
        old, new, path = stack.pop()
        if old is None or new is None:
            if old is not new:
                return _structure(old_root, path)
            continue
        if id(old) in pairs or id(new) in reverse:
            if pairs.get(id(old)) is not new or reverse.get(id(new)) is not old:
                return _structure(old_root, path)
            continue
        pairs[id(old)], reverse[id(new)] = new, old
        if type(old) is not type(new):
            return _structure(old_root, path)
        if isinstance(old, ScalarNode) and isinstance(new, ScalarNode):
            problem = _scalar_difference(old, new, fixed)
            if problem is not None:
                return _message(old_root, path, problem)
            continue
        if old.tag != new.tag or len(old.value) != len(new.value):
            return _structure(old_root, path)
        if isinstance(new, MappingNode) and _repeats_a_key(old, new):
            return _repeated_key(old_root, path)
        children: list[tuple[Node | None, Node | None, tuple[str | int, ...]]] = []
        if isinstance(old, SequenceNode):
            children = [
                (o, n, (*path, i))
                for i, (o, n) in enumerate(zip(old.value, new.value, strict=True))
            ]
        elif isinstance(old, MappingNode):
            for (old_key, old_value), (new_key, new_value) in zip(
                old.value, new.value, strict=True
            ):
                key = _key(old_key)
                children += [(old_key, new_key, (*path, key)), (old_value, new_value, (*path, key))]
        stack += reversed(children)
    return None


def _scalar_difference(old: ScalarNode, new: ScalarNode, fixed: _Regions) -> str | None:
    if _quoted_as_written(old, new, fixed):
        return None
    if old.tag != new.tag:
        if old.tag == _STR:
            return f"would become {_KINDS.get(new.tag, new.tag)}"
        return f"would change from {_KINDS.get(old.tag, old.tag)} to {_KINDS.get(new.tag, new.tag)}"
    if old.value == new.value:
        return None
    if old.tag != _STR:
        return "would change its value"
    if not fixed.touch(old.start_mark.index, old.end_mark.index):
        return "would change, though no fix was meant for it"
    return None


def _quoted_as_written(old: ScalarNode, new: ScalarNode, fixed: _Regions) -> bool:
    """A plain non-text value that a fix put in quotes, every character kept: now text.

    The old value must be written as it reads (one line, no tag or anchor): a
    tag asked for its type, and a fix that drops it is not quoting."""
    return (
        old.tag != _STR
        and new.tag == _STR
        and not old.style
        and old.end_mark.index - old.start_mark.index == len(old.value)
        and new.style in ("'", '"')
        and old.value == new.value
        and fixed.touch(old.start_mark.index, old.end_mark.index)
    )


def _repeats_a_key(old: Node, new: MappingNode) -> bool:
    """Whether the fixes made two keys of this mapping equal (a renamed key that was there)."""

    def repeats(node: Node) -> int:
        keys = [_key(key) for key, _ in node.value]
        return len(keys) - len(set(keys))

    return repeats(new) > repeats(old)


def _repeated_key(root: Node | None, path: tuple[str | int, ...]) -> str:
    return (
        f"the fixes would write the same key twice (at {_where(root, path)}), and YAML "
        f"would keep only one of the values; {KEPT}"
    )


def _key(node: Node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else "(key)"


def _message(root: Node | None, path: tuple[str | int, ...], problem: str) -> str:
    where = _where(root, path)
    return f"the fixes would change what YAML reads in this file ({where} {problem}); {KEPT}"


def _structure(root: Node | None, path: tuple[str | int, ...]) -> str:
    return f"the fixes would change the structure of this file (at {_where(root, path)}); {KEPT}"


def _where(root: Node | None, path: tuple[str | int, ...]) -> str:
    """Where a value is, as "answer of entry 'returns'", or its path outside the entries."""
    if len(path) >= 3 and path[0] == "entries" and isinstance(path[1], int):
        rest = " > ".join(map(str, path[3:]))
        field = f"{path[2]}{' > ' + rest if rest else ''}"
        entry_id = _entry_id(root, path[1])
        who = f"entry '{entry_id}'" if entry_id else f"entry {path[1] + 1}"
        return f"{field} of {who}"
    return " > ".join(map(str, path)) or "the document"


def _entry_id(root: Node | None, index: int) -> str | None:
    if not isinstance(root, MappingNode):
        return None
    entries = next((v for k, v in reversed(root.value) if _key(k) == "entries"), None)
    if not isinstance(entries, SequenceNode) or index >= len(entries.value):
        return None
    item = entries.value[index]
    if not isinstance(item, MappingNode):
        return None
    found = next((v for k, v in reversed(item.value) if _key(k) == "id"), None)
    return str(found.value) if isinstance(found, ScalarNode) else None

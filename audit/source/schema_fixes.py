"""The fixes a schema message spells out, made only where the replacement is certain.

Three slips have one right answer that the message already names: a plain
`No` meant as text (quote it), an enum value in the wrong case (`Everyone`
where only `everyone` is allowed) and a field name one typing slip from the
only field it can be (`anwser`). Each fix replaces just those characters; the
safety net in `audit.fix.meaning` admits exactly these changes of type and
key, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode

from audit.model import Fix, NodeLocator
from audit.source.scalar_map import BREAKS
from audit.source.scalars import ScalarText
from audit.text.edits import one_slip_apart

_STYLES = {None: "", "": "", "'": "'", '"': '"', "|": "|", ">": ">"}
_PROPERTIES = re.compile(r"(?:&\S+\s+)?!")  # an explicit tag, after an anchor if any


def explicit_tag(node: Node | None, text: str) -> bool:
    """Whether the scalar is written with a tag (`!!float 1e400`): its type is asked for."""
    if not isinstance(node, ScalarNode):
        return False
    written = text[node.start_mark.index : node.end_mark.index]
    return _PROPERTIES.match(written) is not None


def quote(node: Node | None, text: str, locator: NodeLocator) -> Fix | None:
    """`"No"` for a plain `No` on one line, with no anchor or tag: the quoted text reads
    back as exactly the characters that were there, now as text."""
    if not isinstance(node, ScalarNode) or node.style:
        return None
    start, end = node.start_mark.index, node.end_mark.index
    written = text[start:end]
    if written != node.value or not written or BREAKS.search(written):
        return None
    if any(char in written for char in '"\\') or not written.isprintable():
        return None
    return Fix(locator.position(node), start, end, f'"{written}"', "put in quotes")


def replace_value(
    node: Node | None, text: str, locator: NodeLocator, new: str, why: str
) -> Fix | None:
    """The scalar's whole value replaced by `new`, when `ScalarText.fix` finds that safe
    (the characters stand in the file as they read, and `new` reads back as itself)."""
    if not isinstance(node, ScalarNode) or not isinstance(node.value, str) or not node.value:
        return None
    where = locator.position(node)
    scalar = ScalarText(
        node.value,
        _STYLES.get(node.style, ""),
        where.path,
        text,
        node.start_mark.index,
        node.end_mark.index,
        where.line,
        where.column,
    )
    return scalar.fix(0, len(node.value), new, why)


def enum_case(value: Any, allowed: Iterable[Any]) -> str | None:
    """The one allowed value that `value` is in another case, if there is exactly one."""
    if not isinstance(value, str):
        return None
    matches = [v for v in allowed if isinstance(v, str) and v.casefold() == value.casefold()]
    return matches[0] if len(matches) == 1 and matches[0] != value else None


def one_slip(name: str, known: Iterable[str], present: Mapping[str, Any]) -> str | None:
    """The only known field `name` is one edit from (a letter added, dropped, changed or two
    swapped), when that field is not in the mapping already."""
    close = [field for field in known if one_slip_apart(name, field)]
    if len(close) != 1 or close[0] in present:
        return None
    return close[0]


def plain_tag(text: str) -> str:
    """The tag YAML gives `text` written plain, without a tag: whether it would read as text."""
    resolver = yaml.resolver.Resolver()
    tag: str = resolver.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag

"""The fix fuzzer: on any file, `fix` leaves YAML that parses and reads the same but for
the fixed strings.

Files are generated with every scalar style (plain on one line and on several, single-
and double-quoted with escapes such as `\\ `, `\\t`, `\\x41` and `\\u00e9`, literal and
folded blocks with chomping and indentation indicators), anchors and aliases, `!!str`
tags, comments, dates, and values the fixes touch: phone numbers in several layouts,
doubled spaces, repeated words, upper-case email domains, and whole values that YAML
would read as a number, a boolean or null once fixed. The real `fix` runs on them
(`fixer.fix_all`, then `fixer.write` for every change it does not refuse).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import engine
from audit.config import Config
from audit.fix import apply as fixer

WORDS = ["call", "us", "at", "our", "team", "for", "help", "it's", "the", "C:\\", "50%", "é"]
DEFECTS = [
    "(800) 796 - 7546",
    "800.796.7546",
    "1-800-796-7546",
    "+1 800 796 7546",
    "(x) 800.796.7546",
    "[x] 800.796.7547",
    "800 796 7546 ext 12",
    "Care@EXAMPLE.COM",
    "a  b",
    "see ,",
    "why ?",
    "?",
    "C:\\\\ ?",
    "( note )",
    "the the",
    "order order",
    "use code 212 555 0123",
]
# Whole values that are text now and would read as something else after a careless fix.
TYPED = ["800.796.7546", "yes yes", "12 .", "null null", "Off off", "true  true", "1  2"]
STYLES = ["plain", "plain-multi", "single", "double", "literal", "folded"]
HEADERS = ["|", "|-", "|+", "|2", ">", ">-", ">+", ">2-"]
INDENT = "      "


@st.composite
def texts(draw: Any) -> str:
    """An answer: words with defects among them, or a value that is typed once fixed."""
    if draw(st.integers(0, 5)) == 0:
        typed: str = draw(st.sampled_from(TYPED))
        return typed
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(WORDS), st.sampled_from(DEFECTS)), min_size=1, max_size=8
        )
    )
    gaps = draw(
        st.lists(st.sampled_from([" ", " ", "  "]), min_size=len(parts), max_size=len(parts))
    )
    end: str = draw(st.sampled_from([".", "", " today."]))
    return "".join(p + g for p, g in zip(parts, gaps, strict=True)).strip() + end


def _plain(text: str, multi: bool) -> list[str] | None:
    try:
        if yaml.safe_load(f"a: {text}") != {"a": text}:
            return None
    except yaml.YAMLError:
        return None
    words = text.split(" ")
    if not multi or len(words) < 2 or "" in words:
        return [text]
    half = len(words) // 2
    return [" ".join(words[:half]), INDENT + " ".join(words[half:])]


def _single(text: str, multi: bool) -> list[str]:
    quoted = "'" + text.replace("'", "''") + "'"
    if multi and " " in quoted.strip():
        head, _, tail = quoted.partition(" ")
        return [head, INDENT + tail]
    return [quoted]


def _double(text: str, draw: Any) -> list[str]:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    escapes = [
        (" ", "\\ "),
        ("a", "\\x61"),
        ("é", "\\u00e9"),
        (" ", "\\t"),
        ("e", "\\u0065"),
        ("c", "\\x63"),
    ]
    for plain, escaped in draw(st.lists(st.sampled_from(escapes), max_size=3)):
        if plain in body:
            at = draw(st.integers(0, body.count(plain) - 1))
            pieces = body.split(plain)
            body = plain.join(pieces[: at + 1]) + escaped + plain.join(pieces[at + 1 :])
    lines = [f'"{body}"']
    if draw(st.booleans()) and " " in body:
        head, _, tail = body.partition(" ")
        joint = draw(st.sampled_from(["", "\\"]))  # a folded break, or an escaped one
        lines = [f'"{head}{" " if not joint else " " + joint}', INDENT + tail + '"']
    return lines


def _block(text: str, header: str) -> list[str]:
    words = text.split(" ")
    half = max(1, len(words) // 2)
    first, second = " ".join(words[:half]), " ".join(words[half:])
    lines = [header, INDENT + first]
    if second:
        lines.append(INDENT + second)
    return lines


@st.composite
def scalars(draw: Any) -> list[str]:
    """The lines of one scalar (the first goes after "answer: "), in a drawn style."""
    text = draw(texts())
    style = draw(st.sampled_from(STYLES))
    lines: list[str] | None = None
    if style in ("plain", "plain-multi"):
        lines = _plain(text, style == "plain-multi")
    elif style == "double":
        lines = _double(text, draw)
    elif style in ("literal", "folded"):
        headers = [h for h in HEADERS if h[0] == ("|" if style == "literal" else ">")]
        header = draw(st.sampled_from(headers))
        if draw(st.booleans()):
            header += "  # block comment"
        lines = _block(text, header)
    if lines is None:
        lines = _single(text, style == "plain-multi")
    tag = draw(st.sampled_from(["", "", "", "!!str "]))
    return [tag + lines[0], *lines[1:]]


@st.composite
def documents(draw: Any) -> str:
    lines = ["# generated", "category: Fuzzed  # a comment   with  spaces", "entries:"]
    anchors: list[str] = []
    for n in range(draw(st.integers(min_value=1, max_value=4))):
        if draw(st.booleans()):
            lines.append("  # faq-audit-free note:  two  spaces, (800) 796 - 7546")
        lines += [f"  - id: entry-{n}", f"    question: Question {n} ,  or not?"]
        if draw(st.booleans()):
            lines.append("    reviewed: 2026-11-01")
        if anchors and draw(st.integers(0, 4)) == 0:
            lines.append(f"    answer: *{draw(st.sampled_from(anchors))}")
            continue
        value = draw(scalars())
        anchor = ""
        if draw(st.integers(0, 2)) == 0:
            anchor = f"&a{n} "
            anchors.append(f"a{n}")
        tail = draw(st.sampled_from(["", "  # trailing  comment"])) if len(value) == 1 else ""
        if value[0][:1] in "|>" or value[0].startswith("!!str |") or value[0].startswith("!!str >"):
            tail = ""  # a block header takes its own comment
        lines.append(f"    answer: {anchor}{value[0]}{tail}")
        lines += [f"  {line}" if line.startswith(INDENT) else line for line in value[1:]]
    return "\n".join(lines) + "\n"


def _differences(old: Any, new: Any, path: tuple[Any, ...] = ()) -> list[str]:
    """Where `new` reads differently from `old`, other than an entry's question or answer text."""
    if type(old) is not type(new):
        return [f"{path}: {type(old).__name__} became {type(new).__name__} ({new!r})"]
    if isinstance(old, dict):
        if list(old) != list(new):
            return [f"{path}: keys {list(old)} became {list(new)}"]
        return [d for key in old for d in _differences(old[key], new[key], (*path, key))]
    if isinstance(old, list):
        if len(old) != len(new):
            return [f"{path}: {len(old)} items became {len(new)}"]
        return [
            d
            for i, (o, n) in enumerate(zip(old, new, strict=True))
            for d in _differences(o, n, (*path, i))
        ]
    fixable = len(path) == 3 and path[0] == "entries" and path[2] in ("question", "answer")
    if old != new and not (fixable and isinstance(old, str)):
        return [f"{path}: {old!r} became {new!r}"]
    return []


def _words(value: Any) -> list[str]:
    """The words of a text, in order, a word repeated at once counted once (digits, spacing,
    punctuation and case are what fixes change; words they only ever drop when doubled)."""
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", str(value).casefold())
    return [word for i, word in enumerate(words) if i == 0 or words[i - 1] != word]


def _texts(data: Any) -> list[Any]:
    return [item.get(key) for item in data["entries"] for key in ("question", "answer")]


def _shared(data: Any) -> set[tuple[int, int]]:
    """Pairs of entries whose answers are one node (an alias and its anchor)."""
    answers = [item.get("answer") for item in data["entries"]]
    return {
        (i, j)
        for i, a in enumerate(answers)
        for j, b in enumerate(answers)
        if i < j and isinstance(a, str) and a is b
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=documents(), style=st.sampled_from(["national", "dashes", "e164", "international"]))
def test_fix_leaves_yaml_that_parses_and_reads_the_same_but_for_the_fixed_strings(
    tmp_path_factory: Any, document: str, style: str
) -> None:
    old = yaml.safe_load(document)  # the generator writes valid YAML
    folder: Path = tmp_path_factory.mktemp("fuzz")
    path = folder / "generated.yaml"
    path.write_text(document, encoding="utf-8")
    options = engine.Options(config=Config(phone_style=style))
    changes = fixer.fix_all([folder], options)
    for change in changes:
        assert change.refused is None, (change.refused, document, change.after)
        fixer.write(change)

    fixed = path.read_text(encoding="utf-8")
    new = yaml.safe_load(fixed)  # still parses
    assert not _differences(old, new), (_differences(old, new), document, fixed)
    assert _shared(old) <= _shared(new), (document, fixed)  # an alias is still an alias
    for before, after in zip(_texts(old), _texts(new), strict=True):
        assert _words(before) == _words(after), (before, after)  # no text is lost
    if not changes:
        assert fixed == document
    again = fixer.fix_all([folder], options)
    assert not again, [change.after for change in again]  # one run leaves nothing to fix

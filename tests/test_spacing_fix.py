"""`faq-audit fix` for `spacing`, on generated text in every scalar style.

Whatever the text and however YAML writes it, fixing spacing may only take spaces
away: every other character stays, the file still loads as the same kind of YAML,
and a few runs reach a text with nothing left to fix.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import engine as pipeline
from audit.fix import apply as fixer
from audit.source.loader import load_file

PIECES = st.sampled_from(
    [
        "word",
        "Bike",
        "e-bike",
        "retail-",
        "796",
        "7546",
        "12345",
        "2019",
        "3",
        "(",
        ")",
        ".",
        ",",
        ";",
        ":",
        "?",
        "!",
        "-",
        "\u2013",
        ":)",
        "...",
        ".pdf",
        "(800)",
        "https://shop.example/a",
        '"',
        "'",
        "#",
    ]
)
SPACES = st.sampled_from([" ", " ", " ", "  ", "   ", "\n", "\n\n"])
STYLES = st.sampled_from([None, "'", '"', "|", ">"])


@st.composite
def answers(draw: Any) -> str:
    pieces = draw(st.lists(st.tuples(PIECES, SPACES), min_size=1, max_size=14))
    text = "".join(piece + space for piece, space in pieces).strip()
    return "Yes " + text


class _Dumper(yaml.SafeDumper):
    answer_style: str | None = None


def _represent(dumper: _Dumper, data: str) -> yaml.ScalarNode:
    style = dumper.answer_style if data.startswith("Yes ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent)


def write_faq(path: Path, answer: str, style: str | None) -> None:
    _Dumper.answer_style = style
    document = {
        "category": "Bikes",
        "entries": [{"id": "a", "question": "Open on Sunday?", "answer": answer}],
    }
    path.write_text(
        yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=40),
        encoding="utf-8",
    )


def fix_once(path: Path) -> bool:
    """Apply the spacing fixes once; whether anything changed."""
    result = pipeline.audit([path], pipeline.Options(select=frozenset({"spacing"})))
    changes = fixer.plan(result)
    for change in changes:
        fixer.write(change)
    return bool(changes)


def answer_of(path: Path) -> str:
    source = load_file(path)
    assert source.problems == ()
    (entry,) = source.entries
    assert entry.answer is not None
    return entry.answer


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers(), style=STYLES)
def test_fixing_spacing_only_ever_removes_spaces_and_settles(
    answer: str, style: str | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "faq.yaml"
        write_faq(path, answer, style)
        original = answer_of(path)
        for _ in range(4):
            if not fix_once(path):
                break
        else:
            raise AssertionError("spacing fixes did not settle after 4 runs")
        fixed = answer_of(path)
        assert re.sub(r"\s", "", fixed) == re.sub(r"\s", "", original)
        assert len(fixed) <= len(original)
        assert fixed.count("\n") == original.count("\n")

"""`spacing`: keyboard slips in spacing, reported on real pages and fixed byte for byte.

The last test fixes generated text in every scalar style: whatever the text and
however YAML writes it, fixing spacing may only take spaces away: every other
character stays, the file still loads as the same kind of YAML, and a few runs
reach a text with nothing left to fix.
"""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import engine
from audit.fix import apply as fixer
from audit.source.loader import load_file
from tests.conftest import CliRun
from tests.rules.helpers import CONTENT, Expected, assert_findings, audit


def test_the_seed_phone_number_with_spaced_hyphen_is_left_to_the_phone_rules(
    seed_file: Path,
) -> None:
    lines = [f.position.line for f in audit(seed_file, ["spacing"])]
    phone_line = next(
        number
        for number, line in enumerate(seed_file.read_text(encoding="utf-8").splitlines(), 1)
        if "(800) 796 - 7546" in line
    )
    assert phone_line not in lines
    assert lines == [65, 71]


BIKESHOP_SPACING: list[Expected] = [
    ("spacing", "tune-up", 5, "a space before '?'"),
    ("spacing", "tune-up", 9, "2 spaces in a row"),
    ("spacing", "tune-up", 9, "a space before ','"),
    ("spacing", "tune-up", 11, "'(closed', not '( closed'"),
    ("spacing", "tune-up", 11, "a space before ')'"),
    ("spacing", "order-number", 18, "'10234 - 5567'; write '10234-5567'"),
    ("spacing", "order-number", 22, "'mud- guards'; write 'mud-guards'"),
    ("spacing", "quoted-styles", 32, "2 spaces in a row"),
    ("spacing", "quoted-styles", 32, "'(helmet', not '( helmet'"),
    ("spacing", "single-quoted", 35, "a space before ','"),
    ("spacing", "folded-across-lines", 38, "a space before ','"),
]


def test_spacing_on_a_bike_shop_page() -> None:
    # Silent: "3 - 5 days" and "2019 - 2020" (ranges); "Monday - Friday, 9:00 am - 6:00 pm"
    # (written with EN dashes); "(206) 632 - 3110" (a phone number); "pre- and post-ride"
    # (a suspended hyphen); "e-bikes", ".pdf", ".jpg", ".5%", "Wait for it ...", ":)"; two
    # spaces after a full stop; the indented list lines.
    assert_findings(audit(CONTENT / "bikeshop.yaml", ["spacing"]), BIKESHOP_SPACING)


def test_spacing_offers_no_fix_where_yaml_folded_the_space_out_of_a_line_break() -> None:
    found = audit(CONTENT / "bikeshop.yaml", ["spacing"])
    unfixable = [f.entry for f in found if f.fix is None]
    assert unfixable == ["folded-across-lines"]


def test_spacing_kinds_are_an_option() -> None:
    found = audit(CONTENT / "bikeshop.yaml", ["spacing"], {"spacing": {"checks": ["double-space"]}})
    assert [(f.entry, f.position.line) for f in found] == [("tune-up", 9), ("quoted-styles", 32)]


def test_fix_changes_only_the_reported_spacing_spans_byte_for_byte(
    cli: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "faq" / "bikeshop.yaml"
    path.parent.mkdir()
    shutil.copy(CONTENT / "bikeshop.yaml", path)
    before = path.read_bytes()
    reported = [f.fix for f in audit(path, ["spacing"]) if f.fix is not None]

    code, _, err = cli("fix", "faq", "--select", "spacing")

    assert code == 0
    assert "fixed 10 problems in 1 file" in err
    after = path.read_bytes()
    expected = before
    for old, new in [
        (b"take ?", b"take?"),
        (b"Drop-offs  are", b"Drop-offs are"),
        (b"brakes , gears", b"brakes, gears"),
        (b"( closed on holidays )", b"(closed on holidays)"),
        (b"10234 - 5567", b"10234-5567"),
        (b"mud- guards", b"mud-guards"),
        (b"$30  a day ( helmet", b"$30 a day (helmet"),
        (b"'Yes , and", b"'Yes, and"),
    ]:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert after == expected
    # every changed character lies inside a reported fix span
    text = before.decode("utf-8")
    matcher = difflib.SequenceMatcher(None, text, after.decode("utf-8"), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert any(fix.start <= i1 and i2 <= fix.end for fix in reported), (tag, i1, i2)


def test_a_second_spacing_fix_changes_nothing(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "faq" / "bikeshop.yaml"
    path.parent.mkdir()
    shutil.copy(CONTENT / "bikeshop.yaml", path)
    cli("fix", "faq", "--select", "spacing")
    once = path.read_bytes()

    code, _, err = cli("fix", "faq", "--select", "spacing")

    assert code == 0
    assert "nothing to fix" in err
    assert path.read_bytes() == once
    assert cli("fix", "faq", "--check", "--select", "spacing")[0] == 0
    # only the slip YAML folded out of a line break is still reported, for a person
    assert [f.entry for f in audit(path, ["spacing"])] == ["folded-across-lines"]


def test_fixing_spacing_keeps_windows_line_endings(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "faq" / "a.yaml"
    path.parent.mkdir()
    path.write_bytes(
        b"category: A\r\nentries:\r\n  - id: a\r\n    question: Open on Sunday ?\r\n"
        b"    answer: |-\r\n      Yes  ( noon to 4 pm ).\r\n"
    )
    cli("fix", "faq", "--select", "spacing")
    assert path.read_bytes() == (
        b"category: A\r\nentries:\r\n  - id: a\r\n    question: Open on Sunday?\r\n"
        b"    answer: |-\r\n      Yes (noon to 4 pm).\r\n"
    )


def test_fixing_spacing_on_the_seed_touches_its_two_slips_and_not_the_phone_number(
    cli: CliRun, seed_file: Path
) -> None:
    folder = seed_file.parent / "faq"
    folder.mkdir()
    path = seed_file.rename(folder / "seed.yaml")
    before = path.read_bytes()

    cli("fix", "faq", "--select", "spacing")

    assert path.read_bytes() == before.replace(b"retail- size", b"retail-size").replace(
        b"EST ( except", b"EST (except"
    )
    assert b"(800) 796 - 7546" in path.read_bytes()  # phone-format's to fix, not spacing's
    once = path.read_bytes()
    cli("fix", "faq", "--select", "spacing")
    assert path.read_bytes() == once


# --------------------------------------------------------------------------- fixing generated text

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
    result = engine.audit([path], engine.Options(select=frozenset({"spacing"})))
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

"""`fix` never makes a file worse: fixes land in their own file, keep every value's type,
keep escapes whole, and take nothing but the number they rewrite.

Each test writes real files, runs the real `fix` (the CLI in-process, or `fixer.fix_all`)
and reads the result back with PyYAML, the way every consumer of the FAQ reads it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from audit import engine
from audit.config import Config
from audit.extract.phones import find_phones
from audit.fix import apply as fixer
from audit.fix.meaning import refusal
from audit.model import Fix
from audit.source import loader
from audit.source.scalars import ScalarText
from tests.conftest import CliRun

HEADER = "category: Meaning\nentries:\n"


def entry(entry_id: str, answer: str) -> str:
    """One entry whose answer is written exactly as given (quotes and all)."""
    return f"  - id: {entry_id}\n    question: What about {entry_id}?\n    answer: {answer}\n"


def answers(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {item["id"]: item["answer"] for item in data["entries"]}


# --------------------------------------------------------------------------- 1. the right file


def _undecodable_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two files whose names are different bytes that are not UTF-8, each needing a fix."""
    folder = tmp_path / "faq"
    folder.mkdir()
    first = Path(os.fsdecode(os.fsencode(folder) + b"/\xff.yaml"))
    second = Path(os.fsdecode(os.fsencode(folder) + b"/\xfe.yaml"))
    first.write_text(HEADER + entry("first", "Call (800) 796 - 7546 today."), encoding="utf-8")
    second.write_text(
        HEADER + entry("second", "A much longer answer first, then call  us at (800) 796 - 7546."),
        encoding="utf-8",
    )
    return first, second


def _fixed_alone(path: Path, scratch: Path) -> str:
    """What `fix` makes of this file's content when it is the only file, under a plain name."""
    scratch.mkdir()
    alone = scratch / "alone.yaml"
    shutil.copyfile(path, alone)
    for change in fixer.fix_all([scratch], engine.Options()):
        assert change.refused is None
        fixer.write(change)
    return alone.read_text(encoding="utf-8")


def test_files_whose_names_are_not_utf8_each_get_their_own_fixes(
    cli: CliRun, tmp_path: Path
) -> None:
    first, second = _undecodable_pair(tmp_path)
    expected = {
        first: _fixed_alone(first, tmp_path / "one"),
        second: _fixed_alone(second, tmp_path / "two"),
    }
    originals = {path: path.read_text(encoding="utf-8") for path in expected}
    code, _, _ = cli("fix", "faq")
    assert code == 0
    for path, wanted in expected.items():
        got = path.read_text(encoding="utf-8")
        assert got != originals[path]
        assert got == wanted


def test_display_names_of_different_undecodable_files_differ_and_are_valid_json(
    cli: CliRun, tmp_path: Path
) -> None:
    first, second = _undecodable_pair(tmp_path)
    assert loader.display_path(first) != loader.display_path(second)
    _, out, _ = cli("validate", "faq", "--format", "json")
    shown = {finding["path"] for finding in json.loads(out)["findings"]}
    assert len(shown) == 2
    for name in shown:
        name.encode("utf-8")  # a lone surrogate would not encode
        assert "\ufffd" not in name


def test_fixes_follow_the_file_even_when_two_files_show_the_same_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "faq"
    folder.mkdir()
    contents = {
        folder / "a.yaml": HEADER + entry("a", "Call (800) 796 - 7546 today."),
        folder / "b.yaml": HEADER + entry("b", "First call  us, then call (800) 796 - 7546."),
    }
    for path, text in contents.items():
        path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(loader, "display_path", lambda path: "same.yaml")
    for change in fixer.fix_all([folder], engine.Options()):
        if change.refused is None:
            fixer.write(change)
    for path, text in contents.items():
        fixed = path.read_text(encoding="utf-8")
        assert fixed == text or fixed == _fixed_alone(path, tmp_path / path.stem)


# --------------------------------------------------------------------------- 2. types


@pytest.mark.parametrize(
    ("answer", "options"),
    [
        ("800.796.7546", ("--phone-style", "e164")),
        ("yes yes", ()),
        ("12 .", ()),
        ("null null", ()),
        ("Off off", ()),
    ],
)
def test_a_fix_never_turns_a_plain_answer_into_another_type(
    cli: CliRun, write: Callable[[str, str], Path], answer: str, options: tuple[str, ...]
) -> None:
    path = write("faq/t.yaml", HEADER + entry("typed", answer))
    assert answers(path)["typed"] == answer
    cli("fix", *options, "faq")
    fixed = answers(path)["typed"]
    assert isinstance(fixed, str), f"{answer!r} became {fixed!r}"


def test_a_phone_answer_in_e164_is_quoted_so_it_stays_text(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    path = write("faq/t.yaml", HEADER + entry("typed", "800.796.7546"))
    code, _, _ = cli("fix", "--phone-style", "e164", "faq")
    assert code == 0
    assert answers(path)["typed"] == "+18007967546"
    _, out, _ = cli("validate", "--phone-style", "e164", "faq", "--format", "json")
    assert not json.loads(out)["findings"]


def _reckless_fix(
    self: ScalarText, index: int, length: int, replacement: str, description: str
) -> Fix:
    """A rule's fix without any of ScalarText's guards (single-line plain scalars only)."""
    start = self.start + index
    return Fix(self.position_of(index, length), start, start + length, replacement, description)


def test_fix_refuses_a_file_whose_values_would_change_type_and_leaves_it_as_it_is(
    cli: CliRun, write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = HEADER + entry("typed", "800.796.7546") + entry("fine", "Call  us.")
    path = write("faq/t.yaml", text)
    monkeypatch.setattr(ScalarText, "fix", _reckless_fix)
    # without `implicit-type`, whose fix would put the new number in quotes on the next pass
    ignore = frozenset({"implicit-type"})
    options = engine.Options(ignore=ignore, config=Config(phone_style="e164"))
    [change] = fixer.fix_all([path.parent], options)
    assert change.refused is not None
    assert "answer of entry 'typed'" in change.refused
    assert "number" in change.refused
    assert "\n" not in change.refused
    code, _, err = cli("fix", "--phone-style", "e164", "--ignore", "implicit-type", "faq")
    assert path.read_text(encoding="utf-8") == text
    assert code == 1
    assert "answer of entry 'typed'" in err


def test_fix_refuses_a_file_that_would_no_longer_parse(
    write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = HEADER + entry("broken", "Call  us today.")
    path = write("faq/t.yaml", text)

    def colon_fix(
        self: ScalarText, index: int, length: int, replacement: str, description: str
    ) -> Fix:
        start = self.start + index  # ": " in a plain scalar starts a mapping YAML cannot read
        return Fix(self.position_of(index, length), start, start + length, ": ", description)

    monkeypatch.setattr(ScalarText, "fix", colon_fix)
    changes = fixer.fix_all([path.parent], engine.Options())
    assert [change.refused is not None for change in changes] == [True]
    assert "YAML" in (changes[0].refused or "")


def test_fix_refuses_a_file_where_a_string_no_fix_was_for_would_change(
    write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = HEADER + entry("one", "Call  us. # a note") + entry("two", "Write to us.")
    path = write("faq/t.yaml", text)

    def stray_fix(
        self: ScalarText, index: int, length: int, replacement: str, description: str
    ) -> Fix | None:
        # deletes the comment's '#', outside the value: the note would join the answer
        hash_at = self.source.find("#", self.end)
        if hash_at < 0:
            return None
        return Fix(self.position_of(index, length), hash_at, hash_at + 1, "", description)

    monkeypatch.setattr(ScalarText, "fix", stray_fix)
    changes = fixer.fix_all([path.parent], engine.Options())
    assert [change.refused is not None for change in changes] == [True]
    assert "answer of entry 'one'" in (changes[0].refused or "")


def _net(before: str, after: str, fixed: str | None) -> str | None:
    """The safety net's verdict on `after`, with a fix applied to the first `fixed` in
    `before` (None: no fix was meant for any of it)."""
    regions = []
    if fixed is not None:
        regions = [(before.index(fixed), before.index(fixed) + len(fixed))]
    return refusal("t.yaml", before, after, regions)


PLAIN_NO = HEADER + entry("typed", "No")


def test_the_net_lets_a_fix_put_a_plain_boolean_in_quotes_keeping_its_characters() -> None:
    assert _net(PLAIN_NO, HEADER + entry("typed", '"No"'), "No") is None
    assert _net(PLAIN_NO, HEADER + entry("typed", "'No'"), "No") is None


@pytest.mark.parametrize(
    ("answer", "after", "fixed"),
    [
        ("No", '"no"', "No"),  # quoted, but its characters changed
        ("No", '"No"', None),  # quoted where no fix was meant
        ("No", "Off", "No"),  # another boolean
        ("1.10", "1.1", "1.10"),  # another number
        ("1.10", '"1.1"', "1.10"),  # quoted, one character dropped
        ("'5'", "5", "'5'"),  # text that becomes a number
        ('"No"', "No", '"No"'),  # quotes taken away
        ("!!float 1e400", '"1e400"', "!!float 1e400"),  # a tag asked for the number
    ],
)
def test_the_net_still_refuses_every_other_change_of_type(
    answer: str, after: str, fixed: str | None
) -> None:
    before = HEADER + entry("typed", answer)
    reason = _net(before, HEADER + entry("typed", after), fixed)
    assert reason is not None
    assert "answer of entry 'typed'" in reason


def test_the_net_lets_a_fix_rename_a_key_the_mapping_does_not_have() -> None:
    before = HEADER + "  - id: a\n    question: Q?\n    anwser: A.\n"
    after = before.replace("anwser", "answer")
    assert _net(before, after, "anwser") is None


def test_the_net_refuses_a_key_renamed_to_one_the_mapping_already_has() -> None:
    before = HEADER + "  - id: a\n    question: Q?\n    answer: A.\n    anwser: B.\n"
    after = before.replace("anwser", "answer")
    reason = _net(before, after, "anwser")
    assert reason is not None
    assert "same key twice (at entries > 0)" in reason
    assert "\n" not in reason


def test_fix_quotes_renames_and_lowers_in_one_run_and_yaml_reads_the_intent(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    text = HEADER + "  - id: a\n    question: Open?\n    anwser: No\n    audience: Everyone\n"
    path = write("faq/t.yaml", text)
    code, _, _ = cli("fix", "faq")
    assert code == 0
    fixed = yaml.safe_load(path.read_text(encoding="utf-8"))["entries"][0]
    assert fixed == {"id": "a", "question": "Open?", "answer": "No", "audience": "everyone"}
    assert path.read_text(encoding="utf-8") == text.replace("anwser: No", 'answer: "No"').replace(
        "Everyone", "everyone"
    )


# --------------------------------------------------------------------------- 3. escapes


def test_a_fix_never_splits_a_double_quoted_escape(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    path = write(
        "faq/e.yaml",
        HEADER
        + entry("space", '"Is it free\\ ? Yes, call us."')
        + entry("backslash", '"Is it C:\\\\\\ ? Yes."')
        + entry("tab", '"Is it free\\t? Yes."')
        + entry("hex", '"Is it free \\x41 ? Yes."'),
    )
    before = answers(path)
    cli("fix", "faq")
    after = answers(path)  # parses: no broken escape was written
    for key, value in before.items():
        assert after[key] in (value, value.replace(" ?", "?")), (key, after[key])


def _answer_text(path: Path, entry_id: str) -> ScalarText:
    [text] = [e.texts["answer"] for e in loader.load_file(path).entries if e.id == entry_id]
    return text


def test_a_character_produced_by_an_escape_maps_to_the_whole_escape(
    write: Callable[[str, str], Path],
) -> None:
    path = write("faq/e.yaml", HEADER + entry("hex", '"A \\x41\\u00e9 B\\ C"'))
    text = _answer_text(path, "hex")
    assert text.value == "A A\u00e9 B C"
    line = path.read_text(encoding="utf-8").splitlines()[4]
    escape = line.index("\\x41")
    where = text.position_of(2, 1)
    assert (where.column, where.end_column) == (escape + 1, escape + 5)
    where = text.position_of(3, 1)
    assert (where.column, where.end_column) == (escape + 5, escape + 11)
    assert text.source_span(2, 1) is None  # an escape is not the character it stands for
    assert text.source_span(5, 2) is None  # a span ending inside `\ ` is refused
    assert text.source_span(6, 2) is None
    span = text.source_span(4, 2)
    assert span is not None and text.source[span[0] : span[1]] == " B"


# --------------------------------------------------------------------------- 4. phone spans


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call (x) 800.796.7546 today.", "800.796.7546"),
        ("tick [x] 800.796.7547 now.", "800.796.7547"),
        ("Call (x)800.796.7546 today.", "800.796.7546"),
        ("Call 1 (x) 800 796 7546 today.", "800 796 7546"),
        ("Call [ 800.796.7546 ] today.", "800.796.7546"),
    ],
)
def test_a_phone_match_is_the_number_and_nothing_else(text: str, number: str) -> None:
    found = find_phones(text, "US")
    assert [phone.raw for phone in found] == [number]
    phone = found[0]
    assert text[phone.start : phone.end] == phone.raw


def test_a_phone_fix_keeps_the_bracketed_text_before_it(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    path = write(
        "faq/p.yaml",
        HEADER
        + entry("paren", "Call (x) 800.796.7546 today.")
        + entry("square", "tick [x] 800.796.7547 now."),
    )
    cli("fix", "faq")
    fixed = answers(path)
    assert fixed["paren"].startswith("Call (x) ")
    assert fixed["square"].startswith("tick [x] ")
    assert "800" in fixed["paren"] and "800" in fixed["square"]


@pytest.mark.parametrize(
    "text",
    [
        "Use code 212 555 0123 at checkout.",
        "Enter promo code 212 555 0123 at checkout.",
        "Your coupon: 212 555 0123.",
        "Voucher 212-555-0123 is valid until June.",
        "Promo 212 555 0123 applies to all orders.",
    ],
)
def test_a_promo_code_is_not_a_phone_number(text: str) -> None:
    assert find_phones(text, "US") == ()

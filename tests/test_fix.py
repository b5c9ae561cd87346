"""`faq-audit fix`: only the reported spans change, a second run changes nothing,
and a run killed mid-write leaves every file whole (old or new)."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, CliRun

WORDS = st.sampled_from(["call", "us", "at", "our", "team", "today", "for", "help", "orders"])
DEFECTS = st.sampled_from(
    ["(800) 796 - 7546", "(800) 796-7546", "care@EXAMPLE.COM", "care@example.com", "a  b"]
)
STYLES = st.sampled_from(["plain", "single", "double", "literal", "folded", "plain-multi"])


@st.composite
def answers(draw: Any) -> tuple[str, str]:
    """An answer's words with defects among them, and the scalar style to write it in."""
    parts = draw(st.lists(st.one_of(WORDS, DEFECTS), min_size=2, max_size=12))
    separators = draw(
        st.lists(st.sampled_from([" ", "  "]), min_size=len(parts), max_size=len(parts))
    )
    text = "".join(p + s for p, s in zip(parts, separators, strict=True)).strip() + " today."
    return text, draw(STYLES)


def _render(text: str, style: str, comment: bool) -> list[str]:
    tail = "  # kept as it is" if comment and style in ("plain", "single", "double") else ""
    if style == "plain":
        return [f"    answer: {text}{tail}"]
    if style == "single":
        return [f"    answer: '{text}'{tail}"]
    if style == "double":
        return [f'    answer: "{text}"{tail}']
    words = text.split(" ")
    half = max(1, len(words) // 2)
    first, second = " ".join(words[:half]), " ".join(words[half:])
    if style == "plain-multi":
        return [f"    answer: {first}", f"      {second}"] if second else [f"    answer: {first}"]
    header = "|-" if style == "literal" else ">-"
    lines = [f"    answer: {header}", f"      {first}"]
    return lines + ([f"      {second}"] if second else [])


@st.composite
def documents(draw: Any) -> str:
    lines = ["# yaml-language-server: $schema=../schemas/faq.schema.json", "category: Generated"]
    lines.append("entries:")
    for n in range(draw(st.integers(min_value=1, max_value=4))):
        text, style = draw(answers())
        comment = draw(st.booleans())
        if comment:
            lines.append("  # an editor's note   with  odd spacing, untouched")
        lines += [f"  - id: entry-{n}", f"    question: Question {n}?"]
        lines += _render(text, style, comment)
    return "\n".join(lines) + "\n"


def _findings(cli: CliRun, path: str) -> list[dict[str, Any]]:
    _, out, _ = cli("validate", path, "--format", "json")
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return findings


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one: fixes of one defect by two rules overlap."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(item) + 1 for item in lines[: line - 1]) + column - 1


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=documents())
def test_fix_changes_only_reported_spans_and_a_second_run_changes_nothing(
    cli: CliRun, tmp_path: Path, document: str
) -> None:
    yaml.safe_load(document)  # the generator writes valid YAML
    path = tmp_path / "faq" / "generated.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(document, encoding="utf-8")
    spans = _merged(
        (
            _offset(document, f["fix"]["line"], f["fix"]["column"]),
            _offset(document, f["fix"]["end_line"], f["fix"]["end_column"]),
        )
        for f in _findings(cli, "faq")
        if f["fix"] is not None
    )
    code, _, _ = cli("fix", "faq")
    assert code == 0
    fixed = path.read_text(encoding="utf-8")
    # Everything outside the reported spans stands in the fixed file, in order and unchanged.
    outside, cursor = [], 0
    for start, end in spans:
        outside.append(document[cursor:start])
        cursor = end
    outside.append(document[cursor:])
    pattern = "(.*?)".join(re.escape(part) for part in outside)
    assert re.fullmatch(pattern, fixed, flags=re.DOTALL), (spans, document, fixed)
    assert bool(spans) == (fixed != document)
    assert yaml.safe_load(fixed)["category"] == "Generated"
    code, _, _ = cli("fix", "faq")
    assert path.read_text(encoding="utf-8") == fixed
    code, _, _ = cli("fix", "--check", "faq")
    assert code == 0


def _corpus(folder: Path, files: int) -> None:
    folder.mkdir(parents=True)
    filler = "".join(
        f"  - id: filler-{n}\n    question: Question {n}?\n    answer: Nothing to fix here.\n"
        for n in range(20)
    )
    for n in range(files):
        (folder / f"f{n:03}.yaml").write_text(
            "category: Kill test\nentries:\n"
            f"  - id: call-{n}\n    question: How do I call?\n"
            "    answer: Call (800) 796 - 7546 today.\n" + filler,
            encoding="utf-8",
        )


def test_a_fix_killed_mid_run_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    original = tmp_path / "original"
    _corpus(original, files=120)
    done = tmp_path / "done"
    shutil.copytree(original, done)
    command = [sys.executable, "-m", "audit", "fix"]
    subprocess.run([*command, str(done)], check=True, capture_output=True, cwd=ROOT)
    old = {p.name: p.read_bytes() for p in original.iterdir()}
    new = {p.name: p.read_bytes() for p in done.iterdir()}
    assert all(old[name] != new[name] for name in old)

    partial_seen = False
    for attempt in range(8):
        work = tmp_path / f"run{attempt}"
        shutil.copytree(original, work)
        child = subprocess.Popen(
            [*command, str(work)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        started = time.monotonic()
        while (
            not any(
                (work / name).read_bytes() == new[name] for name in list(old)[:1] + list(old)[-1:]
            )
            and time.monotonic() - started < 20
        ):
            if any(p.name.endswith(".tmp") for p in work.iterdir()):
                break  # mid-write: a temporary file is there
            time.sleep(0.001)
        time.sleep(0.01 * attempt)
        child.send_signal(signal.SIGKILL)
        child.wait()
        states = []
        for name in old:
            content = (work / name).read_bytes()
            assert content in (old[name], new[name]), f"{name} is neither old nor new"
            states.append(content == new[name])
        partial_seen = partial_seen or (any(states) and not all(states))
        leftovers = [p.name for p in work.iterdir() if not p.name.endswith(".yaml")]
        assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers)
    assert partial_seen, "no run was killed mid-way; the test proved nothing"

"""`faq-audit import` stays bounded on hostile and large pages, and never leaves half an output.

Every page here is generated into pytest's tmp_path (none is committed). Each case runs the
real command line in a fresh process, `python -m audit import PAGE --out out/new`, under an
address-space limit (RLIMIT_AS) of 1 GiB, and is held to two bounds of its own:

- the wall time, interpreter start included (about 0.2 s here);
- the growth of the child's peak resident set (its own ``ru_maxrss``, from ``os.wait4``) over
  that of importing a three-question page, in MiB.

The bounds were set at about twice what the importer needs on this machine (a shared,
noisy 2-core VM). An HTML page is parsed into a tree (Lexbor, through selectolax), which takes
about 250 bytes per element: a page of 200,000 elements grows the peak by about 55 MiB, so the
bounds of the pages with that many elements are higher than the hand-written reader's were.
Before the importer was made linear, half of these pages were still being
read after a minute (20,000 unclosed ``<a `` tags, 60 KB, took 29 s; 20,000 questions
sharing one id took 35 s), and the reader's element tree took up to 100 times the page.

The scaling tests at the end time the library on an input and on one twice its size
(tests/scaling.py): a quadratic step multiplies the time by about 4, a linear one by 2.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit.importer import PageError, read_page, to_yaml, unique_ids
from audit.importer.entries import ImportedEntry
from tests.scaling import assert_scales_linearly

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"

MEMORY_LIMIT = 1 << 30  # RLIMIT_AS of the child: 1 GiB
HANG_TIMEOUT = 30.0  # a run this long is a hang, not a slow case
MiB = 1024 * 1024
MB = 1_000_000


# --- running the command line ---------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mib: float  # the child's peak resident set
    address_space_mib: float  # the child's peak virtual memory, what RLIMIT_AS limits

    def message(self, notes: int = 0) -> str:
        """The first line the run wrote to standard error, checked to be followed by exactly
        ``notes`` more (what the import did not keep, one line each)."""
        assert "Traceback" not in self.stderr, f"a traceback:\n{self.stderr[-3000:]}"
        lines = self.stderr.splitlines()
        assert len(lines) == 1 + notes, f"expected {1 + notes} lines, got:\n{self.stderr[-3000:]}"
        return lines[0]


PEAK_PROBE = """
import atexit, os, runpy, sys

def report_peak():
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    with open(os.environ["IMPORT_TEST_PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(fields["VmHWM"].split()[0] + " " + fields["VmPeak"].split()[0])

atexit.register(report_peak)
sys.argv[0] = "faq-audit"
runpy.run_module("audit", run_name="__main__", alter_sys=True)
"""
"""`python -m audit`, reporting the process's peak resident set and address space (VmHWM and
VmPeak, in KiB) at exit.

Not ``ru_maxrss``: Linux carries a process's high-water mark over fork and exec, so a child
of pytest would report pytest's own size; VmHWM belongs to the address space exec made."""


def run_cli(
    argv: Sequence[str | Path],
    *,
    cwd: Path,
    memory: int = MEMORY_LIMIT,
    file_size: int | None = None,
    wrapper: str = PEAK_PROBE,
    timeout: float = HANG_TIMEOUT,
) -> Run:
    """`faq-audit ARGV` in a fresh process, with its exit code, output, time and peak
    memory. ``file_size`` sets RLIMIT_FSIZE (writes past it fail with EFBIG); ``wrapper`` is
    the Python code that runs the command line (it gets ARGV as ``sys.argv[1:]``)."""

    def limit() -> None:  # runs in the child, before exec
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    command = [sys.executable, "-c", wrapper, *map(str, argv)]
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        env = {
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": str(ROOT),  # the tree under test, even from a copy of the repository
            "NO_COLOR": "1",
            "IMPORT_TEST_PEAK_FILE": str(peak_file),
        }
        start = time.perf_counter()
        try:
            done = subprocess.run(
                command, cwd=cwd, env=env, capture_output=True, timeout=timeout, preexec_fn=limit
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"`faq-audit {' '.join(map(str, argv))}` hung: no answer in {timeout} s")
        seconds = time.perf_counter() - start
        peaks = peak_file.read_text(encoding="ascii").split() if peak_file.exists() else ["0", "0"]
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", errors="replace"),
        done.stderr.decode("utf-8", errors="replace"),
        seconds,
        int(peaks[0]) / 1024,
        int(peaks[1]) / 1024,
    )


@pytest.fixture(scope="module")
def baseline_mib(tmp_path_factory: pytest.TempPathFactory) -> float:
    """The peak resident set of importing a page of three questions: the interpreter and
    the modules, which every case pays too."""
    folder = tmp_path_factory.mktemp("baseline")
    page = folder / "page.txt"
    page.write_text("A?\na.\n\nB?\nb.\n\nC?\nc.\n", encoding="utf-8")
    run = run_cli(["import", page, "--out", "out"], cwd=folder)
    assert run.code == 0, run.stderr
    return min(run.peak_mib, run_cli(["import", page, "--out", "o2"], cwd=folder).peak_mib)


# --- hostile and large pages ------------------------------------------------------------------


def deep_unclosed_divs() -> str:
    return "<h2>Is it deep?</h2><p>Yes.</p>" + "<div>" * 200_000


def inline_tags_then_stray_end_tags() -> str:
    return "<h2>Is it bold?</h2><p>" + "<b>" * 150_000 + "x" + "</i>" * 150_000


def tags_that_never_end() -> str:
    return "<h2>Does it end?</h2><p>No.</p>" + "<a " * 350_000


def comments_that_never_end() -> str:
    return "<h2>Does it end?</h2><p>No.</p>" + "<!--" * 250_000


def list_items_under_deep_nesting() -> str:
    return "<h2>Is it listed?</h2>" + "<div>" * 50_000 + "<li></li>" * 50_000


def nested_accordion_groups() -> str:
    groups = "<details><summary>Group</summary>" * 30_000
    return groups + "<details><summary>Is it nested?</summary>Yes.</details>"


def questions_in_headings() -> str:
    return "".join(f"<h2>Question {i}?</h2><p>Answer <b>{i}</b>.</p>\n" for i in range(25_000))


def questions_in_text() -> str:
    return "".join(f"Question {i}?\nAnswer {i}.\n\n" for i in range(25_000))


def questions_with_one_id() -> str:
    return "Same question?\nSame answer.\n\n" * 20_000


def json_ld(main_entity: list[object]) -> str:
    data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": main_entity}
    return f'<html><script type="application/ld+json">{json.dumps(data)}</script></html>'


def questions_in_json_ld() -> str:
    return json_ld(
        [
            {"@type": "Question", "name": f"Question {i}?", "acceptedAnswer": {"text": f"A {i}."}}
            for i in range(20_000)
        ]
    )


def json_ld_of_empty_objects() -> str:
    return json_ld([{} for _ in range(300_000)]) + "<h2>Is it here?</h2><p>Yes.</p>"


def more_questions_than_a_file_holds() -> str:
    return "a?\n" * 300_000


def an_answer_of_2_million_characters() -> str:
    return "<h2>Is it long?</h2><p>" + "word " * 400_000 + "</p>"


def a_question_of_600_characters() -> str:
    return "x" * 599 + "?\nYes.\n"


def escapes_over_10_mb() -> str:
    # 2.7 MB of control characters, each written as a 4-byte escape such as \x01.
    return "".join(f"Question {i}?\n" + "\x01" * 19_000 + "\n" for i in range(150))


def a_page_over_10_mb() -> bytes:
    return b"<h2>Is it big?</h2>" + b"x" * (11 * MiB)


@dataclass(frozen=True)
class Case:
    """A generated page and what importing it must do."""

    name: str
    page: Callable[[], str | bytes]
    code: int  # 0: written; 1: refused, with `says` in the message and nothing created
    seconds: float  # wall time, interpreter start included
    mib: float  # growth of the peak resident set over the baseline
    entries: int = 0  # in the file written
    says: str = ""
    notes: int = 0  # lines saying what was not kept


CASES = [
    # Markup that made the reader quadratic, or its element tree many times the page.
    Case("deep-unclosed-divs.html", deep_unclosed_divs, 0, 3.0, 90, entries=1),
    Case("inline-then-stray-end-tags.html", inline_tags_then_stray_end_tags, 0, 3.0, 15, 1),
    Case("tags-that-never-end.html", tags_that_never_end, 0, 2.0, 15, entries=1),
    Case("comments-that-never-end.html", comments_that_never_end, 0, 2.0, 15, entries=1),
    # Its one question has an empty answer (the list items hold no text): nothing to write.
    Case(
        "list-items-in-deep-nesting.html",
        list_items_under_deep_nesting,
        1,
        3.0,
        45,
        says="its question has no answer on the page",
    ),
    # The 30,000 group summaries are headings of no question: said once, with the count.
    Case("nested-accordion-groups.html", nested_accordion_groups, 0, 3.0, 30, 1, notes=1),
    # Large but ordinary pages: written in full, in memory a small multiple of the page.
    Case("25-000-questions.html", questions_in_headings, 0, 4.0, 80, entries=25_000),
    Case("25-000-questions.txt", questions_in_text, 0, 4.0, 25, entries=25_000),
    Case("20-000-questions-one-id.txt", questions_with_one_id, 0, 4.0, 20, entries=20_000),
    Case("20-000-questions-json-ld.html", questions_in_json_ld, 0, 4.0, 40, entries=20_000),
    Case("json-ld-empty-objects.html", json_ld_of_empty_objects, 0, 3.0, 15, entries=1),
    # Pages whose file validate would refuse: refused before anything is written.
    Case(
        "more-questions-than-fit.txt",
        more_questions_than_a_file_holds,
        1,
        3.0,
        60,
        says="more than 262,144 questions",
    ),
    Case(
        "an-answer-of-2-million-characters.html",
        an_answer_of_2_million_characters,
        1,
        3.0,
        20,
        says="is 1,999,999 characters long, more than the 20,000 an answer may have",
    ),
    Case(
        "a-question-of-600-characters.txt",
        a_question_of_600_characters,
        1,
        2.0,
        10,
        says=":1: this line ends in '?', so it is read as a question, but it is 600 characters",
    ),
    Case(
        "escapes-over-10-mb-as-yaml.txt",
        escapes_over_10_mb,
        1,
        4.0,
        30,
        says="the YAML for its questions would be larger than the 10 MB faq-audit reads",
    ),
    Case(
        "a-page-over-10-mb.html",
        a_page_over_10_mb,
        1,
        2.0,
        10,
        says="the page is 11.0 MB, larger than the 10 MB faq-audit reads",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_or_large_page_is_imported_or_refused_within_its_bounds(
    case: Case, tmp_path: Path, baseline_mib: float
) -> None:
    page = tmp_path / case.name
    content = case.page()
    if isinstance(content, str):
        page.write_text(content, encoding="utf-8")
    else:
        page.write_bytes(content)
    out = tmp_path / "out" / "new"
    run = run_cli(["import", page, "--out", out, "--category", "FAQ"], cwd=tmp_path)
    message = run.message(case.notes)
    target = out / "faq.yaml"
    if case.code == 0:
        assert run.code == 0, message
        entries = "1 entry" if case.entries == 1 else f"{case.entries} entries"
        assert message.startswith(f"wrote {target}: {entries};"), message
        written = target.read_text(encoding="utf-8")
        assert written.count("\n  - id: ") == case.entries
    else:
        assert run.code == case.code, message
        assert message.startswith(f"faq-audit: {page}"), message
        assert case.says in message, message
        assert not (tmp_path / "out").exists(), "a refused import created its output folder"
    size = page.stat().st_size / MiB
    grown = run.peak_mib - baseline_mib
    assert run.seconds < case.seconds, (
        f"{case.name} ({size:.1f} MiB) took {run.seconds:.2f} s (limit {case.seconds} s)"
    )
    assert grown < case.mib, (
        f"{case.name} ({size:.1f} MiB) grew the peak memory by {grown:.0f} MiB"
        f" (limit {case.mib} MiB)"
    )


@pytest.mark.slow  # about 3 s: a 10 MB page, read until memory runs out
def test_a_page_that_exhausts_memory_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    small = tmp_path / "small.html"  # an HTML page: the parser's own size counts in the start
    small.write_text("<h2>Is it small?</h2><p>Yes.</p>", encoding="utf-8")
    started = run_cli(["import", small, "--out", "o"], cwd=tmp_path).address_space_mib
    page = tmp_path / "page.html"  # 10 MB that take about 100 MB to read
    page.write_text("<h2>Is it deep?</h2>" + "<div>" * 2_000_000, encoding="utf-8")
    out = tmp_path / "out" / "new"
    limit = int((started + 40) * MiB)  # room to read the page, not to lay it out
    run = run_cli(["import", page, "--out", out], cwd=tmp_path, memory=limit)
    assert run.code == 1, run.stderr
    assert run.message() == (
        f"faq-audit: {page}: not enough memory to import this page; nothing was written"
    )
    assert not (tmp_path / "out").exists()


# --- the limits, in the library ---------------------------------------------------------------


def test_to_yaml_refuses_output_over_max_bytes_before_and_while_writing() -> None:
    from audit.importer import OutputTooLargeError

    entries = [ImportedEntry(f"Question {i}?", "\x01" * 1000) for i in range(50)]
    assert len(to_yaml(entries, category="FAQ")) > 200_000  # each \x01 takes 4 bytes
    with pytest.raises(OutputTooLargeError):  # while writing: 50,000 characters, 200,000 bytes
        to_yaml(entries, category="FAQ", max_bytes=100_000)
    with pytest.raises(OutputTooLargeError):  # at once: the text alone is too long
        to_yaml(entries, category="FAQ", max_bytes=10_000)
    text = to_yaml(entries, category="FAQ", max_bytes=300_000)
    assert text == to_yaml(entries, category="FAQ")


# --- no input makes the importer quadratic -------------------------------------------------

SCALING = {
    # page(n) for an n at which a quadratic reader takes about a second
    "unclosed inline tags then stray end tags": (
        lambda n: "<h2>Q?</h2><p>" + "<b>" * n + "x" + "</i>" * n,
        4_000,
    ),
    "start tags that never end": (lambda n: "<h2>Q?</h2><p>A.</p>" + "<a " * n, 200_000),
    "comments that never end": (lambda n: "<h2>Q?</h2><p>A.</p>" + "<!--" * n, 400_000),
    "list items under deep nesting": (
        lambda n: "<h2>Q?</h2>" + "<div>" * n + "<li></li>" * n,
        4_000,
    ),
    "unclosed blocks past the depth limit": (lambda n: "<h2>Q?</h2>" + "<div>" * n, 20_000),
    "nested accordion groups": (
        lambda n: "<details><summary>Group</summary>" * n + "<details><summary>Q?</summary>",
        2_000,
    ),
    "accordions inside summaries": (lambda n: "<details><summary>Q" * n + "?", 2_000),
}


@pytest.mark.parametrize("shape", list(SCALING))
def test_reading_html_scales_linearly(shape: str) -> None:
    make_page, size = SCALING[shape]

    def make(n: int) -> Callable[[], object]:
        page = make_page(n)

        def read() -> object:
            try:
                return read_page(page, name="page.html")
            except PageError as refused:  # a question too long, found in linear time too
                return refused

        return read

    assert_scales_linearly(make, size, what=f"reading a page of {shape}")


def test_ids_of_many_questions_with_one_slug_scale_linearly() -> None:
    def make(n: int) -> Callable[[], object]:
        questions = ["Same question?"] * n
        return lambda: unique_ids(questions)

    assert_scales_linearly(make, 3_000, what="ids for questions that share a slug")

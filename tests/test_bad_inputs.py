"""Bad input never gives a traceback: each bad file is a finding, within 2 s, in bounded memory.

The small bad inputs are committed under tests/corpus/bad/ (each at most 10 KB); the large
ones (50 MB, 10,000 and 100,000 levels of nesting, 200,000 lines, devices, pipes) are
generated into pytest's tmp_path. Every case runs the real command line in a fresh process,
`python -m audit validate PATH --format json`, under an address-space limit of 1 GiB, and
the wall time measured includes the interpreter's start (about 0.2 s here).

EXPECTED below was written by hand from reading each input: the rule and the line of the
first finding, every rule the file gives rise to, the exit code, the number of entries that
are still read, and a word the message must contain where the loader has a plain-words
hint for the case.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from audit.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "bad"

TIME_LIMIT = 2.0  # seconds per file, interpreter start included
HANG_TIMEOUT = 15.0  # a run this long is a hang, not a slow case
MEMORY_LIMIT = 1 << 30  # RLIMIT_AS of the child: 1 GiB
MB = 1024 * 1024

# Every rule and its default severity, from the registry (no config file applies in tests/).
SEVERITY = {rule.id: rule.severity.value for rule in all_rules().values()}
RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Expect:
    """What one bad file must produce: its first finding, and everything else about the run."""

    rule: str  # the rule of the first finding (findings are sorted by line)
    line: int  # the line of the first finding
    others: frozenset[str] = frozenset()  # further rules the file also gives rise to
    exit: int = 1
    entries: int = 0  # entries still read from the file
    says: str | None = None  # a word the first finding's message must contain

    @property
    def rules(self) -> set[str]:
        return {self.rule, *self.others}


UNREADABLE, BOM, SYNTAX, SCHEMA = "unreadable-file", "byte-order-mark", "yaml-syntax", "schema"
QUESTION_FORM = "question-form"

EXPECTED: dict[str, Expect] = {
    # Bytes that are not UTF-8 text: refused before parsing, at the offending byte.
    "binary.yaml": Expect(UNREADABLE, 3, says="binary"),  # NUL right after "\x89PNG\r\n\x1a\n"
    "nul-in-text.yaml": Expect(UNREADABLE, 7, says="NUL"),
    "latin1.yaml": Expect(UNREADABLE, 3, says="UTF-8"),  # "à" as byte 0xE0
    "utf16.yaml": Expect(UNREADABLE, 1, says="UTF-16"),
    "utf16-be.yaml": Expect(UNREADABLE, 1, says="UTF-16"),
    "utf16-no-bom.yaml": Expect(UNREADABLE, 1),  # "c\x00a\x00…": a NUL in line 1
    "utf32.yaml": Expect(UNREADABLE, 1),
    "surrogate.yaml": Expect(UNREADABLE, 4, says="UTF-8"),  # ED A0 80, UTF-8 of U+D800
    "truncated-utf8.yaml": Expect(UNREADABLE, 6, says="UTF-8"),  # ends inside "é"
    "overlong-utf8.yaml": Expect(UNREADABLE, 2, says="UTF-8"),  # C0 AF, an overlong "/"
    # Valid but unusual text: the BOM is only a warning; line ends of every kind count.
    "bom.yaml": Expect(BOM, 1, exit=0, entries=1, says="byte-order mark"),
    "crlf.yaml": Expect(QUESTION_FORM, 4, exit=0, entries=1, says="question mark"),
    "cr-only.yaml": Expect(QUESTION_FORM, 4, exit=0, entries=1, says="question mark"),
    # U+2028 inside a value: YAML 1.1 (libyaml) breaks the line there, editors do not; the
    # finding belongs on the editor's line 5, where the invisible separator is.
    "unicode-line-separator.yaml": Expect(SYNTAX, 5),
    "control-characters.yaml": Expect(SYNTAX, 5),  # ESC (0x1B) in the answer on line 5
    # No content, or content of the wrong shape.
    "empty.yaml": Expect(SCHEMA, 1, says="no content"),
    "comments-only.yaml": Expect(SCHEMA, 1, says="no content"),
    "whitespace-only.yaml": Expect(SCHEMA, 1, says="no content"),
    "list-root.yaml": Expect(SCHEMA, 2, says="list"),
    "scalar-root.yaml": Expect(SCHEMA, 2, says="mapping"),
    "null-root.yaml": Expect(SCHEMA, 2, says="mapping"),  # `~`: quoting it would not help
    "entries-not-list.yaml": Expect(SCHEMA, 3, says="list"),
    "entry-not-mapping.yaml": Expect(SCHEMA, 3, entries=1),
    "null-answer.yaml": Expect(SCHEMA, 5, entries=1, says="empty"),
    "key-is-a-list.yaml": Expect(SCHEMA, 6, entries=1),  # `? [a, b]`
    # Aliases: bombs and loops are stopped where the alias is, not followed.
    "alias-bomb.yaml": Expect(SYNTAX, 7, says="alias"),  # f's first *e passes 100,000
    "recursive-alias.yaml": Expect(SYNTAX, 2, says="alias"),
    "recursive-alias-block.yaml": Expect(SYNTAX, 6, says="alias"),  # `- *entries`
    "undefined-alias.yaml": Expect(SYNTAX, 5, says="anchor"),
    "alias-deep-nesting.yaml": Expect(SYNTAX, 4, says="deeper"),  # x2 holds x1: 180 levels
    # YAML syntax, in plain words at the line to fix.
    "tab-indent.yaml": Expect(SYNTAX, 3, says="tab"),
    "unclosed-quote.yaml": Expect(SYNTAX, 4, says="quote"),  # where the quote opens
    "unclosed-bracket.yaml": Expect(SYNTAX, 6),  # the ':' of line 6 is inside the '[' of 5
    "bad-indent.yaml": Expect(SYNTAX, 5, says="indent"),
    "two-documents.yaml": Expect(SYNTAX, 6, says="document"),
    "unknown-tag.yaml": Expect(SYNTAX, 5, entries=1, says="tag"),  # !python/object:…
    "python-tag.yaml": Expect(SYNTAX, 5, entries=1, says="tag"),  # !!python/object/apply:…
    "colon-in-plain-value.yaml": Expect(SYNTAX, 5, says="quote"),
    "backslash-in-double-quotes.yaml": Expect(SYNTAX, 5),  # "\p" is no escape
    "nesting-over-limit.yaml": Expect(SYNTAX, 2, says="deeper"),  # 1 + 100 levels
    "nesting-at-limit.yaml": Expect(SCHEMA, 2),  # 1 + 99 levels: read, then checked
    # Keys and values.
    "duplicate-keys.yaml": Expect("duplicate-key", 5, entries=1, says="twice"),
    "duplicate-entries-key.yaml": Expect("duplicate-key", 6, entries=1, says="twice"),
    "huge-hex-int.yaml": Expect("implicit-type", 5, entries=1),  # 0x + 4,000 digits
    # Explicit tags whose text is not of that type: kept as text, then checked as text.
    "bool-tag-not-a-boolean.yaml": Expect(SCHEMA, 6, entries=1),  # audience: !!bool maybe
    "int-tag-empty.yaml": Expect(SCHEMA, 3, entries=1),  # id: !!int ""
    "timestamp-tag-not-a-date.yaml": Expect(SCHEMA, 6, entries=1),  # reviewed: !!timestamp soon
}


# --- running the command line ---------------------------------------------------------------


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    doc: dict[str, Any] = field(default_factory=dict)


def _limit_memory() -> None:  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# Root reads and searches a folder whatever its mode, through two capabilities. Dropping them
# from the bounding set before exec makes the command obey file modes as a user would: it
# keeps root's identity (so it can still reach Python, which lies under root's private home
# here, out of reach of `nobody`), and a chmod 000 folder of root's is then closed to it.
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _limit_memory_and_permissions() -> None:  # runs in the child, before exec
    _limit_memory()
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_command(
    *args: Path | str,
    timeout: float = HANG_TIMEOUT,
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
) -> Run:
    """`python -m audit ARGS` in a fresh process, memory-limited; with `unprivileged`, file
    modes apply to it even when the tests run as root. Never a traceback."""
    command = [sys.executable, "-m", "audit", *map(str, args)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1", **(env or {})}
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit_memory_and_permissions if unprivileged else _limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`faq-audit {' '.join(map(str, args))}` hung: no answer in {timeout} s")
    seconds = time.perf_counter() - start
    stderr = done.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr, f"a traceback instead of a finding:\n{stderr[-3000:]}"
    try:
        stdout = done.stdout.decode("utf-8")  # a JSON document is UTF-8, whatever it reports
    except UnicodeDecodeError as err:
        pytest.fail(f"stdout is not UTF-8 ({err}):\n{done.stdout[:500]!r}")
    return Run(done.returncode, stdout, stderr, seconds)


def run_validate(
    *paths: Path | str,
    timeout: float = HANG_TIMEOUT,
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
) -> Run:
    """`python -m audit validate PATHS --format json` in a fresh process, memory-limited."""
    run = run_command(
        "validate", *paths, "--format", "json", timeout=timeout, env=env, unprivileged=unprivileged
    )
    try:
        run.doc = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"stdout is not JSON (exit {run.code}):\n{run.stdout[:500]}\n{run.stderr[-2000:]}"
        )
    return run


def check_report(run: Run, files: int) -> list[dict[str, Any]]:
    """The JSON report is well formed and its summary agrees with its findings."""
    doc = run.doc
    assert doc["tool"] == "faq-audit"
    findings: list[dict[str, Any]] = doc["findings"]
    summary = doc["summary"]
    by_severity = {
        s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")
    }
    assert summary["errors"] == by_severity["error"]
    assert summary["warnings"] == by_severity["warning"]
    assert summary["info"] == by_severity["info"]
    assert summary["errors"] + summary["warnings"] + summary["info"] == len(findings)
    assert summary["files"] == files
    for finding in findings:
        # a rule may report a case it is less sure of below its severity, never above it
        assert RANK[finding["severity"]] <= RANK[SEVERITY[finding["rule"]]], finding
        assert_plain_words(finding["message"])
        assert finding["line"] >= 1 and finding["column"] >= 1, finding
    assert run.code == (1 if summary["errors"] else 0), (run.code, summary)
    return findings


def assert_plain_words(message: str) -> None:
    assert isinstance(message, str) and message.strip(), "an empty message"
    assert "\n" not in message, f"a message of several lines: {message!r}"
    for jargon in ("<unicode string>", "Traceback", "Error(", "\\x"):
        assert jargon not in message, f"{jargon!r} in the message: {message!r}"


def line_count(path: Path) -> int:
    return max(1, len(path.read_bytes().splitlines()))


def assert_fast(run: Run, what: str) -> None:
    assert run.seconds < TIME_LIMIT, f"{what} took {run.seconds:.2f} s (limit {TIME_LIMIT} s)"


def same_file(reported: str, path: Path) -> bool:
    return (ROOT / reported).resolve() == path.resolve() or Path(reported) == path


# --- the committed corpus ---------------------------------------------------------------------


def corpus_files() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_file())


def test_every_corpus_file_has_an_expectation_and_is_small() -> None:
    assert corpus_files() == sorted(EXPECTED), "add the new file to EXPECTED (or remove it)"
    for name in corpus_files():
        assert (CORPUS / name).stat().st_size <= 10 * 1024, f"{name} is over 10 KB"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_a_finding_on_its_line_not_a_traceback(name: str) -> None:
    path = CORPUS / name
    expect = EXPECTED[name]
    run = run_validate(path)
    findings = check_report(run, files=1)
    assert_fast(run, name)
    assert findings, f"{name}: no finding at all"
    first = findings[0]
    assert (first["rule"], first["line"]) == (expect.rule, expect.line), (
        f"{name}: first finding is {first['rule']} on line {first['line']}, expected "
        f"{expect.rule} on line {expect.line}: {first['message']}"
    )
    if expect.says is not None:
        assert expect.says.lower() in first["message"].lower(), (
            f"{name}: the message does not say {expect.says!r}: {first['message']}"
        )
    assert {f["rule"] for f in findings} == expect.rules, [
        (f["rule"], f["line"], f["message"]) for f in findings
    ]
    lines = line_count(path)
    for finding in findings:
        assert same_file(finding["path"], path), finding["path"]
        assert finding["line"] <= lines, f"{name}: line {finding['line']} of a {lines}-line file"
    assert run.code == expect.exit
    assert run.doc["summary"]["entries"] == expect.entries


def test_alias_bomb_is_a_yaml_syntax_finding_not_a_hang() -> None:
    run = run_validate(CORPUS / "alias-bomb.yaml")
    findings = check_report(run, files=1)
    assert_fast(run, "the alias bomb")
    assert [f["rule"] for f in findings] == ["yaml-syntax"]
    assert "100,000" in findings[0]["message"]


def test_a_bom_alone_is_a_warning_and_the_file_is_still_checked() -> None:
    run = run_validate(CORPUS / "bom.yaml")
    findings = check_report(run, files=1)
    assert run.code == 0
    assert [(f["rule"], f["severity"], f["line"], f["column"]) for f in findings] == [
        ("byte-order-mark", "warning", 1, 1)
    ]
    assert run.doc["summary"]["entries"] == 1


# --- generated inputs: too big, too deep, too long --------------------------------------------


def write_deep_block_mapping(path: Path, levels: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for level in range(levels):
            out.write(" " * level + "a:\n")


def assert_single(
    run: Run, rule: str, line: int, *, says: str | None = None, exit_code: int = 1
) -> dict[str, Any]:
    findings = check_report(run, files=1)
    assert [(f["rule"], f["line"]) for f in findings] == [(rule, line)], [
        (f["rule"], f["line"], f["message"]) for f in findings
    ]
    if says is not None:
        assert says in findings[0]["message"], findings[0]["message"]
    assert run.code == exit_code
    return findings[0]


def test_a_50_mb_file_is_unreadable_without_being_parsed(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    line = b"    answer: Use the link in your confirmation email, then wait a day.\n"
    with path.open("wb") as out:
        out.write(b"category: Shipping\nentries:\n  - id: big\n    question: Big?\n")
        block = line * (MB // len(line))
        while out.tell() < 50 * MB:
            out.write(block)
    run = run_validate(path)
    assert_single(run, "unreadable-file", 1, says="MB")
    assert_fast(run, "a 50 MB file")


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("flow-10k", "[" * 10_000 + "]" * 10_000 + "\n"),
        ("flow-100k", "[" * 100_000 + "]" * 100_000 + "\n"),
        ("flow-mapping-10k", "{a: " * 10_000 + "}" * 10_000 + "\n"),
        ("flow-10k-unclosed", "[" * 10_000 + "\n"),
        ("block-sequence-10k", "- " * 10_000 + "x\n"),
    ],
)
def test_deep_nesting_on_one_line_is_a_yaml_syntax_finding(
    tmp_path: Path, label: str, text: str
) -> None:
    path = tmp_path / f"{label}.yaml"
    path.write_text(text, encoding="utf-8")
    run = run_validate(path)
    assert_single(run, "yaml-syntax", 1, says="nest")
    assert_fast(run, label)


def test_block_mapping_nested_4_000_deep_is_stopped_at_line_101(tmp_path: Path) -> None:
    path = tmp_path / "block-4000.yaml"  # 8 MB, under the 10 MB limit, so it is parsed
    write_deep_block_mapping(path, 4_000)
    run = run_validate(path)
    assert_single(run, "yaml-syntax", 101, says="deeper than 100")
    assert_fast(run, "a block mapping 4,000 deep")


def test_block_mapping_nested_10_000_deep_is_refused_for_its_size(tmp_path: Path) -> None:
    path = tmp_path / "block-10000.yaml"  # one more space per level: 50 MB of indentation
    write_deep_block_mapping(path, 10_000)
    assert path.stat().st_size > 10 * MB
    run = run_validate(path)
    assert_single(run, "unreadable-file", 1, says="MB")
    assert_fast(run, "a block mapping 10,000 deep")


def test_200_000_short_lines_are_read_to_the_last_line(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    body = "".join(f"  line {n}\n" for n in range(200_000))
    text = (
        "category: Shipping\n"
        "description: |\n" + body + "entries:\n"
        "  - id: track-order\n"
        "    question: How do I track my order?\n"
        "    answer: Use the link in your confirmation email.\n"
        "category: Returns\n"
    )
    path.write_text(text, encoding="utf-8")
    run = run_validate(path)
    assert_single(run, "duplicate-key", 200_007, says="twice")
    assert_fast(run, "200,000 lines")


def test_a_huge_line_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "huge-line.yaml"
    path.write_text(
        "category: Shipping\nentries:\n  - id: track-order\n"
        "    question: How do I track my order\n"  # no question mark: line 4
        "    answer: " + "word " * (8 * MB // 5) + "\n",
        encoding="utf-8",
    )
    run = run_validate(path)
    findings = check_report(run, files=1)
    assert [(f["rule"], f["line"]) for f in findings] == [(QUESTION_FORM, 4), (SCHEMA, 5)]
    assert "keep it to 20,000" in findings[1]["message"]
    assert_fast(run, "an 8 MB line")


def test_brackets_inside_a_huge_string_are_not_mistaken_for_nesting(tmp_path: Path) -> None:
    path = tmp_path / "brackets.yaml"
    path.write_text(
        "category: Shipping\nentries:\n  - id: track-order\n"
        "    question: How do I track my order\n"
        "    answer: '" + "[" * (8 * MB) + "'\n",
        encoding="utf-8",
    )
    run = run_validate(path)
    findings = check_report(run, files=1)
    assert [(f["rule"], f["line"]) for f in findings] == [(QUESTION_FORM, 4), (SCHEMA, 5)]
    assert_fast(run, "an 8 MB string of brackets")


# --- generated inputs: files that cannot be read ----------------------------------------------


@pytest.fixture
def lock(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    """Close a file or folder to the command (chmod 000; see `run_command(unprivileged=…)`).

    The mechanism is checked first, on a folder of its own: where it cannot close a folder
    (root without the right to drop capabilities), the test is skipped, never passed. Modes
    are given back afterwards, so that the folder can be cleaned up.
    """
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0)
    try:
        seen = subprocess.run(
            [sys.executable, "-c", "import os, sys; os.listdir(sys.argv[1])", str(probe)],
            capture_output=True,
            preexec_fn=_limit_memory_and_permissions,
        )
    except (OSError, subprocess.SubprocessError) as err:
        seen = None
        reason = f"cannot drop the right to read any file here: {err}"
    else:
        reason = "a chmod 000 folder is still readable here"
    probe.chmod(0o700)
    if seen is None or seen.returncode == 0:
        pytest.skip(reason)
    locked: list[tuple[Path, int]] = []

    def close(path: Path) -> Path:
        locked.append((path, path.stat().st_mode & 0o7777))
        path.chmod(0)
        return path

    yield close
    for path, mode in reversed(locked):
        path.chmod(mode)


def test_an_unreadable_file_is_a_finding(tmp_path: Path, lock: Callable[[Path], Path]) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("category: Shipping\n", encoding="utf-8")
    lock(path)
    run = run_validate(path, unprivileged=True)
    assert_single(run, "unreadable-file", 1, says="Permission denied")
    assert_fast(run, "a chmod 000 file")


def folder_with(tmp_path: Path, make: Callable[[Path], object]) -> Path:
    """A folder holding one odd thing named odd.yaml, made by `make`."""
    folder = tmp_path / "faq"
    folder.mkdir()
    make(folder / "odd.yaml")
    return folder


def test_a_dangling_symlink_in_a_folder_is_an_unreadable_file(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, lambda p: p.symlink_to(p.parent / "gone.yaml"))
    run = run_validate(folder)
    finding = assert_single(run, "unreadable-file", 1)
    assert finding["path"].endswith("odd.yaml")
    assert_fast(run, "a dangling symlink")


def test_a_folder_named_like_a_yaml_file_is_a_finding(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, lambda p: p.mkdir())
    run = run_validate(folder)
    finding = assert_single(run, "unreadable-file", 1, says="folder")
    assert finding["path"].endswith("odd.yaml")
    assert_fast(run, "a folder named odd.yaml")


def test_a_folder_named_like_a_yaml_file_passed_by_name_is_searched(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    run = run_validate(folder)
    assert check_report(run, files=0) == []
    assert run.code == 0
    assert "no YAML files" in run.stderr
    assert_fast(run, "an empty folder named x.yaml")


def test_a_named_pipe_in_a_folder_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, lambda p: os.mkfifo(p))
    run = run_validate(folder, timeout=10)
    assert_single(run, "unreadable-file", 1)
    assert_fast(run, "a named pipe")


def test_an_endless_device_is_not_read_into_memory() -> None:
    run = run_validate("/dev/zero", timeout=10)  # no size to stat: 0 bytes, never ends
    assert_single(run, "unreadable-file", 1)
    assert_fast(run, "/dev/zero")


@pytest.mark.parametrize(
    "stdio",
    [None, "utf-8:strict"],
    ids=["this-locale", "strict-utf8-stdout"],  # the second is a UTF-8 desktop locale's stdout
)
def test_a_file_name_that_is_not_utf8_does_not_break_the_report(
    tmp_path: Path, stdio: str | None
) -> None:
    folder = tmp_path / "faq"
    folder.mkdir()
    name = os.fsencode(folder) + b"/caf\xe9.yaml"  # Latin-1 "café.yaml"
    with open(name, "wb") as out:
        out.write((CORPUS / "crlf.yaml").read_bytes())  # a question without '?' on line 4
    run = run_validate(folder, env={"PYTHONIOENCODING": stdio} if stdio else None)
    finding = assert_single(run, QUESTION_FORM, 4, says="question mark", exit_code=0)
    assert "caf" in finding["path"]
    assert run.doc["summary"]["entries"] == 1


# --- a run goes on past bad files -------------------------------------------------------------

GOOD_A = """\
category: Account
entries:
  - id: reset-password
    question: How do I reset my password?
    answer: Click "Forgot your password?" and enter your email address.
  - id: update-email
    question: How do I change my email address?
    answer: Write to customer care.
"""
GOOD_B = """\
category: Sign-in
entries:
  - id: forgotten-password
    question: how do I reset my password?
    answer: Use the link on the sign-in page.
"""
STABLE_BAD = {
    "binary.yaml": "unreadable-file",
    "latin1.yaml": "unreadable-file",
    "utf16.yaml": "unreadable-file",
    "empty.yaml": "schema",
    "list-root.yaml": "schema",
    "alias-bomb.yaml": "yaml-syntax",
    "tab-indent.yaml": "yaml-syntax",
    "duplicate-keys.yaml": "duplicate-key",
    "entries-not-list.yaml": "schema",
}


def test_a_folder_of_good_and_bad_files_reports_the_bad_and_checks_the_good(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "faq"
    folder.mkdir()
    (folder / "a-good.yaml").write_text(GOOD_A, encoding="utf-8")
    (folder / "z-good.yaml").write_text(GOOD_B, encoding="utf-8")
    for name in STABLE_BAD:
        shutil.copyfile(CORPUS / name, folder / name)
    run = run_validate(folder)
    findings = check_report(run, files=len(STABLE_BAD) + 2)
    assert run.code == 1
    by_file: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        by_file.setdefault(Path(finding["path"]).name, []).append(finding)
    for name, rule in STABLE_BAD.items():
        assert rule in {f["rule"] for f in by_file.get(name, [])}, (name, by_file.get(name))
    assert "a-good.yaml" not in by_file
    # the good files were checked across the bad ones: the same question asked twice
    assert [(f["rule"], f["line"]) for f in by_file["z-good.yaml"]] == [("duplicate-question", 4)]
    assert run.doc["summary"]["entries"] == 2 + 1 + 1  # a-good, z-good, duplicate-keys
    assert_fast(run, "a folder of 11 files")


def test_the_whole_corpus_in_one_run_reports_every_file() -> None:
    run = run_validate(CORPUS)  # sentences repeat across these files: that is found too
    findings = check_report(run, files=len(EXPECTED))
    reported = {Path(f["path"]).name for f in findings}
    assert reported == set(EXPECTED)
    for name, expect in EXPECTED.items():
        rules = {f["rule"] for f in findings if Path(f["path"]).name == name}
        assert expect.rule in rules, (name, rules)
        across_files = {"duplicate-id", "duplicate-question", "duplicate-sentence"}
        assert rules <= expect.rules | across_files, (name, rules)


# --- generated inputs: answers that once made a rule quadratic --------------------------------
#
# One answer of about 99,000 characters (under the text rules' 100,000, over the schema's
# 20,000: one schema finding each) built to make a rule read the same characters again and
# again. Each must finish within its bound; before, each took the time noted.


def one_answer(path: Path, answer: str) -> Path:
    path.write_text(
        "category: Contact\nentries:\n  - id: contact\n    question: How do I reach you?\n"
        "    answer: |-\n      " + answer + "\n",
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class Pathological:
    answer: Callable[[], str]
    findings: dict[str, int]  # how many findings of each rule, from reading the answer
    seconds: float = TIME_LIMIT


PATHOLOGICAL = {
    # 34 s: the address pattern was tried from every "a", each time reading to the @.
    # No domain follows the @, so there is no address to report.
    "run-before-an-at-sign": Pathological(lambda: "a" * 99_000 + "@", {SCHEMA: 1}),
    # 15.8 s: each doubled space searched its line from the start. 33,000 doubled spaces;
    # "a" written 33,001 times is one repeated-word finding.
    "doubled-spaces-on-one-line": Pathological(
        lambda: "a" + "  a" * 33_000,
        {SCHEMA: 1, "spacing": 33_000, "grammar-repeated-words": 1},
        seconds=5.0,
    ),
    # Minutes: sentence ends were matched from every dot of a run with no space after it.
    # "a@b….x" is an address with empty labels: invalid.
    "dots-after-an-address": Pathological(
        lambda: "Write to a@b" + "." * 99_000 + "x", {SCHEMA: 1, "email-invalid": 1}
    ),
    # 15 s: each of 3,300 numbers searched the whole sentence, and each department word.
    # One number, one department: nothing to report.
    "numbers-in-one-sentence": Pathological(
        lambda: "Call sales at (800) 796-7546, " * 3_300 + "or write.", {SCHEMA: 1}
    ),
    # Hours: the gap between two numbers was matched by nested repeats of white space
    # (2,000 spaces: 7.6 s; 4,000: 52 s). The run of spaces is one spacing finding.
    "spaces-between-two-numbers": Pathological(
        lambda: "Call sales at (800) 796-7546" + " " * 20_000 + "x (212) 555-0198.",
        {SCHEMA: 1, "spacing": 1},
    ),
    # 35 s for 1,000: each address's domain was compared with every other domain. Past the
    # bound the check stops and says so once; each URL swallows its full stop.
    "many-domains": Pathological(
        lambda: " ".join(
            f"Write to help@d{i:05d}x.com or see https://w{i:05d}y.com." for i in range(1_800)
        ),
        {SCHEMA: 1, "url-punctuation": 1_800, "email-domain-typo": 1},
        seconds=3.0,
    ),
}


@pytest.mark.parametrize("label", sorted(PATHOLOGICAL))
def test_a_pathological_answer_is_checked_within_its_bound(tmp_path: Path, label: str) -> None:
    case = PATHOLOGICAL[label]
    run = run_validate(one_answer(tmp_path / f"{label}.yaml", case.answer()))
    findings = check_report(run, files=1)
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    assert counts == case.findings
    assert run.seconds < case.seconds, f"{label} took {run.seconds:.2f} s (limit {case.seconds} s)"


def test_8_000_suppression_comments_are_matched_within_5_s(tmp_path: Path) -> None:
    # 37 s: every comment was compared with every value, every finding with every comment.
    # Each entry's own comment silences its doubled space; each line comment is unused.
    lines = ["category: Shipping", "entries:"]
    for i in range(8_000):
        lines += [
            f"  # faq-audit: ignore[spacing] kept on purpose {i}",
            f"  - id: entry-{i}",
            f"    question: Where is parcel {i}?",
            f"    answer: It is  on its way.   # faq-audit: ignore[stale-term] old {i}",
        ]
    path = tmp_path / "commented.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_validate(path)
    findings = check_report(run, files=1)
    assert [(f["rule"], f["line"]) for f in findings] == [
        ("unused-suppression", 6 + 4 * i) for i in range(8_000)
    ]
    assert run.seconds < 5.0, f"8,000 suppressions took {run.seconds:.2f} s (limit 5 s)"


# --- generated inputs: folders that loop, hide files or cannot be read -----------------------

ENTRY = (
    "category: {name}\nentries:\n  - id: {name}\n"
    "    question: What is {name}?\n    answer: It is {name}.\n"
)


def faq_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY.format(name=path.stem.lower()), encoding="utf-8")
    return path


def reported(run: Run) -> list[tuple[str, str]]:
    """The file name and rule of each finding, in order."""
    return [(Path(f["path"]).name, f["rule"]) for f in run.doc["findings"]]


def test_symlink_loops_are_findings_for_validate_and_fix(tmp_path: Path) -> None:
    folder = tmp_path / "faq"
    faq_file(folder / "a.yaml")
    (folder / "x.yaml").symlink_to("y.yaml")  # x → y → x: leads nowhere
    (folder / "y.yaml").symlink_to("x.yaml")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")  # a folder that contains itself
    run = run_validate(folder)
    check_report(run, files=3)
    assert reported(run) == [("x.yaml", UNREADABLE), ("y.yaml", UNREADABLE)]
    assert all("symlink loop" in f["message"] for f in run.doc["findings"])
    assert run.doc["summary"]["entries"] == 1  # a.yaml, read once though sub/up leads back
    assert_fast(run, "symlink loops")
    fixed = run_command("fix", folder)
    assert fixed.code in (0, 1), fixed.stderr
    assert_fast(fixed, "fix over symlink loops")


def test_an_unreadable_subfolder_is_a_finding_and_the_rest_is_checked(
    tmp_path: Path, lock: Callable[[Path], Path]
) -> None:
    folder = tmp_path / "faq"
    faq_file(folder / "a.yaml")
    faq_file(folder / "locked" / "b.yaml")
    lock(folder / "locked")
    run = run_validate(folder, unprivileged=True)
    findings = check_report(run, files=2)
    assert reported(run) == [("locked", UNREADABLE)]
    assert "cannot read this folder" in findings[0]["message"]
    assert run.doc["summary"]["entries"] == 1
    assert_fast(run, "an unreadable subfolder")
    fixed = run_command("fix", folder, unprivileged=True)
    assert fixed.code in (0, 1), fixed.stderr


def test_a_folder_on_the_path_that_cannot_be_searched_is_a_finding(
    tmp_path: Path, lock: Callable[[Path], Path]
) -> None:
    faq_file(tmp_path / "outer" / "faq" / "a.yaml")
    lock(tmp_path / "outer")
    run = run_validate(tmp_path / "outer" / "faq", unprivileged=True)
    finding = assert_single(run, UNREADABLE, 1, says="Permission denied")
    assert finding["path"].endswith("faq")
    assert_fast(run, "a folder on the path that cannot be searched")
    fixed = run_command("fix", tmp_path / "outer" / "faq", unprivileged=True)
    assert fixed.code in (0, 1), fixed.stderr


# --- config files: numbers that are not numbers -----------------------------------------------

CONFIG_CORPUS = ROOT / "tests" / "corpus" / "bad-config"

# The line and column of the value at fault, what the one-line error says, and the value
# as YAML spells it.
CONFIG_EXPECTED = {
    "inf-months.yaml": (3, 21, "review-due: 'max-age-months'", ".inf"),
    "minus-inf-statements.yaml": (3, 28, "question-form: 'max-statements-before'", "-.inf"),
    "nan-min-words.yaml": (5, 16, "duplicate-sentence: 'min-words'", ".nan"),  # .NaN
}


def test_every_config_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in CONFIG_CORPUS.iterdir()) == sorted(CONFIG_EXPECTED)


@pytest.mark.parametrize("name", sorted(CONFIG_EXPECTED))
def test_a_config_number_that_is_not_a_number_is_a_config_error_on_its_line(name: str) -> None:
    line, column, option, value = CONFIG_EXPECTED[name]
    config = CONFIG_CORPUS / name
    run = run_command("validate", "--config", config, CORPUS / "bom.yaml")
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        f"{config.relative_to(ROOT).as_posix()}:{line}:{column}: error config {option} must be "
        f"a whole number of 0 or more, not {value}",
        "faq-audit: error: the config file has problems; fix them first",
    ]
    assert_fast(run, name)


def test_a_config_file_that_cannot_be_reached_is_a_config_error(
    tmp_path: Path, lock: Callable[[Path], Path]
) -> None:
    config = tmp_path / "locked" / "faq-audit.yaml"
    config.parent.mkdir()
    config.write_text("region: US\n", encoding="utf-8")
    lock(config.parent)
    run = run_command("validate", "--config", config, CORPUS / "bom.yaml", unprivileged=True)
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        f"{config}:1:1: error config cannot read the file: Permission denied",
        "faq-audit: error: the config file has problems; fix them first",
    ]
    assert_fast(run, "a config file in a folder that cannot be searched")

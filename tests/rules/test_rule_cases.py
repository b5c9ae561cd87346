"""Every rule's cases, kept as data: `tests/rules/cases/<rule-id>.yml`, run by one test.

sqlfluff keeps its rule cases this way, and for the same reason: a case is the
text a rule judges and what it must say about it, so adding one is writing
YAML, not code, and a reader sees at a glance what a rule flags and what it
leaves alone. Each file holds a list of `cases`, each one of:

- `pass_str`: an answer (or, with `field: question`, a question) on which the
  rule reports nothing;
- `fail_str` with `findings`: a text on which the rule reports exactly these;
- `file_str` with `findings` (possibly none): a whole FAQ file, for what one
  entry's text cannot show (two entries, a repeated key, broken YAML, bytes
  that are not UTF-8 with `encoding`).

A finding is expected as `message` (words the message holds) and where it
stands: `line` and `column` (counted in the text given, or in the file for
`file_str`) or `evidence` (the characters its span covers, spacing aside), or
both; `rule` defaults to the file's rule, and `severity`, when given, is the
finding's own (a rule may report a case it is less sure of below its
severity). `fix_str` is the text after `faq-audit fix`; without it, `fix` must
leave the text as it is. `configs` are the rule's options, written to a real
`faq-audit.yaml`; `select` names other rules to run alongside (a suppression is
only judged for a rule that runs);
`today` fixes the date for `review-due`; `policies` is a policy registry,
written to faq/policies.yaml beside the case's file (for `policy-mismatch`);
`links` gives the results of probing (url: {verdict, status, final_url,
error}), as `faq-audit links` hands them to the link rules, so a link case
probes nothing; `links_config` is the config's `links:` section, as text
appended to the config (a finding in the config is counted in that file);
`xfail` gives the reason a case shows a known bug. `doc: true` marks a case
taken from the rule's documentation: its
lines must stand there, word for word, so the documentation and the tests say
the same thing.

Each case is written as a real file, audited by the real engine and fixed by
the real `faq-audit fix`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from audit import engine
from audit.cli import main
from audit.commands.fix import UNREADABLE_RULES
from audit.config import load_config
from audit.facts.registry import load_facts
from audit.links.history import History
from audit.links.results import LinkResult, Verdict
from audit.model import Finding
from audit.rules import all_rules, config_problems, documentation, review_due

CASES = Path(__file__).parent / "cases"

# Rules with no case file, each with the reason no case can show it. None today: what
# one entry's text cannot show, a whole file (`file_str`) can, even one that is not
# UTF-8 (`encoding`); only `unreadable-file`'s 10 MB limit is left to
# tests/test_bad_inputs.py, beside cases of its other causes.
EXEMPT: dict[str, str] = {}

# Rules whose failing input a docstring cannot show; their cases are not `doc` cases.
UNSHOWABLE: dict[str, str] = {
    "unreadable-file": "bytes that are not text",
    "byte-order-mark": "an invisible character before the first line",
}

CASE_KEYS = frozenset(
    {
        "name",
        "pass_str",
        "fail_str",
        "file_str",
        "findings",
        "fix_str",
        "field",
        "configs",
        "select",
        "today",
        "encoding",
        "doc",
        "xfail",
        "policies",
        "links",
        "links_config",
    }
)
FINDING_KEYS = frozenset({"rule", "message", "line", "column", "evidence", "severity"})

# Where the judged text stands in the file an entry case is written as: the block
# scalar's first line is line 6, indented by 6 spaces (see `entry_file`).
FIRST_LINE, KEY_INDENT, INDENT = 6, 4, 6
OTHER_FIELD = {"answer": ("question", "How does it work?"), "question": ("answer", "It works.")}


@dataclass(frozen=True, slots=True)
class Expected:
    rule: str
    message: str
    line: int | None = None
    column: int | None = None
    evidence: str | None = None
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    rule: str
    name: str
    text: str
    whole_file: bool
    passing: bool
    expected: tuple[Expected, ...]
    fix: str | None = None
    judged: str = "answer"  # the field the text is written to
    configs: Mapping[str, Any] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    today: dt.date | None = None
    encoding: str = "utf-8"
    doc: bool = False
    xfail: str | None = None
    policies: str | None = None
    links: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    links_config: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


def load_cases(path: Path) -> Iterator[Case]:
    """The cases of one file, each checked for keys that say nothing (a typo in a key
    would otherwise make a case that can never fail)."""
    rule = path.stem
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(document) == {"cases"}, f"{path.name}: a case file holds `cases:` only"
    for raw in document["cases"]:
        assert set(raw) <= CASE_KEYS, (path.name, sorted(set(raw) - CASE_KEYS))
        texts = [key for key in ("pass_str", "fail_str", "file_str") if key in raw]
        assert len(texts) == 1, (path.name, raw.get("name"), "one of pass/fail/file_str")
        kind = texts[0]
        if kind == "pass_str":
            assert "findings" not in raw, (path.name, raw["name"])
        else:
            assert "findings" in raw, (path.name, raw["name"], "say which findings")
        if kind == "fail_str":
            assert raw["findings"], (path.name, raw["name"], "a failing case finds something")
        assert raw.get("field", "answer") in OTHER_FIELD, (path.name, raw["name"])
        assert isinstance(raw.get("today", dt.date.today()), dt.date), (path.name, raw["name"])
        expected = tuple(_expected(rule, item, path.name) for item in raw.get("findings", ()))
        yield Case(
            rule=rule,
            name=raw["name"],
            text=raw[kind],
            whole_file=kind == "file_str",
            passing=not expected,
            expected=expected,
            fix=raw.get("fix_str"),
            judged=raw.get("field", "answer"),
            configs=raw.get("configs", {}),
            select=tuple(raw.get("select", ())),
            today=raw.get("today"),
            encoding=raw.get("encoding", "utf-8"),
            doc=raw.get("doc", False),
            xfail=raw.get("xfail"),
            policies=raw.get("policies"),
            links=raw.get("links", {}),
            links_config=raw.get("links_config"),
        )


def _expected(rule: str, item: Mapping[str, Any], where: str) -> Expected:
    assert set(item) <= FINDING_KEYS, (where, sorted(set(item) - FINDING_KEYS))
    assert "message" in item, (where, item, "a word of the message")
    assert "line" in item or "evidence" in item, (where, item, "where it stands")
    keys = (("message", str), ("evidence", str), ("line", int), ("column", int), ("severity", str))
    for key, kind in keys:
        assert isinstance(item.get(key, kind()), kind), (where, item, f"{key} is a {kind}")
    return Expected(
        item.get("rule", rule),
        item["message"],
        item.get("line"),
        item.get("column"),
        item.get("evidence"),
        item.get("severity"),
    )


def all_cases() -> list[Case]:
    return [case for path in sorted(CASES.glob("*.yml")) for case in load_cases(path)]


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


# --------------------------------------------------------------------------- writing a case


def literal_block(text: str, key_indent: int) -> str:
    """`text` as the YAML literal block scalar of a key at `key_indent`: the header
    and the lines, indented two more.

    Literal style keeps every character as written (no escapes, no folding); the
    header says what plain `|` cannot: the indentation when the text opens with a
    space, and how many line breaks end it.
    """
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    indicator = "2" if body.lstrip("\n").startswith(" ") else ""
    pad = " " * (key_indent + 2)
    lines = "".join(f"{pad}{line}\n" if line else "\n" for line in body.split("\n"))
    return f"|{indicator}{chomp}\n{lines}" + "\n" * max(0, trailing - 1)


def entry_file(text: str, judged: str) -> str:
    """A category file with one entry whose `judged` field is exactly `text`."""
    other, value = OTHER_FIELD[judged]
    return (
        "category: Cases\n"
        "entries:\n"
        "  - id: case\n"
        f"    {other}: {value}\n"
        f"    {judged}: {literal_block(text, KEY_INDENT)}"
    )


def file_text(case: Case, text: str) -> str:
    return text if case.whole_file else entry_file(text, case.judged)


def write_case(case: Case, folder: Path) -> tuple[Path, Path]:
    """The FAQ file of a case and its config, written below `folder`."""
    faq = folder / "faq" / "cases.yaml"
    faq.parent.mkdir(parents=True)
    faq.write_bytes(file_text(case, case.text).encode(case.encoding))
    if not case.whole_file:  # the file says exactly what the case means
        (entry,) = yaml.safe_load(faq.read_text(encoding="utf-8"))["entries"]
        assert entry[case.judged] == case.text
    if case.policies is not None:  # the registry the config names by default
        (faq.parent / "policies.yaml").write_text(case.policies, encoding="utf-8")
    config = folder / "faq-audit.yaml"
    settings = {"rules": {case.rule: dict(case.configs)}} if case.configs else {"region": "US"}
    config.write_text(yaml.safe_dump(settings) + (case.links_config or ""), encoding="utf-8")
    return faq, config


# --------------------------------------------------------------------------- judging a case


@dataclass(frozen=True, slots=True)
class Found:
    """A finding as a case states it: positions in the case's text, the span's characters."""

    rule: str
    message: str
    line: int
    column: int
    evidence: str | None
    severity: str = ""

    def matches(self, expected: Expected) -> bool:
        return (
            self.rule == expected.rule
            and expected.message in self.message
            and expected.line in (None, self.line)
            and expected.column in (None, self.column)
            and (expected.evidence is None or _spaced(expected.evidence) == self.evidence)
            and expected.severity in (None, self.severity)
        )


def _spaced(text: str | None) -> str | None:
    """Evidence with each run of white space made one space, as a folded line reads."""
    return None if text is None else re.sub(r"\s+", " ", text)


def found(case: Case, finding: Finding, text: str, *, in_config: bool = False) -> Found:
    p = finding.position
    line, column = p.line, p.column
    if not (case.whole_file or in_config):
        line, column = line - FIRST_LINE + 1, column - INDENT
    evidence = None
    if p.end_line is not None and p.end_column is not None:
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        start = starts[p.line - 1] + p.column - 1
        end = starts[p.end_line - 1] + p.end_column - 1
        evidence = _spaced(text[start:end])
    return Found(finding.rule, finding.message, line, column, evidence, str(finding.severity))


def audit(case: Case, faq: Path, config: Path) -> list[Found]:
    settings = load_config(config, check=config_problems)
    options = engine.Options(
        select=frozenset({case.rule, *case.select}),
        config=settings,
        facts=load_facts(settings, [faq.parent]),
        links={url: _link_result(url, given) for url, given in case.links.items()},
    )
    text = faq.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    settings_text = config.read_text(encoding="utf-8")
    return [
        found(case, f, settings_text, in_config=True)
        if f.position.path == settings.path
        else found(case, f, text)
        for f in engine.audit([faq.parent], options).findings
    ]


def _link_result(url: str, given: Mapping[str, Any]) -> LinkResult:
    """A probe's result as a case states it (only `verdict` is required)."""
    assert set(given) <= {"verdict", "status", "final_url", "error"}, (url, sorted(given))
    return LinkResult(
        url,
        Verdict(given["verdict"]),
        given.get("status"),
        given.get("final_url"),
        error=given.get("error"),
    )


def assert_findings(got: Sequence[Found], expected: Sequence[Expected]) -> None:
    report = "\n".join(f"  {f}" for f in got) or "  (none)"
    assert len(got) == len(expected), f"expected {len(expected)} findings, got:\n{report}"
    for finding, wanted in zip(got, expected, strict=True):
        assert finding.matches(wanted), f"{wanted} is not\n  {finding}\nof:\n{report}"


@pytest.mark.parametrize("case", [_param(case) for case in all_cases()])
def test_each_rule_case_gives_exactly_its_findings_and_fix(
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if case.today is not None:
        today = case.today
        monkeypatch.setattr(review_due, "today", lambda: today)
    faq, config = write_case(case, tmp_path)
    before = faq.read_bytes()

    assert_findings(audit(case, faq, config), case.expected)

    selected = ",".join((case.rule, *case.select))
    argv = ["fix", str(faq.parent), "--select", selected, "--config", str(config)]
    if case.links:  # `fix --links` reads the moved links from a history of the results
        with History(tmp_path / "links.sqlite") as history:
            history.record(_link_result(url, given) for url, given in case.links.items())
        argv += ["--links", "--history", str(tmp_path / "links.sqlite")]
    # `fix` exits 1 on a file it cannot read, as `validate` does.
    unread = any(wanted.rule in UNREADABLE_RULES for wanted in case.expected)
    assert main(argv) == (1 if unread else 0)
    capsys.readouterr()
    expected = before if case.fix is None else file_text(case, case.fix).encode(case.encoding)
    assert faq.read_bytes().decode(case.encoding) == expected.decode(case.encoding)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain",
        "  opens with spaces",
        "\n\nopens with blank lines",
        "ends with one break\n",
        "ends with three\n\n\n",
        "a: colon, # a hash, 'quotes' and \"quotes\", a tab\tand trailing spaces  ",
        "first\n\n   indented\nlast",
    ],
)
@pytest.mark.parametrize("judged", sorted(OTHER_FIELD))
def test_an_entry_case_is_written_as_exactly_its_text(text: str, judged: str) -> None:
    (entry,) = yaml.safe_load(entry_file(text, judged))["entries"]
    assert entry[judged] == text


# --------------------------------------------------------------------------- the cases as a whole


def test_every_rule_has_a_case_file_and_every_case_file_a_rule() -> None:
    files = {path.stem for path in CASES.glob("*.yml")}
    assert files == set(all_rules()) - set(EXEMPT)
    assert set(EXEMPT) <= set(all_rules())


def test_every_case_has_a_name_of_its_own() -> None:
    ids = [case.id for case in all_cases()]
    assert len(ids) == len(set(ids))


def test_every_rule_has_a_passing_and_a_failing_case_from_its_documentation() -> None:
    kinds: dict[str, set[bool]] = {}
    for case in all_cases():
        if case.doc:
            kinds.setdefault(case.rule, set()).add(case.passing)
    for rule in set(all_rules()) - set(EXEMPT) - set(UNSHOWABLE):
        assert kinds.get(rule) == {True, False}, rule


def test_every_option_of_every_rule_is_set_by_a_case() -> None:
    configured = {(case.rule, name) for case in all_cases() for name in case.configs}
    for rule in all_rules().values():
        for option in rule.options:
            assert (rule.id, option.name) in configured, (rule.id, option.name)


def test_every_fixable_rule_has_a_case_with_its_fix() -> None:
    fixed = {case.rule for case in all_cases() if case.fix is not None}
    assert fixed == {rule.id for rule in all_rules().values() if rule.fixable}


# A whole file's own lines (the category, `entries:`, an entry's id) are the case's
# frame, not its example.
FRAME = re.compile(r"category: .*|entries:|- id: [\w-]+")


def test_the_documentation_cases_stand_in_the_rules_documentation() -> None:
    rules = all_rules()
    for case in all_cases():
        if not case.doc:
            continue
        docs = " ".join(documentation(rules[case.rule]).split())  # lines wrap there
        for text in (case.text, case.fix or ""):
            for line in text.splitlines():
                line = " ".join(line.split())
                if line and not (case.whole_file and FRAME.fullmatch(line)):
                    assert line in docs, (case.id, line)

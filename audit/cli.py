"""Command line: arguments → options → pipeline → reporter. The only place that prints or exits.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or a
page that cannot be imported), 2 a usage error. Heavy modules (jsonschema, the
importer) are imported only by the commands that need them, so that `--help`
and `rules` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from audit import __version__
from audit.model import Severity

if TYPE_CHECKING:
    from audit.config import Config
    from audit.model import AuditResult
    from audit.pipeline import Options

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

VALIDATE_EPILOG = """\
examples:
  faq-audit validate                      check every YAML file under faq/
  faq-audit validate faq/shipping.yaml    check one file
  faq-audit validate --format json        machine-readable findings
  faq-audit validate --select schema,duplicate-id
  faq-audit validate --ignore duplicate-question --fail-on warning

Silence a finding where it is justified, with a reason, on its line or on
a line of its own above the entry:
  # faq-audit: ignore[duplicate-question] asked in two places on purpose
"""

FIX_EPILOG = """\
examples:
  faq-audit fix                   fix every file under faq/
  faq-audit fix --diff            show what would change
  faq-audit fix --check faq/      in CI: exit 1 if a fix is pending
  faq-audit fix --select phone-format
"""

IMPORT_EPILOG = """\
examples:
  faq-audit import page.txt --out faq/                 a scraped plain-text page
  faq-audit import faq.html --out faq/ --category Shipping
  faq-audit import page.html --out faq/ --force        overwrite faq/faq.yaml

Plain text: the page's chrome, then each question alone on a line ending in '?',
its answer the paragraphs that follow. HTML: schema.org FAQPage JSON-LD, or
<details>/<summary>, <dt>/<dd>, or headings ending in '?'. Defects are kept as
found, for `faq-audit validate` to report.
"""

RULES_EPILOG = """\
examples:
  faq-audit rules                 list every rule
  faq-audit rules duplicate-id    show what one rule catches, with examples
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but with a one-line usage error instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(EXIT_USAGE)


def _rule_list(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="faq-audit",
        description="Keep a customer FAQ true: check its YAML, contacts, facts and links.",
        epilog="Run `faq-audit COMMAND --help` for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"faq-audit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    validate = commands.add_parser(
        "validate",
        help="check FAQ files and report findings",
        description="Check FAQ YAML files against the schema and the content rules.",
        epilog=VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)"
    )
    validate.add_argument(
        "--format",
        default="text",
        help="output format: %(choices)s (default: %(default)s)",
        choices=_reporter_names(),
    )
    validate.add_argument(
        "--select",
        type=_rule_list,
        metavar="RULE,…",
        action="append",
        help="report only these rules (comma-separated; repeatable)",
    )
    validate.add_argument(
        "--ignore",
        type=_rule_list,
        metavar="RULE,…",
        action="append",
        help="do not report these rules (comma-separated; repeatable)",
    )
    validate.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default="error",
        help="exit 1 when a finding is at least this severe (default: %(default)s)",
    )
    _add_config_options(validate)
    validate.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (default: auto, on a terminal unless NO_COLOR is set)",
    )

    fixer = commands.add_parser(
        "fix",
        help="repair the mechanical problems in place",
        description=(
            "Apply the safe, mechanical fixes (phone numbers to house style, email "
            "normalization, spacing) in place. Only the characters of each fix change; "
            "comments, quoting and every other line stay byte for byte. Each file is "
            "written atomically."
        ),
        epilog=FIX_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fixer.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)")
    mode = fixer.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff; write nothing")
    mode.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if anything would change"
    )
    fixer.add_argument(
        "--select", type=_rule_list, metavar="RULE,…", action="append", help="fix only these rules"
    )
    fixer.add_argument(
        "--ignore",
        type=_rule_list,
        metavar="RULE,…",
        action="append",
        help="do not fix these rules",
    )
    _add_config_options(fixer)

    importer = commands.add_parser(
        "import",
        help="turn an existing FAQ page into faq/ YAML",
        description="Turn a scraped FAQ page (plain text or HTML) into one faq/ YAML file.",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument("page", type=Path, metavar="PAGE", help="the page, as .txt or .html")
    importer.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write to"
    )
    importer.add_argument(
        "--category", default="FAQ", help="the category title, and the file's name (default: FAQ)"
    )
    importer.add_argument("--force", action="store_true", help="overwrite an existing file")

    rules = commands.add_parser(
        "rules",
        help="list the rules, or explain one",
        description="List every rule with its default severity, or show one rule's documentation.",
        epilog=RULES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a rule id")
    rules.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="markdown prints the table the README carries (default: %(default)s)",
    )
    return parser


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="the config file (default: faq-audit.yaml here or in a parent folder)",
    )
    parser.add_argument(
        "--region",
        metavar="CC",
        help="default region for phone numbers, e.g. US (overrides config)",
    )
    parser.add_argument(
        "--phone-style",
        choices=("national", "dashes", "international", "e164"),
        help="house style for phone numbers (overrides config)",
    )


def _config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Config:
    """The config file's settings with the command line's on top; a broken config exits 2."""
    from audit.config import ConfigError, find_config, known_region, load_config

    path: Path | None = args.config
    if path is not None and not path.is_file():
        parser.error(f"the config file '{path}' does not exist")
    try:
        config = load_config(path or find_config(Path.cwd()))
    except ConfigError as err:
        for problem in err.problems:
            p = problem.position
            sys.stderr.write(f"{p.path}:{p.line}:{p.column}: error config {problem.message}\n")
        sys.stderr.write("faq-audit: error: the config file has problems; fix them first\n")
        raise SystemExit(EXIT_USAGE) from None
    if args.region:
        region = args.region.upper()
        if not known_region(region):
            parser.error(f"'{args.region}' is not a region faq-audit knows phone numbers for")
        config = replace(config, region=region)
    if args.phone_style:
        config = replace(config, phone_style=args.phone_style)
    return config


def _reporter_names() -> list[str]:
    from audit import reporters

    return reporters.names()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args, parser)
        if args.command == "fix":
            return _fix(args, parser)
        if args.command == "import":
            return _import(args, parser)
        if args.command == "rules":
            return _rules(args, parser)
    except KeyboardInterrupt:
        sys.stderr.write("faq-audit: interrupted\n")
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
        return EXIT_OK
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _options(
    args: argparse.Namespace, parser: argparse.ArgumentParser
) -> tuple[list[Path], Options]:
    """The paths and options that `validate` and `fix` share."""
    from audit import pipeline

    for name in args.paths:
        if not Path(name).exists():
            parser.error(f"the path '{name}' does not exist")
    paths = [Path(name) for name in args.paths] or [Path("faq")]
    select = frozenset().union(*args.select) if args.select else None
    ignore = frozenset().union(*args.ignore) if args.ignore else frozenset()
    options = pipeline.Options(select=select, ignore=ignore, config=_config(args, parser))
    try:
        pipeline.enabled_rules(options)
    except pipeline.UnknownRuleError as err:
        parser.error(f"unknown rule '{err}'; `faq-audit rules` lists them")
    return paths, options


def _audit(args: argparse.Namespace, parser: argparse.ArgumentParser) -> AuditResult:
    from audit import pipeline

    return pipeline.audit(*_options(args, parser))


def _fix(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import fixer

    changes = fixer.fix_all(*_options(args, parser))
    count = sum(len(change.fixes) for change in changes)
    if args.diff:
        sys.stdout.write("".join(change.diff() for change in changes))
    elif args.check:
        for change in changes:
            _note(f"{change.path}: {len(change.fixes)} fixable problem(s); run `faq-audit fix`")
    else:
        for change in changes:
            try:
                fixer.write(change)
            except fixer.ChangedOnDiskError:
                _note(f"{change.path}: changed while faq-audit ran; left as it is, run again")
                count -= len(change.fixes)
    verb = "would fix" if args.diff or args.check else "fixed"
    _note(f"{verb} {count} problem(s) in {len(changes)} file(s)")
    return EXIT_FINDINGS if args.check and changes else EXIT_OK


def _validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import reporters
    from audit.reporters.text import summary

    paths = [Path(name) for name in args.paths] or [Path("faq")]
    result = _audit(args, parser)
    if not result.corpus.files:
        _note(f"no YAML files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    render = reporters.get(args.format)
    color = _use_color(args.color, sys.stdout)
    sys.stdout.write(render(result, reporters.ReportContext(color=color)))
    sys.stdout.flush()
    _note(summary(result))
    threshold = Severity(args.fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.fileio import write_atomic
    from audit.importer import PageError, read_page, to_yaml
    from audit.importer.ids import slugify

    page: Path = args.page
    try:
        raw = page.read_bytes()
    except FileNotFoundError:
        parser.error(f"the page '{page}' does not exist")
    except OSError as err:
        parser.error(f"cannot read '{page}': {err.strerror or err}")
    text = raw.decode("utf-8", errors="replace")
    try:
        entries = read_page(text, name=str(page))
    except PageError as err:
        _note(f"faq-audit: {page}: {err}")
        return EXIT_FINDINGS
    out: Path = args.out
    target = out / f"{slugify(args.category) or 'faq'}.yaml"
    if target.exists() and not args.force:
        parser.error(f"'{target}' already exists; use --force to overwrite it")
    out.mkdir(parents=True, exist_ok=True)
    text = to_yaml(
        entries, category=args.category, schema_ref=_schema_ref(out), taken=_ids_in(out, target)
    )
    write_atomic(target, text)
    _note(f"wrote {target}: {len(entries)} entries; check them with `faq-audit validate {target}`")
    return EXIT_OK


def _ids_in(folder: Path, replaced: Path) -> set[str]:
    """Ids the other files of the FAQ already use, since ids must be unique across files."""
    from audit.loader import discover, load_file

    return {
        entry.id
        for path in discover([folder])
        if path.resolve() != replaced.resolve()
        for entry in load_file(path).entries
        if entry.id
    }


def _schema_ref(out: Path) -> str | None:
    """Point editors' YAML language servers at the project's schema, when there is one."""
    schema = Path("schemas") / "faq.schema.json"
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), out.resolve())).as_posix()


def _rules(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.checks import all_rules, documentation

    rules = all_rules()
    if args.rule:
        rule = rules.get(args.rule)
        if rule is None:
            parser.error(f"unknown rule '{args.rule}'; `faq-audit rules` lists them")
        sys.stdout.write(f"{rule.id} ({rule.severity})\n\n{documentation(rule)}\n")
        if rule.options:
            sys.stdout.write("\nOptions (set under rules: in faq-audit.yaml), with defaults:\n")
            for option, default in rule.options.items():
                sys.stdout.write(f"  {option}: {default!r}\n")
        return EXIT_OK
    if args.format == "markdown":
        sys.stdout.write("| id | severity | fix | what it catches |\n| --- | --- | --- | --- |\n")
        for rule in rules.values():
            fixable = "yes" if rule.fixable else ""
            sys.stdout.write(f"| `{rule.id}` | {rule.severity} | {fixable} | {rule.summary} |\n")
        return EXIT_OK
    width = max(len(r) for r in rules)
    for rule in rules.values():
        sys.stdout.write(f"{rule.id:<{width}}  {rule.severity!s:<7}  {rule.summary}\n")
    return EXIT_OK


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _note(message: str) -> None:
    sys.stderr.write(message + "\n")

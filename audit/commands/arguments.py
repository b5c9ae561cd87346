"""The command line's grammar: commands, options, help with examples.

Kept apart from `cli`, which runs the commands, so that what a user can type
is read in one place.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from audit import __version__
from audit.model import Severity

EXIT_USAGE = 2

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


class UsageError(Exception):
    """A command line that cannot run. The command line says so, in one line or in
    the chosen `--format`, and exits 2."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.message = message
        self.prog = prog

    def __str__(self) -> str:
        return f"{self.prog}: error: {self.message} (see `{self.prog} --help`)"


class _Parser(argparse.ArgumentParser):
    """argparse, but with a one-line usage error instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def _category(value: str) -> str:
    """A category title: a blank one names no file and makes one the schema rejects."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "the category must not be blank; give the title its questions appear under"
        )
    return value


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
    add_config_options(validate)
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
    add_config_options(fixer)

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
        "--category",
        default="FAQ",
        type=_category,
        help="the category title, and the file's name (default: FAQ)",
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


def add_config_options(parser: argparse.ArgumentParser) -> None:
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


def _reporter_names() -> list[str]:
    from audit import reporters

    return reporters.names()

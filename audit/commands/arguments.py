"""The command line's grammar: commands, options, help with examples.

Kept apart from the command modules, which run the commands, so that what a
user can type is read in one place. Each command's subparser names the module
of `audit.commands` that runs it (`add_command`): that is the table
`audit.cli.main` dispatches by.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from audit import __version__
from audit.commands import EXIT_USAGE
from audit.model import Severity

__all__ = ["EXIT_USAGE", "UsageError", "add_command", "add_config_options", "build_parser"]

VALIDATE_EPILOG = """\
examples:
  faq-audit validate                      check every YAML file under faq/
  faq-audit validate faq/shipping.yaml    check one file
  faq-audit validate --format json        machine-readable findings
  faq-audit validate --select schema,duplicate-id
  faq-audit validate --ignore duplicate-question --fail-on warning
  faq-audit validate --format sarif --output faq-audit.sarif   for code scanning
  faq-audit validate --baseline .faq-audit-baseline.json       only findings not accepted

Silence a finding where it is justified, with a reason, on its line or on
a line of its own above the entry:
  # faq-audit: ignore[duplicate-question] asked in two places on purpose
"""

FIX_EPILOG = """\
examples:
  faq-audit fix                   fix every file under faq/
  faq-audit fix --diff            show what would change
  faq-audit fix --check faq/      in CI: exit 1 if a fix is pending
  faq-audit fix --diff --check    in CI: show the pending fixes, and exit 1
  faq-audit fix --select phone-format
  faq-audit fix --links           also write the new address of links moved for good
"""

IMPORT_EPILOG = """\
examples:
  faq-audit import page.txt --out faq/                 a scraped plain-text page
  faq-audit import faq.html --out faq/ --category Shipping
  faq-audit import page.html --out faq/ --force        overwrite faq/faq.yaml

  faq-audit import faq.html --out faq/ --format json   also list what was not kept

Plain text: the page's chrome, then each question alone on a line ending in '?',
its answer the paragraphs that follow. HTML: accordions (<details>, Bootstrap,
USWDS, aria-controls), <dt>/<dd>, headings, "Q:" paragraphs, schema.org
Question microdata or FAQPage JSON-LD; the structure finding the most answers
wins. Answers are written as Markdown; section headings become categories, one
file each. Defects are kept as found, for `faq-audit validate` to report.
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


if TYPE_CHECKING:
    _Commands = argparse._SubParsersAction[_Parser]


def _category(value: str) -> str:
    """A category title: a blank one names no file and makes one the schema rejects."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "the category must not be blank; give the title its questions appear under"
        )
    return value


def _rule_list(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _selection(value: str) -> frozenset[str]:
    """`--select`'s rules. An empty list is refused: it would select nothing and pass
    every file, which is what an unset variable in CI (`--select "$RULES"`) does."""
    rules = _rule_list(value)
    if not rules:
        raise argparse.ArgumentTypeError(
            f"{value!r} names no rule; give rule ids or families, comma-separated"
        )
    return rules


def build_parser() -> argparse.ArgumentParser:
    """The whole grammar: each command's subparser is added by a function of its own below."""
    parser = _Parser(
        prog="faq-audit",
        description="Keep a customer FAQ true: check its YAML, contacts, facts and links.",
        epilog="Run `faq-audit COMMAND --help` for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"faq-audit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (_validate, _fix, _import, _rules, _facts, _links, _report, _export, _baseline):
        add(commands)
    return parser


def _validate(commands: _Commands) -> None:
    validate = add_command(
        commands,
        "validate",
        module="validate",
        help="check FAQ files and report findings",
        description="Check FAQ YAML files against the schema and the content rules.",
        epilog=VALIDATE_EPILOG,
    )
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)"
    )
    add_format_options(validate)
    accepted = validate.add_mutually_exclusive_group()
    accepted.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report and fail only on findings not in this baseline (default: the config's)",
    )
    accepted.add_argument(
        "--no-baseline", action="store_true", help="ignore the config's baseline; report all"
    )
    validate.add_argument(
        "--select",
        type=_selection,
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


def _fix(commands: _Commands) -> None:
    fixer = add_command(
        commands,
        "fix",
        module="fix",
        help="repair the mechanical problems in place",
        description=(
            "Apply the safe, mechanical fixes (phone numbers to house style, email "
            "normalization, spacing) in place. Only the characters of each fix change; "
            "comments, quoting and every other line stay byte for byte. Each file is "
            "written atomically."
        ),
        epilog=FIX_EPILOG,
    )
    fixer.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)")
    fixer.add_argument(
        "--diff", action="store_true", help="print a unified diff; write nothing; exit 0"
    )
    fixer.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if anything would change (with --diff: show it, too)",
    )
    fixer.add_argument(
        "--select", type=_selection, metavar="RULE,…", action="append", help="fix only these rules"
    )
    fixer.add_argument(
        "--ignore",
        type=_rule_list,
        metavar="RULE,…",
        action="append",
        help="do not fix these rules",
    )
    fixer.add_argument(
        "--links",
        action="store_true",
        help="also replace links whose permanent redirect is in the link history",
    )
    fixer.add_argument(
        "--history", type=Path, metavar="FILE", help="the link history (with --links)"
    )
    add_config_options(fixer)


def _import(commands: _Commands) -> None:
    importer = add_command(
        commands,
        "import",
        module="import_page",
        help="turn an existing FAQ page into faq/ YAML",
        description="Turn a scraped FAQ page (plain text or HTML) into one faq/ YAML file.",
        epilog=IMPORT_EPILOG,
    )
    importer.add_argument("page", type=Path, metavar="PAGE", help="the page, as .txt or .html")
    importer.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write to"
    )
    importer.add_argument(
        "--category",
        default="FAQ",
        type=_category,
        help="the category title, and the file's name (default: FAQ); a page with section"
        " headings gives one file per section",
    )
    importer.add_argument("--force", action="store_true", help="overwrite an existing file")
    importer.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json also prints the files written and what was not kept (default: %(default)s)",
    )


def _rules(commands: _Commands) -> None:
    rules = add_command(
        commands,
        "rules",
        module="rules",
        help="list the rules, or explain one",
        description="List every rule with its default severity, or show one rule's documentation.",
        epilog=RULES_EPILOG,
    )
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a rule id")
    rules.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="markdown prints the table the README carries; json is for tools "
        "(default: %(default)s)",
    )


FACTS_EPILOG = """\
examples:
  faq-audit facts                   the registry's facts, and where answers state each
  faq-audit facts --format json     every claim read, with its entry, line and value

The registry is faq/policies.yaml, or the file the config's `policies:` names.
"""


def _facts(commands: _Commands) -> None:
    facts = add_command(
        commands,
        "facts",
        module="facts",
        help="list the policy facts and every place the answers state them",
        description=(
            "Print the policy registry's facts, each with its value and every claim in the "
            "answers that states it (agreeing or not), then the claims that state no fact."
        ),
        epilog=FACTS_EPILOG,
    )
    facts.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)")
    facts.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json lists every claim read, for auditing the extractor (default: %(default)s)",
    )
    add_config_options(facts)


LINKS_EPILOG = """\
examples:
  faq-audit links                              probe every link under faq/
  faq-audit links --changed-since origin/main  only links of entries changed since
  faq-audit links --max-age 7d --fail-after 3  nightly: reuse fresh results, page on streaks
  faq-audit links README.md docs/page.html     links in Markdown, HTML or text files
  faq-audit links --urls-from urls.txt         one URL a line (`-` reads standard input)

Results are kept in .faq-audit/links.sqlite (`--history`); mailto: and tel: links
and links to #entry-ids are checked without any request.
"""


def _links(commands: _Commands) -> None:
    links = add_command(
        commands,
        "links",
        module="links",
        help="probe every link and report the broken ones",
        description="Probe each URL once (politely, safely) and report it wherever it occurs.",
        epilog=LINKS_EPILOG,
    )
    links.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="FAQ files or folders, and Markdown, HTML or text files (default: faq/)",
    )
    links.add_argument(
        "--urls-from",
        action="append",
        metavar="FILE",
        help="a file of URLs, one a line; - is stdin",
    )
    links.add_argument(
        "--changed-since", metavar="GIT_REF", help="only links of entries added or edited since"
    )
    add_format_options(links)
    links.add_argument("--history", type=Path, metavar="FILE", help="the SQLite history file")
    links.add_argument(
        "--max-age", type=max_age, metavar="AGE", help="reuse successes younger than AGE (7d, 12h)"
    )
    links.add_argument(
        "--fail-after", type=int, metavar="K", help="fail only for links broken K runs in a row"
    )
    links.add_argument(
        "--allow-private", action="store_true", help="let the prober reach private addresses"
    )
    links.add_argument(
        "--faq-url", metavar="URL", help="the FAQ page: its #fragments are entry ids"
    )
    links.add_argument(
        "--select", type=_selection, metavar="RULE,…", action="append", help="report only these"
    )
    links.add_argument(
        "--ignore", type=_rule_list, metavar="RULE,…", action="append", help="do not report these"
    )
    links.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default="error",
        help="exit 1 when a finding is at least this severe (default: %(default)s)",
    )
    add_probe_flags(links)
    add_config_options(links)
    links.add_argument("--color", choices=("auto", "always", "never"), default="auto")


REPORT_EPILOG = """\
examples:
  faq-audit report --html out/report.html               one page for whoever approves a publish
  faq-audit report --html out/r.html --markdown out/r.md --since origin/main
  faq-audit report                                      the same in Markdown, on standard output

The page is self-contained (no scripts, no outside files) and prints well.
Link health comes from the link history that `faq-audit links` keeps.
"""


def _report(commands: _Commands) -> None:
    report = add_command(
        commands,
        "report",
        module="report",
        help="write the pre-publish report (HTML and/or Markdown)",
        description=(
            "Write one page that says whether the FAQ is fit to publish: findings by entry, "
            "policy facts, contacts, link health and, with --since, what changed."
        ),
        epilog=REPORT_EPILOG,
    )
    report.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)")
    report.add_argument("--html", type=Path, metavar="FILE", help="write the HTML page here")
    report.add_argument("--markdown", type=Path, metavar="FILE", help="write Markdown here")
    report.add_argument("--since", metavar="GIT_REF", help="also show what changed since GIT_REF")
    report.add_argument("--history", type=Path, metavar="FILE", help="the link history file")
    add_config_options(report)


EXPORT_EPILOG = """\
examples:
  faq-audit export --format jsonld --output site/faq.jsonld   schema.org FAQPage
  faq-audit export --format json > site/faq.json              plain data for a front end
  faq-audit export --format html --output site/faq.html       <details> per entry, id = entry id

Refuses (exit 1) while `faq-audit validate` reports errors, unless --force.
"""


def _export(commands: _Commands) -> None:
    export = add_command(
        commands,
        "export",
        module="export",
        help="write the FAQ as schema.org JSON-LD, JSON or an HTML fragment",
        description="Export the validated FAQ for the web site; answers become simple HTML.",
        epilog=EXPORT_EPILOG,
    )
    export.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)")
    export.add_argument(
        "--format",
        choices=("jsonld", "json", "html"),
        default="jsonld",
        help="jsonld: FAQPage; json: plain data; html: a fragment (default: %(default)s)",
    )
    export.add_argument("--output", type=Path, metavar="FILE", help="write here, not to stdout")
    export.add_argument(
        "--force", action="store_true", help="export even while validate reports errors"
    )
    add_config_options(export)


# Flag (and config key, with dashes) → type and help; each is a ProbeSettings field.
PROBE_FLAGS: dict[str, tuple[Callable[[str], Any], str]] = {
    "concurrency": (int, "requests in flight at once (default 32)"),
    "per-host": (int, "requests in flight at once to one host (default 4)"),
    "host-interval": (float, "least seconds between two requests to one host (default 0)"),
    "connect-timeout": (float, "seconds to wait for a connection (default 10)"),
    "read-timeout": (float, "seconds to wait for data (default 20)"),
    "url-deadline": (float, "hard limit in seconds per URL, retries included (default 60)"),
    "run-budget": (float, "seconds the run may take; links left are unchecked (default: none)"),
    "retries": (int, "retries of connection errors, 5xx and 429 (default 2)"),
    "backoff": (float, "first retry's wait in seconds, doubled each time (default 0.5)"),
    "max-retry-after": (float, "longest Retry-After honoured, in seconds (default 30)"),
    "max-redirects": (int, "redirects followed at most (default 10)"),
    "max-body": (int, "bytes of an HTML body read at most (default 2000000)"),
    "user-agent": (str, "the User-Agent header"),
    "breaker-threshold": (int, "429s or bot blocks from a host before deferring it (default 3)"),
    "ca-file": (str, "extra trusted CA certificates, a PEM file (an intranet's own CA)"),
}


def add_probe_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("prober limits (also `links:` keys in the config)")
    for name, (kind, text) in PROBE_FLAGS.items():
        group.add_argument(f"--{name}", type=kind, default=None, help=text)


def max_age(value: str) -> dt.timedelta:
    """`7d`, `12h`, `30m` or a number of days."""
    units = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
    text = value.strip().lower()
    unit = units.get(text[-1:], "") if text else ""
    number = text[:-1] if unit else text
    try:
        amount = float(number)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"'{value}' is not an age such as 7d or 12h") from err
    return dt.timedelta(**{unit or "days": amount})


def add_command(
    commands: _Commands,
    name: str,
    *,
    module: str,
    **settings: Any,
) -> argparse.ArgumentParser:
    """The subparser of the command `name`, which the module `audit.commands.<module>` runs.

    The module's name rides on the parsed arguments (`args.command_module`), so the
    table of commands `main` dispatches by is built here, from the subparsers, and a
    command cannot be added to the grammar without saying what runs it.
    """
    parser = commands.add_parser(
        name, formatter_class=argparse.RawDescriptionHelpFormatter, **settings
    )
    # The subparser rides along too, so that a usage error found while the command runs
    # points at this command's help, not the top-level one.
    parser.set_defaults(command_module=module, command_parser=parser)
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
        choices=("national", "dashes", "1-800", "international", "e164"),
        help="house style for phone numbers (overrides config)",
    )


BASELINE_EPILOG = """\
examples:
  faq-audit baseline                    accept the findings of faq/ as they are today
  faq-audit baseline faq/shipping.yaml  rewrite the entries of one file, keep the others

Writes the config's `baseline:` file, else .faq-audit-baseline.json here. Give each
entry a `reason`; rewriting keeps the reasons of findings still found, and drops
entries that match nothing any more. `validate` then reports only new findings.
"""


def _baseline(commands: _Commands) -> None:
    baseline = add_command(
        commands,
        "baseline",
        module="baseline",
        help="accept today's findings, so that validate fails only on new ones",
        description=(
            "Write the current findings to the baseline file, each with a reason to fill in; "
            "`faq-audit validate` then reports only findings not in it."
        ),
        epilog=BASELINE_EPILOG,
    )
    baseline.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: faq/)"
    )
    baseline.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="the file to write (default: the config's, else .faq-audit-baseline.json)",
    )
    add_config_options(baseline)


def add_format_options(parser: argparse.ArgumentParser) -> None:
    """`--format` and `--output` of a command that reports findings. Without `--format`,
    the format is `github` under GitHub Actions and `text` elsewhere (`report_format`)."""
    parser.add_argument(
        "--format",
        choices=_reporter_names(),
        help="output format: %(choices)s (default: text; github under GitHub Actions)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write the report to FILE (atomically) instead of standard output",
    )


def _reporter_names() -> list[str]:
    from audit import reporters

    return reporters.names()

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
from typing import TYPE_CHECKING, TextIO

from audit.commands.arguments import EXIT_USAGE, UsageError, build_parser
from audit.model import Severity

if TYPE_CHECKING:
    from audit.config import Config, ConfigError
    from audit.engine import Options

EXIT_OK, EXIT_FINDINGS = 0, 1
CONFIG_RULE = "config"  # the id a config file's problems are reported under


def _config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Config:
    """The config file's settings with the command line's on top; a broken config exits 2."""
    from audit.config import find_config, known_region, load_config
    from audit.rules import config_problems

    path: Path | None = args.config
    if path is not None and not path.is_file():
        parser.error(f"the config file '{path}' does not exist")
    # Rule ids and options are checked by the registry, with the config's other problems;
    # a ConfigError is main's to report.
    config = load_config(path or find_config(Path.cwd()), check=config_problems)
    if args.region:
        region = args.region.upper()
        if not known_region(region):
            parser.error(f"'{args.region}' is not a region faq-audit knows phone numbers for")
        config = replace(config, region=region)
    if args.phone_style:
        config = replace(config, phone_style=args.phone_style)
    return config


def main(argv: Sequence[str] | None = None) -> int:
    from audit.config import ConfigError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as err:
        _note(str(err))  # before the arguments are read, the format is not known: words
        return EXIT_USAGE
    try:
        if args.command == "validate":
            return _validate(args, parser)
        if args.command == "fix":
            return _fix(args, parser)
        if args.command == "import":
            return _import(args, parser)
        if args.command == "rules":
            return _rules(args, parser)
    except (UsageError, ConfigError) as err:
        return _stopped(args, err)
    except KeyboardInterrupt:
        sys.stderr.write("faq-audit: interrupted\n")
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
        return EXIT_OK
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _stopped(args: argparse.Namespace, err: UsageError | ConfigError) -> int:
    """A run that cannot start (a usage error, a broken config) says why in the chosen
    format, and exits 2.

    In text, that is lines on standard error, as for any note. A format for tools
    prints its usual document on standard output, with an `error` and the config's
    problems as findings of the `config` rule, on their lines, so a tool that reads
    the report learns why there is nothing else in it.
    """
    from audit import reporters
    from audit.config import ConfigError
    from audit.findings import fingerprints
    from audit.model import AuditResult, Corpus, Finding
    from audit.rules import all_rules

    findings: tuple[Finding, ...] = ()
    if isinstance(err, ConfigError):
        message = "the config file has problems; fix them first"
        stamped = (
            Finding(CONFIG_RULE, Severity.ERROR, p.message, p.position, related=p.related)
            for p in err.problems
        )
        findings = tuple(fingerprints.assign(stamped, {}))
        said = f"faq-audit: error: {message}"
    else:
        message, said = err.message, str(err)
    result = AuditResult(Corpus(()), findings, error=message)
    form = args.format if args.command == "validate" else "text"
    render = reporters.get(form)(result, all_rules(), reporters.ReportContext())
    if form == "text":  # words go to standard error, like every note
        sys.stderr.write(render)
        _note(said)
    else:
        sys.stdout.write(render)
    return EXIT_USAGE


def _options(
    args: argparse.Namespace, parser: argparse.ArgumentParser
) -> tuple[list[Path], Options]:
    """The paths and options that `validate` and `fix` share."""
    from audit import engine as pipeline

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


def _fix(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.commands.summary import plural
    from audit.fix import apply as fixer

    changes = fixer.fix_all(*_options(args, parser))
    count = sum(len(change.fixes) for change in changes)
    if args.diff:
        sys.stdout.write("".join(change.diff() for change in changes))
    elif args.check:
        for change in changes:
            fixable = plural(len(change.fixes), "fixable problem")
            _note(f"{change.path}: {fixable}; run `faq-audit fix`")
    else:
        for change in changes:
            try:
                fixer.write(change)
            except fixer.ChangedOnDiskError:
                _note(f"{change.path}: changed while faq-audit ran; left as it is, run again")
                count -= len(change.fixes)
    verb = "would fix" if args.diff or args.check else "fixed"
    if not changes:
        _note("nothing to fix")
    else:
        _note(f"{verb} {plural(count, 'problem')} in {plural(len(changes), 'file')}")
    return EXIT_FINDINGS if args.check and changes else EXIT_OK


def _validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine as pipeline
    from audit import reporters
    from audit.commands.summary import summary
    from audit.rules import all_rules

    paths, options = _options(args, parser)
    result = pipeline.audit(paths, options)
    if not result.corpus.files:
        _note(f"no YAML files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
    render = reporters.get(args.format)
    color = _use_color(args.color, sys.stdout)
    sys.stdout.write(render(result, all_rules(), reporters.ReportContext(color=color)))
    sys.stdout.flush()
    _note(summary(result))
    threshold = Severity(args.fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit.fix.atomic import write_atomic
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
    from audit.source.loader import discover, load_file

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
    from audit.rules import Option, all_rules, documentation, members

    rules = all_rules()
    if args.rule:
        chosen = [rules[rule_id] for rule_id in sorted(members(args.rule))]
        if not chosen:
            parser.error(f"unknown rule '{args.rule}'; `faq-audit rules` lists them")
        rule = rules.get(args.rule)
        if rule is None:  # a family: its rules share a module, and so their documentation
            heading = f"{args.rule}: the rules {', '.join(r.id for r in chosen)}"
        elif rule.family != rule.id:
            heading = f"{rule.id} ({rule.severity}; of the {rule.family} family)"
        else:
            heading = f"{rule.id} ({rule.severity})"
        sys.stdout.write(f"{heading}\n\n{documentation(chosen[0])}\n")
        options: dict[str, Option] = {}
        for member in chosen:
            options.update({option.name: option for option in member.options})
        if options:
            sys.stdout.write("\nOptions (set under rules: in faq-audit.yaml), with defaults:\n")
            for option in options.values():
                note = f"  # {option.doc}" if option.doc else ""
                sys.stdout.write(f"  {option.name}: {option.value()!r}{note}\n")
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

"""Command line: arguments → options → pipeline → reporter. The only place that prints or exits.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or a
page that cannot be imported), 2 a usage error. Heavy modules (jsonschema, the
importer) are imported only by the commands that need them, so that `--help`
and `rules` answer at once.
"""

from __future__ import annotations

import argparse
import contextlib
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
    from audit.fix.apply import FileChange

EXIT_OK, EXIT_FINDINGS = 0, 1
CONFIG_RULE = "config"  # the id a config file's problems are reported under


def _config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Config:
    """The config file's settings with the command line's on top; a broken config exits 2."""
    from audit.config import find_config, known_region, load_config
    from audit.rules import config_problems

    path: Path | None = args.config
    if path is not None and not _may_be_a_file(path):
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


def _may_be_a_file(path: Path) -> bool:
    """Whether a path may name a file: it is one, or it cannot be reached to tell (then
    reading it reports why, on its line, like any problem of the config file).

    `Path.is_file` raised PermissionError for a file in a folder that may not be searched.
    """
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):
        return True


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
    from audit import engine

    for name in args.paths:
        if _missing(name):
            parser.error(f"the path '{name}' does not exist")
    paths = [Path(name) for name in args.paths] or [Path("faq")]
    select = frozenset().union(*args.select) if args.select else None
    ignore = frozenset().union(*args.ignore) if args.ignore else frozenset()
    options = engine.Options(select=select, ignore=ignore, config=_config(args, parser))
    try:
        engine.enabled_rules(options)
    except engine.UnknownRuleError as err:
        parser.error(f"unknown rule '{err}'; `faq-audit rules` lists them")
    return paths, options


def _missing(name: str) -> bool:
    """Whether a path named on the command line is not there (a usage error, exit 2).

    A path that is there but cannot be reached (a folder on the way that may not
    be searched, a symlink loop) goes on, to be reported as an `unreadable-file`
    finding like any file that cannot be read: `Path.exists` raised
    PermissionError for it.
    """
    try:
        os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):
        return False
    return False


def _fix(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Fix, or show what would be fixed; a file that cannot be fixed is reported, not fatal.

    Every file that is not fixed (a refused change, a file changed meanwhile, one that
    cannot be written) gets one line, the others are still fixed, the summary counts
    both, and the exit code is 1.
    """
    from audit.commands.summary import plural
    from audit.fix import apply as fixer

    changes = _one_per_file(fixer.fix_all(*_options(args, parser)))
    done = []  # the changes fixed, or that would be
    for change in changes:
        if change.refused is None:
            done.append(change)
        else:
            _note(f"{change.path}: {change.refused}")
    if args.diff:
        sys.stdout.write("".join(change.diff() for change in done))
    elif args.check:
        for change in done:
            problems = plural(len(change.fixes), "fixable problem")
            _note(f"{change.path}: {problems}; run `faq-audit fix`")
    else:
        done = _write_changes(done)
    failed = len(changes) - len(done)
    count = sum(len(change.fixes) for change in done)
    verb = "would fix" if args.diff or args.check else "fixed"
    if not changes:
        _note("nothing to fix")
    else:
        could_not = f"; could not fix {plural(failed, 'file')}" if failed else ""
        _note(f"{verb} {plural(count, 'problem')} in {plural(len(done), 'file')}{could_not}")
    return EXIT_FINDINGS if failed or (args.check and changes) else EXIT_OK


def _one_per_file(changes: list[FileChange]) -> list[FileChange]:
    """The changes, one per file on disk, so that a file is written once.

    Two names can lead to one file (a symlink and its target, two hard links). The
    identities are all taken before anything is written, since a rename gives a file a
    new inode.
    """
    from audit.fix.atomic import identity

    seen: set[tuple[int, int]] = set()
    kept = []
    for change in changes:
        key = identity(change.file)
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        kept.append(change)
    return kept


def _write_changes(changes: list[FileChange]) -> list[FileChange]:
    """Write each change; the ones written. Each failure is one line, and the run goes on."""
    from audit.fix import apply as fixer
    from audit.fix.atomic import ChangedOnDiskError, NotWrittenError

    written = []
    for change in changes:
        try:
            fixer.write(change)
        except ChangedOnDiskError as err:
            _note(f"{change.path}: {err}")
        except NotWrittenError as err:
            _note(f"{change.path}: not fixed: {err}")
        else:
            written.append(change)
    return written


def _validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from audit import engine, reporters
    from audit.commands.summary import summary
    from audit.rules import all_rules

    paths, options = _options(args, parser)
    result = engine.audit(paths, options)
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
    """`import PAGE --out DIR`: everything that can be refused is refused before anything is
    created, so a failed import leaves no folder and no file behind.

    Usage problems (the page, --out, --category, an existing file) exit 2; a page that cannot
    make a file `validate` reads (no question, too large, see `audit.importer.limits`) exits 1.
    """
    from audit.importer import OutputTooLargeError, PageError, limits, read_page, to_yaml

    page: Path = args.page
    out: Path = args.out
    target = _import_target(out, args.category, force=args.force, parser=parser)
    try:
        text = _page_text(page, parser)
        if text is None:
            return EXIT_FINDINGS
        entries = read_page(text, name=str(page))
        del text  # the page's text is no longer needed: keep the peak low
        document = to_yaml(
            entries,
            category=args.category,
            schema_ref=_schema_ref(out),
            taken=_ids_in(out, target),
            max_bytes=limits().file_bytes,
        )
        _write_import(target, document, parser)
    except PageError as err:
        _note(f"faq-audit: {err}")
        return EXIT_FINDINGS
    except OutputTooLargeError as err:
        _note(
            f"faq-audit: {page}: the YAML for its questions would be larger than the"
            f" {err.limit // 1_048_576} MB faq-audit reads; split the page and import each part"
            " as a category of its own"
        )
        return EXIT_FINDINGS
    except MemoryError:
        _note(f"faq-audit: {page}: not enough memory to import this page; nothing was written")
        return EXIT_FINDINGS
    _note(f"wrote {target}: {len(entries)} entries; check them with `faq-audit validate {target}`")
    return EXIT_OK


def _import_target(
    out: Path, category: str, *, force: bool, parser: argparse.ArgumentParser
) -> Path:
    """The file `import` will write, or a usage error (exit 2) if it cannot be written there.

    Checked before the page is read, so that a mistyped option costs nothing and creates
    nothing. Root may write anywhere its mode bits say it may not, so writability is asked of
    the system (os.access), not read from the mode.
    """
    from audit.importer import slugify

    problem = _unwritable(out)
    if problem:
        parser.error(problem)
    target = out / f"{slugify(category)}.yaml"
    if target.is_dir():
        parser.error(
            f"'{target}' is a folder, so the file cannot be written there; remove the folder"
            " or choose another --category"
        )
    if os.path.lexists(target) and not force:
        parser.error(f"'{target}' already exists; use --force to overwrite it")
    return target


def _unwritable(out: Path) -> str | None:
    """Why no file can be written in the folder `out` (or in it once created), if so."""
    existing = out
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    if existing == out:
        if not out.is_dir():
            return f"--out '{out}' is a file, not a folder; name the folder to write the YAML in"
        if not os.access(out, os.W_OK | os.X_OK):
            return f"cannot write in the folder '{out}': permission denied; choose another --out"
        return None
    if not existing.is_dir():
        return f"cannot create the folder '{out}': '{existing}' is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        reason = f"'{existing}' is not writable; choose another --out"
        return f"cannot create the folder '{out}': {reason}"
    return None


def _page_text(page: Path, parser: argparse.ArgumentParser) -> str | None:
    """The page as text, read up to the size `validate` reads; None (after saying why) when
    it is larger, without reading the rest: a page may be a device or a pipe that never ends."""
    from audit.importer.limits import MAX_FILE_BYTES, too_large

    try:
        with page.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = b"" if size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        parser.error(f"the page '{page}' does not exist")
    except IsADirectoryError:
        parser.error(f"the page '{page}' is a folder; name the page's file")
    except OSError as err:
        parser.error(f"cannot read '{page}': {err.strerror or err}")
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        measured = max(size, len(raw))
        message = too_large("the page", measured, at_least=size <= MAX_FILE_BYTES)
        _note(f"faq-audit: {page}: {message}; save only the part that holds the FAQ")
        return None
    return raw.decode("utf-8", errors="replace")


def _write_import(target: Path, document: str, parser: argparse.ArgumentParser) -> None:
    """Create the missing folders and write the file; if that fails, remove the folders this
    run created, so that nothing is left half done, and stop with a usage error (exit 2)."""
    from audit.fix.atomic import NotWrittenError, write_atomic

    created: list[Path] = []
    folders = (target.parent, *target.parent.parents)
    missing = [folder for folder in folders if not os.path.lexists(folder)]
    try:
        for folder in reversed(missing):
            folder.mkdir()
            created.append(folder)
        write_atomic(target, document)
    except BaseException as err:
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not isinstance(err, OSError | NotWrittenError):
            raise  # interrupted, or out of memory: reported by the caller
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        parser.error(f"cannot write '{target}': {reason}; nothing was written")


def _ids_in(folder: Path, replaced: Path) -> set[str]:
    """Ids the other files of the FAQ already use, since ids must be unique across files."""
    from audit.source.loader import discover, load_file

    if not folder.is_dir():
        return set()
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

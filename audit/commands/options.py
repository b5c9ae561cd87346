"""What `validate` and `fix` take from the command line: the paths, the rules, the config.

Problems with them are usage errors, said through `parser.error` (exit 2)
before anything is read; a broken config file raises ConfigError, which
`audit.cli.main` reports in the chosen format.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.config import Config
    from audit.engine import Options


def audit_options(
    args: argparse.Namespace, parser: argparse.ArgumentParser, *, content: bool = True
) -> tuple[list[Path], Options]:
    """The paths and options that the commands share. Without paths, the project's
    `faq/` folder, unless the command reads no FAQ content this time (`content=False`:
    `links` given only other files or a URL list), which then needs none."""
    from audit import engine
    from audit.facts.registry import load_facts

    for name in args.paths:
        if _missing(name):
            parser.error(f"the path '{name}' does not exist")
    settings = config(args, parser)
    paths = [Path(name) for name in args.paths]
    if not paths and content:
        paths = [_content_folder(args, parser)]
    select = frozenset().union(*args.select) if args.select else None
    ignore = frozenset().union(*args.ignore) if args.ignore else frozenset()
    options = engine.Options(select, ignore, settings, facts=load_facts(settings, paths))
    try:
        engine.enabled_rules(options)
    except engine.UnknownRuleError as err:
        parser.error(f"unknown rule '{err}'; `faq-audit rules` lists them")
    return paths, options


CONTENT_FOLDER = "faq"


def _content_folder(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Path:
    """`faq/` of the project, when no path is named: beside the config file found (its
    project root, as ruff reads it), else in the working folder, shown relative to it.

    Run from a subfolder, `faq` alone named a folder that is not there, and every
    command then reported a file that does not exist, or "nothing to fix".
    """
    from audit.config import find_config

    found: Path | None = args.config or find_config(Path.cwd())
    root = found.parent if found is not None else Path()
    folder = Path(os.path.relpath(root / CONTENT_FOLDER))
    if not folder.is_dir():
        where = f"beside {found}" if found is not None else "in this folder"
        parser.error(
            f"there is no '{CONTENT_FOLDER}' folder {where}; name the files or folders to check"
        )
    return folder


def config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Config:
    """The config file's settings with the command line's on top; a broken config exits 2."""
    from audit.config import find_config, known_region, load_config
    from audit.rules import config_problems

    path: Path | None = args.config
    if path is not None and not _may_be_a_file(path):
        parser.error(f"the config file '{path}' does not exist")
    # Rule ids and options are checked by the registry, with the config's other problems;
    # a ConfigError is main's to report.
    loaded = load_config(path or find_config(Path.cwd()), check=config_problems)
    if args.region:
        region = args.region.upper()
        if not known_region(region):
            parser.error(f"'{args.region}' is not a region faq-audit knows phone numbers for")
        loaded = replace(loaded, region=region)
    if args.phone_style:
        loaded = replace(loaded, phone_style=args.phone_style)
    return loaded


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

"""Command line: parse the arguments, run the chosen command's module, map failures to exit codes.

Each command is a module of `audit.commands` with `run(args, parser) -> int`,
named by its subparser in `audit.commands.arguments`. Command modules and the
heavy modules they use (jsonschema, the importer) are imported only when their
command runs, so that `--help` and `rules` answer at once.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from audit.commands import EXIT_OK, EXIT_USAGE
from audit.commands.arguments import UsageError, build_parser
from audit.commands.output import note, stopped


def main(argv: Sequence[str] | None = None) -> int:
    from audit.config import ConfigError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as err:
        note(str(err))  # before the arguments are read, the format is not known: words
        return EXIT_USAGE
    module = getattr(args, "command_module", None)
    if module is None:  # no command given
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    command = importlib.import_module(f"audit.commands.{module}")
    try:
        code: int = command.run(args, args.command_parser)
    except (UsageError, ConfigError) as err:
        return stopped(args, err)
    except KeyboardInterrupt:
        sys.stderr.write("faq-audit: interrupted\n")
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
        return EXIT_OK
    return code

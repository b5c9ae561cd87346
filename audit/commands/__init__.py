"""The command line's commands: one module each, with `run(args, parser) -> int`, where
`parser` is the command's own subparser, so its usage errors point at its own help.

A command module reads its parsed arguments, calls the library, writes what
the user sees and returns the exit code; it is the only kind of module that
prints. `audit.cli.main` parses the command line and runs the module that the
chosen command's subparser names (see `arguments.add_command`), so adding a
command is one module here and its subparser in `arguments.py`.

The helpers the commands share live beside them: `options` (paths, rules and
config from the arguments), `output` (notes, colour, a run that cannot start)
and `summary` (the closing line of a run).

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or a
page that cannot be imported, or a file that cannot be fixed), 2 a usage error
or a broken config.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

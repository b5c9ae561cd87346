"""The command line runs each command by the module its subparser names (`audit.commands`).

A new command is one module with `run(args, parser) -> int` and its subparser in
`audit.commands.arguments`; these tests prove that nothing else needs to change.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from types import ModuleType

import pytest

from audit import cli
from audit.commands import arguments
from tests.conftest import ROOT


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_run_by_the_module_its_subparser_names() -> None:
    modules = {
        name: sub.get_default("command_module")
        for name, sub in _subparsers(arguments.build_parser()).items()
    }
    assert modules == {
        "validate": "validate",
        "fix": "fix",
        "import": "import_page",
        "rules": "rules",
        "facts": "facts",
        "links": "links",
        "baseline": "baseline",
        "report": "report",
        "export": "export",
    }
    for module in modules.values():
        assert callable(importlib.import_module(f"audit.commands.{module}").run)


def test_a_new_command_is_its_module_and_its_subparser(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = ModuleType("audit.commands.hello")

    def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
        sys.stdout.write(f"hello, {args.name}\n")
        return 3

    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    build = arguments.build_parser

    def with_hello() -> argparse.ArgumentParser:
        parser = build()
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        hello = arguments.add_command(commands, "hello", module="hello", help="say hello")
        hello.add_argument("name")
        return parser

    monkeypatch.setattr(cli, "build_parser", with_hello)
    assert cli.main(["hello", "world"]) == 3
    assert capsys.readouterr().out == "hello, world\n"


def test_no_command_prints_the_help_and_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: faq-audit")
    assert "validate" in err and "import" in err


def test_listing_the_rules_imports_no_other_command_and_not_the_importer() -> None:
    probe = (
        "import sys; from audit.cli import main; main(['rules']);"
        " names = ('audit.commands.', 'audit.importer');"
        " print(sorted(m for m in sys.modules if m.startswith(names)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = done.stderr.strip().splitlines()[-1]
    assert loaded == "['audit.commands.arguments', 'audit.commands.output', 'audit.commands.rules']"

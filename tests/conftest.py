"""Shared fixtures. Tests never reach beyond loopback: any other connection fails loudly."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_FAQ = ROOT / "faq"
SEED = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"

# Two entries asking one question, written differently: warnings only, no error.
DUPLICATED_QUESTION = """\
category: A
entries:
  - id: a
    question: How do I track my order?
    answer: One.
  - id: b
    question: how do I  track my order
    answer: Two.
"""


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like stay on this machine
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise RuntimeError(f"tests may only connect to loopback, not {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as on a developer's machine even in a GitHub workflow, where
    GITHUB_ACTIONS=true would make `github` the default format."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file below tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


CliRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> CliRun:
    """Run the real CLI in-process from tmp_path; returns (exit code, stdout, stderr)."""
    from audit.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def _run(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def seed_yaml(tmp_path: Path) -> Path:
    """The verbatim seed page, imported as editors import it: tmp_path/faq/faq.yaml."""
    from audit.importer import read_page, to_yaml

    entries = read_page(SEED.read_text(encoding="utf-8"), name=SEED.name)
    path = tmp_path / "faq" / "faq.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(to_yaml(entries, category="FAQ"), encoding="utf-8")
    return path

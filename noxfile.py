"""Sessions: `nox -s tests`, `nox -s lint`, `nox -s audit` (the main job on the bundled faq/)."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "audit"]
nox.options.reuse_existing_virtualenvs = True

SCHEMAS = [
    "schemas/faq.schema.json",
    "schemas/config.schema.json",
    "schemas/policies.schema.json",
]
WORKFLOWS = [
    ".github/workflows/content.yml",
    ".github/workflows/links.yml",
    ".github/workflows/tests.yml",
]


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite; extra arguments go to pytest (`nox -s tests -- -k schema`)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format), mypy, import layers, and the workflows against GitHub's schema."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    session.run("lint-imports")
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-actions", "action.yml")
    session.run("check-jsonschema", "--check-metaschema", *SCHEMAS)


@nox.session
def audit(session: nox.Session) -> None:
    """The main job: validate the bundled FAQ."""
    session.install("-e", ".")
    session.run("faq-audit", "validate", "faq/", *session.posargs)
    session.run("faq-audit", "fix", "--check", "faq/")

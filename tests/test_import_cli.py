"""`faq-audit import`: from a page on disk to faq/ YAML that validates, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, CliRun

SEED = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"
CHROME = ("Skip to content", "Cart", "Your cart is empty")


def _seed_pairs() -> list[tuple[str, str]]:
    """The seed's questions and answers, read the simplest way: blank-line-separated lines."""
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines = [ln for ln in lines if ln not in CHROME]
    pairs: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.endswith("?"):
            pairs.append((line, []))
        else:
            pairs[-1][1].append(line)
    return [(q, "\n\n".join(a)) for q, a in pairs]


def test_importing_the_seed_reproduces_every_question_and_answer_and_validates(
    cli: CliRun, tmp_path: Path
) -> None:
    code, _, err = cli("import", str(SEED), "--out", "faq", "--category", "FAQ")
    assert code == 0, err
    assert "wrote faq/faq.yaml: 25 entries" in err
    data = yaml.safe_load((tmp_path / "faq" / "faq.yaml").read_text(encoding="utf-8"))
    got = [(e["question"], e["answer"]) for e in data["entries"]]
    assert got == _seed_pairs()
    assert len(got) == 25

    code, out, _ = cli("validate", "faq", "--format", "json")
    document: dict[str, Any] = json.loads(out)
    assert document["summary"]["entries"] == 25
    assert document["summary"]["errors"] == 0
    assert code == 0


def test_import_refuses_to_overwrite_without_force(cli: CliRun, tmp_path: Path) -> None:
    target = tmp_path / "faq" / "faq.yaml"
    target.parent.mkdir()
    target.write_text("keep me\n", encoding="utf-8")
    code, _, err = cli("import", str(SEED), "--out", "faq")
    assert code == 2
    assert "already exists; use --force" in err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    code, _, _ = cli("import", str(SEED), "--out", "faq", "--force")
    assert code == 0
    assert "reset-my-password" in target.read_text(encoding="utf-8")


def test_a_page_without_questions_is_a_clear_error_and_writes_nothing(
    cli: CliRun, tmp_path: Path
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Welcome to our shop.\n\nWe sell bicycles.\n", encoding="utf-8")
    code, out, err = cli("import", str(page), "--out", "faq")
    assert code == 1
    assert out == ""
    assert err.startswith("faq-audit: ") and "question" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "faq").exists()


def test_a_missing_page_is_a_usage_error(cli: CliRun, tmp_path: Path) -> None:
    code, _, err = cli("import", "nope.html", "--out", "faq")
    assert code == 2
    assert "the page 'nope.html' does not exist" in err


def test_imported_ids_do_not_clash_with_ids_already_in_the_folder(
    cli: CliRun, tmp_path: Path
) -> None:
    existing = tmp_path / "faq" / "account.yaml"
    existing.parent.mkdir()
    existing.write_text(
        "category: Account\nentries:\n"
        "  - id: how-do-i-reset-my-password\n    question: How do I reset it?\n    answer: A.\n",
        encoding="utf-8",
    )
    code, _, err = cli("import", str(SEED), "--out", "faq")
    assert code == 0, err
    code, out, _ = cli("validate", "faq", "--format", "json", "--select", "duplicate-id")
    assert json.loads(out)["findings"] == []
    imported = yaml.safe_load((tmp_path / "faq" / "faq.yaml").read_text(encoding="utf-8"))
    assert imported["entries"][0]["id"] == "how-do-i-reset-my-password-2"

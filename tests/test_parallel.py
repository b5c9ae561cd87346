"""Large runs check files in worker processes; the report must not depend on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audit import engine as pipeline
from audit.config import load_config
from tests.conftest import BUNDLED_FAQ, ROOT


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "faq"
    shutil.copytree(BUNDLED_FAQ, folder)
    for n in range(10):  # more files, with defects of both kinds: per file and across files
        (folder / f"extra-{n}.yaml").write_text(
            f"category: Extra {n}\nentries:\n"
            f"  - id: extra-{n}\n    question: How do I call care {n}\n"
            "    answer: Call (800) 796 - 7546.  Once order are placed it ships.\n"
            "  - id: reset-password\n    question: How do I reset my password?\n"
            "    answer: Click here.\n",
            encoding="utf-8",
        )
    return folder


def _report(result: pipeline.AuditResult) -> list[tuple[str, str, int, int, str]]:
    return [
        (f.rule, f.position.path, f.position.line, f.position.column, f.message)
        for f in result.findings
    ]


def test_workers_give_the_same_report_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    options = pipeline.Options(config=load_config(ROOT / "faq-audit.yaml"))
    alone = pipeline.audit([folder], options)

    calls: list[int] = []
    real_pool = pipeline.ProcessPoolExecutor

    def counting_pool(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_pool(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", counting_pool)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 1)
    shared = pipeline.audit([folder], options)

    assert calls == [1], "the run did not use worker processes"
    assert _report(shared) == _report(alone)
    assert len(_report(alone)) > 30  # every extra file contributes findings of several rules
    assert [e.id for e in shared.corpus.entries] == [e.id for e in alone.corpus.entries]

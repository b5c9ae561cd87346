"""`url-malformed`: quiet on correct content, linear on hostile content.

Its failing and passing texts, and its fixes, are cases in
tests/rules/cases/url-malformed.yml.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.extract.urls import _find_links, _find_urls
from audit.rules.url_malformed import url_malformed
from audit.source.loader import load_file
from audit.text.markdown import markdown_view
from tests.conftest import BUNDLED_FAQ, ROOT
from tests.rules.helpers import audit
from tests.scaling import assert_scales_linearly
from tests.test_scaling_rules import answer_file, run_check


@pytest.mark.parametrize(
    "path",
    [BUNDLED_FAQ, ROOT / "tests" / "content" / "style", ROOT / "tests" / "content" / "contacts"],
    ids=lambda path: path.name,
)
def test_correct_content_with_many_addresses_raises_nothing(path: Path) -> None:
    assert audit(path, ["url-malformed"]) == []


def test_a_slip_planted_among_the_bundled_answers_is_the_only_finding(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED_FAQ, tmp_path / "faq")
    (tmp_path / "faq" / "forms.yaml").write_text(
        "category: Forms\nentries:\n  - id: forms\n    question: Where are the forms?\n"
        "    answer: |-\n      Fill in [the form](https://example.com/form), or print it\n"
        "      from https//example.com/form.pdf and mail it to [us](mailto:a@example.com).\n",
        encoding="utf-8",
    )
    found = audit(tmp_path / "faq", ["url-malformed"])
    assert [(f.entry, f.position.line, f.position.column) for f in found] == [("forms", 7, 12)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    ["](https://a.example/x ", "https//a.example/ ", "[a]() ", "https://a.example/(x ", "[a](b) "],
)
def test_judging_hostile_answers_is_linear(tmp_path: Path, unit: str) -> None:
    def make(n: int) -> Callable[[], object]:
        source = load_file(answer_file(tmp_path, f"hostile-{n}.yaml", unit * n))

        def work() -> object:
            markdown_view.cache_clear()
            _find_urls.cache_clear()
            _find_links.cache_clear()
            return run_check(url_malformed, source)

        return work

    assert_scales_linearly(make, 500, what=f"url-malformed on {unit!r} * n")

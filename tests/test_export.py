"""`faq-audit export`: schema.org FAQPage JSON-LD, plain JSON and an HTML fragment, built
from the validated YAML; refused while validate finds errors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import BUNDLED_FAQ, ROOT, CliRun

CONFIG = str(ROOT / "faq-audit.yaml")
BUNDLED_ENTRIES = 25


def _bundled() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(BUNDLED_FAQ.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "entries" in data:
            entries += data["entries"]
    return entries


def _export(cli: CliRun, *argv: str) -> str:
    code, out, err = cli("export", str(BUNDLED_FAQ), "--config", CONFIG, *argv)
    assert code == 0, err
    return out


def _types(node: dict[str, Any]) -> str:
    kind = node.get("@type")
    assert isinstance(kind, str), node
    return kind


def test_jsonld_export_of_the_bundled_faq_is_a_schema_org_faqpage(cli: CliRun) -> None:
    document = json.loads(_export(cli, "--format", "jsonld"))
    # schema.org FAQPage as Google's FAQ rich results require it: an FAQPage whose
    # mainEntity is a list of Question, each with a name and an acceptedAnswer that is an
    # Answer with text; one Question per entry, no empty text.
    assert document["@context"] in ("https://schema.org", "http://schema.org")
    assert _types(document) == "FAQPage"
    questions = document["mainEntity"]
    assert isinstance(questions, list)
    assert len(questions) == BUNDLED_ENTRIES
    for question in questions:
        assert _types(question) == "Question"
        assert isinstance(question["name"], str) and question["name"].strip()
        answer = question["acceptedAnswer"]
        assert _types(answer) == "Answer"
        assert isinstance(answer["text"], str) and answer["text"].strip()
        assert set(question) == {"@type", "name", "acceptedAnswer"}
        assert set(answer) == {"@type", "text"}
    names = [q["name"] for q in questions]
    assert names == [entry["question"] for entry in _bundled()]
    assert len(set(names)) == len(names)


def test_jsonld_export_round_trips_through_import_to_the_same_questions_and_answers(
    cli: CliRun, tmp_path: Path
) -> None:
    document = _export(cli, "--format", "jsonld")
    page = tmp_path / "faq.html"
    page.write_text(
        "<!doctype html><html><head><title>FAQ</title>"
        f'<script type="application/ld+json">\n{document}</script></head>'
        "<body><p>The FAQ.</p></body></html>",
        encoding="utf-8",
    )
    code, _out, err = cli("import", str(page), "--out", str(tmp_path / "imported"))
    assert code == 0, err
    (written,) = (tmp_path / "imported").glob("*.yaml")
    imported = yaml.safe_load(written.read_text(encoding="utf-8"))["entries"]
    pairs = [(e["question"], e["answer"]) for e in imported]
    assert len(pairs) == BUNDLED_ENTRIES
    assert pairs == [(e["question"], e["answer"]) for e in _bundled()]


def test_answers_become_simple_html_with_paragraphs_links_lists_and_emphasis(
    cli: CliRun, write: Any
) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    question: Where is it?\n    answer: |-\n"
        "      It is *here*, see [the map](https://example.com/map)"
        " or https://example.com/b now.\n\n"
        "      - one\n      - two\n",
    )
    document = json.loads(cli("export", "faq", "--format", "jsonld")[1])
    text = document["mainEntity"][0]["acceptedAnswer"]["text"]
    assert text == (
        '<p>It is <em>here</em>, see <a href="https://example.com/map">the map</a> or '
        '<a href="https://example.com/b">https://example.com/b</a> now.</p>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )


def test_html_in_the_source_is_escaped_and_cannot_close_the_jsonld_script(
    cli: CliRun, write: Any
) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n"
        "    question: 'Is </script><script>alert(1)</script> safe?'\n"
        "    answer: 'Yes <img src=x onerror=alert(1)> it is.'\n",
    )
    code, out, err = cli("export", "faq", "--format", "jsonld")
    assert code == 0, err
    assert "</script" not in out.lower()
    question = json.loads(out)["mainEntity"][0]
    assert question["name"] == "Is </script><script>alert(1)</script> safe?"
    assert question["acceptedAnswer"]["text"] == (
        "<p>Yes &lt;img src=x onerror=alert(1)&gt; it is.</p>"
    )
    fragment = cli("export", "faq", "--format", "html")[1]
    assert "<script" not in fragment and "<img" not in fragment
    assert "<summary>Is &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; safe?</summary>" in (
        fragment
    )


class _Details(HTMLParser):
    """The ids of the <details> elements and the text of their <summary>."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.summaries: list[str] = []
        self._in_summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "details":
            self.ids.append(dict(attrs).get("id") or "")
        self._in_summary = tag == "summary"

    def handle_endtag(self, tag: str) -> None:
        if tag == "summary":
            self._in_summary = False

    def handle_data(self, data: str) -> None:
        if self._in_summary:
            self.summaries.append(data)


def test_html_fragment_has_a_details_element_per_entry_with_the_entry_id(cli: CliRun) -> None:
    parser = _Details()
    parser.feed(_export(cli, "--format", "html"))
    bundled = _bundled()
    assert parser.ids == [entry["id"] for entry in bundled]
    assert parser.summaries == [entry["question"] for entry in bundled]


def test_json_export_has_each_entry_with_its_category_markdown_and_html(cli: CliRun) -> None:
    document = json.loads(_export(cli, "--format", "json"))
    entries = document["entries"]
    assert [e["id"] for e in entries] == [e["id"] for e in _bundled()]
    first = entries[0]
    assert first["category"] == "Account"
    assert first["answer"] == _bundled()[0]["answer"]
    assert first["answer_html"].startswith("<p>All you have to do")
    assert first["audience"] == "everyone"
    assert all(
        re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["reviewed"]) for e in entries if "reviewed" in e
    )


BROKEN = "category: A\nentries:\n  - id: a\n    question: Is it?\n    anwser: Yes.\n"


def test_export_refuses_while_validate_reports_errors(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", BROKEN)
    code, out, err = cli("export", "faq", "--format", "jsonld", "--output", "faq.jsonld")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "`faq-audit validate` finds 1 error (first: faq/a.yaml:5:5 schema); fix it" in err
    assert "--force" in err
    assert not Path("faq.jsonld").exists()


def test_export_with_force_writes_the_entries_it_can(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", BROKEN.replace("anwser", "answer") + BROKEN.split("entries:\n")[1])
    code, _out, err = cli("export", "faq", "--format", "json", "--force", "--output", "f.json")
    assert code == 0, err
    assert [e["id"] for e in json.loads(Path("f.json").read_text())["entries"]] == ["a"]
    assert "left out 1 entries" in err

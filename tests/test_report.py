"""`faq-audit report`: one self-contained page (and its Markdown) for whoever approves a publish."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from audit.links.history import History
from audit.links.results import LinkResult, Verdict
from tests.conftest import BUNDLED_FAQ, ROOT, CliRun

CONFIG = str(ROOT / "faq-audit.yaml")
SECTIONS = ["verdict", "findings", "facts", "contacts", "links"]


class _Page(HTMLParser):
    """What a reader of the page meets: section ids, marked words, and anything external."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.marks: list[str] = []
        self.tags: set[str] = set()
        self.external: list[str] = []
        self.headline = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.add(tag)
        if tag == "section" and attributes.get("id"):
            self.sections.append(str(attributes["id"]))
        for name in ("src", "href", "action", "srcset"):
            value = attributes.get(name)
            if value is not None and not value.startswith("#"):
                self.external.append(value)
        if tag == "mark":
            self._in = "mark"
            self.marks.append("")
        elif attributes.get("id") == "verdict-headline":
            self._in = "headline"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("mark", "p"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "mark":
            self.marks[-1] += data
        elif self._in == "headline":
            self.headline += data


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _report(cli: CliRun, *argv: str, code: int = 0) -> tuple[str, str, str]:
    result, _out, err = cli("report", "--html", "r.html", "--markdown", "r.md", *argv)
    assert result == code, err
    return Path("r.html").read_text(encoding="utf-8"), Path("r.md").read_text(), err


def test_bundled_faq_report_says_fit_to_publish_with_every_section(cli: CliRun) -> None:
    html, markdown, err = _report(cli, str(BUNDLED_FAQ), "--config", CONFIG)
    page = _page(html)
    assert page.headline == "Fit to publish"
    assert page.sections == SECTIONS
    assert "8 warnings to review; they do not block a publish." in html
    # the seed's known defects, each with the words at fault marked
    assert "order are" in page.marks and "due to COVID-19" in page.marks and "EST" in page.marks
    assert html.count('class="badge warning"') == 8
    assert html.count("<code>flat-shipping-rate</code>") == 1
    assert "(800) 796-7546" in html and "customer-care" in html
    assert markdown.startswith("# FAQ pre-publish report: Fit to publish\n")
    assert "Fit to publish: 0 errors, 8 warnings" in err


def test_page_is_self_contained_without_scripts_and_prints(cli: CliRun) -> None:
    html, _markdown, _err = _report(cli, str(BUNDLED_FAQ), "--config", CONFIG)
    page = _page(html)
    assert page.external == []
    assert not page.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert "<style>" in html and "@media print" in html


HOSTILE = """\
category: A <b>bold</b>
entries:
  - id: hostile
    question: "Is <script>document.title='pwned'</script> shown?"
    answer: "Call <img src=x onerror=alert(1)> or (800) 796 - 7546 & <i>ask</i>."
"""


def test_content_is_escaped_a_question_holding_a_script_renders_as_text(
    cli: CliRun, write: Any
) -> None:
    write("faq/a.yaml", HOSTILE)
    html, markdown, _err = _report(cli, "faq")
    assert "<script" not in html and "<img" not in html and "<i>" not in html
    assert "Is &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; shown?" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in markdown and "<img" not in markdown
    assert "Is &lt;script>document.title='pwned'&lt;/script> shown?" in markdown


def test_errors_make_the_report_not_fit_and_exit_1(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", "category: A\nentries:\n  - id: a\n    question: Is it?\n    anwser: x\n")
    html, markdown, _err = _report(cli, "faq", code=1)
    assert _page(html).headline == "Not fit to publish"
    assert "1 error found by the checks must be fixed first." in html
    assert 'class="entry error" id="entry-a"' in html
    assert "# FAQ pre-publish report: Not fit to publish" in markdown


def test_contacts_show_one_normalized_number_with_each_way_it_is_written(
    cli: CliRun, write: Any
) -> None:
    write(
        "faq/a.yaml",
        "category: A\nentries:\n  - id: a\n    question: How do I call?\n"
        "    answer: Call (800) 796 - 7546 or 800.796.7546, or mail Care@Example.COM.\n",
    )
    html, markdown, _err = _report(cli, "faq")
    assert html.count("<b>(800) 796-7546</b>") == 1
    assert "written “(800) 796 - 7546”" in html and "written “800.796.7546”" in html
    assert "<b>Care@example.com</b>" in html
    assert "| phone: (800) 796-7546 | not in the config |" in markdown


def _history(path: Path, runs: list[dict[str, LinkResult]]) -> None:
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with History(path) as history:
        for number, results in enumerate(runs):
            history.record(results.values(), now=start + dt.timedelta(days=number))


LINKS = """\
category: A
entries:
  - id: a
    question: Where are the guides?
    answer: See https://example.com/gone and https://example.com/new-break and https://example.com/old.
"""


def test_link_health_comes_from_the_link_history(cli: CliRun, write: Any, tmp_path: Path) -> None:
    write("faq/a.yaml", LINKS.replace("old.", "old now."))
    gone, new, old = (f"https://example.com/{name}" for name in ("gone", "new-break", "old"))
    ok = {url: LinkResult(url, Verdict.OK, 200) for url in (gone, new, old)}
    broken = LinkResult(gone, Verdict.BROKEN, 404, error="HTTP 404")
    moved = LinkResult(old, Verdict.REDIRECT, 301, final_url="https://example.com/moved")
    _history(
        tmp_path / "h.sqlite",
        [
            ok,
            {**ok, gone: broken},
            {**ok, gone: broken, old: moved},
            {**ok, gone: broken, old: moved, new: LinkResult(new, Verdict.TIMEOUT)},
        ],
    )
    html, markdown, _err = _report(cli, "faq", "--history", "h.sqlite", code=1)
    assert _page(html).headline == "Not fit to publish"
    assert "2 links broken in the latest link check." in html
    rows = re.findall(r"<code>(https://[^<]+)</code></td>\s*<td><b>([^<]+)</b>", html)
    assert rows == [
        (gone, "broken for 3 runs"),
        (new, "newly broken"),
        (old, "moved permanently"),
    ]
    assert 'update to <code class="url">https://example.com/moved</code>' in html
    assert "| https://example.com/gone | broken for 3 runs: broken |" in markdown


def test_without_a_link_history_link_health_is_unknown_and_nothing_is_created(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq/a.yaml", LINKS)
    html, _markdown, _err = _report(cli, "faq")
    assert "Unknown: there is no link history at <code>.faq-audit/links.sqlite</code>" in html
    assert not (tmp_path / ".faq-audit").exists()


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        env=env,
    )


BEFORE = """\
category: Shipping
entries:
  - id: costs
    question: What does shipping cost?
    answer: Shipping is free on orders over $500. We ship daily.
  - id: gone
    question: Do you ship to the moon?
    answer: Not yet.
  - id: same
    question: Do you ship abroad?
    answer: We ship to Canada.
"""

AFTER = """\
category: Shipping
entries:
  - id: same
    question: Do you ship abroad?
    answer: We ship to Canada.
  - id: costs
    question: What does shipping cost?
    answer: Shipping is free on orders over $450. We ship every weekday.
    owner: logistics
  - id: fresh
    question: Can I pick up my order?
    answer: Yes, at the store.
"""


def test_since_shows_entries_added_removed_edited_and_policy_numbers_changed(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    path = write("faq/shipping.yaml", BEFORE)
    registry = (BUNDLED_FAQ / "policies.yaml").read_text(encoding="utf-8")
    policies = write("faq/policies.yaml", registry)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "before")
    path.write_text(AFTER, encoding="utf-8")
    policies.write_text(registry.replace("value: 500\n", "value: 450\n", 1), encoding="utf-8")
    html, markdown, _err = _report(cli, "faq", "--since", "HEAD")
    assert "changes" in _page(html).sections
    changes = html.split('<section id="changes">')[1]
    assert "<h3>Added: 1</h3>" in changes and "Can I pick up my order?" in changes
    assert "<h3>Removed: 1</h3>" in changes and "Do you ship to the moon?" in changes
    assert "<h3>Edited: 1</h3>" in changes and "also changed: owner" in changes
    assert "<del>$500.</del><ins>$450.</ins>" in changes
    assert "<del>daily.</del><ins>every weekday.</ins>" in changes
    assert "Do you ship abroad?" not in changes  # moved, not changed
    numbers = re.findall(
        r"<tr><td>([^<]*)<br>.*?</td><td>([^<]*)</td><td><del>([^<]*)</del></td>"
        r"<td><ins>([^<]*)</ins></td></tr>",
        changes,
    )
    assert numbers == [
        (
            "policy registry",
            "free-shipping-threshold",
            "$500 or more → free",
            "$450 or more → free",
        ),
        (
            "costs",
            "shipping, fee, order total",
            "&#34;over $500&#34; (free)",
            "&#34;over $450&#34; (free)",
        ),
    ]
    assert '~~"over $500" (free)~~ → "over $450" (free)' in markdown


def test_since_outside_a_git_repository_is_a_one_line_usage_error(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", LINKS)
    code, out, err = cli("report", "faq", "--since", "HEAD")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "--since needs a git repository;" in err and "is not in one" in err


def test_since_a_ref_that_is_no_commit_is_a_one_line_usage_error(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq/a.yaml", LINKS)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "one")
    code, _out, err = cli("report", "faq", "--since", "no-such-branch")
    assert code == 2
    assert err.count("\n") == 1
    assert "--since: 'no-such-branch' is not a commit of" in err


@pytest.mark.parametrize("flag", ["--html", "--markdown"])
def test_the_output_folder_is_made_when_missing(cli: CliRun, write: Any, flag: str) -> None:
    write("faq/a.yaml", LINKS)
    code, _out, err = cli("report", "faq", flag, "out/new/r.out")
    assert code == 0, err
    assert Path("out/new/r.out").read_text(encoding="utf-8").strip()


def test_an_output_that_cannot_be_written_is_one_line_and_exit_1(cli: CliRun, write: Any) -> None:
    write("faq/a.yaml", LINKS)
    write("taken", "a file, not a folder")
    code, _out, err = cli("report", "faq", "--html", "taken/r.html")
    assert code == 1
    assert err.startswith("faq-audit report: could not write taken/r.html: ")
    assert err.count("\n") == 1


def test_a_one_word_edit_in_a_long_answer_shows_only_the_words_around_it() -> None:
    from audit.report.changes import _diff

    before = "We ship daily. " * 20 + "Returns take 30 days. " + "Call us any time. " * 20
    parts = _diff(before, before.replace("30 days", "60 days"))
    shown = "".join(
        {"same": "{}", "del": "[-{}-]", "ins": "{{+{}+}}"}[p.kind].format(p.text) for p in parts
    )
    assert shown.startswith("… We ship daily.")
    assert "We ship daily. Returns take [-30-]{+60+} days. Call us any time." in shown
    assert shown.endswith("Call us any time. …")
    assert len(shown) < 260


def test_markdown_text_cannot_open_a_link_a_table_cell_emphasis_or_html() -> None:
    from audit.report.render import markdown_text

    shown = markdown_text("a | [x](https://e.example) *b* <i>c</i> & `d`\nnext line")
    assert (
        shown == "a \\| \\[x\\](https://e.example) \\*b\\* &lt;i>c&lt;/i> &amp; \\`d\\` next line"
    )

"""`faq-audit links` end to end: a real HTTP server on 127.0.0.1, the real prober,
the real history file, the real engine and reporters."""

from __future__ import annotations

import json
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.conftest import CliRun

PAGE = b"<html><head><title>Hello</title></head><body><h1>Hello</h1></body></html>"


class _Site(BaseHTTPRequestHandler):
    """/ok answers, /gone is 404, /moved is a 301 to /ok; every hit is counted."""

    hits: ClassVar[Counter[str]] = Counter()

    def do_GET(self) -> None:
        type(self).hits[self.path] += 1
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, body = (200, PAGE) if self.path == "/ok" else (404, b"<title>Not here</title>")
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    _Site.hits = Counter()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _faq(tmp_path: Path, site: str, extra: str = "") -> Path:
    folder = tmp_path / "faq"
    folder.mkdir(exist_ok=True)
    (folder / "links.yaml").write_text(
        "category: Links\n"
        "entries:\n"
        "  - id: good\n"
        "    question: Where is the page?\n"
        f"    answer: See {site}/ok for it, or {site}/ok again.\n"
        "  - id: bad\n"
        "    question: Where was the page?\n"
        f"    answer: It was at {site}/gone but moved to {site}/moved for now.\n"
        "  - id: inner\n"
        "    question: Where are the steps?\n"
        "    answer: Read [the steps](#good) or [these](#nowhere), or [write](mailto:a@b).\n"
        f"{extra}",
        encoding="utf-8",
    )
    return folder


def _json(cli: CliRun, *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _err = cli("links", *argv, "--allow-private", "--format", "json")
    return code, json.loads(out)


def test_every_verdict_reaches_its_occurrences_and_findings(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    code, doc = _json(cli, str(_faq(tmp_path, site)))
    links = {link["url"].removeprefix(site): link for link in doc["links"]}
    assert code == 1
    assert {url: link["verdict"] for url, link in links.items()} == {
        "/ok": "ok",
        "/gone": "broken",
        "/moved": "redirect",
        "#good": "ok",
        "#nowhere": "broken-fragment",
        "mailto:a@b": "broken",
    }
    assert [(o["line"], o["entry"]) for o in links["/ok"]["occurrences"]] == [(5, "good")] * 2
    assert links["/moved"]["final_url"] == f"{site}/ok"
    assert {f["rule"] for f in doc["findings"]} == {"link-broken", "link-redirect", "link-fragment"}
    assert doc["summary"]["verdicts"]["broken"] == 2
    assert _Site.hits["/gone"] == 1  # probed once, reported wherever it stands


def test_max_age_reuses_fresh_successes_and_probes_failures_again(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    folder = str(_faq(tmp_path, site))
    _json(cli, folder)
    code, doc = _json(cli, folder, "--max-age", "7d")
    assert code == 1
    assert _Site.hits["/ok"] == 2 and _Site.hits["/gone"] == 2  # /ok: once, once via /moved
    gone = next(link for link in doc["links"] if link["url"].endswith("/gone"))
    assert gone["history"]["broken_runs"] == 2


def test_fail_after_fails_only_on_links_broken_that_many_runs_running(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    folder = str(_faq(tmp_path, site))
    assert _json(cli, folder, "--fail-after", "2", "--ignore", "link-fragment")[0] == 0
    assert _json(cli, folder, "--fail-after", "2", "--ignore", "link-fragment")[0] == 1


def test_a_suppressed_link_finding_is_not_reported(cli: CliRun, tmp_path: Path, site: str) -> None:
    folder = _faq(tmp_path, site)
    path = folder / "links.yaml"
    text = path.read_text().replace(
        "  - id: bad\n",
        "  # faq-audit: ignore[link-broken] the page comes back soon\n  - id: bad\n",
    )
    path.write_text(text)
    _code, doc = _json(cli, str(folder))
    assert "link-broken" not in {f["rule"] for f in doc["findings"] if f["entry"] == "bad"}


def test_markdown_files_and_url_lists_are_probed_too(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(f"# Notes\n\nSee [it]({site}/gone).\n")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site}/ok\n")
    code, doc = _json(cli, str(notes), "--urls-from", str(urls))
    assert code == 1
    assert [(link["verdict"], link["occurrences"]) for link in doc["links"]] == [
        ("broken", [{"path": str(notes), "line": 3, "entry": None}]),
        ("ok", [{"path": str(urls), "line": 1, "entry": None}]),
    ]


def test_changed_since_probes_only_the_links_of_changed_entries(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    folder = _faq(tmp_path, site)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    path = folder / "links.yaml"
    path.write_text(path.read_text().replace("or ", "and ", 1))  # edits the entry `good`
    _code, doc = _json(cli, str(folder), "--changed-since", "HEAD")
    assert [link["url"].removeprefix(site) for link in doc["links"]] == ["/ok"]
    assert doc["findings"] == []


def test_config_links_section_sets_the_history_file(cli: CliRun, tmp_path: Path, site: str) -> None:
    folder = _faq(tmp_path, site)
    (tmp_path / "faq-audit.yaml").write_text("links:\n  allow-private: true\n  history: h.db\n")
    code, _out, _err = cli("links", str(folder), "--format", "json")
    assert code == 1 and (tmp_path / "h.db").is_file()


def test_private_addresses_are_refused_without_the_flag(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    code, out, _err = cli("links", str(_faq(tmp_path, site)), "--format", "json")
    ok = next(link for link in json.loads(out)["links"] if link["url"].endswith("/ok"))
    assert code == 1 and ok["verdict"] == "error" and _Site.hits["/ok"] == 0


def test_validate_probes_nothing_and_reports_no_link_finding(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    _code, out, _err = cli("validate", str(_faq(tmp_path, site)), "--format", "json")
    assert not [f for f in json.loads(out)["findings"] if f["rule"].startswith("link-")]
    assert sum(_Site.hits.values()) == 0


def test_fix_links_writes_the_new_address_of_a_link_moved_for_good(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    folder = _faq(tmp_path, site)
    _json(cli, str(folder))  # records /moved → /ok in the history
    code, _out, _err = cli("fix", str(folder), "--links")
    text = (folder / "links.yaml").read_text()
    assert code == 0 and f"{site}/moved" not in text and f"moved to {site}/ok for now" in text


def test_an_unknown_base_revision_is_a_usage_error(cli: CliRun, tmp_path: Path, site: str) -> None:
    code, _out, err = cli("links", str(_faq(tmp_path, site)), "--changed-since", "no-such-ref")
    assert code == 2 and "no-such-ref" in err


def test_a_wrong_links_setting_in_the_config_is_a_config_error(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    (tmp_path / "faq-audit.yaml").write_text("links:\n  concurrency: 0\n  per-hots: 2\n")
    code, _out, err = cli("links", str(_faq(tmp_path, site)))
    assert code == 2 and "concurrency" in err and "per-hots" in err


def test_a_flag_overrides_its_config_key(tmp_path: Path) -> None:
    from audit.commands.arguments import build_parser
    from audit.commands.links_settings import probe_settings, with_config
    from audit.config import Config

    config = Config(
        path=str(tmp_path / "faq-audit.yaml"),
        links={"concurrency": 3, "per-host": 2, "headers": {"a.example": {"X-Key": "k"}}},
    )
    args = with_config(build_parser().parse_args(["links", "--concurrency", "7"]), config)
    settings = probe_settings(args, config)
    assert (settings.concurrency, settings.per_host) == (7, 2)
    assert settings.headers == {"a.example": {"X-Key": "k"}}


def test_no_progress_bar_when_standard_error_is_not_a_terminal(
    cli: CliRun, tmp_path: Path, site: str
) -> None:
    _code, _out, err = cli("links", str(_faq(tmp_path, site)), "--allow-private")
    assert "\r" not in err and "\x1b[" not in err


@pytest.mark.parametrize(
    "links",
    [[], [{"url": "https://a.example/ü", "redirects": [], "occurrences": [{"line": 1}]}], [{}, {}]],
)
def test_the_json_report_is_written_link_by_link_as_one_document_would_be(
    links: list[dict[str, Any]],
) -> None:
    """Encoded link by link (memory stays flat), the text is what encoding the whole
    document at once gives, byte for byte."""
    from audit.commands.links import _json_document

    rest = {"findings": [{"message": "é\n[]"}], "summary": {"links": len(links)}}
    whole = json.dumps({"links": links, **rest}, indent=2, ensure_ascii=False) + "\n"
    assert "".join(_json_document(iter(links), rest)) == whole

"""Exclusions that do not rot: `links: exclude:` patterns are never probed; per-host
`links: rules:` accept statuses with a reason until they expire, and an expired
rule applies no more and is reported. A real server on 127.0.0.1, a real config
file on disk, the real command."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit.config import ConfigError, load_config
from audit.links.exclusions import Exclusions
from audit.links.results import LinkResult, Verdict
from tests.conftest import CliRun
from tests.links._http_server import Server, serve


@pytest.fixture
def server() -> Iterator[Server]:
    routes = {
        "/ok": lambda h: h.reply(200, "<title>Fine</title>"),
        "/private/page": lambda h: h.reply(200, "<title>Never</title>"),
        "/bot": lambda h: h.reply(999, "<title>Go away</title>"),
    }
    with serve(routes) as srv:
        yield srv


def _project(tmp_path: Path, server: Server, links: str) -> Path:
    folder = tmp_path / "faq"
    folder.mkdir()
    (folder / "links.yaml").write_text(
        "category: Links\n"
        "entries:\n"
        "  - id: many\n"
        "    question: Where are the pages?\n"
        f"    answer: See {server.url('/ok')}, {server.url('/private/page')},"
        f" {server.url('/bot')} and {server.url('/gone')}.\n",
        encoding="utf-8",
    )
    (tmp_path / "faq-audit.yaml").write_text(f"links:\n  allow-private: true\n{links}")
    return folder


def _run(cli: CliRun, folder: Path) -> tuple[int, dict[str, Any]]:
    code, out, _err = cli("links", str(folder), "--format", "json", "--retries", "0")
    return code, json.loads(out)


def _verdicts(doc: dict[str, Any]) -> dict[str, str]:
    return {
        link["url"].rsplit(":", 1)[1].split("/", 1)[1]: link["verdict"] for link in doc["links"]
    }


RULES = """\
  exclude: ['/private/']
  rules:
    - host: 127.0.0.1
      accept: [999]
      reason: the bot wall answers 999 to every robot
      expires: 2999-12-31
    - host: 127.0.0.1
      accept: [404]
      reason: the page was to come back in 2020
      expires: 2020-01-01
"""


def test_excluded_patterns_are_never_probed_and_accepted_statuses_are_excluded(
    cli: CliRun, tmp_path: Path, server: Server
) -> None:
    code, doc = _run(cli, _project(tmp_path, server, RULES))
    assert _verdicts(doc) == {
        "ok": "ok",
        "private/page": "excluded",
        "bot": "excluded",
        "gone": "broken",  # its rule expired: it applies no more
    }
    assert server.hits["/private/page"] == 0
    bot = next(link for link in doc["links"] if link["url"].endswith("/bot"))
    assert "the bot wall answers 999" in bot["error"]
    assert sorted(f["rule"] for f in doc["findings"]) == ["link-broken", "link-exception-expired"]
    assert code == 1


def test_an_expired_rule_is_a_finding_at_its_line_in_the_config(
    cli: CliRun, tmp_path: Path, server: Server
) -> None:
    _code, doc = _run(cli, _project(tmp_path, server, RULES))
    [expired] = [f for f in doc["findings"] if f["rule"] == "link-exception-expired"]
    assert expired["severity"] == "warning" and expired["fingerprint"]
    assert expired["path"].endswith("faq-audit.yaml") and expired["line"] == 12  # `expires:`
    assert "expired on 2020-01-01" in expired["message"]
    _code, out, _err = cli("links", str(tmp_path / "faq"), "--retries", "0")
    assert "faq-audit.yaml:12:16: warning link-exception-expired the link exception" in out


def test_an_expired_rule_goes_through_the_findings_layer_like_any_rule(
    cli: CliRun, tmp_path: Path, server: Server
) -> None:
    folder = _project(tmp_path, server, RULES)
    code, out, _err = cli("links", str(folder), "--retries", "0", "--ignore", "link-broken")
    assert "link-exception-expired" in out and code == 0  # a warning fails nothing
    ignored = ("--ignore", "link-exception-expired")
    _code, out, _err = cli("links", str(folder), "--retries", "0", *ignored)
    assert "link-exception-expired" not in out
    only = ("--select", "link-exception-expired", "--format", "json")
    _code, out, _err = cli("links", str(folder), "--retries", "0", *only)
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["link-exception-expired"]


def test_an_expired_rule_is_reported_for_a_url_list_too(
    cli: CliRun, tmp_path: Path, server: Server
) -> None:
    _project(tmp_path, server, RULES)
    urls = tmp_path / "urls.txt"
    urls.write_text(server.url("/ok") + "\n")
    _code, out, _err = cli("links", "--urls-from", str(urls), "--format", "json")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["link-exception-expired"]


def test_without_rules_the_bot_wall_is_blocked_and_nothing_is_excluded(
    cli: CliRun, tmp_path: Path, server: Server
) -> None:
    _code, doc = _run(cli, _project(tmp_path, server, ""))
    assert _verdicts(doc)["bot"] == "blocked" and _verdicts(doc)["private/page"] == "ok"
    assert "link-exception-expired" not in {f["rule"] for f in doc["findings"]}


def test_a_rule_applies_through_its_last_day_and_not_after() -> None:
    config = {
        "rules": [{"host": "a.test", "accept": [403], "reason": "log-in", "expires": "2027-06-30"}]
    }
    result = LinkResult("https://a.test/x", Verdict.BROKEN, 403, "https://a.test/x")
    on_the_day = Exclusions.from_config(config, dt.date(2027, 6, 30))
    after = Exclusions.from_config(config, dt.date(2027, 7, 1))
    assert on_the_day.judge(result).verdict is Verdict.EXCLUDED and not on_the_day.expired()
    assert after.judge(result) == result and len(after.expired()) == 1


@pytest.mark.parametrize(
    "rule,says",
    [
        ("{host: a.test, accept: [999], reason: x, expires: 2027-02-30}", "2027-02-30"),
        ("{host: a.test, accept: [999], reason: '', expires: 2027-06-30}", "reason"),
        ("{host: a.test, accept: [999], reason: x}", "expires"),
        ("{host: a.test, accept: [], reason: x, expires: 2027-06-30}", "accept"),
    ],
)
def test_a_bad_rule_is_a_config_problem_that_names_it(tmp_path: Path, rule: str, says: str) -> None:
    path = tmp_path / "faq-audit.yaml"
    path.write_text(f"links:\n  rules:\n    - {rule}\n")
    with pytest.raises(ConfigError, match=says):
        load_config(path)


def test_a_pattern_that_is_not_a_regular_expression_is_a_config_problem(tmp_path: Path) -> None:
    path = tmp_path / "faq-audit.yaml"
    path.write_text("links:\n  exclude: ['(unclosed']\n")
    with pytest.raises(ConfigError, match="is not a regular expression: missing \\)"):
        load_config(path)

"""The link history on a real SQLite file: reuse, trends, damage and concurrency."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import time
from pathlib import Path

from audit.links.history import History
from audit.links.results import LinkResult, Verdict

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
URL = "https://example.com/a"


def _ok(url: str = URL) -> LinkResult:
    return LinkResult(url, Verdict.OK, 200, url)


def _broken(url: str = URL) -> LinkResult:
    return LinkResult(url, Verdict.BROKEN, 404, url, error="404 Not Found")


def test_fresh_success_is_reused_and_old_one_is_not(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite") as history:
        history.record([_ok()], now=T0)
        day = dt.timedelta(days=1)
        assert history.fresh([URL], 10 * day, now=T0 + day)[URL].verdict is Verdict.OK
        assert history.fresh([URL], 10 * day, now=T0 + 11 * day) == {}


def test_failures_are_never_reused(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite") as history:
        history.record([_broken()], now=T0)
        assert history.fresh([URL], dt.timedelta(days=30), now=T0) == {}


def test_jitter_spreads_expiry_of_urls_checked_together(tmp_path: Path) -> None:
    urls = [f"https://example.com/{i}" for i in range(200)]
    with History(tmp_path / "h.sqlite") as history:
        history.record([_ok(u) for u in urls], now=T0)
        expiring = [
            len(history.fresh(urls, dt.timedelta(days=8), now=T0 + dt.timedelta(days=d)))
            for d in (5, 6.5, 7.5, 8)
        ]
    assert expiring[0] == 200 > expiring[1] > expiring[2] > expiring[3]  # spread over nights


def test_trend_counts_consecutive_broken_runs_and_newly_broken(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite") as history:
        history.record([_ok()])
        history.record([_broken()])
        assert history.trend(URL).newly_broken
        history.record([_broken()])
        history.record([LinkResult(URL, Verdict.UNCHECKED)])  # says nothing: no break
        trend = history.trend(URL)
    assert trend.broken_runs == 2 and not trend.newly_broken and not trend.recovered


def test_trend_tells_flaky_and_recovered(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite") as history:
        for result in (_ok(), _broken(), _ok(), _broken(), _ok()):
            history.record([result])
        trend = history.trend(URL)
    assert trend.flaky and trend.recovered and trend.broken_runs == 0


def test_permanent_redirects_are_the_latest_redirect_results(tmp_path: Path) -> None:
    moved = LinkResult(
        URL, Verdict.REDIRECT, 301, "https://example.com/b", ("https://example.com/b",)
    )
    with History(tmp_path / "h.sqlite") as history:
        history.record([moved, _ok("https://example.com/c")])
        assert history.permanent_redirects() == {URL: "https://example.com/b"}
        history.record([_ok()])
        assert history.permanent_redirects() == {}


def test_corrupt_file_is_set_aside_and_rebuilt_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with History(path) as history:
        assert history.warnings and "moved to" in history.warnings[0]
        history.record([_ok()])
    assert any(p.name.startswith("h.sqlite.broken-") for p in tmp_path.iterdir())


def test_old_schema_file_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE links (url TEXT)")
    with History(path) as history:
        assert history.warnings
        history.record([_ok()])
        assert history.fresh([URL], dt.timedelta(days=1))


def _write_forever(path: str, worker: int) -> None:
    history = History(Path(path))
    run = 0
    while True:
        run += 1
        history.record([_ok(f"https://example.com/{worker}/{run}/{i}") for i in range(200)])


def _runs(path: Path) -> int:
    with sqlite3.connect(path, timeout=30) as db:
        return int(db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])


def test_run_killed_while_writing_leaves_a_file_the_next_run_opens(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    History(path).close()
    child = multiprocessing.get_context("spawn").Process(target=_write_forever, args=(str(path), 0))
    child.start()
    deadline = time.monotonic() + 30
    while _runs(path) < 3 and time.monotonic() < deadline:  # killed while it writes run after run
        time.sleep(0.05)
    assert _runs(path) >= 3 and child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    with History(path) as history:
        assert history.warnings == []
        history.record([_ok()])
        assert history.fresh([URL], dt.timedelta(days=1))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _record_runs(path: str, worker: int) -> None:
    history = History(Path(path))
    for run in range(20):
        history.record([_ok(f"https://example.com/{worker}/{run}/{i}") for i in range(50)])
    history.close()


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    History(path).close()
    spawn = multiprocessing.get_context("spawn")
    writers = [spawn.Process(target=_record_runs, args=(str(path), w)) for w in (1, 2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
        assert writer.exitcode == 0
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM outcomes").fetchone() == (2 * 20 * 50,)
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone() == (40,)

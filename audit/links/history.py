"""Each run's outcome per URL, kept in SQLite, so one bad night pages nobody.

The file is the only state a nightly job carries from one run to the next (a CI
cache), so it must survive what CI does to it: a job killed midway (SQLite's
journal rolls the torn write back), two jobs at once (WAL mode, a busy timeout
and one short transaction per run's results), a cache from an older faq-audit
or a damaged file (set aside under another name and rebuilt, with a warning:
losing history is better than failing the audit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from audit.links.results import LinkResult, Verdict

DEFAULT_PATH = Path(".faq-audit/links.sqlite")
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 30_000
# A fresh success is reused for max_age shortened by up to this share, chosen per URL,
# so that URLs first checked on the same night do not all expire on the same night.
JITTER = 0.25
FAILURES = frozenset({Verdict.BROKEN, Verdict.TIMEOUT, Verdict.ERROR, Verdict.BROKEN_FRAGMENT})
SUCCESSES = frozenset({Verdict.OK, Verdict.REDIRECT, Verdict.SOFT_404})
# blocked, unchecked and excluded say nothing about the link: they break no streak

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL);
CREATE TABLE outcomes (
    run INTEGER NOT NULL REFERENCES runs(id),
    url TEXT NOT NULL,
    verdict TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    redirects TEXT NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    error TEXT,
    checked_at TEXT NOT NULL,
    PRIMARY KEY (url, run)
);
"""


@dataclass(frozen=True, slots=True)
class Trend:
    """What a URL's past runs say, newest last. `broken_runs` counts the consecutive
    failing runs up to the newest; `flaky` means it alternated between failing and
    succeeding at least twice lately; `recovered` that it succeeds after failing."""

    runs: int
    broken_runs: int
    newly_broken: bool
    flaky: bool
    recovered: bool

    def as_json(self) -> dict[str, object]:
        return {
            "runs": self.runs,
            "broken_runs": self.broken_runs,
            "newly_broken": self.newly_broken,
            "flaky": self.flaky,
            "recovered": self.recovered,
        }


NO_TREND = Trend(0, 0, False, False, False)


class History:
    """An open history file. `warnings` says, in words, what was set aside on opening."""

    def __init__(self, path: Path = DEFAULT_PATH) -> None:
        self.path = path
        self.warnings: list[str] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as err:
            aside = _set_aside(path)
            self.warnings.append(
                f"link history {path} could not be used ({err}); moved to {aside.name}, "
                "starting a new one"
            )
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if not tables:
                db.execute("BEGIN IMMEDIATE")
                if not {r[0] for r in db.execute("SELECT name FROM sqlite_master")}:
                    for statement in filter(str.strip, _SCHEMA.split(";")):
                        db.execute(statement)
                    db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                db.execute("COMMIT")
            version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version is None or version[0] != str(SCHEMA_VERSION):
                raise sqlite3.DatabaseError(
                    f"schema {version and version[0]}, not {SCHEMA_VERSION}"
                )
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def record(self, results: Iterable[LinkResult], now: dt.datetime | None = None) -> int:
        """Store one run's results in one short transaction; return the run's number."""
        at = (now or _now()).isoformat()
        rows = list(results)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            run = self._db.execute("INSERT INTO runs (started_at) VALUES (?)", (at,)).lastrowid
            self._db.executemany(
                "INSERT OR REPLACE INTO outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run,
                        r.url,
                        r.verdict.value,
                        r.status,
                        r.final_url,
                        json.dumps(list(r.redirects)),
                        r.elapsed_ms,
                        r.error,
                        at,
                    )
                    for r in rows
                ],
            )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        assert run is not None
        return run

    def fresh(
        self, urls: Iterable[str], max_age: dt.timedelta, now: dt.datetime | None = None
    ) -> dict[str, LinkResult]:
        """The latest result of each URL that succeeded recently enough to be reused
        (within `max_age` less its jitter); failures are never reused."""
        moment = now or _now()
        found: dict[str, LinkResult] = {}
        for url in urls:
            row = self._db.execute(
                "SELECT verdict, status, final_url, redirects, elapsed_ms, error, checked_at"
                " FROM outcomes WHERE url = ? ORDER BY run DESC LIMIT 1",
                (url,),
            ).fetchone()
            if row is None or Verdict(row[0]) not in SUCCESSES:
                continue
            if moment - dt.datetime.fromisoformat(row[6]) <= max_age * (1 - _jitter(url)):
                found[url] = _result(url, row)
        return found

    def trend(self, url: str, window: int = 10) -> Trend:
        """What the last `window` telling runs (neither blocked nor unchecked) say of a URL."""
        verdicts = [
            Verdict(row[0])
            for row in self._db.execute(
                "SELECT verdict FROM outcomes WHERE url = ? ORDER BY run DESC", (url,)
            )
        ]
        telling = [v in FAILURES for v in verdicts if v in FAILURES or v in SUCCESSES][:window]
        if not telling:
            return NO_TREND
        streak = next((i for i, failed in enumerate(telling) if not failed), len(telling))
        changes = sum(1 for a, b in itertools.pairwise(telling) if a != b)
        return Trend(
            runs=len(telling),
            broken_runs=streak,
            newly_broken=streak == 1 and len(telling) > 1,
            flaky=changes >= 3,
            recovered=not telling[0] and len(telling) > 1 and telling[1],
        )

    def trends(self, urls: Iterable[str]) -> Mapping[str, Trend]:
        return {url: self.trend(url) for url in urls}

    def permanent_redirects(self) -> dict[str, str]:
        """URL → final URL for each URL whose latest result is a permanent redirect."""
        rows = self._db.execute(
            "SELECT o.url, o.final_url FROM outcomes o WHERE o.verdict = ? AND o.run ="
            " (SELECT MAX(run) FROM outcomes WHERE url = o.url)",
            (Verdict.REDIRECT.value,),
        )
        return {url: final for url, final in rows if final}


def _result(url: str, row: tuple[object, ...]) -> LinkResult:
    verdict, status, final_url, redirects, elapsed, error, _at = row
    return LinkResult(
        url,
        Verdict(str(verdict)),
        status if isinstance(status, int) else None,
        str(final_url) if final_url is not None else None,
        tuple(json.loads(str(redirects))),
        int(elapsed) if isinstance(elapsed, int) else 0,
        str(error) if error is not None else None,
    )


def _jitter(url: str) -> float:
    """A share of max_age in [0, JITTER), fixed per URL (the same every run)."""
    digest = hashlib.sha256(url.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 * JITTER


def _set_aside(path: Path) -> Path:
    stamp = _now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(aside.with_name(aside.name + suffix))
    path.replace(aside)
    return aside


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

"""Time `faq-audit links` against a slow local server, beside the bound and two peers.

A script, not a timed test (issue #9, point 8). A server on 127.0.0.1 listens
on 8 ports (8 "hosts") and answers every request after 100 ms; it counts the
requests in flight, so each tool's real concurrency is measured rather than
taken from its settings. 1,000 distinct URLs are spread over the ports. Each
tool runs as a child process whose peak memory (max RSS) comes from `wait4`.

    python benchmarks/links_speed.py                  # 1,000 URLs, then 10,000 for faq-audit
    python benchmarks/links_speed.py --sizes 1000     # skip the 10,000 run

The peers are installed, once, under benchmarks/.peers/ (git-ignored):

    python3 -m venv benchmarks/.peers/linkchecker
    benchmarks/.peers/linkchecker/bin/pip install LinkChecker
    npm install --prefix benchmarks/.peers/npm linkinator

`--install-peers` runs those commands. A peer that is missing or fails is
reported as such, and the others still run. Both peers start from an HTML
page (served by the first port) that links to every URL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = Path(__file__).resolve().parent / ".peers"
LINKCHECKER = PEERS / "linkchecker" / "bin" / "linkchecker"
LINKINATOR = PEERS / "npm" / "node_modules" / ".bin" / "linkinator"
HOSTS = 8
LATENCY = 0.1
PER_HOST = 8
CONCURRENCY = 64
TIMEOUT = 600.0
FAQ_AUDIT = [sys.executable, "-m", "audit", "links"]


@dataclass(slots=True)
class Counter:
    """What the server saw during one run; mutated only on the server's loop."""

    in_flight: int = 0
    peak: int = 0
    per_port: dict[int, int] = field(default_factory=dict)
    peak_per_port: int = 0
    paths: set[str] = field(default_factory=set)
    requests: int = 0
    first: float | None = None  # when the first counted request came (loop time)
    last: float = 0.0  # when the last counted answer went

    def span(self) -> float | None:
        """First request to last answer: the tool's probing, without its start-up."""
        return None if self.first is None else self.last - self.first


class SlowServer:
    """8 listening ports on one asyncio loop in a thread, answering each request after
    LATENCY with a timer, not a coroutine: the server is a fixture, and the less CPU
    it takes per request, the less it competes with the tool being measured (on 2
    CPUs). HTTP/1.1 keep-alive; pipelined requests are answered in order."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.counter = Counter()
        self.ports: list[int] = []
        self.index = b""

    def start(self) -> None:
        self.thread.start()
        self.ports = asyncio.run_coroutine_threadsafe(self._listen(), self.loop).result()

    async def _listen(self) -> list[int]:
        ports = []
        for _ in range(HOSTS):
            server = await self.loop.create_server(
                lambda: _Connection(self), "127.0.0.1", 0, backlog=4096
            )
            ports.append(server.sockets[0].getsockname()[1])
        return ports

    def reset(self) -> None:
        self.counter = Counter()

    def begin(self, connection: _Connection, method: str, path: str) -> None:
        """A request has arrived: count it, and answer it LATENCY later."""
        counted = path.startswith("/p/")
        seen = self.counter
        port = connection.port
        if counted:
            if seen.first is None:
                seen.first = self.loop.time()
            seen.requests += 1
            seen.paths.add(f"{port}{path}")
            seen.in_flight += 1
            seen.peak = max(seen.peak, seen.in_flight)
            seen.per_port[port] = seen.per_port.get(port, 0) + 1
            seen.peak_per_port = max(seen.peak_per_port, seen.per_port[port])
        self.loop.call_later(LATENCY, self._answer, connection, method, path, counted, seen)

    def _answer(
        self, connection: _Connection, method: str, path: str, counted: bool, seen: Counter
    ) -> None:
        if counted:
            seen.in_flight -= 1
            seen.per_port[connection.port] -= 1
            seen.last = self.loop.time()
        if path == "/index.html":
            body, kind = self.index, b"text/html"
        else:
            body, kind = b"ok\n", b"text/plain"
        head = b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
            kind,
            len(body),
        )
        if connection.transport is not None and not connection.transport.is_closing():
            connection.transport.write(head if method == "HEAD" else head + body)


class _Connection(asyncio.Protocol):
    """One client connection: splits the bytes into requests (heads only: GET, HEAD)."""

    def __init__(self, server: SlowServer) -> None:
        self.server = server
        self.buffer = b""
        self.port = 0
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.port = transport.get_extra_info("sockname")[1]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            method, path, _ = line.split(" ", 2)
            self.server.begin(self, method, path)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


@dataclass(frozen=True, slots=True)
class Outcome:
    tool: str
    urls: int
    seconds: float | None
    peak: int
    peak_per_host: int
    checked: int
    max_rss_mb: float | None
    cpu: float | None
    note: str
    span: float | None = None


def run_child(argv: Sequence[str], *, log: Path) -> tuple[float, int, float, float]:
    """Run one tool; return wall seconds, exit status, peak RSS in MiB and CPU seconds.

    `wait4` gives the rusage of that child alone (with any children it reaped),
    so the figure is the tool's, not this script's or its server's.
    """
    with log.open("wb") as out, log.with_suffix(".stderr").open("wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        deadline = start + TIMEOUT
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, child.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(
    server: SlowServer, tool: str, urls: int, argv: Sequence[str], log: Path, ok: str = ""
) -> Outcome:
    server.reset()
    seconds, code, rss, cpu = run_child(argv, log=log)
    seen = server.counter
    note = ok or f"exit {code}"
    if seconds >= TIMEOUT:
        note = f"killed after {TIMEOUT:.0f} s"
    paths = len(seen.paths)
    return Outcome(
        tool, urls, seconds, seen.peak, seen.peak_per_port, paths, rss, cpu, note, seen.span()
    )


def faq_audit(
    server: SlowServer, work: Path, count: int, per_host: int, concurrency: int, label: str
) -> Outcome:
    urls = work / f"urls-{count}.txt"
    report = work / f"faq-audit-{count}-{concurrency}.json"
    history = work / f"history-{count}-{concurrency}.sqlite"
    argv = [
        *FAQ_AUDIT, "--urls-from", str(urls), "--allow-private",
        "--per-host", str(per_host), "--concurrency", str(concurrency), "--max-age", "0",
        "--history", str(history), "--format", "json",
    ]  # fmt: skip
    outcome = measure(server, label, count, argv, report)
    try:
        links = json.loads(report.read_text())["links"]
        good = sum(1 for link in links if link["verdict"] == "ok")
        note = f"{good} ok of {len(links)}"
    except (ValueError, KeyError) as err:
        note = f"unreadable output ({err})"
    return dataclasses.replace(outcome, note=note)


def linkchecker(server: SlowServer, work: Path, count: int, threads: int) -> Outcome:
    label = f"linkchecker --threads {threads}"
    if not LINKCHECKER.exists():
        return Outcome(
            label, count, None, 0, 0, 0, None, None, "not installed (see --install-peers)"
        )
    start = f"http://127.0.0.1:{server.ports[0]}/index.html"
    argv = [
        str(LINKCHECKER), "--threads", str(threads), "--recursion-level", "1",
        "--check-extern", "--no-status", "--no-warnings", start,
    ]  # fmt: skip
    return measure(server, label, count, argv, work / "linkchecker.log")


def linkinator(server: SlowServer, work: Path, count: int, concurrency: int) -> Outcome:
    label = f"linkinator --concurrency {concurrency}"
    if not LINKINATOR.exists():
        return Outcome(
            label, count, None, 0, 0, 0, None, None, "not installed (see --install-peers)"
        )
    start = f"http://127.0.0.1:{server.ports[0]}/index.html"
    argv = [str(LINKINATOR), start, "--concurrency", str(concurrency), "--format", "json"]
    return measure(server, label, count, argv, work / "linkinator.json")


def install_peers() -> None:
    """Install the peers under benchmarks/.peers/; a failure is printed, not raised."""
    steps = [
        [sys.executable, "-m", "venv", str(PEERS / "linkchecker")],
        [str(PEERS / "linkchecker" / "bin" / "pip"), "install", "-q", "LinkChecker"],
        ["npm", "install", "--prefix", str(PEERS / "npm"), "linkinator"],
    ]
    for step in steps:
        try:
            subprocess.run(step, check=True)
        except (OSError, subprocess.CalledProcessError) as err:
            print(f"could not run {' '.join(step)}: {err}", file=sys.stderr)


def write_urls(server: SlowServer, work: Path, count: int) -> list[str]:
    urls = [f"http://127.0.0.1:{server.ports[i % HOSTS]}/p/{i}" for i in range(count)]
    (work / f"urls-{count}.txt").write_text("\n".join(urls) + "\n")
    return urls


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({model}), load average {load}, Python {platform.python_version()}"
    )


def show(outcome: Outcome, bound: float) -> None:
    seconds = "—" if outcome.seconds is None else f"{outcome.seconds:8.2f} s"
    ratio = "" if outcome.seconds is None else f"{outcome.seconds / bound:5.2f}x"
    rss = "—" if outcome.max_rss_mb is None else f"{outcome.max_rss_mb:6.0f} MiB"
    cpu = "" if outcome.cpu is None else f"CPU {outcome.cpu:.2f} s; "
    if outcome.span is not None:  # the wall time less start-up and output
        cpu += f"probing {outcome.span:.2f} s; "
    print(
        f"{outcome.tool:<40} {outcome.urls:>6} {seconds:>10} {ratio:>7} "
        f"{outcome.peak:>5} ({outcome.peak_per_host:>3}/host) {rss:>9}  "
        f"{cpu}{outcome.checked} URLs seen; {outcome.note}",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--install-peers", action="store_true")
    args = parser.parse_args(argv)
    if args.install_peers:
        install_peers()
    server = SlowServer()
    server.start()
    print(machine())
    print(f"server: {HOSTS} ports, {LATENCY * 1000:.0f} ms per request")
    print(f"{'tool':<40} {'URLs':>6} {'wall':>10} {'x bound':>7}", end=" ")
    print(f"{'peak in flight':>16} {'max RSS':>9}")
    with tempfile.TemporaryDirectory(prefix="links-speed-") as name:
        work = Path(name)
        for count in sorted(args.sizes):
            urls = write_urls(server, work, count)
            links = "".join(f'<a href="{url}">{i}</a>\n' for i, url in enumerate(urls))
            server.index = f"<!doctype html><title>links</title><body>{links}</body>".encode()
            bound = count * LATENCY / min(CONCURRENCY, HOSTS * PER_HOST)
            print(f"-- {count} URLs: bound {bound:.2f} s ({count} x {LATENCY} s ÷ {CONCURRENCY})")
            label = f"faq-audit --per-host {PER_HOST} --concurrency {CONCURRENCY}"
            show(faq_audit(server, work, count, PER_HOST, CONCURRENCY, label), bound)
            if count != min(args.sizes):
                continue
            for peer in (linkchecker(server, work, count, CONCURRENCY),
                         linkinator(server, work, count, CONCURRENCY)):  # fmt: skip
                show(peer, bound)
                if peer.seconds is None or peer.peak == 0:
                    continue
                label = (
                    f"faq-audit as {peer.tool.split()[0]} ({peer.peak}, {peer.peak_per_host}/host)"
                )
                matched = faq_audit(server, work, count, peer.peak_per_host, peer.peak, label)
                show(matched, count * LATENCY / peer.peak)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time `faq-audit validate` on synthetic corpora of 1,000, 10,000 and 100,000 entries.

A script, not a timed test: these machines are shared and noisy, so it reports
the median of several runs and the per-entry cost, whose ratio across sizes
shows whether the work grows linearly. Usage:

    python benchmarks/validate_speed.py            # 1k, 10k, 100k entries in 100 files
    python benchmarks/validate_speed.py --sizes 10000 --repeat 5

    python benchmarks/validate_speed.py --sizes 10000 --tracemalloc 15

Each size is generated once under benchmarks/.corpus/ (git-ignored). The
bundled faq/ is timed too. Every run is a fresh process that runs what
`python -m audit` runs, so the figures include interpreter start-up and
imports, as a user sees them; it also reports its peak memory, and apart from
it that of the largest worker process.

`--tracemalloc N` instead loads each size once in one process (no workers, so
that every allocation is seen where it is made) and prints the N places that
allocated most of what is still alive once every file is loaded, and the
traced peak. It is a diagnosis, not a timing: tracing makes the run slower.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / ".corpus"
FILES = 100
WORDS = [
    "order",
    "shipping",
    "return",
    "account",
    "invoice",
    "refund",
    "professional",
    "portal",
    "password",
    "business",
    "license",
    "sample",
    "webinar",
    "training",
    "delivery",
    "tracking",
    "customer",
    "care",
    "team",
]


def _sentence(rng: random.Random) -> str:
    """Words without repeats: a corpus of slips would time the reporting, not the checking."""
    words = rng.sample(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def generate(total: int) -> Path:
    """100 category files, `total` entries in all, in the shape of the bundled faq/."""
    target = CORPUS / f"v2-{total}"
    if (target / ".done").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    rng = random.Random(total)
    per_file = total // FILES
    for f in range(FILES):
        lines = [
            "# yaml-language-server: $schema=../../../schemas/faq.schema.json",
            f"category: Category {f}",
            "entries:",
        ]
        for e in range(per_file):
            n = f * per_file + e
            lines += [
                f"  - id: entry-{n}",
                f"    question: How do I {rng.choice(WORDS)} my {rng.choice(WORDS)} number {n}?",
                "    audience: everyone",
                f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}-{n}]",
                "    answer: |-",
                f"      {_sentence(rng)} {_sentence(rng)}",
                "",
                f"      {_sentence(rng)}",
            ]
        (target / f"category-{f:03}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (target / ".done").touch()
    return target


# The rules that check the file's shape (loading, schema, duplicates), without text rules.
SHAPE_RULES = "yaml-syntax,unreadable-file,byte-order-mark,duplicate-key,schema,implicit-type,"
SHAPE_RULES += "duplicate-id,duplicate-question,unused-suppression"


# `python -m audit validate …`, then its own peak memory and its largest worker's (KiB on
# Linux) on the last line of standard error: the OS gives a parent only their maximum.
_DRIVER = """\
import resource, sys
from audit.cli import main
code = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"\\nmaxrss {own} {workers}\\n")
raise SystemExit(code)
"""


@dataclass(frozen=True, slots=True)
class Timing:
    """The median wall time of the runs, and the largest peaks (MiB) seen in any of them."""

    seconds: float
    peak: float  # the main process
    worker_peak: float  # the largest worker process; 0 when the run used none
    code: int


def time_validate(path: Path, repeat: int, select: str | None = None) -> Timing:
    """Run `validate` on a path `repeat` times, each in a fresh process."""
    times, peaks, worker_peaks = [], [], []
    code = 0
    extra = ["--select", select] if select else []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _DRIVER, "validate", str(path), "--format", "json", *extra],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        code = done.returncode
        if code not in (0, 1):
            raise SystemExit(f"validate failed on {path} with exit code {code}: {done.stderr}")
        _, own, workers = done.stderr.splitlines()[-1].split()
        peaks.append(int(own) / 1024)  # Linux reports KiB
        worker_peaks.append(int(workers) / 1024)
    return Timing(statistics.median(times), max(peaks), max(worker_peaks), code)


# Load in one process with tracemalloc on, and list what is alive once every file is loaded.
_TRACER = """\
import sys, tracemalloc
from pathlib import Path
from audit import engine
tracemalloc.start(1)
engine.PARALLEL_MIN_FILES = sys.maxsize  # one process: allocations are seen where they happen
loaded = []
real_corpus = engine.Corpus
def corpus(files):
    loaded.append(tracemalloc.take_snapshot())
    return real_corpus(files)
engine.Corpus = corpus
result = engine.audit([Path(sys.argv[1])])
peak = tracemalloc.get_traced_memory()[1]
stats = loaded[0].statistics("lineno")
print(f"alive after loading: {sum(s.size for s in stats) / 2**20:.1f} MiB traced "
      f"(traced peak of the run: {peak / 2**20:.1f} MiB); the largest:")
for stat in stats[: int(sys.argv[2])]:
    frame = stat.traceback[0]
    where = f"{frame.filename}:{frame.lineno}"
    print(f"  {stat.size / 2**20:8.1f} MiB {stat.count:>10,} blocks  {where}")
"""


def trace_memory(path: Path, top: int) -> None:
    subprocess.run([sys.executable, "-c", _TRACER, str(path), str(top)], cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--repeat-largest",
        dest="all_repeated",
        action="store_true",
        help="repeat the 100,000-entry runs too (by default they run once)",
    )
    parser.add_argument(
        "--tracemalloc",
        type=int,
        metavar="N",
        help="instead of timing, list the N largest allocation sites alive after loading",
    )
    args = parser.parse_args()
    if args.tracemalloc:
        for size in args.sizes:
            print(f"{size:,} entries:")
            trace_memory(generate(size), args.tracemalloc)
        return
    print(f"machine: {platform.machine()}, {_cpu()}, Python {platform.python_version()}")
    print(f"load average before: {_load()}")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    print(
        f"{'python start-up':>20}: {time.perf_counter() - start:7.3f} s  (this run's noise floor)"
    )
    bundled = time_validate(ROOT / "faq", args.repeat)
    print(f"{'bundled faq/ (25)':>20}: {bundled.seconds:7.3f} s  peak {bundled.peak:6.1f} MiB")
    per_entry = {}
    for size in args.sizes:
        corpus = generate(size)
        repeat = args.repeat if size < 100_000 or args.all_repeated else 1
        shape = time_validate(corpus, repeat, SHAPE_RULES)
        run = time_validate(corpus, repeat)
        per_entry[size] = run.seconds / size
        workers = f"largest worker {run.worker_peak:.1f} MiB" if run.worker_peak else "no workers"
        print(
            f"{size:>14,} entries: {run.seconds:7.3f} s all rules, {shape.seconds:7.3f} s shape "
            f"rules  ({per_entry[size] * 1e6:6.1f} µs/entry)  peak {run.peak:6.1f} MiB "
            f"({workers})  exit {run.code}"
        )
    if len(per_entry) > 1:
        smallest, largest = min(per_entry), max(per_entry)
        ratio = per_entry[largest] / per_entry[smallest]
        print(f"per-entry cost at {largest:,} vs {smallest:,} entries: {ratio:.2f}x")
    print(f"load average after: {_load()}")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} ({_cores()} cores)"
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _cores() -> int:
    return os.cpu_count() or 1


def _load() -> str:
    """The 1, 5 and 15 minute load averages: on a shared machine, how busy it was."""
    try:
        return " ".join(f"{n:.2f}" for n in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()

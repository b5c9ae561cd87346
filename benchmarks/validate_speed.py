"""Time `faq-audit validate` on synthetic corpora of 1,000, 10,000 and 100,000 entries.

A script, not a timed test: these machines are shared and noisy, so it reports
the median of several runs and the per-entry cost, whose ratio across sizes
shows whether the work grows linearly. Usage:

    python benchmarks/validate_speed.py            # 1k, 10k, 100k entries in 100 files
    python benchmarks/validate_speed.py --sizes 10000 --repeat 5

Each size is generated once under benchmarks/.corpus/ (git-ignored). The
bundled faq/ is timed too. Every run is a fresh `python -m audit` process, so
the figures include interpreter start-up and imports, as a user sees them.
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


def time_validate(path: Path, repeat: int, select: str | None = None) -> tuple[float, float, int]:
    """Median wall time, peak memory (MiB, of that one process) and exit code."""
    times, peaks = [], []
    code = 0
    extra = ["--select", select] if select else []
    for _ in range(repeat):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "audit", "validate", str(path), "--format", "json", *extra],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)  # Linux reports KiB
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"validate failed on {path} with exit code {code}")
    return statistics.median(times), max(peaks), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {_cpu()}, Python {platform.python_version()}")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    print(
        f"{'python start-up':>20}: {time.perf_counter() - start:7.3f} s  (this run's noise floor)"
    )
    bundled, memory, _ = time_validate(ROOT / "faq", args.repeat)
    print(f"{'bundled faq/ (25)':>20}: {bundled:7.3f} s  peak {memory:6.1f} MiB")
    per_entry = {}
    for size in args.sizes:
        corpus = generate(size)
        repeat = args.repeat if size < 100_000 else 1
        shape, _, _ = time_validate(corpus, repeat, SHAPE_RULES)
        seconds, memory, code = time_validate(corpus, repeat)
        per_entry[size] = seconds / size
        print(
            f"{size:>14,} entries: {seconds:7.3f} s all rules, {shape:7.3f} s shape rules  "
            f"({per_entry[size] * 1e6:6.1f} µs/entry)  peak {memory:6.1f} MiB  exit {code}"
        )
    if len(per_entry) > 1:
        smallest, largest = min(per_entry), max(per_entry)
        ratio = per_entry[largest] / per_entry[smallest]
        print(f"per-entry cost at {largest:,} vs {smallest:,} entries: {ratio:.2f}x")


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


if __name__ == "__main__":
    main()

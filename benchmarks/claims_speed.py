"""Time the claim extractor (`audit.extract.claims.read_claims`) on the answers of a corpus.

A script, not a timed test: it reports the median of several passes over the
answers of the 10,000-entry corpus that `validate_speed.py` generates under
benchmarks/.corpus/ (generated here if missing, by that script's generator).
Caches are cleared before each pass, so every answer is read cold, as in a
first validation run. Usage:

    python benchmarks/claims_speed.py                  # 10,000 entries, 5 passes
    python benchmarks/claims_speed.py --size 1000 --repeat 3

Two figures are printed. The corpus as generated holds no digits in its
answers, so the first times the prefilter that most real answers take. The
second gives each answer one policy sentence from a set of templates (money
thresholds, windows, fees, hours, phone numbers and years that must be left
alone, with varied numbers), and is the extractor's real throughput in
claims per second.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from audit.extract import claim_tokens, claims, clock, counts, durations, money, phones  # noqa: E402
from audit.text import sentences  # noqa: E402

# One policy sentence per answer, in the shapes FAQs use; `{n}`-style fields vary.
TEMPLATES = (
    "We offer ${fee} flat rate shipping on orders under ${low} and free shipping on orders "
    "over ${high}.",
    "Items may be returned within {days} calendar days of purchase for a full refund.",
    "Requests after {days} days of purchase are subject to a {pct}% restocking fee.",
    "Our care team is available Monday - Friday, {open}:30 am - {close}:00 pm EST.",
    "Call (800) 555-{phone} ext. {ext} since {year}; order #{order} ships in {days} days.",
    "Orders of {items} items or more get {pct}% off, and business orders over ${high} "
    "receive {pct}% back.",
    "Cancellations less than {hours} hours before your appointment are charged a ${fee} fee.",
    "Plans start at ${fee} per month for up to {items} users; try it free for {days} days.",
)


def _validate_speed() -> Callable[[int], Path]:
    """The corpus generator of validate_speed.py (a script, so loaded from its file)."""
    spec = importlib.util.spec_from_file_location("validate_speed", HERE / "validate_speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    generate: Callable[[int], Path] = module.generate
    return generate


def answers_of(corpus: Path) -> list[str]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found = []
    for path in sorted(corpus.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        found += [entry["answer"] for entry in data["entries"]]
    return found


def with_policy(answers: list[str]) -> list[str]:
    rng = random.Random(8)
    dense = []
    for answer in answers:
        low = rng.randint(20, 500)
        fields = {
            "fee": rng.randint(3, 40), "low": low, "high": low + rng.randint(1, 50),
            "days": rng.choice((7, 14, 30, 60, 90)), "pct": rng.choice((5, 10, 15, 20)),
            "open": rng.randint(7, 9), "close": rng.randint(5, 8), "phone": rng.randint(1000, 9999),
            "ext": rng.randint(1, 99), "year": rng.randint(1990, 2024),
            "order": rng.randint(10000, 99999), "items": rng.randint(2, 20),
            "hours": rng.choice((24, 48, 72)),
        }  # fmt: skip
        dense.append(f"{answer} {rng.choice(TEMPLATES).format(**fields)}")
    return dense


def _clear_caches() -> None:
    """Forget every cached reading, so that a pass reads each answer cold."""
    for module in (claims, claim_tokens, clock, counts, durations, money, phones, sentences):
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def time_claims(texts: list[str], repeat: int) -> tuple[float, int]:
    """Median seconds of a cold pass over `texts`, and the claims one pass finds."""
    times, found = [], 0
    for _ in range(repeat):
        _clear_caches()
        start = time.perf_counter()
        found = sum(len(claims.read_claims(text)) for text in texts)
        times.append(time.perf_counter() - start)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus = _validate_speed()(args.size)
    answers = answers_of(corpus)
    for label, texts in (
        ("as generated", answers),
        ("one policy sentence each", with_policy(answers)),
    ):
        seconds, found = time_claims(texts, args.repeat)
        print(
            f"{len(texts):,} answers, {label:>24}: {seconds:6.3f} s  "
            f"{len(texts) / seconds:9,.0f} answers/s  {found:6,} claims  "
            f"{found / seconds:9,.0f} claims/s"
        )


if __name__ == "__main__":
    main()

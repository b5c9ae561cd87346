"""Scaling assertions: doubling an input must not much more than double the time it takes.

Absolute times mean little on a shared, noisy 2-core machine, so a case is judged by a
ratio measured in one run: the best of a few timings at size n against the best at 2n.
A linear algorithm gives a ratio near 2, a quadratic one near 4; the limit sits between.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

MAX_RATIO = 3.0  # linear is about 2.0; quadratic is about 4.0
REPEATS = 3
MIN_SECONDS = 0.05  # below this, timer and scheduler noise swamp the ratio


def best_time(work: Callable[[], object], repeats: int = REPEATS) -> float:
    """The fastest of a few runs: the one least disturbed by other work on the machine.

    The cycle collector is paused while timing, as the engine pauses it for a run:
    late in a test session the heap holds every earlier test's objects, and the
    collector's passes over them would make any work that allocates look superlinear.
    """
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def assert_scales_linearly(
    make: Callable[[int], Callable[[], object]],
    size: int,
    *,
    max_ratio: float = MAX_RATIO,
    what: str = "",
) -> None:
    """`make(n)` returns the work for an input of size n (built outside the timing).

    The ratio time(2n) / time(n) must stay under `max_ratio`. Work that takes only
    a few milliseconds is at the mercy of a scheduler tick, so the size is doubled
    (up to 16 times) until the smaller run takes at least MIN_SECONDS. Two retries
    absorb a moment of load from elsewhere; a quadratic algorithm fails all three.
    """
    small = make(size)
    for _ in range(4):
        if best_time(small) >= MIN_SECONDS:
            break
        size *= 2
        small = make(size)
    large = make(2 * size)
    ratios = []
    for _ in range(3):
        ratio = best_time(large) / max(best_time(small), 1e-6)
        ratios.append(ratio)
        if ratio <= max_ratio:
            return
    raise AssertionError(
        f"{what or 'the work'}: doubling the input from {size:,} multiplied the time by "
        f"{min(ratios):.1f} (limit {max_ratio}); it grows faster than linearly"
    )

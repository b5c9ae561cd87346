"""Start work only when it can run: the run's and its host's limits both allow it.

A task per URL, each waiting on semaphores, is the obvious shape, but every
waiting task holds a coroutine, a frame and a waiter: about a kilobyte per URL
before any of them starts, so memory grew with the URL count. Here the queued
URLs are plain strings in per-host queues, and a task exists only while its URL
is being probed (never more than `total`), so memory stays flat. Hosts take turns
(round robin), so one host with many URLs does not hold up the others.
"""

from __future__ import annotations

import asyncio
import functools
from collections import deque
from collections.abc import Awaitable, Callable, Iterable


async def run_limited(
    items: Iterable[str],
    key: Callable[[str], str],
    work: Callable[[str], Awaitable[None]],
    *,
    total: int,
    per_key: int,
) -> None:
    """Run `work(item)` for each item, at most `total` at once and at most `per_key`
    at once for items of one `key`; the first exception of a `work` is raised."""
    total, per_key = max(1, total), max(1, per_key)
    queues: dict[str, deque[str]] = {}
    for item in items:
        queues.setdefault(key(item), deque()).append(item)
    ready = deque(queues)  # keys with queued items and a free slot, in turn order
    running = dict.fromkeys(queues, 0)
    tasks: set[asyncio.Task[None]] = set()
    loop = asyncio.get_running_loop()
    finished: asyncio.Future[None] = loop.create_future()

    def start() -> None:
        while len(tasks) < total and ready:
            name = ready.popleft()
            queue = queues[name]
            task = loop.create_task(_call(work, queue.popleft()))
            tasks.add(task)
            running[name] += 1
            if queue and running[name] < per_key:
                ready.append(name)
            task.add_done_callback(functools.partial(ended, name=name))
        if not tasks and not finished.done():
            finished.set_result(None)

    def ended(task: asyncio.Task[None], *, name: str) -> None:
        tasks.discard(task)
        running[name] -= 1
        if queues[name] and running[name] == per_key - 1:  # it was full: its turn again
            ready.append(name)
        if finished.done():
            return
        failure = None if task.cancelled() else task.exception()
        if failure is not None:
            finished.set_exception(failure)
            return
        start()

    start()
    try:
        await finished
    finally:
        for task in tasks:
            task.cancel()


async def _call(work: Callable[[str], Awaitable[None]], item: str) -> None:
    await work(item)

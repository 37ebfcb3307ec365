"""Run a producer iterator in a background thread, handing items over in chunks.

Why: an import parses rows (pure Python) while the database driver executes the previous
batch; sqlite3 and psycopg release the GIL while the database works, so on two cores the two
overlap. An exception in the producer is re-raised in the consumer, in order.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


def prefetched(items: Iterable[T], chunk: int = 500, depth: int = 8) -> Iterator[T]:
    q: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        buf: list[T] = []
        try:
            for item in items:
                buf.append(item)
                if len(buf) >= chunk:
                    q.put(buf)
                    buf = []
                    if stop.is_set():
                        return
            if buf:
                q.put(buf)
            q.put(_DONE)
        except BaseException as exc:  # handed to the consumer, raised there
            q.put(exc)

    worker = threading.Thread(target=produce, name="clerk-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            got = q.get()
            if got is _DONE:
                return
            if isinstance(got, BaseException):
                raise got
            yield from got  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                q.get_nowait()
            except queue.Empty:
                worker.join(0.05)

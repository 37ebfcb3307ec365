"""Person search in a child process, so the GUI thread never waits for the GIL behind it.

A search on a million records spends most of its time in C (SQLite, rapidfuzz) but also holds
the GIL for stretches; when the machine is busy the OS preempts the worker *while it holds the
GIL* and the GUI thread stalls with it (measured: up to 130 ms event-loop lag with the search
on a worker thread of the app's own process, bench/gui_lag_bench.py). In a child process the
search has its own interpreter; the app's worker thread only waits on a pipe, GIL released.

`SearchProcess` has the same `search(text, filters, limit)` as `PersonSearch` and is used the
same way, from a task of the task runner. No Qt here: the child imports only the core and the
store. The child is started with the "spawn" method (forking a Qt process is unsafe).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import threading
from multiprocessing.connection import Connection
from typing import Any

from clerk_app.core.search_types import SearchFilters, SearchResult


class SearchProcessError(RuntimeError):
    """The search failed in the child; `kind` names the exception type there."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


def _serve(conn: Connection, home: str, db: str, actor: str, workstation: str) -> None:
    from clerk_app.bootstrap import Workstation
    from clerk_app.core.services.person_search import PersonSearch

    ws = Workstation(home, db)
    search = PersonSearch(ws.uow_factory(), actor, workstation)
    try:
        while True:
            try:
                message = conn.recv()
            except EOFError:
                return
            if message is None:
                return
            text, filters, limit = message
            try:
                reply: tuple[str, Any] = ("ok", search.search(text, filters, limit))
            except Exception as exc:  # reported to the app, never a dead child
                reply = ("error", (type(exc).__name__, str(exc)))
            conn.send(reply)
    finally:
        ws.close()


class SearchProcess:
    """A person search running in a child process; call from worker threads only."""

    def __init__(self, home: str, db: str, actor: str, workstation: str) -> None:
        self._args = (home, db, actor, workstation)
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Connection | None = None

    def start(self) -> None:
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=_serve, args=(child, *self._args), name="clerk-search", daemon=True
        )
        self._proc.start()
        child.close()
        self._conn = parent

    def search(
        self, text: str, filters: SearchFilters | None = None, limit: int = 20
    ) -> SearchResult:
        with self._lock:  # one question at a time on the pipe
            self._start()
            assert self._conn is not None
            try:
                self._conn.send((text, filters or SearchFilters(), limit))
                status, payload = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                self._stop()  # a dead child is replaced at the next search
                raise SearchProcessError(type(exc).__name__, "search process ended") from exc
        if status == "ok":
            return payload  # type: ignore[no-any-return]
        raise SearchProcessError(*payload)

    def close(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._stop(timeout)

    def _stop(self, timeout: float = 5.0) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError, BrokenPipeError):
                self._conn.send(None)
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            self._proc.join(timeout)
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join(timeout)
            self._proc = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

"""The one background-task helper: run a callable off the GUI thread, answer on the GUI thread.

Every database, disk or network call of the desktop app goes through `TaskRunner.run`. The
callable runs in the thread pool given to the runner (a real `QThreadPool` in the app, the
synchronous `ImmediatePool` in unit tests: Picard's run_task / FakeThreadPool pattern), gets a
`TaskContext` to report progress and to notice cancellation, and its result or exception is
delivered to the callbacks on the GUI thread.

Staleness (Anki's QueryOp idea, made explicit): tasks started with the same `key` supersede each
other, so only the newest search-as-you-type query may deliver its result; an older one is
cancelled (it may check `ctx.cancelled` and stop early) and whatever it returns is dropped.

Thread affinity (qt-practice pitfall 6): the relay QObject is created in the GUI thread and its
signals are connected to `@Slot` methods of the runner, which lives in the GUI thread, so the
worker's emit is queued to the GUI thread. Callbacks are plain Python callables kept in a dict
on the GUI side; the worker never touches them.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Signal, Slot

log = logging.getLogger(__name__)

_OK, _ERROR, _CANCELLED = 0, 1, 2


class Cancelled(Exception):
    """Raised by `TaskContext.check()` inside a task that was cancelled or superseded."""


class Pool(Protocol):
    """What the runner needs of a thread pool: QThreadPool and ImmediatePool both fit."""

    def start(self, runnable: QRunnable) -> None: ...

    def waitForDone(self, msecs: int = ...) -> bool: ...


class ImmediatePool:
    """Runs each task at once in the calling thread: deterministic unit tests of views."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True


class TaskContext:
    """Handed to the task: progress reports and the cancellation flag."""

    def __init__(self, handle: TaskHandle, relay: _Relay) -> None:
        self._handle = handle
        self._relay = relay

    @property
    def cancelled(self) -> bool:
        return self._handle.cancelled

    def check(self) -> None:
        """Stop here if nobody wants the result any more."""
        if self._handle.cancelled:
            raise Cancelled

    def progress(self, done: int, total: int | None = None) -> None:
        if not self._handle.cancelled:
            self._relay.progress.emit(self._handle.id, done, total)


@dataclass
class TaskHandle:
    id: int
    key: str | None
    _event: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """The task's callbacks will not run; the task itself stops at its next check()."""
        self._event.set()


@dataclass
class _Callbacks:
    handle: TaskHandle
    on_result: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int | None], None] | None
    on_finally: Callable[[], None] | None


class _Relay(QObject):
    finished = Signal(int, int, object)  # task id, outcome, result or exception
    progress = Signal(int, object, object)  # task id, done, total


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], ctx: TaskContext, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._ctx = ctx
        self._relay = relay
        self._id = ctx._handle.id

    def run(self) -> None:
        try:
            self._ctx.check()
            result = self._fn(self._ctx)
        except Cancelled:
            self._relay.finished.emit(self._id, _CANCELLED, None)
        except BaseException as exc:  # delivered to on_error on the GUI thread
            exc.__clerk_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.finished.emit(self._id, _ERROR, exc)
        else:
            self._relay.finished.emit(self._id, _OK, result)


class TaskRunner(QObject):
    """Starts tasks in `pool` and delivers their outcome on the GUI thread.

    `busy_changed(bool)` tells the status bar whether anything runs; `failed(exc)` reports an
    error of a task that brought no `on_error` of its own (it is logged with its traceback).
    """

    busy_changed = Signal(bool)
    failed = Signal(object)

    def __init__(self, pool: Pool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.progress.connect(self._on_progress)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._latest: dict[str, TaskHandle] = {}
        self._active_keys: dict[str, int] = {}  # key -> tasks of that key in the pool
        self._queued: dict[str, tuple[Callable[[TaskContext], Any], _Callbacks]] = {}
        self._running = 0
        self._closed = False

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        key: str | None = None,
        on_finally: Callable[[], None] | None = None,
        coalesce: bool = False,
    ) -> TaskHandle:
        """Run `fn(ctx)` in the pool. With a `key`, an older task of the same key goes stale.

        With `coalesce`, at most one task of the key runs at a time: a new one waits until the
        running one ends, and a newer one still replaces it in the queue, so a clerk typing
        fast starts one search after another, never a pile of them fighting for the CPU.
        """
        handle = TaskHandle(next(self._ids), key)
        if self._closed:
            handle.cancel()
            return handle
        callbacks = _Callbacks(handle, on_result, on_error, on_progress, on_finally)
        if key is not None:
            older = self._latest.get(key)
            if older is not None:
                older.cancel()
            self._latest[key] = handle
            if coalesce and key in self._active_keys:
                replaced = self._queued.pop(key, None)
                if replaced is not None and replaced[1].on_finally is not None:
                    replaced[1].on_finally()
                self._queued[key] = (fn, callbacks)
                return handle
        self._start(fn, callbacks)
        return handle

    def _start(self, fn: Callable[[TaskContext], Any], cb: _Callbacks) -> None:
        handle = cb.handle
        self._pending[handle.id] = cb
        if handle.key is not None:
            self._active_keys[handle.key] = self._active_keys.get(handle.key, 0) + 1
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Runnable(fn, TaskContext(handle, self._relay), self._relay))

    @property
    def running(self) -> int:
        return self._running

    @Slot(int, object, object)
    def _on_progress(self, task_id: int, done: object, total: object) -> None:
        cb = self._pending.get(task_id)
        if cb is not None and not cb.handle.cancelled and cb.on_progress is not None:
            cb.on_progress(int(done), None if total is None else int(total))  # type: ignore[call-overload]

    @Slot(int, int, object)
    def _on_finished(self, task_id: int, outcome: int, payload: object) -> None:
        cb = self._pending.pop(task_id, None)
        self._running -= 1
        if cb is not None and cb.handle.key is not None:
            key = cb.handle.key
            self._active_keys[key] -= 1
            if not self._active_keys[key]:
                del self._active_keys[key]
            if self._latest.get(key) is cb.handle:
                del self._latest[key]
            queued = self._queued.pop(key, None)
            if queued is not None and not self._closed:
                self._start(*queued)
        if self._running == 0:
            self.busy_changed.emit(False)
        if cb is None:
            return
        try:
            if cb.handle.cancelled or outcome == _CANCELLED:
                return
            if outcome == _OK:
                if cb.on_result is not None:
                    cb.on_result(payload)
                return
            assert isinstance(payload, BaseException)
            log.error(
                "background task failed: %s",
                getattr(payload, "__clerk_traceback__", repr(payload)),
            )
            if cb.on_error is not None:
                cb.on_error(payload)
            else:
                self.failed.emit(payload)
        finally:
            if cb.on_finally is not None and not self._closed:
                cb.on_finally()

    def cancel_all(self) -> None:
        for _fn, queued in self._queued.values():
            queued.handle.cancel()
        self._queued.clear()
        for cb in self._pending.values():
            cb.handle.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait for the workers: no thread outlives the window."""
        self._closed = True
        self.cancel_all()
        return self._pool.waitForDone(timeout_ms)

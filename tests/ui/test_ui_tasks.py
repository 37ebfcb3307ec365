"""The one background-task helper: results on the GUI thread, errors delivered, stale and
coalesced tasks dropped, progress, shutdown. Real QThreadPool threads and the synchronous
ImmediatePool."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool

from clerk_app.ui.tasks import Cancelled, ImmediatePool, TaskRunner


@pytest.fixture
def pool(qapp):  # type: ignore[no-untyped-def]
    p = QThreadPool()
    p.setMaxThreadCount(2)
    yield p
    p.waitForDone(5000)


def test_result_arrives_on_the_gui_thread_from_a_worker(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(pool)
    seen: dict[str, object] = {}

    def work(_ctx):  # type: ignore[no-untyped-def]
        seen["worker"] = threading.current_thread()
        return 42

    runner.run(work, on_result=lambda r: seen.update(result=r, gui=threading.current_thread()))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["gui"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()  # it really ran off the GUI thread


def test_errors_go_to_on_error_or_the_failed_signal(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(pool)
    errors: list[BaseException] = []

    def boom(_ctx):  # type: ignore[no-untyped-def]
        raise ValueError("bad")

    runner.run(boom, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "bad"
    with qtbot.waitSignal(runner.failed, timeout=3000) as blocker:
        runner.run(boom)
    assert isinstance(blocker.args[0], ValueError)


def test_a_newer_task_with_the_same_key_makes_the_older_stale(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(pool)
    gate = threading.Event()
    started = threading.Event()
    results: list[str] = []
    saw_cancel = threading.Event()

    def slow(ctx):  # type: ignore[no-untyped-def]
        started.set()
        gate.wait(5)
        if ctx.cancelled:
            saw_cancel.set()
        return "old"

    first = runner.run(slow, on_result=results.append, key="search")
    assert started.wait(5)
    runner.run(lambda _ctx: "new", on_result=results.append, key="search")
    assert first.cancelled
    qtbot.waitUntil(lambda: results == ["new"])
    gate.set()
    qtbot.waitUntil(lambda: runner.running == 0)
    assert results == ["new"]  # the stale answer never reached the view
    assert saw_cancel.is_set()  # and the task could notice it was superseded


def test_coalesced_tasks_run_one_at_a_time_and_skip_the_superseded(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(pool)
    gate = threading.Event()
    ran: list[str] = []
    shown: list[str] = []

    def job(name):  # type: ignore[no-untyped-def]
        def run(_ctx):  # type: ignore[no-untyped-def]
            ran.append(name)
            if name == "a":
                gate.wait(5)
            return name

        return run

    runner.run(job("a"), on_result=shown.append, key="k", coalesce=True)
    qtbot.waitUntil(lambda: ran == ["a"])
    runner.run(job("b"), on_result=shown.append, key="k", coalesce=True)
    runner.run(job("c"), on_result=shown.append, key="k", coalesce=True)
    gate.set()
    qtbot.waitUntil(lambda: shown == ["c"])
    qtbot.waitUntil(lambda: runner.running == 0)
    assert ran == ["a", "c"]  # "b" was replaced in the queue before it ever started
    assert shown == ["c"]


def test_progress_and_check_cancellation(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(pool)
    progress: list[tuple[int, int | None]] = []
    done: list[int] = []

    def work(ctx):  # type: ignore[no-untyped-def]
        for i in range(1, 4):
            ctx.progress(i, 3)
        return 3

    runner.run(work, on_result=done.append, on_progress=lambda d, t: progress.append((d, t)))
    qtbot.waitUntil(lambda: done == [3])
    assert progress == [(1, 3), (2, 3), (3, 3)]

    gate = threading.Event()
    began = threading.Event()
    stopped = threading.Event()

    def long(ctx):  # type: ignore[no-untyped-def]
        began.set()
        gate.wait(5)
        try:
            ctx.check()
        except Cancelled:
            stopped.set()
            raise
        return "never shown"

    handle = runner.run(long, on_result=done.append)
    assert began.wait(5)
    handle.cancel()
    gate.set()
    qtbot.waitUntil(stopped.is_set)
    qtbot.waitUntil(lambda: runner.running == 0)
    assert done == [3]


def test_busy_signal_and_shutdown_waits_for_workers(qtbot, pool) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(pool)
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    finished = threading.Event()
    began = threading.Event()

    def work(_ctx):  # type: ignore[no-untyped-def]
        began.set()
        threading.Event().wait(0.2)
        finished.set()

    runner.run(work)
    assert began.wait(5)
    assert runner.shutdown(5000)
    assert finished.is_set()  # shutdown returned only after the worker ended
    after = runner.run(lambda _ctx: 1)
    assert after.cancelled  # nothing starts after shutdown
    qtbot.waitUntil(lambda: states[-1:] == [False])
    assert states[0] is True


def test_immediate_pool_runs_synchronously(qapp) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(ImmediatePool())
    out: list[int] = []
    runner.run(lambda _ctx: 7, on_result=out.append)
    assert out == [7]
    assert runner.running == 0

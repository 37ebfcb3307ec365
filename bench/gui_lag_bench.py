"""GUI event-loop lag while a clerk types names into the archive search on a 1M-record archive.

Issue 3's bar: a 1M-record search never blocks the GUI thread longer than 50 ms. A QTimer
heartbeat every 5 ms runs on the GUI thread; its lateness is the time the event loop was
blocked. Names are typed character by character (real key events) in two rhythms:

- typist: 150 ms between keys, so the 250 ms debounce runs one search per pause;
- slow:   350 ms between keys, so a search starts after every key and newer ones supersede it.

The 1M-record archive (demo generator with payroll accounts, truncated at --records) is built
once into a cache folder and reused; pass --db to use another SQLite file.

    python bench/gui_lag_bench.py                      # builds ~/.cache/clerk-bench/… first
    python bench/gui_lag_bench.py --db /path/clerk.db  # reuse a built archive

Prints max / p99 / p50 lag per rhythm, the first (cold) search separately, the time from the
last key to the results on screen, and the GUI thread's own CPU time between two beats (its
blocking work; on a busy machine the lag also contains time spent waiting for a CPU).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    "Ivanov Mihhail",
    "Щербаков Пётр 1931",
    "Ščerbakovs Pjotrs",
    "Kuznetsova Anna",
    "Смирнова Мария Ивановна",
    "Vassiljev Sergei",
    "Fjodorov Nikolai 1940",
    "Tamm Õie",
]
HEARTBEAT_MS = 5


def default_db() -> Path:
    base = Path(os.environ.get("CLERK_BENCH_CACHE", Path.home() / ".cache" / "clerk-bench"))
    return base / "gui_lag_1m" / "clerk.db"


def build(db: Path, records: int, seed: int) -> None:
    from clerk_app.core.services.import_records import import_records
    from clerk_app.demo import generate_archive
    from clerk_app.store.database import open_database
    from clerk_app.store.uow import SqlUnitOfWork

    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_suffix(".building")
    for stale in tmp.parent.glob(tmp.name + "*"):
        stale.unlink()
    engine = open_database(f"sqlite:///{tmp}")

    def rows() -> Iterator:  # type: ignore[type-arg]
        n = 0
        for _identity, recs in generate_archive(records, seed):
            for rec in recs:
                yield rec
                n += 1
                if n >= records:
                    return

    started = time.perf_counter()
    report = import_records(
        lambda: SqlUnitOfWork(engine), rows(), source="gui-lag-bench", actor="bench"
    )
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    tmp.replace(db)
    print(
        f"built {report.counts.inserted:,} records in {time.perf_counter() - started:.0f} s "
        f"-> {db} ({db.stat().st_size / 1e6:.0f} MB)",
        flush=True,
    )


def measure(db: Path, rhythms: list[tuple[str, int]], search_process: bool) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from clerk_app.bootstrap import Workstation
    from clerk_app.ui.app import ClerkApp, Options, create_qapplication
    from clerk_app.ui.testing import type_char

    qapp = create_qapplication()
    home = tempfile.mkdtemp(prefix="clerk-lag-")
    ws = Workstation(home, f"sqlite:///{db}")
    options = Options(offer_demo=False, language="en", search_process=search_process)
    app = ClerkApp(qapp, ws, options)
    archive = app.archive

    gaps: list[float] = []  # ms late, per heartbeat
    busy: list[float] = []  # ms of GUI-thread CPU time between two heartbeats
    clock = QElapsedTimer()
    last = {"t": 0, "cpu": 0.0}
    recording = {"on": False}

    def beat() -> None:
        now = clock.nsecsElapsed()
        cpu = time.thread_time()
        if recording["on"] and last["t"]:
            gaps.append(max((now - last["t"]) / 1e6 - HEARTBEAT_MS, 0.0))
            busy.append((cpu - last["cpu"]) * 1000)
        last["t"] = now
        last["cpu"] = cpu

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(beat)

    results: dict[str, dict[str, list[float]]] = {}
    latencies: dict[str, list[float]] = {}
    pending: dict[str, object] = {}

    def on_result(result) -> None:  # type: ignore[no-untyped-def]
        want = pending.get("query")
        if want is not None and result.query == want:
            latencies[pending["rhythm"]].append((time.perf_counter() - pending["t"]) * 1000)  # type: ignore[index, operator]
            pending.clear()
            QTimer.singleShot(400, step)

    archive.search_finished.connect(on_result)

    def script() -> Iterator[int | None]:
        for name, delay in rhythms:
            latencies[name] = []
            for query in QUERIES:
                archive.search.clear()
                yield 400
                gaps.clear()
                busy.clear()
                recording["on"] = True
                for ch in query[:-1]:
                    type_char(archive.search, ch)
                    yield delay
                pending.update(query=query.strip(), rhythm=name, t=time.perf_counter())
                type_char(archive.search, query[-1])
                yield None  # wait for this query's result
                recording["on"] = False
                results.setdefault(name, {"all": [], "busy": []})["all"].extend(gaps)
                results[name]["busy"].extend(busy)
                if name == rhythms[0][0] and query == QUERIES[0]:
                    results[name]["cold"] = list(gaps)

    steps = script()

    def step() -> None:
        try:
            wait = next(steps)
        except StopIteration:
            qapp.quit()
            return
        if wait is not None:
            QTimer.singleShot(wait, step)
        else:
            query = pending.get("query")
            QTimer.singleShot(60_000, lambda: timed_out(query))

    def timed_out(query) -> None:  # type: ignore[no-untyped-def]
        if pending.get("query") == query and query is not None:
            print(f"no result for {query!r} within 60 s", file=sys.stderr, flush=True)
            latencies[pending["rhythm"]].append(60_000.0)  # type: ignore[index]
            pending.clear()
            step()

    def ready() -> None:
        app.window.show_page("archive")
        archive.search.setFocus()
        clock.start()
        heartbeat.start()
        QTimer.singleShot(500, step)

    app.context.ready.connect(ready)
    qapp.aboutToQuit.connect(app.shutdown)
    app.start()
    qapp.exec()

    with ws.uow_factory()() as uow:
        count = uow.records.count()
    print(f"archive: {count:,} records ({db})")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} (other work slows every figure)")
    where = "a child process" if search_process else "worker threads of the app process"
    print(
        f"queries: {len(QUERIES)} per rhythm, heartbeat {HEARTBEAT_MS} ms, search in {where}, "
        f"niceness {os.nice(0)}"
    )
    worst = 0.0
    for name, delay in rhythms:
        g = sorted(results[name]["all"])
        warm = results[name]["all"][len(results[name].get("cold", [])) :]
        p99 = g[int(0.99 * (len(g) - 1))]
        lat = latencies[name]
        print(
            f"{name:7s} ({delay} ms/key): event-loop lag max {max(g):.1f} ms, "
            f"p99 {p99:.1f} ms, p50 {statistics.median(g):.1f} ms over {len(g)} beats; "
            f"last key -> results p50 {statistics.median(lat):.0f} ms, max {max(lat):.0f} ms"
        )
        b = sorted(results[name]["busy"])
        print(
            f"        GUI thread's own CPU work between beats: max {b[-1]:.1f} ms, "
            f"p99 {b[int(0.99 * (len(b) - 1))]:.1f} ms (the rest of a lag is waiting: "
            "for the CPU or the GIL)"
        )
        if results[name].get("cold"):
            print(
                f"        first (cold) search: lag max {max(results[name]['cold']):.1f} ms; "
                f"after it: max {max(warm):.1f} ms"
            )
        worst = max(worst, max(g))
    print(f"bar: max lag <= 50 ms: {'met' if worst <= 50 else 'NOT met'} ({worst:.1f} ms)")
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", type=Path, help="SQLite archive to use (default: the cached 1M)")
    p.add_argument("--records", type=int, default=1_000_000, help="records when building")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument(
        "--in-process",
        action="store_true",
        help="search on the app's worker threads instead of the child process (comparison)",
    )
    p.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run the app at this niceness (e.g. -10, needs root): on a shared machine it "
        "stands in for a workstation where the app is not competing with other jobs",
    )
    p.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    db = args.db or default_db()
    rhythms = [("typist", 150), ("slow", 350)]
    if args.measure:
        if args.nice:
            os.nice(args.nice)  # the search child process inherits it
        return measure(db, rhythms, not args.in_process)
    if not db.exists():
        print(f"building a {args.records:,}-record archive once into {db} …", flush=True)
        build(db, args.records, args.seed)
    # measure in a fresh process: its memory and caches are the app's own
    extra = ["--in-process"] if args.in_process else []
    extra += ["--nice", str(args.nice)] if args.nice else []
    return subprocess.call([sys.executable, __file__, "--measure", "--db", str(db), *extra])


if __name__ == "__main__":
    sys.exit(main())

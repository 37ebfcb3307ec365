"""Time from starting `clerk-app` to its main window on screen, on a demo database.

Issue 3's bar: the window is shown within 1.5 s of start on the demo database. Each run is a
fresh process (`python -m clerk_app.ui.launcher --report-shown`, the same code path as the
`clerk-app` script); the clock starts before the process is spawned and stops when the process
reports the window shown (after `show()`, from the event loop). The database opening (Alembic
check, on a worker) is timed too ("ready").

    python bench/app_start_bench.py                 # 7 runs, offscreen
    python bench/app_start_bench.py --runs 15 --persons 2000

Prints p50 and max of both, and the CPU time the process used until its window was shown
(on a busy machine the wall time also contains waiting for a CPU).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_demo(home: Path, persons: int) -> int:
    from clerk_app.bootstrap import Workstation
    from clerk_app.core.services.import_records import import_records
    from clerk_app.demo import generate_archive

    ws = Workstation(str(home))
    rows = (r for _i, recs in generate_archive(persons, 42) for r in recs)
    report = import_records(ws.uow_factory(), rows, source="bench", actor="bench")
    ws.close()
    return report.counts.inserted


def one_run(home: Path) -> tuple[float, float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "clerk_app.ui.launcher", "--home", str(home), "--report-shown"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    shown = ready = cpu = float("nan")
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("shown") and shown != shown:
            shown = time.perf_counter() - started
            cpu = float(line.split()[2])
        elif line.startswith("ready"):
            ready = time.perf_counter() - started
    proc.wait(60)
    return shown, ready, cpu


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--persons", type=int, default=2000, help="demo archive size")
    args = p.parse_args()
    # the demo workstation database is encrypted as a real first start makes it (SQLCipher);
    # without an OS key store its passphrase comes from here, as in automation
    os.environ.setdefault("CLERK_DB_PASSPHRASE", "start bench passphrase 2026")
    with tempfile.TemporaryDirectory(prefix="clerk-start-") as tmp:
        home = Path(tmp)
        records = build_demo(home, args.persons)
        one_run(home)  # warm the OS file cache once, as a workstation that ran the app before
        shown, ready, cpu = zip(*(one_run(home) for _ in range(args.runs)), strict=True)
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"demo database: {records:,} records; {args.runs} fresh processes; platform {platform}")
    print(f"machine: {os.cpu_count()} cores, load average {load} (other work slows every figure)")
    print(f"window shown: p50 {statistics.median(shown):.2f} s, max {max(shown):.2f} s")
    print(
        f"CPU time of the process until the window is shown: p50 {statistics.median(cpu):.2f} s "
        "(what the start costs on an idle machine, less the disk)"
    )
    print(f"database ready: p50 {statistics.median(ready):.2f} s, max {max(ready):.2f} s")
    print(f"bar: window within 1.5 s: {'met' if max(shown) <= 1.5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sync benchmark (issue #7 bars): the initial catalogue sync of 1,000,000 records over
loopback and the workstation's peak memory during it; 1,000 changes round trip.

Setup (not measured): N demo records are imported into a SQLite seed through the import path,
then copied into a fresh PostgreSQL hub database with COPY (the hub's own import path is not
what this measures). The hub runs as `python -m clerk_app.server.sync_app` with TLS on
127.0.0.1; each workstation runs in its own process, so its peak memory (VmHWM) is its own.

Prints: the first initial sync (the server builds the snapshot), a second one (snapshot ready),
each phase's seconds, the workstation's peak RSS, the snapshot size, and the round trip of
1,000 changes (workstation A pushes, workstation B pulls).

    python bench/sync_bench.py                      # 1M records
    python bench/sync_bench.py --records 100000
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# workstation databases are SQLCipher-encrypted by default: measure that, with a fixed key
os.environ.setdefault("CLERK_DB_PASSPHRASE", "sync benchmark passphrase")
ADMIN = os.environ.get("CLERK_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
TABLES = ("archive", "fonds", "inventory", "file_unit", "person_record", "payroll_entry",
          "name_vocab")  # fmt: skip


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- workstation side (child processes) ------------------------------------------------------
def child_initial(args: argparse.Namespace) -> None:
    from clerk_app.bootstrap import Workstation
    from clerk_app.sync.enrolment import enrol
    from clerk_app.sync.service import Progress

    ws = Workstation(args.home)
    enrol(ws.uow_factory(), ws.sync_config_path, ws.home.settings, args.url, args.token,
          ca_file=args.ca, name="bench")  # fmt: skip
    ws.close()
    ws = Workstation(args.home)
    starts: list[tuple[str, float]] = []  # each phase from its first progress event
    start = time.monotonic()

    def progress(p: Progress) -> None:
        if not starts or starts[-1][0] != p.phase.value:
            starts.append((p.phase.value, time.monotonic() - start))

    report = ws.sync_service().sync_now(progress)
    total = time.monotonic() - start
    phases: dict[str, float] = {"enrol_and_request": round(starts[0][1], 2) if starts else 0}
    for (name, at), (_, nxt) in zip(starts, [*starts[1:], ("end", total)], strict=True):
        phases[name] = round(phases.get(name, 0) + nxt - at, 2)
    with ws.engine.connect() as conn:
        from sqlalchemy import text

        rows = conn.execute(text("SELECT count(*) FROM person_record")).scalar_one()
    ws.close()
    db_mb = round((Path(args.home) / "clerk.db").stat().st_size / 1e6, 1)
    out = {"seconds": round(total, 2), "records": rows, "copied": report.catalogue_copied,
           "phases": phases, "peak_rss_mb": round(peak_rss_mb(), 1), "db_mb": db_mb}  # fmt: skip
    print(json.dumps(out))


def child_roundtrip(args: argparse.Namespace) -> None:
    from clerk_app.bootstrap import Workstation
    from clerk_app.core.requests import Applicant, NewRequest, RequestSubject

    a, b = Workstation(args.home), Workstation(args.home_b)
    svc = a.requests()
    for i in range(args.changes // 2):  # a registration is two changes: request + history
        svc.register(NewRequest(Applicant(f"Applicant {i}", phone="1"), RequestSubject.SALARY,
                                f"Person {i}"))  # fmt: skip
    pending = a.sync_service().status().pending
    t0 = time.monotonic()
    pushed = a.sync_service().sync_now()
    t1 = time.monotonic()
    pulled = b.sync_service().sync_now()
    t2 = time.monotonic()
    print(json.dumps({"changes": pending, "push_s": round(t1 - t0, 3), "pull_s": round(t2 - t1, 3),
                      "round_trip_s": round(t2 - t0, 3), "accepted": pushed.accepted,
                      "received": pulled.pulled.get("data", 0)}))  # fmt: skip


# -- setup -------------------------------------------------------------------------------------
def build_seed(path: Path, records: int, seed: int, payroll: bool) -> int:
    from clerk_app.core.services.import_records import import_records
    from clerk_app.demo import generate_archive
    from clerk_app.store.database import open_database
    from clerk_app.store.uow import SqlUnitOfWork

    engine = open_database(f"sqlite:///{path}")
    rows = itertools.islice(
        itertools.chain.from_iterable(
            r for _, r in generate_archive(records, seed, payroll=payroll)
        ),
        records,
    )
    report = import_records(lambda: SqlUnitOfWork(engine), rows, source="bench", actor="bench")
    engine.dispose()
    return report.rows_read


def load_hub(seed: Path, url: str) -> None:
    import psycopg

    from clerk_app.store.database import open_database
    from clerk_app.store.sync_capture import ensure_hub

    engine = open_database(url)
    ensure_hub(engine)
    engine.dispose()
    src = sqlite3.connect(seed)
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as pg:
        for table in TABLES:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            with pg.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    copy.write_row(row)
            if "id" in cols:
                pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT coalesce(max(id), 1) FROM {table}))")  # fmt: skip
        pg.execute("ANALYZE")
    src.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_child(*args: str) -> dict:  # type: ignore[type-arg]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         env=env, check=False)  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=1_000_000)
    p.add_argument("--changes", type=int, default=1000)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument(
        "--payroll",
        action="store_true",
        help="the demo's payroll accounts with their monthly rows (~12 a record)",
    )
    p.add_argument("--workdir", type=Path)
    p.add_argument("--child", choices=["initial", "roundtrip"])
    p.add_argument("--home")
    p.add_argument("--home-b")
    p.add_argument("--url")
    p.add_argument("--token")
    p.add_argument("--ca")
    args = p.parse_args()
    if args.child == "initial":
        return child_initial(args)
    if args.child == "roundtrip":
        return child_roundtrip(args)

    import psycopg

    from clerk_testkit.pki import TestPki

    work = args.workdir or Path(tempfile.mkdtemp(prefix="clerk-syncbench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"workdir {work}; load average {os.getloadavg()[0]:.2f}", flush=True)
    seed = work / f"seed-{args.records}{'-payroll' if args.payroll else ''}.db"
    if not seed.exists():
        t = time.monotonic()
        n = build_seed(seed.with_suffix(".part"), args.records, args.seed, args.payroll)
        seed.with_suffix(".part").replace(seed)
        print(f"seed: {n:,} records imported into SQLite in {time.monotonic() - t:.0f} s",
              flush=True)  # fmt: skip
    name = f"clerk_syncbench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
    hub = None
    try:
        t = time.monotonic()
        load_hub(seed, url)
        with sqlite3.connect(seed) as src:
            months = src.execute("SELECT count(*) FROM payroll_entry").fetchone()[0]
        print(f"hub: {args.records:,} records and {months:,} payroll months loaded into "
              f"PostgreSQL with COPY in {time.monotonic() - t:.0f} s", flush=True)  # fmt: skip
        pki = TestPki.create()
        server = pki.tls_server()
        (work / "ca.pem").write_bytes(pki.root.pem)
        (work / "server.pem").write_bytes(server.pem + pki.intermediate.pem)
        (work / "server.key").write_bytes(server.key_pem())
        port = free_port()
        hub_url = f"https://127.0.0.1:{port}"
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        hub = subprocess.Popen(
            [sys.executable, "-m", "clerk_app.server.sync_app", "--db", url, "--port", str(port),
             "--snapshots", str(work / f"snapshots-{name}"), "--ssl-certfile",
             str(work / "server.pem"), "--ssl-keyfile", str(work / "server.key")],
            env=env, cwd=ROOT,
        )  # fmt: skip
        import requests

        for _ in range(300):
            try:
                if requests.get(f"{hub_url}/health", verify=str(work / "ca.pem"), timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        from clerk_app.bootstrap import Workstation

        admin = Workstation(str(work / f"admin-{name}"), url)
        hubsvc = admin.hub_service()
        tokens = [hubsvc.create_token("NRV", f"B{i}") for i in range(2)]
        admin.close()
        homes = [work / f"ws-{name}-{i}" for i in range(2)]
        results = []
        for i in range(2):
            r = run_child("--child", "initial", "--home", str(homes[i]), "--url", hub_url,
                          "--token", tokens[i], "--ca", str(work / "ca.pem"))  # fmt: skip
            results.append(r)
            label = "first (server builds the snapshot)" if i == 0 else "second (snapshot ready)"
            print(f"initial sync, {label}: {r['seconds']} s for {r['records']:,} records, "
                  f"peak RSS {r['peak_rss_mb']} MB, database {r['db_mb']} MB; phases {r['phases']}",
                  flush=True)  # fmt: skip
        snaps = list((work / f"snapshots-{name}").glob("*.sqlite.gz"))
        if snaps:
            print(f"snapshot file {snaps[0].stat().st_size / 1e6:.1f} MB (gzip)")
        rt = run_child("--child", "roundtrip", "--home", str(homes[0]), "--home-b",
                       str(homes[1]), "--changes", str(args.changes))  # fmt: skip
        print(
            f"round trip of {rt['changes']} changes: push+pull on A {rt['push_s']} s, "
            f"pull on B {rt['pull_s']} s, total {rt['round_trip_s']} s "
            f"({rt['accepted']} accepted, {rt['received']} received)"
        )
        print(f"load average at the end {os.getloadavg()[0]:.2f}")
    finally:
        if hub is not None:
            hub.send_signal(signal.SIGTERM)
            hub.wait(30)
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()

"""What encryption at rest costs: import rate and search latency, plain SQLite vs SQLCipher.

Generates N demo person records (default 100,000) into a CSV once, then for each mode imports
them into a fresh database through the same path as `clerk import persons` and runs the same
labelled queries (search_bench's: another script or transliteration, 30 % with a typo). Modes
alternate round by round so a busy machine hurts them alike:

- `plain`: the stdlib sqlite3 driver and the system SQLite (what a plain database uses);
- `sqlcipher-plain`: the sqlcipher3 driver and its bundled, newer SQLite without a key, which
  separates the SQLite version's effect from encryption's;
- `encrypted`: SQLCipher with the raw key.

Also prints the one-off costs: unwrapping the data key from a passphrase (scrypt) and opening
an encrypted connection (raw key: no PBKDF2 per connection).

    python bench/encryption_bench.py                       # 100k records, 500 queries, 2 rounds
    python bench/encryption_bench.py --records 20000 --queries 200 --rounds 1
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import build_csv, make_query  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402

from clerk_app.core.data_at_rest import Protector  # noqa: E402
from clerk_app.core.services.import_records import import_records  # noqa: E402
from clerk_app.core.services.person_search import PersonSearch  # noqa: E402
from clerk_app.imports import open_table, parse_rows  # noqa: E402
from clerk_app.store import keystore  # noqa: E402
from clerk_app.store.database import _sqlite_pragmas, open_database, upgrade  # noqa: E402
from clerk_app.store.sqlcipher import connect_encrypted, dbapi  # noqa: E402
from clerk_app.store.uow import SqlUnitOfWork  # noqa: E402


def _engine(mode: str, url: str, key: str | None):  # type: ignore[no-untyped-def]
    if mode != "sqlcipher-plain":
        return open_database(url, key)
    # the SQLCipher driver without a key: its bundled SQLite, no encryption
    engine = create_engine(url, module=dbapi())
    event.listen(engine, "connect", _sqlite_pragmas)
    upgrade(engine)
    return engine


def run(mode: str, work: Path, csv_path: Path, queries: list[str], key: str | None) -> dict:
    db = work / f"{mode}.db"
    for f in work.glob(f"{mode}.db*"):
        f.unlink()
    engine = _engine(mode, f"sqlite:///{db}", key)
    table = open_table(csv_path)
    cpu0 = time.process_time()
    report = import_records(
        lambda: SqlUnitOfWork(engine),
        parse_rows(table.rows(), "BENCH"),
        source=str(csv_path),
        actor="bench",
    )
    assert report.committed
    import_cpu = time.process_time() - cpu0
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    search = PersonSearch(lambda: SqlUnitOfWork(engine), actor="bench")
    for q in queries[:20]:
        search.search(q, limit=10)
    times, cpus = [], []
    for q in queries:
        t0, c0 = time.perf_counter(), time.process_time()
        search.search(q, limit=10)
        times.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    engine.dispose()
    times.sort()
    cpus.sort()
    return {
        "cpu_rows_per_s": report.rows_read / import_cpu,
        "cpu_p50": statistics.median(cpus),
        "cpu_p95": cpus[int(len(cpus) * 0.95) - 1],
        "rows_per_s": report.rows_per_second,
        "import_s": report.seconds,
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "mb": sum(f.stat().st_size for f in work.glob(f"{mode}.db*")) / 1e6,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="clerk-encbench-") as tmp:
        work = Path(tmp)
        csv_path = work / "persons.csv"
        persons = build_csv(csv_path, args.records, args.seed)
        rng = random.Random(args.seed + 1)
        queries = [make_query(p, rng)[0] for p in rng.sample(persons, args.queries)]
        print(f"{args.records:,} records of {len(persons):,} persons; {len(queries)} queries")

        t0 = time.perf_counter()
        keys = keystore.create_header(work / "k.key", Protector.PASSPHRASE, "bench passphrase!")
        keystore._KEK_CACHE.clear()
        t1 = time.perf_counter()
        keystore.open_header(work / "k.key", lambda _new: "bench passphrase!")
        t2 = time.perf_counter()
        key = keys.current.sqlcipher_key()
        print(
            f"data key: create {1000 * (t1 - t0):.0f} ms, unwrap from passphrase (scrypt "
            f"n=2^16) {1000 * (t2 - t1):.0f} ms, once per process"
        )

        modes = ("plain", "sqlcipher-plain", "encrypted")
        results: dict[str, list[dict]] = {m: [] for m in modes}
        for r in range(args.rounds):
            for mode in modes:
                res = run(mode, work, csv_path, queries, key if mode == "encrypted" else None)
                results[mode].append(res)
                print(
                    f"round {r + 1} {mode:>15}: import {res['rows_per_s']:,.0f} rows/s wall "
                    f"({res['cpu_rows_per_s']:,.0f} per CPU s); search p50/p95 "
                    f"{res['p50']:.1f}/{res['p95']:.1f} ms wall, "
                    f"{res['cpu_p50']:.1f}/{res['cpu_p95']:.1f} ms CPU; {res['mb']:.0f} MB"
                )

        opens = []
        for _ in range(20):
            t = time.perf_counter()
            connect_encrypted(work / "encrypted.db", key).close()
            opens.append((time.perf_counter() - t) * 1000)
        print(
            f"open an encrypted connection (PRAGMA key + first read): "
            f"median {statistics.median(opens):.1f} ms"
        )

        def best(mode: str, k: str, fn=max) -> float:  # type: ignore[no-untyped-def]
            return fn(x[k] for x in results[mode])

        for base in ("plain", "sqlcipher-plain"):
            line = [f"best of {args.rounds}, {base} → encrypted:"]
            for label, k, fn, unit in (
                ("import wall", "rows_per_s", max, "rows/s"),
                ("import CPU", "cpu_rows_per_s", max, "rows/CPU s"),
                ("p50 wall", "p50", min, "ms"),
                ("p95 wall", "p95", min, "ms"),
                ("p50 CPU", "cpu_p50", min, "ms"),
                ("p95 CPU", "cpu_p95", min, "ms"),
            ):
                a_, b_ = best(base, k, fn), best("encrypted", k, fn)
                line.append(f"{label} {a_:,.1f} → {b_:,.1f} {unit} ({100 * (b_ / a_ - 1):+.0f} %)")
            print("\n  ".join(line))


if __name__ == "__main__":
    main()

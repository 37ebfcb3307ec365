"""Exchange receive benchmark (issue #6 bar: ≥ 100 messages/s of 100 KB with 16 concurrent
senders, p99 ≤ 250 ms, nothing lost).

Starts a real office server (`clerk serve`: TLS with client certificates, PostgreSQL in a fresh
database, or SQLite), and 16 sender threads (one keep-alive mTLS session each) that post
distinct signed 100 KB PDFs — every message passes the full receive path: client certificate,
envelope schema, document hash, PAdES signature against the partner's roots, durable store,
signed receipt. Prints messages/s, latency p50/p95/p99/max, and the count of lost and
duplicated messages (receipts vs rows in the server's database).

    python bench/exchange_bench.py                       # 2,000 messages, 16 senders, PostgreSQL
    python bench/exchange_bench.py --messages 500 --workers 1 --db sqlite

Signed documents are generated once into bench/.cache/exchange (about 45 ms each).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import queue
import resource
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import psycopg  # noqa: E402
import requests  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402

from clerk_testkit.exchange import (  # noqa: E402
    Office,
    ServerProcess,
    db_count,
    envelope,
    plain_pdf,
    sign_pdf,
    submission,
    write_server_config,
)
from clerk_testkit.pki import Issued, TestPki  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "exchange"
NARVA, IVANGOROD = "EE-75039664", "RU-4707012345"
PG_ADMIN = os.environ.get("CLERK_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def _save_issued(issued: Issued, name: str) -> None:
    (CACHE / f"{name}.pem").write_bytes(issued.pem)
    (CACHE / f"{name}.key").write_bytes(issued.key_pem())


def _load_issued(name: str) -> Issued:
    cert = x509.load_pem_x509_certificate((CACHE / f"{name}.pem").read_bytes())
    key = serialization.load_pem_private_key((CACHE / f"{name}.key").read_bytes(), None)
    return Issued(cert, key)  # type: ignore[arg-type]


def _ivangorod() -> Office:
    """Ivangorod's PKI and clerk, cached so the cached documents stay valid."""
    CACHE.mkdir(parents=True, exist_ok=True)
    if not (CACHE / "clerk.pem").exists():
        pki = TestPki.create("TEST of RU CA 2026")
        _save_issued(pki.root, "root")
        _save_issued(pki.intermediate, "intermediate")
        _save_issued(pki.signing_identity(country="RU"), "clerk")
    pki = TestPki(_load_issued("root"), _load_issued("intermediate"))
    office = Office.create(IVANGOROD, "Администрация Ивангорода", "RU", ["ru", "et"])
    office.pki = pki
    office.tls_client = pki.tls_client(IVANGOROD)
    office.clerk = _load_issued("clerk")
    return office


def _make_doc(i: int) -> int:
    office = _ivangorod_cached_only()
    path = CACHE / "docs" / f"{i:05d}.pdf"
    if not path.exists():
        pdf = sign_pdf(plain_pdf(f"Запрос {i}", size=100_000, seed=i), office.clerk, office.pki)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pdf)
        tmp.replace(path)
    return i


def _ivangorod_cached_only() -> Office:
    pki = TestPki(_load_issued("root"), _load_issued("intermediate"))
    o = Office.__new__(Office)
    o.pki, o.clerk = pki, _load_issued("clerk")
    return o


def documents(n: int) -> list[bytes]:
    (CACHE / "docs").mkdir(parents=True, exist_ok=True)
    missing = [i for i in range(n) if not (CACHE / "docs" / f"{i:05d}.pdf").exists()]
    if missing:
        print(f"signing {len(missing)} documents of 100 KB (cached for next time) …", flush=True)
        with ProcessPoolExecutor(max(1, (os.cpu_count() or 2))) as pool:
            list(pool.map(_make_doc, missing, chunksize=16))
    return [(CACHE / "docs" / f"{i:05d}.pdf").read_bytes() for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--senders", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    ap.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    ap.add_argument("--warmup", type=int, default=64)
    args = ap.parse_args()

    ivan = _ivangorod()
    narva = Office.create(NARVA, "Narva Linnavalitsus", "EE", ["et", "ru", "en"])
    docs = documents(args.messages + args.warmup)
    print(f"{len(docs)} documents, mean {statistics.mean(map(len, docs)) / 1024:.0f} KiB")

    tmp = Path(tempfile.mkdtemp(prefix="clerk-exchange-bench-"))
    dbname = f"clerk_bench_{uuid.uuid4().hex[:8]}"
    if args.db == "postgresql":
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {dbname}")
        db_url = PG_ADMIN.rsplit("/", 1)[0] + f"/{dbname}"
    else:
        db_url = f"sqlite:///{tmp / 'server.db'}"
    cfg = write_server_config(
        tmp / "narva",
        narva,
        [(ivan, "https://127.0.0.1:1")],
        db_url,
        max_body_bytes=1_000_000,
        workers=args.workers,
        extra='log_level = "warning"\n',
    )
    client = ivan.write_files(tmp / "client")
    ca = tmp / "ca.pem"
    ca.write_bytes(narva.ca_pem)
    srv = ServerProcess(cfg).start()
    try:
        bodies = []
        expected: dict[str, str] = {}
        for doc in docs:
            env = envelope(IVANGOROD, NARVA, doc)
            bodies.append((env["message_id"], submission(env, doc)))
            expected[env["message_id"]] = hashlib.sha256(doc).hexdigest()
        warm, timed = bodies[: args.warmup], bodies[args.warmup :]

        def run(batch: list[tuple[str, bytes]]) -> tuple[float, list[float], dict[str, int]]:
            work: queue.Queue[tuple[str, bytes]] = queue.Queue()
            for b in batch:
                work.put(b)
            latencies: list[float] = []
            outcome: dict[str, int] = {}
            lock = threading.Lock()

            def sender() -> None:
                s = requests.Session()
                s.trust_env = False
                while True:
                    try:
                        mid, body = work.get_nowait()
                    except queue.Empty:
                        return
                    t0 = time.perf_counter()
                    try:
                        r = s.post(
                            f"{srv.partner_url}/v1/messages",
                            data=body,
                            headers={"Content-Type": "application/json"},
                            verify=str(ca),
                            cert=(str(client["client.pem"]), str(client["client.key"])),
                            timeout=60,
                        )
                        ok = (
                            r.status_code == 201
                            and r.json()["receipt"]["document_sha256"] == expected[mid]
                        )
                        key = "receipted" if ok else f"http_{r.status_code}"
                    except requests.RequestException as exc:
                        key = type(exc).__name__
                    dt = time.perf_counter() - t0
                    with lock:
                        latencies.append(dt)
                        outcome[key] = outcome.get(key, 0) + 1

            threads = [threading.Thread(target=sender) for _ in range(args.senders)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return time.perf_counter() - t0, latencies, outcome

        run(warm)
        server_procs = [psutil.Process(srv.info["pid"])]
        server_procs += [psutil.Process(p) for p in srv.info.get("worker_pids", [])]

        def server_cpu() -> float:
            return sum(sum(p.cpu_times()[:2]) for p in server_procs)

        def database_cpu() -> dict[int, float]:
            """CPU of the PostgreSQL backends serving the bench database (by pid)."""
            if args.db != "postgresql":
                return {}
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                pids = [
                    r[0]
                    for r in conn.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s", (dbname,)
                    )
                ]
            out = {}
            for pid in pids:
                with contextlib.suppress(psutil.Error):
                    out[pid] = sum(psutil.Process(pid).cpu_times()[:2])
            return out

        db0 = database_cpu()
        cpu0, me0 = server_cpu(), resource.getrusage(resource.RUSAGE_SELF)
        elapsed, lat, outcome = run(timed)
        cpu1, me1 = server_cpu(), resource.getrusage(resource.RUSAGE_SELF)
        db1 = database_cpu()
        db_ms = sum(v - db0.get(pid, 0.0) for pid, v in db1.items()) / len(timed) * 1000
        server_ms = (cpu1 - cpu0) / len(timed) * 1000
        client_ms = (me1.ru_utime + me1.ru_stime - me0.ru_utime - me0.ru_stime) / len(timed) * 1000
        rows = db_count(db_url, "received_message")
        lat.sort()

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

        receipted = outcome.get("receipted", 0)
        print(
            json.dumps(
                {
                    "messages": len(timed),
                    "senders": args.senders,
                    "server_workers": args.workers,
                    "database": args.db,
                    "cpus": os.cpu_count(),
                    "load_before": os.getloadavg()[0],
                },
                ensure_ascii=False,
            )
        )
        print(f"throughput      {len(timed) / elapsed:8.1f} messages/s ({elapsed:.1f} s)")
        print(f"latency p50     {pct(0.50):8.1f} ms")
        print(f"latency p95     {pct(0.95):8.1f} ms")
        print(f"latency p99     {pct(0.99):8.1f} ms")
        print(f"latency max     {lat[-1] * 1000:8.1f} ms")
        print(f"server CPU      {server_ms:8.1f} ms per message (all worker processes)")
        print(f"database CPU    {db_ms:8.1f} ms per message (PostgreSQL backends)")
        print(f"sender CPU      {client_ms:8.1f} ms per message (the 16 sender threads)")
        cores = os.cpu_count() or 1
        print(
            f"CPU-bound limit {cores * 1000 / (server_ms + db_ms + client_ms):8.1f} messages/s "
            f"on {cores} idle cores, server + database + senders on this machine"
        )
        print(f"outcomes        {outcome}")
        print(f"stored rows     {rows} (expected {len(bodies)})")
        lost = len(bodies) - rows
        dup = max(0, rows - len(bodies))
        print(f"lost            {lost}")
        print(f"duplicated      {dup}")
        return 0 if receipted == len(timed) and lost == 0 and dup == 0 else 1
    finally:
        srv.stop()
        if args.db == "postgresql":
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())

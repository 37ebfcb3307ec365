"""ID-card operation times on the real PC/SC stack with the virtual cards.

Starts a private pcscd with vpcd (root; else reuses the system one), plugs in each card type and
times the operations the app performs, through the same code (`clerk_app.card`):

    python bench/card_bench.py                     # all card types, 30 rounds each
    python bench/card_bench.py --kinds esteid2018 --rounds 100
    python bench/card_bench.py --no-quickack       # show vpcd's 44 ms Nagle/delayed-ACK stall
    python bench/card_bench.py --opensc            # also time OpenSC's pkcs15-tool -D

Prints median and 95th-percentile milliseconds and the APDUs each operation sends.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Row = tuple[str, str, float, float, float]
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk_testkit.pki import TestPki  # noqa: E402
from clerk_testkit.vcard import KINDS, READERS, VpcdLink, make_card, start, wait_for_card  # noqa: E402


def measure(rounds: int, op: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        op()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bench_kind(kind: str, pki: TestPki, port: int, args: argparse.Namespace) -> list[Row]:
    from clerk_app.card import open_signer, read_card_info

    rows: list[Row] = []
    issued = make_card(kind, pki)
    card = issued.card
    link = VpcdLink(port, quickack=not args.no_quickack)
    t0 = time.perf_counter()
    link.insert(card)
    wait_for_card(READERS[0], atr=card.atr)
    rows.append((kind, "card inserted → visible to PC/SC", (time.perf_counter() - t0) * 1000, 0, 0))
    signer = open_signer()
    conn, profile = signer._conn, signer.profile
    data = b"bench"
    digest = (hashlib.sha384 if profile.digest_length == 48 else hashlib.sha256)(data).digest()

    def read_sign_cert() -> bytes:
        with conn.transaction():
            return profile.read_certificate(conn, "sign")

    def read_both() -> None:
        with conn.transaction():
            profile.read_certificate(conn, "sign")
            profile.read_certificate(conn, "auth")

    ops: list[tuple[str, Callable[[], object]]] = [
        ("open: connect + ATR + signing cert", lambda: open_signer().close()),
        ("read signing certificate", read_sign_cert),
        ("read both certificates", read_both),
        ("read PIN2 tries (GET DATA)", lambda: signer.pin_status("pin2")),
        ("pre-flight (read_card_info)", lambda: read_card_info()),
        ("verify PIN2 + sign + check", lambda: signer.sign_digest(digest, issued.pin2)),
    ]
    for name, op in ops:
        before = len(card.log)
        op()
        n = len(card.log) - before
        times = measure(args.rounds, op)
        rows.append((kind, name, statistics.median(times), p95(times), n))
    signer.close()
    t0 = time.perf_counter()
    link.remove()
    wait_for_card(READERS[0], present=False)
    rows.append((kind, "card removed → seen by PC/SC", (time.perf_counter() - t0) * 1000, 0, 0))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--no-quickack", action="store_true", help="do not set TCP_QUICKACK")
    ap.add_argument("--opensc", action="store_true", help="also time pkcs15-tool -D (EstEID 2018)")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="card-bench-"))
    t0 = time.perf_counter()
    daemon = start(folder)
    started = (time.perf_counter() - t0) * 1000
    os.environ.update(daemon.env())
    os.environ["CLERK_ALLOW_VIRTUAL_READER"] = "1"
    print(f"pcscd {'(private) ' if daemon.pid else '(system) '}ready in {started:.0f} ms; "
          f"TCP_QUICKACK {'off' if args.no_quickack else 'on'}; {args.rounds} rounds")  # fmt: skip
    pki = TestPki.create()
    rows: list[Row] = []
    try:
        for kind in args.kinds:
            rows += bench_kind(kind, pki, daemon.ports[READERS[0]], args)
        if args.opensc:
            issued = make_card("esteid2018", pki)
            link = VpcdLink(daemon.ports[READERS[0]], quickack=not args.no_quickack)
            link.insert(issued.card)
            wait_for_card(READERS[0], atr=issued.card.atr)
            home = folder / "home"
            home.mkdir(exist_ok=True)
            env = dict(os.environ, HOME=str(home))

            def dump() -> None:
                subprocess.run(["pkcs15-tool", "-D"], check=True, capture_output=True, env=env)

            times = measure(max(3, args.rounds // 10), dump)
            rows.append(
                (
                    "esteid2018",
                    "OpenSC pkcs15-tool -D (process)",
                    statistics.median(times),
                    p95(times),
                    0,
                )
            )
            link.remove()
    finally:
        daemon.stop()

    print(f"{'card':<14}{'operation':<38}{'median ms':>10}{'p95 ms':>9}{'APDUs':>7}")
    for kind, name, med, high, n in rows:
        extra = f"{high:>9.2f}{int(n):>7}" if high else f"{'':>9}{'':>7}"
        print(f"{kind:<14}{name:<38}{med:>10.2f}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

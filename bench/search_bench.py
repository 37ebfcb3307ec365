"""Person-search benchmark at archive scale (issue #2 bars).

Builds N person records (default 1,000,000) with the demo generator, writes them to a CSV and
imports it through the same path as `clerk import persons` (parse, fold, insert, FTS index);
then, in a fresh process so its memory is the search's alone, runs labelled queries each written
in another script or transliteration than the stored record, 30 % with one typo.

Prints: import rate, index rebuild time, database size, p50/p95 latency, peak memory, hit@10.

    python bench/search_bench.py                  # 1M records in a temp folder
    python bench/search_bench.py --records 100000 --queries 500
    python bench/search_bench.py --workdir W --search-only   # re-run the queries on W's database

Peak memory is the search child's own high-water mark (VmHWM). Not ru_maxrss: on Linux a child
started by vfork/fork + exec inherits the parent's ru_maxrss, so it reported the harness's 1.2 GB
(the import, the labels) as the search's peak.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import iuliia  # noqa: E402

from clerk_app.core.services.import_records import import_records  # noqa: E402
from clerk_app.core.services.person_search import PersonSearch  # noqa: E402
from clerk_app.demo import generate_archive  # noqa: E402
from clerk_app.imports import open_table  # noqa: E402
from clerk_app.imports.pipeline import import_items, table_items  # noqa: E402
from clerk_app.search.translit import ru_to_et, ru_to_lv  # noqa: E402
from clerk_app.store.database import open_database  # noqa: E402
from clerk_app.store.rows import prepare_item  # noqa: E402
from clerk_app.store.uow import SqlUnitOfWork  # noqa: E402

COLUMNS = [
    "record_id", "record_type", "surname", "given_name", "patronymic", "birth_date",
    "archive", "fonds", "inventory", "file", "sheets", "gender", "enterprise", "position",
]  # fmt: skip
RU_SYSTEMS = ["icao_doc_9303", "mvd_310", "mvd_310_fr", "gost_52535", "bgn_pcgn", "gost_779_alt"]


def _strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def build_csv(path: Path, records: int, seed: int) -> list[dict]:
    """Write `records` rows; return one entry per person: identity and stored scripts."""
    persons: list[dict] = []
    written = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for ident, rows in generate_archive(10**9, seed, payroll=False):
            rows = rows[: records - written]
            for r in rows:
                ref = r.reference
                out.writerow([
                    r.record_id, r.record_type.value, r.surname, r.given_name or "",
                    r.patronymic or "", r.birth_date.iso() if r.birth_date else "",
                    ref.archive, ref.fonds, ref.inventory, ref.file, ref.sheets.text,
                    r.gender or "", r.enterprise or "", r.position or "",
                ])  # fmt: skip
            persons.append({
                "origin": ident.origin, "gender": ident.gender, "surname": ident.surname,
                "given": ident.given_name, "patronymic": ident.patronymic,
                "scripts": sorted({str(r.script) for r in rows}),
                "records": [r.record_id for r in rows],
            })  # fmt: skip
            written += len(rows)
            if written >= records:
                break
    return persons


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["sub", "del", "swap", "double"])
    if kind == "del":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    alphabet = "абвгдеиклмнопрстуя" if "а" <= word[i].lower() <= "я" else "abdeiklmnoprstuv"
    return word[:i] + rng.choice(alphabet) + word[i + 1 :]


def make_query(p: dict, rng: random.Random) -> tuple[str, str]:
    """A query in another script or system than every stored record of the person."""
    surname, given, patr = p["surname"], p["given"], p["patronymic"]
    words = [surname, given]
    if patr and rng.random() < 0.35:
        words.append(patr)
    if p["origin"] == "ru":
        stored_latin = "latn" in p["scripts"]
        choices = [*RU_SYSTEMS, "et", "lv"]
        system = "cyrillic" if stored_latin and rng.random() < 0.5 else rng.choice(choices)
        if system == "et":
            words = [ru_to_et(w) for w in words]
        elif system == "lv":
            words = [ru_to_lv(w, p["gender"]) for w in words]
        elif system != "cyrillic":
            schema = iuliia.schemas.get(system)
            words = [schema.translate(w).replace("ё", "ë").replace("Ё", "Ë") for w in words]
    else:
        system = rng.choice(["native", "ascii"])  # records are Cyrillic or as written in Latin
        if system == "ascii":
            words = [_strip(w) for w in words]
    if rng.random() < 0.3:
        words[0], words[1] = words[1], words[0]
    has_typo = rng.random() < 0.3
    if has_typo:
        i = rng.randrange(len(words))
        words[i] = typo(words[i], rng)
    return " ".join(words), system + ("+typo" if has_typo else "")


def peak_memory_mb() -> float:
    """This process's own peak resident memory (VmHWM); ru_maxrss where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_queries(args: argparse.Namespace) -> None:
    """Child process: only the search (queries in, top-10 ids out), so its peak memory is the
    search's own and not the harness's lists of acceptable answers."""
    spec = json.loads(Path(args.queries_file).read_text(encoding="utf-8"))
    engine = open_database(args.db)
    search = PersonSearch(lambda: SqlUnitOfWork(engine), actor="bench")
    for q in spec[:20]:  # warm-up: vocabulary load, page cache
        search.search(q, limit=10)
    times: list[float] = []
    tops: list[list[str]] = []
    for q in spec:
        t0 = time.perf_counter()
        result = search.search(q, limit=10)
        times.append((time.perf_counter() - t0) * 1000)
        tops.append([h.record_id for h in result.hits[:10]])
    peak_mb = peak_memory_mb()
    print(json.dumps({"times": times, "tops": tops, "peak_rss_mb": round(peak_mb, 1)}))


def summarise(queries: list[dict], res: dict) -> dict:
    times = sorted(res["times"])
    hits = 0
    misses: list[str] = []
    by_kind: dict[str, list[int]] = {}
    for q, top in zip(queries, res["tops"], strict=True):
        ok = bool(set(top) & set(q["ok"]))
        hits += ok
        by_kind.setdefault(q["kind"], []).append(ok)
        if not ok and len(misses) < 15:
            misses.append(f"{q['query']!r} ({q['kind']}) wanted {q['name']}")
    return {
        "queries": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "max_ms": round(times[-1], 2),
        "hit_at_10": round(hits / len(times), 4),
        "peak_rss_mb": res["peak_rss_mb"],
        "by_kind": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())},
        "misses": misses,
    }


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    """The machine's 1/5/15-minute load averages: other people's work skews the figures."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def build_and_import(work: Path, args: argparse.Namespace) -> list[dict]:
    """Generate the CSV, import it as `clerk import persons` does, time the index rebuilds;
    return the labelled queries."""
    from sqlalchemy import text

    db_path = work / "bench.db"
    for f in work.glob("bench.db*"):
        f.unlink()
    csv_path = work / "persons.csv"

    t0 = time.perf_counter()
    persons = build_csv(csv_path, args.records, args.seed)
    print(f"generated {args.records:,} records of {len(persons):,} persons "
          f"in {time.perf_counter() - t0:.1f} s -> {csv_path}")  # fmt: skip

    print(f"load average before the import: {_load()}")
    engine = open_database(f"sqlite:///{db_path}")
    with open_table(csv_path) as table:
        total = table.count_rows()
    # the path of `clerk import persons`: a parser process above PARALLEL_MIN_ROWS rows
    source = partial(table_items, str(csv_path), "BENCH")
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    with import_items(source, total, prepare_item) as items:
        report = import_records(
            lambda: SqlUnitOfWork(engine), items, source=str(csv_path), actor="bench"
        )
    assert report.committed, [i.message() for i in report.issues[:5]]
    writer = _cpu_seconds(resource.RUSAGE_SELF) - (cpu.ru_utime + cpu.ru_stime)
    parser = _cpu_seconds(resource.RUSAGE_CHILDREN)
    n = report.rows_read
    print(f"import: {n:,} rows in {report.seconds:.1f} s = {report.rows_per_second:,.0f} rows/s "
          f"(parse + fold + insert + FTS index); CPU per row: writer {writer / n * 1e6:.0f} µs, "
          f"parser process {parser / n * 1e6:.0f} µs; load average after: {_load()}")  # fmt: skip

    with engine.begin() as conn:
        t1 = time.perf_counter()
        conn.execute(text("INSERT INTO person_fts(person_fts) VALUES ('rebuild')"))
        fts_s = time.perf_counter() - t1
    with SqlUnitOfWork(engine) as uow:
        t1 = time.perf_counter()
        uow.search.rebuild(force=True)
        uow.commit()
        keys_s = time.perf_counter() - t1
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    size_mb = sum(f.stat().st_size for f in work.glob("bench.db*")) / 1e6
    print(f"index: FTS5 rebuild {fts_s:.1f} s; full key recompute + vocabulary + FTS "
          f"{keys_s:.1f} s; database {size_mb:.0f} MB")  # fmt: skip

    rng = random.Random(args.seed + 1)
    by_name: dict[tuple, list[str]] = {}
    for p in persons:
        by_name.setdefault((p["surname"], p["given"]), []).extend(p["records"])
    queries = []
    for p in rng.sample(persons, args.queries):
        query, kind = make_query(p, rng)
        queries.append({"query": query, "kind": kind, "name": f"{p['surname']} {p['given']}",
                        "ok": by_name[(p["surname"], p["given"])]})  # fmt: skip
    return queries


def vocabulary_scaling(work: Path, size: int, texts: list[str]) -> None:
    """Typo lookup at a real archive's vocabulary size (the synthetic set has ~2,000 tokens; a
    real million-person archive 50,000–300,000): the store's deletion lookup against a brute
    force scan of the vocabulary, on the benchmark's query words."""
    import sqlite3
    from bisect import bisect_left, bisect_right

    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from clerk_app.search.neighbours import variant_rows
    from clerk_app.search.rank import EXPAND_THRESHOLD, expand_words, parse_query

    with sqlite3.connect(work / "bench.db") as src:
        real = [t for (t,) in src.execute("SELECT token FROM name_vocab")]
    rng = random.Random(5)
    vocab = set(real)
    while len(vocab) < size:  # real tokens with one to three random edits
        w = list(rng.choice(real))
        for _ in range(rng.randrange(1, 4)):
            i = rng.randrange(len(w))
            op = rng.randrange(3)
            if op == 0 and len(w) > 3:
                del w[i]
            elif op == 1:
                w.insert(i, rng.choice("abdeiklmnoprstuvz"))
            else:
                w[i] = rng.choice("abdeiklmnoprstuvz")
        vocab.add("".join(w))
    db = work / "vocab.db"
    db.unlink(missing_ok=True)
    engine = open_database(f"sqlite:///{db}")
    engine.dispose()
    t0 = time.perf_counter()
    with sqlite3.connect(db) as conn:
        conn.executemany("INSERT INTO name_variant VALUES (?, ?)", variant_rows(sorted(vocab)))
    build_s = time.perf_counter() - t0
    queries = [parse_query(t) for t in texts]
    with SqlUnitOfWork(open_database(f"sqlite:///{db}")) as uow:
        expand_words(queries[0].words, uow.search.neighbours, EXPAND_THRESHOLD)  # warm
        times = []
        for q in queries:
            t0 = time.perf_counter()
            expand_words(q.words, uow.search.neighbours, EXPAND_THRESHOLD)
            times.append((time.perf_counter() - t0) * 1000)
    tokens = sorted(vocab, key=lambda t: (len(t), t))
    lengths = [len(t) for t in tokens]
    brute = []
    for q in queries[:20]:
        t0 = time.perf_counter()
        for key in {k for w in q.words for k in w.keys}:
            n = len(key)
            lo, hi = bisect_left(lengths, n - 3), bisect_right(lengths, n + 3)
            process.extract(key, tokens[lo:hi], scorer=OSA.normalized_similarity,
                            score_cutoff=EXPAND_THRESHOLD, limit=25)  # fmt: skip
        brute.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"typo lookup at {len(vocab):,} vocabulary tokens ({build_s:.0f} s to build "
          f"name_variant): deletion lookup p50 {statistics.median(times):.2f} ms, p95 "
          f"{times[int(len(times) * 0.95) - 1]:.2f} ms a query; a scan of the vocabulary "
          f"would take {statistics.median(brute):.0f} ms")  # fmt: skip
    db.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--workdir", help="keep the database and CSV here (default: a temp dir)")
    ap.add_argument(
        "--search-only", action="store_true",
        help="reuse the database and labelled queries a previous run left in --workdir",
    )  # fmt: skip
    ap.add_argument(
        "--vocab-scale", type=int, default=0, metavar="TOKENS",
        help="also time the typo lookup at this vocabulary size (e.g. 300000)",
    )  # fmt: skip
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--queries-file", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.queries_file:
        run_queries(args)
        return
    if args.search_only and not args.workdir:
        ap.error("--search-only needs --workdir")

    work = Path(args.workdir or tempfile.mkdtemp(prefix="clerk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{work / 'bench.db'}"
    labels = work / "labels.json"
    if args.search_only:
        queries = json.loads(labels.read_text("utf-8"))
    else:
        queries = build_and_import(work, args)
        labels.write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    qfile = work / "queries.json"
    qfile.write_text(json.dumps([q["query"] for q in queries], ensure_ascii=False), "utf-8")
    print(f"load average before the search: {_load()}")
    out = subprocess.run(
        [sys.executable, __file__, "--db", db_url, "--queries-file", str(qfile)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    res = summarise(queries, json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"search: {res['queries']} queries, p50 {res['p50_ms']} ms, p95 {res['p95_ms']} ms, "
          f"max {res['max_ms']} ms, hit@10 {res['hit_at_10'] * 100:.1f} %, "
          f"peak memory of the search process {res['peak_rss_mb']} MB")  # fmt: skip
    print("hit@10 by query kind: " + ", ".join(f"{k} {v}" for k, v in res["by_kind"].items()))
    for m in res["misses"]:
        print(f"  miss: {m}")
    if args.vocab_scale:
        vocabulary_scaling(work, args.vocab_scale, [q["query"] for q in queries])
    if not args.workdir:
        for f in work.iterdir():
            f.unlink()
        os.rmdir(work)


if __name__ == "__main__":
    main()

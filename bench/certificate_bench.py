"""Certificate benchmark (issue #4 bars): one-page render p50/p95 and a 100-certificate batch.

Builds a demo archive in a temporary SQLite workstation database, then:

1. renders one-page certificates built from real demo records (employment et+ru, salary ru,
   civil status lv+ru, residence en+et, information letter et+lv) through the reportlab
   renderer, `--renders` times each after one warm-up, and prints p50 / p95 / max;
2. runs the service's batch over 100 requests of mixed types and language pairs, each built,
   numbered, rendered, stored and committed in its own transaction (`clerk certificate batch
   --final`), and prints the total and per-certificate time.

    python bench/certificate_bench.py
    python bench/certificate_bench.py --persons 3000 --renders 300 --batch 100
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk_app.certificates.renderer import ReportlabRenderer  # noqa: E402
from clerk_app.core.certificates.builder import build_content  # noqa: E402
from clerk_app.core.certificates.content import SearchScope  # noqa: E402
from clerk_app.core.certificates.office import OfficeProfile  # noqa: E402
from clerk_app.core.certificates.sources import Subject  # noqa: E402
from clerk_app.core.certificates.types import CertificateType  # noqa: E402
from clerk_app.core.services.certificates import CertificateService, CertificateSpec  # noqa: E402
from clerk_app.core.services.import_records import import_records  # noqa: E402
from clerk_app.demo import generate_archive  # noqa: E402
from clerk_app.store.database import open_database  # noqa: E402
from clerk_app.store.uow import SqlUnitOfWork  # noqa: E402

T = CertificateType
OFFICE = OfficeProfile(
    "NRV",
    {"et": "Narva Linnaarhiiv", "ru": "Нарвский городской архив", "lv": "Narvas pilsētas arhīvs",
     "en": "Narva City Archive"},
    {"et": "Peetri plats 5, 20308 Narva", "ru": "Петровская пл. 5, 20308 Нарва"},
    "+372 359 9000 · arhiiv@narva.ee",
    "Jõgeva-Šķēle Ņina",
    {"et": "Arhiivi juhataja", "ru": "Заведующая архивом"},
    "https://arhiiv.narva.ee/kontroll/",
)  # fmt: skip
SCOPE = SearchScope(("Kreenholmi Manufaktuuri isikukaardid, fond R-45",), 1950, 1975)


def _ids_by_type(engine) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for rid, kind in conn.execute(text("SELECT record_id, record_type FROM person_record")):
            out.setdefault(kind, []).append(rid)
    return out


def _one_page_payroll(engine, ids: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Ledger accounts of at most seven years: one grid table, one page."""
    from sqlalchemy import text

    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT r.record_id FROM person_record r JOIN payroll_entry p "
                "ON p.person_record_id = r.id GROUP BY r.record_id "
                "HAVING max(p.pay_year) - min(p.pay_year) < 7"
            )
        )
        short = {r for (r,) in rows}
    return [i for i in ids if i in short]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", type=int, default=2000)
    ap.add_argument("--renders", type=int, default=200, help="renders per certificate type")
    ap.add_argument("--batch", type=int, default=100)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(f"sqlite:///{Path(tmp) / 'clerk.db'}")
        rows = (r for _, records in generate_archive(args.persons, 42) for r in records)
        report = import_records(lambda: SqlUnitOfWork(engine), rows, source="bench", actor="b")
        print(f"demo archive: {report.counts.inserted} records of {args.persons} persons")
        ids = _ids_by_type(engine)
        payroll = _one_page_payroll(engine, ids["payroll"])
        civil = ids.get("marriage", []) + ids.get("birth", []) + ids.get("death", [])

        t0 = time.perf_counter()
        renderer = ReportlabRenderer()  # parses the templates and the Noto Sans fonts
        print(f"renderer start (templates, fonts): {(time.perf_counter() - t0) * 1e3:.0f} ms")
        with SqlUnitOfWork(engine) as uow:
            load = uow.sources.load
            cases = {
                "employment et+ru": (build_content(T.EMPLOYMENT, load(ids["personnel"][:1])),
                                     ("et", "ru")),
                "salary ru": (build_content(T.SALARY, load(payroll[:1])), ("ru",)),
                "civil status lv+ru": (build_content(T.CIVIL_STATUS, load(civil[:1])),
                                       ("lv", "ru")),
                "residence en+et": (build_content(T.RESIDENCE, load(ids["residence"][:1])),
                                    ("en", "et")),
                "information letter et+lv": (
                    build_content(T.NEGATIVE, [], subject=Subject("Ivanov Ivan"), search=SCOPE),
                    ("et", "lv"),
                ),
            }  # fmt: skip

        from datetime import UTC, date, datetime

        from clerk_app.core.certificates.ports import RenderJob
        from clerk_app.core.certificates.types import CertificateStatus

        all_times: list[float] = []
        all_cpu: list[float] = []
        print(f"\none-page render ({args.renders} renders each, after one warm-up):")
        for name, (content, langs) in cases.items():
            job = RenderJob(
                content=content,
                languages=langs,
                office=OFFICE,
                status=CertificateStatus.FINAL,
                uid="0190e7b2-8c5d-7abc-9def-0123456789ab",
                registry_number="NRV-2026-W1-00001",
                version=1,
                issued_on=date.today(),
                created_at=datetime.now(UTC),
                request=None,
                free_text=renderer.default_texts(content, langs, None, OFFICE),
            )
            first = time.perf_counter()
            rendered = renderer.render(job)
            cold = time.perf_counter() - first
            times, cpu = [], []
            for _ in range(args.renders):
                t0, c0 = time.perf_counter(), time.process_time()
                renderer.render(job)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            all_times += times
            all_cpu += cpu
            p50 = statistics.median(times) * 1e3
            print(
                f"  {name:<26} pages {rendered.page_count}  p50 {p50:6.1f} ms"
                f"  p95 {pct(times, 0.95) * 1e3:6.1f} ms  max {max(times) * 1e3:6.1f} ms"
                f"  CPU p50 {statistics.median(cpu) * 1e3:5.1f} ms"
                f"  first {cold * 1e3:6.1f} ms  {len(rendered.pdf) / 1024:.0f} KB"
            )
        print(
            f"  {'all':<26}          p50 {statistics.median(all_times) * 1e3:6.1f} ms"
            f"  p95 {pct(all_times, 0.95) * 1e3:6.1f} ms"
            f"  CPU p50 {statistics.median(all_cpu) * 1e3:5.1f} ms"
            f"   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )

        service = CertificateService(
            lambda: SqlUnitOfWork(engine), renderer, OFFICE, workstation="W1", actor="bench"
        )
        kinds = itertools.cycle([
            lambda i: CertificateSpec(T.EMPLOYMENT, (ids["personnel"][i],), "et,ru"),
            lambda i: CertificateSpec(T.SALARY, (payroll[i],), "ru"),
            lambda i: CertificateSpec(T.CIVIL_STATUS, (civil[i],), "lv,ru"),
            lambda i: CertificateSpec(T.RESIDENCE, (ids["residence"][i],), "en,et"),
            lambda i: CertificateSpec(
                T.NEGATIVE, (), "et,lv", subject=Subject(f"Ivanov Ivan {i}"), search=SCOPE
            ),
        ])  # fmt: skip
        specs = [next(kinds)(i // 5) for i in range(args.batch)]
        t0, c0 = time.perf_counter(), time.process_time()
        results = service.batch(specs, finalise=True)
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        ok = sum(r.ok for r in results)
        pages = sum(r.view.page_count for r in results if r.view)
        print(
            f"\nbatch of {len(specs)} (build, number, render, store; final): {seconds:.1f} s, "
            f"{seconds / len(specs) * 1e3:.0f} ms each (CPU {cpu_seconds:.1f} s); {ok} made, "
            f"{pages} pages"
        )
        engine.dispose()


if __name__ == "__main__":
    main()

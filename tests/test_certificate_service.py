"""The certificate service on a real database (SQLite and PostgreSQL): drafts, numbers,
immutability (repository and database triggers), corrections, requests, batch."""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text

from clerk_app.certificates.renderer import ReportlabRenderer
from clerk_app.core.certificates.content import SearchScope
from clerk_app.core.certificates.office import OfficeProfile
from clerk_app.core.certificates.types import (
    CertificateRefused,
    CertificateStatus,
    CertificateType,
    IssueCode,
)
from clerk_app.core.records import RecordType
from clerk_app.core.requests import (
    Applicant,
    LegalRegime,
    NewRequest,
    RequestStatus,
    RequestSubject,
)
from clerk_app.core.services.certificates import CertificateService, CertificateSpec
from clerk_app.core.services.import_records import import_records
from clerk_app.core.services.requests import Office, RequestService
from clerk_app.store.database import normalise_url, open_database
from clerk_app.store.models_certificates import Certificate
from clerk_app.store.uow import SqlUnitOfWork
from tests import pdf_tools as pt
from tests.factories import month, person

T = CertificateType
OFFICE = OfficeProfile("NRV", {"et": "Narva Linnaarhiiv", "ru": "Нарвский городской архив"})
RENDERER = ReportlabRenderer()

RECORDS = [
    person("P1", "Щербаков", "Пётр", "Сергеевич", "1948-03-02", hired="1966-05-01",
           position="ткач", hired_order="Приказ № 12-к", dismissed_date=None),
    person("P2", "Štšerbakov", "Pjotr", None, "1948", fonds="R-210", file="7", sheets="15",
           enterprise="Narva Elektrijaam", hired="1975-09"),
    person("L1", "Тамм", "Мари", None, "1955", record_type=RecordType.PAYROLL, sheets="40-42",
           payroll=[month(1978, m, "120.50") for m in range(1, 13) if m != 6]),
    person("C1", "Kalniņa", "Ļubova", None, "1950-01-02", record_type=RecordType.MARRIAGE,
           enterprise=None),
]  # fmt: skip


def clock():  # type: ignore[no-untyped-def]
    ticks = itertools.count()
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    return lambda: start + timedelta(seconds=next(ticks))


def service(engine: Engine, workstation: str = "W1", renderer=RENDERER) -> CertificateService:  # type: ignore[no-untyped-def]
    return CertificateService(
        lambda: SqlUnitOfWork(engine),
        renderer,
        OFFICE,
        workstation=workstation,
        actor="tester",
        clock=clock(),
    )


@pytest.fixture
def archive(engine: Engine) -> Engine:
    report = import_records(lambda: SqlUnitOfWork(engine), RECORDS, source="t", actor="t")
    assert report.committed
    return engine


def pdf_text(tmp_path: Path, data: bytes, name: str = "c.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return " ".join(pt.text(path).split())


def count(engine: Engine, table: str = "certificate") -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_source_reader_loads_full_records_in_the_order_asked(archive: Engine) -> None:
    with SqlUnitOfWork(archive) as uow:
        loaded = uow.sources.load(["L1", "missing", "P1"])
    assert [r.record_id for r in loaded] == ["L1", "P1"]
    payroll, personnel = loaded
    assert payroll.citation.archive_name == "Narva linnaarhiiv"
    assert (payroll.citation.fonds, payroll.citation.inventory, payroll.citation.file) == (
        "Р-45", "1", "12",
    )  # fmt: skip
    assert payroll.citation.sheets == "40-42"
    assert [(m.year, m.month) for m in payroll.payroll][:6] == [
        (1978, m) for m in (1, 2, 3, 4, 5, 7)
    ]
    assert payroll.payroll[0].amount == Decimal("120.50") and payroll.payroll[0].currency == "SUR"
    assert personnel.patronymic == "Сергеевич" and personnel.hired_order == "Приказ № 12-к"
    assert personnel.hired_date is not None and personnel.hired_date.iso() == "1966-05-01"


def test_draft_then_final_with_gapless_numbers(archive: Engine, tmp_path: Path) -> None:
    svc = service(archive)
    draft = svc.create_draft(CertificateSpec(T.SALARY, record_ids=("L1",), languages="ru,et"))
    assert draft.status is CertificateStatus.DRAFT and draft.registry_number is None
    assert [w.code for w in draft.warnings] == [IssueCode.PAYROLL_MONTH_MISSING]
    text_ = pdf_text(tmp_path, draft.pdf)
    assert "ПРОЕКТ — документ не действителен" in text_
    assert "Тамм Мари" in text_ and "ф. Р-45, оп. 1, д. 12, л. 40-42" in text_
    assert "нет данных" in text_  # June 1978 is missing in the ledger: stated

    final = svc.finalise(draft.uid)
    assert final.registry_number == "NRV-2026-W1-00001"
    assert final.status is CertificateStatus.FINAL and final.issued_on is not None
    final_text = pdf_text(tmp_path, final.pdf)
    assert "NRV-2026-W1-00001" in final_text and "ПРОЕКТ" not in final_text
    stored = svc.get(draft.uid)
    assert stored.pdf == final.pdf and stored.pdf_sha256 == final.pdf_sha256
    second = svc.finalise(svc.create_draft(CertificateSpec(T.EMPLOYMENT, ("P1", "P2"))).uid)
    assert second.registry_number == "NRV-2026-W1-00002"


class _FailingRenderer:
    """Renders drafts, fails the first final: finalising must roll the number back."""

    def __init__(self) -> None:
        self.failed = False

    def default_texts(self, *args):  # type: ignore[no-untyped-def]
        return RENDERER.default_texts(*args)

    def render(self, job):  # type: ignore[no-untyped-def]
        if job.status is CertificateStatus.FINAL and not self.failed:
            self.failed = True
            raise RuntimeError("disk full")
        return RENDERER.render(job)


def test_a_failed_finalisation_leaves_no_gap(archive: Engine) -> None:
    svc = service(archive, renderer=_FailingRenderer())
    uid = svc.create_draft(CertificateSpec(T.EMPLOYMENT, ("P1",))).uid
    with pytest.raises(RuntimeError):
        svc.finalise(uid)
    assert svc.get(uid).status is CertificateStatus.DRAFT
    assert svc.finalise(uid).registry_number == "NRV-2026-W1-00001"


def test_a_refused_certificate_stores_nothing(archive: Engine) -> None:
    svc = service(archive)
    with pytest.raises(CertificateRefused) as info:
        svc.create_draft(CertificateSpec(T.SALARY, ("P1", "nope")))
    assert set(info.value.codes) == {IssueCode.WRONG_RECORD_TYPE, IssueCode.UNKNOWN_RECORD}
    assert count(archive) == 0


def test_final_certificates_are_immutable(archive: Engine, db_url: str) -> None:
    svc = service(archive)
    final = svc.finalise(svc.create_draft(CertificateSpec(T.EMPLOYMENT, ("P1",))).uid)
    draft = svc.create_draft(CertificateSpec(T.EMPLOYMENT, ("P2",)))
    for attempt in (
        lambda: svc.update_draft(final.uid, {"et": {"remarks": "x"}}),
        lambda: svc.finalise(final.uid),
    ):
        with pytest.raises(CertificateRefused) as info:
            attempt()
        assert info.value.codes == [IssueCode.IMMUTABLE]
    # the repository refuses too, whoever calls it
    with SqlUnitOfWork(archive) as uow:
        row = uow.certificates.get(final.uid)
        assert row is not None
        row.pdf = b"%PDF-forged"
        with pytest.raises(CertificateRefused):
            uow.certificates.save(row)
    # and the database refuses raw SQL (triggers on SQLite and PostgreSQL)
    engine = create_engine(normalise_url(db_url))
    for sql in (
        "UPDATE certificate SET pdf_sha256 = 'x' WHERE uid = :uid",
        "UPDATE certificate SET status = 'draft' WHERE uid = :uid",
        "DELETE FROM certificate WHERE uid = :uid",
    ):
        with engine.connect() as conn, pytest.raises(Exception, match="immutable"):
            conn.execute(text(sql), {"uid": final.uid})
    with engine.begin() as conn:  # a draft may still change
        conn.execute(
            text("UPDATE certificate SET warnings = '[]' WHERE uid = :u"), {"u": draft.uid}
        )
    engine.dispose()
    assert svc.get(final.uid).pdf == final.pdf


def test_correction_is_a_new_version_and_both_are_kept(archive: Engine, tmp_path: Path) -> None:
    svc = service(archive)
    v1 = svc.finalise(svc.create_draft(CertificateSpec(T.EMPLOYMENT, ("P1",), "et,ru")).uid)
    with pytest.raises(CertificateRefused) as info:
        svc.correct(v1.uid, "  ")
    assert info.value.codes == [IssueCode.BAD_FREE_TEXT]

    v2 = svc.correct(v1.uid, "the second period was missing", record_ids=["P1", "P2"])
    assert (v2.version, v2.registry_number, v2.supersedes_uid) == (2, v1.registry_number, v1.uid)
    assert v2.status is CertificateStatus.DRAFT
    with pytest.raises(CertificateRefused) as info:
        svc.correct(v1.uid, "again")
    assert info.value.codes == [IssueCode.ALREADY_SUPERSEDED]
    with pytest.raises(CertificateRefused) as info:
        svc.correct(v2.uid, "a draft")
    assert info.value.codes == [IssueCode.NOT_FINAL]

    v2 = svc.finalise(v2.uid)
    assert v2.registry_number == v1.registry_number  # no new number for a correction
    versions = svc.find(v1.registry_number or "")
    assert [(v.version, v.uid) for v in versions] == [(1, v1.uid), (2, v2.uid)]
    assert versions[0].pdf == v1.pdf  # the old version is kept unchanged
    text_ = pdf_text(tmp_path, v2.pdf)
    assert f"{v1.registry_number} (versioon 2 / версия 2)" in text_
    assert "Paranduse põhjus: the second period was missing" in text_
    assert "Narva Elektrijaam" in text_
    rows = {s.uid: s for s in svc.list()}
    assert rows[v1.uid].superseded_by == v2.uid and rows[v2.uid].superseded_by is None


def test_free_text_edits_of_a_draft(archive: Engine, tmp_path: Path) -> None:
    svc = service(archive)
    draft = svc.create_draft(CertificateSpec(T.EMPLOYMENT, ("P1",), "ru,lv"))
    assert draft.free_text["ru"]["opening"].startswith("В документах архивного фонда № Р-45")
    edited = svc.update_draft(
        draft.uid, {"lv": {"remarks": "Personāla kartīte daļēji nesalasāma."}}
    )
    assert "Personāla kartīte daļēji nesalasāma." in pdf_text(tmp_path, edited.pdf)
    assert edited.free_text["ru"] == draft.free_text["ru"]
    for bad in ({"et": {"remarks": "x"}}, {"ru": {"title": "x"}}):
        with pytest.raises(CertificateRefused) as info:
            svc.update_draft(draft.uid, bad)
        assert info.value.codes == [IssueCode.BAD_FREE_TEXT]


def _register(engine: Engine, subject: RequestSubject, **extra: object):  # type: ignore[no-untyped-def]
    requests = RequestService(
        lambda: SqlUnitOfWork(engine), Office("NRV", "W1", LegalRegime.EE), "tester"
    )
    new = NewRequest(
        applicant=Applicant("Tamara Ivanova", address="Gagarina 1\n188490 Ivangorod"),
        subject=subject,
        person_name="Щербаков Пётр",
        languages=("et", "ru"),
        partner_case_number="ИВГ-17/2026",
        **extra,  # type: ignore[arg-type]
    )
    return requests, requests.register(new)


def test_a_request_fills_the_certificate_and_moves_on_when_finalised(
    archive: Engine, tmp_path: Path
) -> None:
    requests, request = _register(archive, RequestSubject.SALARY)
    requests.add_records(request.uid, ["L1"])
    svc = service(archive)
    draft = svc.create_draft(CertificateSpec(request_ref=request.reg_number))
    assert (draft.type, draft.record_ids, draft.languages) == (T.SALARY, ("L1",), ("et", "ru"))
    assert draft.request_uid == request.uid
    text_ = pdf_text(tmp_path, draft.pdf)
    assert f"Vastus päringule nr {request.reg_number}" in text_
    assert "Tamara Ivanova" in text_ and "188490 Ivangorod" in text_
    assert requests.get(request.uid).request.status is RequestStatus.REGISTERED

    final = svc.finalise(draft.uid)
    detail = requests.get(request.uid)
    assert detail.request.status is RequestStatus.CERTIFICATE_PREPARED
    steps = [(e.from_status, e.to_status) for e in detail.events if e.kind == "status"]
    assert steps == [
        (RequestStatus.REGISTERED, RequestStatus.IN_SEARCH),
        (RequestStatus.IN_SEARCH, RequestStatus.CERTIFICATE_PREPARED),
    ]
    (prepared,) = [e for e in detail.events if e.to_status is RequestStatus.CERTIFICATE_PREPARED]
    assert prepared.detail["number"] == final.registry_number
    assert prepared.detail["certificate"] == final.uid

    with pytest.raises(CertificateRefused) as info:
        svc.create_draft(CertificateSpec(request_ref="NRV-2026-W1-09999"))
    assert info.value.codes == [IssueCode.REQUEST_NOT_FOUND]


def test_an_information_letter_for_a_request(archive: Engine, tmp_path: Path) -> None:
    _, request = _register(
        archive, RequestSubject.OTHER, period_from=1960, period_to=1975,
        person_other_names="Štšerbakov, Ščerbakovs",
    )  # fmt: skip
    svc = service(archive)
    with pytest.raises(CertificateRefused) as info:
        svc.create_draft(CertificateSpec(request_ref=request.uid))
    assert info.value.codes == [IssueCode.TYPE_REQUIRED]  # "other" names no certificate
    scope = SearchScope(("Kreenholmi Manufaktuuri isikukaardid, fond R-45",))
    view = svc.create_draft(
        CertificateSpec(T.NEGATIVE, record_ids=(), request_ref=request.uid, search=scope)
    )
    assert view.subject.name == "Щербаков Пётр"
    text_ = pdf_text(tmp_path, view.pdf)
    assert "VASTUSKIRI / ИНФОРМАЦИОННОЕ ПИСЬМО" in text_
    assert "Otsingu ajavahemik: 1960–1975." in text_
    assert "Щербаков Пётр, Štšerbakov, Ščerbakovs" in text_


def test_batch_reports_each_item_and_goes_on(archive: Engine) -> None:
    svc = service(archive)
    specs = [
        CertificateSpec(T.EMPLOYMENT, ("P1",)),
        CertificateSpec(T.SALARY, ("P1",)),  # refused: wrong record type
        CertificateSpec(T.CIVIL_STATUS, ("C1",), "lv,ru"),
        CertificateSpec(T.NEGATIVE, ()),  # refused: no person, no scope
        CertificateSpec(T.SALARY, ("L1",), "ru"),
    ]
    seen: list[int] = []
    results = svc.batch(specs, finalise=True, progress=lambda done, _r: seen.append(done))
    assert seen == [1, 2, 3, 4, 5]
    assert [r.ok for r in results] == [True, False, True, False, True]
    assert results[1].issues[0].code is IssueCode.WRONG_RECORD_TYPE
    assert {i.code for i in results[3].issues} == {IssueCode.NO_SUBJECT, IssueCode.NO_SEARCH_SCOPE}
    numbers = [r.view.registry_number for r in results if r.view]
    assert numbers == ["NRV-2026-W1-00001", "NRV-2026-W1-00002", "NRV-2026-W1-00003"]
    assert count(archive) == 3


@pytest.mark.postgres
def test_concurrent_finalising_draws_unique_gapless_numbers(pg_url: str) -> None:
    engine = open_database(pg_url)
    import_records(lambda: SqlUnitOfWork(engine), RECORDS, source="t", actor="t")
    per_thread = 6
    drafts = {
        ws: [service(engine, ws).create_draft(CertificateSpec(T.EMPLOYMENT, ("P1",))).uid
             for _ in range(2 * per_thread)]
        for ws in ("W1", "W2")
    }  # fmt: skip
    errors: list[BaseException] = []

    def work(ws: str, uids: list[str]) -> None:
        try:
            svc = service(engine, ws)
            for uid in uids:
                svc.finalise(uid)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(ws, uids[half::2]))
        for ws, uids in drafts.items()
        for half in (0, 1)
    ]  # two threads per workstation race on the same counter row
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with engine.connect() as conn:
        numbers = conn.execute(select(Certificate.registry_number)).scalars().all()
    for ws in ("W1", "W2"):
        mine = sorted(n for n in numbers if f"-{ws}-" in n)
        assert mine == [f"NRV-2026-{ws}-{i:05d}" for i in range(1, 2 * per_thread + 1)]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Certificate)).scalar_one() == 24
    engine.dispose()

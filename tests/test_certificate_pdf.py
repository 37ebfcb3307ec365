"""Certificates rendered to PDF/A-2b and read back with poppler, qpdf, zbarimg and pyHanko."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from clerk_app.certificates.layout import SIGNATURE_SIZE
from clerk_app.certificates.renderer import ReportlabRenderer
from clerk_app.certificates.resources import ICC_SRGB
from clerk_app.core.certificates.builder import build_content
from clerk_app.core.certificates.content import SearchScope
from clerk_app.core.certificates.office import OfficeProfile
from clerk_app.core.certificates.ports import RenderedPdf, RenderJob, Supersedes
from clerk_app.core.certificates.sources import RequestInfo, Subject
from clerk_app.core.certificates.types import LANGUAGES, CertificateStatus, CertificateType
from clerk_app.core.records import PartialDate as P
from tests import pdf_tools as pt
from tests.cert_samples import CIVIL, KROON_CHANGE, PERSONNEL, RESIDENCE, payroll

T = CertificateType
OFFICE = OfficeProfile(
    "NRV",
    {
        "et": "Narva Linnaarhiiv",
        "ru": "Нарвский городской архив",
        "lv": "Narvas pilsētas arhīvs",
        "en": "Narva City Archive",
    },
    {"et": "Peetri plats 5, 20308 Narva", "ru": "Петровская пл. 5, 20308 Нарва"},
    "+372 359 9000 · arhiiv@narva.ee",
    "Jõgeva-Šķēle Ņina",
    {
        "et": "Arhiivi juhataja",
        "ru": "Заведующая архивом",
        "lv": "Arhīva vadītāja",
        "en": "Head of the archive",
    },
    "https://arhiiv.narva.ee/kontroll/",
)
REQUEST = RequestInfo(
    "Щербаков Пётр Сергеевич",
    "ул. Ленина 5, кв. 3\n188490 Ивангород\nРоссия",
    "NRV-2026-W1-00042",
    date(2026, 11, 2),
    "ru",
    "ИВГ-17/2026",
)
UID = "0190e7b2-8c5d-7abc-9def-0123456789ab"
SCOPE = SearchScope(
    ("Kreenholmi Manufaktuuri isikukaardid, fond R-45, nimistu 1",
     "Narva Elektrijaama palgalehed 1960–1975"),
    1950, 1975, ("Щербаков", "Štšerbakov", "Ščerbakovs"),
)  # fmt: skip

RENDERER = ReportlabRenderer()


def content_of(cert_type: CertificateType):  # type: ignore[no-untyped-def]
    if cert_type is T.EMPLOYMENT:
        return build_content(cert_type, PERSONNEL)
    if cert_type is T.SALARY:
        return build_content(cert_type, [payroll("L1", KROON_CHANGE)])
    if cert_type is T.CIVIL_STATUS:
        return build_content(cert_type, CIVIL)
    if cert_type is T.RESIDENCE:
        return build_content(cert_type, RESIDENCE)
    return build_content(
        cert_type, [], subject=Subject("Щербаков Пётр Сергеевич", P(1948, 3, 2)), search=SCOPE
    )


def job(
    cert_type: CertificateType,
    languages: tuple[str, ...],
    status: CertificateStatus = CertificateStatus.FINAL,
    content=None,  # type: ignore[no-untyped-def]
    **changes: object,
) -> RenderJob:
    content = content or content_of(cert_type)
    base = RenderJob(
        content=content,
        languages=languages,
        office=OFFICE,
        status=status,
        uid=UID,
        registry_number="NRV-2026-W1-00007" if status is CertificateStatus.FINAL else None,
        version=1,
        issued_on=date(2026, 11, 23),
        created_at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
        request=REQUEST,
        free_text=RENDERER.default_texts(content, languages, REQUEST, OFFICE),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def write(tmp_path: Path, rendered: RenderedPdf, name: str = "c.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(rendered.pdf)
    return path


def assert_pdfa(pdf: Path) -> None:
    """The PDF/A-2b structures a validator looks for first, checked with real tools."""
    assert pdf.read_bytes().startswith(b"%PDF-1.")
    assert "No syntax or stream encoding errors" in pt.run("qpdf", "--check", pdf)
    rows = pt.fonts(pdf)
    assert rows, "no fonts"
    for row in rows:
        assert row["emb"] == "yes", row
        assert "NotoSans" in row["name"], row  # no Helvetica or other standard font leaks in
    meta = pt.xmp(pdf)
    assert meta.findtext(".//pdfaid:part", namespaces=pt.NS) == "2"
    assert meta.findtext(".//pdfaid:conformance", namespaces=pt.NS) == "B"
    info = pt.info(pdf)
    created = meta.findtext(".//xmp:CreateDate", namespaces=pt.NS)
    assert created is not None
    assert info["CreationDate"].replace("Z", "+00:00") == created  # Info and XMP agree
    assert info["Producer"] == meta.findtext(".//pdf:Producer", namespaces=pt.NS)
    with pdf.open("rb") as f:
        reader = PdfFileReader(f)
        (intent,) = reader.root["/OutputIntents"]
        intent = intent.get_object() if hasattr(intent, "get_object") else intent
        assert intent["/S"] == "/GTS_PDFA1"
        assert intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
        profile = intent["/DestOutputProfile"].get_object()
        assert profile["/N"] == 3
        assert profile.data == ICC_SRGB.read_bytes()
        assert reader.trailer["/ID"]


@pytest.mark.parametrize("cert_type", list(T))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_type_in_every_language(tmp_path: Path, cert_type, lang: str) -> None:  # type: ignore[no-untyped-def]
    rendered = RENDERER.render(job(cert_type, (lang,)))
    pdf = write(tmp_path, rendered)
    text = pt.text(pdf)
    title = RENDERER.templates.wording(cert_type, lang)("title")
    subtitle = RENDERER.templates.wording(cert_type, lang)("subtitle")
    assert title in text and subtitle in text
    assert "NRV-2026-W1-00007" in text and "23.11.2026" in text
    assert_pdfa(pdf)
    assert int(pt.info(pdf)["Pages"]) == rendered.page_count


def test_bilingual_text_in_all_four_alphabets_reads_back_exactly(tmp_path: Path) -> None:
    texts = []
    for cert_type, langs in [
        (T.EMPLOYMENT, ("et", "ru")),
        (T.CIVIL_STATUS, ("lv", "en")),
        (T.RESIDENCE, ("ru", "lv")),
        (T.SALARY, ("en", "et")),
    ]:
        pdf = write(tmp_path, RENDERER.render(job(cert_type, langs)), f"{cert_type}.pdf")
        texts.append(pt.text(pdf))
    emp, civil, residence, salary = texts
    # titles in both languages, names exactly as the records write them
    assert "ARHIIVITEATIS / АРХИВНАЯ СПРАВКА" in emp
    assert "töötamise kohta" in emp and "о стаже работы" in emp
    assert "Щербаков Пётр Сергеевич" in emp and "Štšerbakov Pjotr" in emp
    assert "Приказ № 12-к" in emp and "käskkiri nr 88-k" in emp
    assert "ARHĪVA IZZIŅA / ARCHIVAL CERTIFICATE" in civil
    for name in ("Kalniņa Ļubova", "Ģirta-Mežule", "Kalniņš Ķirills", "Kalniņš Jūlijs"):
        assert name in civil
    assert "par civilstāvokļa aktu reģistrāciju" in civil
    assert "Žukova Anna" in residence and "о регистрации по месту жительства" in residence
    assert "Jõgeva-Šķēle Ņina" in salary  # the signatory
    assert "Eesti kroon, kasutusele võetud 20.06.1992" in salary
    everything = "".join(texts)
    for letter in "õäöüšžāēīūķļņģ" + "ёжщыэюя":
        assert letter in everything, letter
    assert "\ufffd" not in everything  # no undecodable glyphs


def test_citations_on_every_fact(tmp_path: Path) -> None:
    pdf = write(tmp_path, RENDERER.render(job(T.EMPLOYMENT, ("ru",))))
    flat = " ".join(pt.text(pdf).split())
    assert "ф. Р-45, оп. 1, д. 12, л. 3-4об." in flat
    assert "ф. R-210, оп. 2, д. 7, л. 15" in flat
    assert "В документах архивных фондов № Р-45 «Кренгольмская мануфактура»" in flat


def test_salary_grid_states_gaps_currencies_and_denominations(tmp_path: Path) -> None:
    pdf = write(tmp_path, RENDERER.render(job(T.SALARY, ("ru",))))
    flat = " ".join(pt.text(pdf).split())
    assert "нет данных" in flat  # March 1992 has no ledger entry
    assert "«нет данных» — месяц входит в период лицевого счёта" in flat
    assert "1 250,50 EEK" in flat.replace("\u00a0", " ")  # Babel: grouping space, comma
    assert "7 503,00 EEK" in flat.replace("\u00a0", " ")  # the year's total per currency
    assert "EEK — эстонская крона, введена 20.06.1992" in flat
    assert "SUR — рубль СССР" in flat


def test_page_x_of_y_and_the_signature_place_on_the_last_page(tmp_path: Path) -> None:
    months = [(y, m, "100.00", "SUR") for y in range(1961, 1991) for m in range(1, 13)]
    content = build_content(T.SALARY, [payroll("L1", months)])
    rendered = RENDERER.render(job(T.SALARY, ("et", "ru"), content=content))
    pdf = write(tmp_path, rendered)
    pages = rendered.page_count
    assert pages >= 3 and int(pt.info(pdf)["Pages"]) == pages
    for page in range(1, pages + 1):
        assert f"Lk {page}/{pages} · Лист {page} из {pages}" in pt.text(pdf, page)
    box = rendered.signature_box
    assert box.page == pages - 1
    assert (box.x2 - box.x1, box.y2 - box.y1) == SIGNATURE_SIZE
    assert "Arhiivi juhataja" in pt.text(pdf, pages)


def _box_pixels(pdf: Path, tmp_path: Path, rendered: RenderedPdf) -> list[int]:
    box = rendered.signature_box
    (png,) = pt.render(pdf, tmp_path / "page", dpi=72, page=box.page + 1)
    image = Image.open(png).convert("L")
    height = image.height
    inner = (box.x1 + 2, height - box.y2 + 2, box.x2 - 2, height - box.y1 - 2)
    return list(image.crop(tuple(round(v) for v in inner)).tobytes())  # type: ignore[arg-type]


def test_final_leaves_the_signature_place_blank_and_a_draft_marks_it(tmp_path: Path) -> None:
    final = RENDERER.render(job(T.RESIDENCE, ("en",)))
    final_pdf = write(tmp_path, final, "final.pdf")
    assert min(_box_pixels(final_pdf, tmp_path, final)) >= 250  # white: room for the stamp
    assert "DRAFT" not in pt.text(final_pdf)

    draft = RENDERER.render(job(T.RESIDENCE, ("en",), status=CertificateStatus.DRAFT))
    draft_pdf = write(tmp_path, draft, "draft.pdf")
    text = pt.text(draft_pdf)
    assert "DRAFT – not a valid document" in text
    assert "assigned on finalisation" in text
    assert "Place of the electronic signature" in text
    assert min(_box_pixels(draft_pdf, tmp_path, draft)) < 200  # the dashed frame and its label


def test_qr_code_holds_number_version_and_verification(tmp_path: Path) -> None:
    rendered = RENDERER.render(job(T.CIVIL_STATUS, ("lv", "ru"), version=2))
    pdf = write(tmp_path, rendered)
    (png,) = pt.render(pdf, tmp_path / "qr", dpi=150, page=1)
    assert pt.qr_code(png) == f"NRV-2026-W1-00007/2\nhttps://arhiiv.narva.ee/kontroll/{UID}"
    assert len(pt.run("pdfimages", "-list", pdf).splitlines()) == 2  # header only: vector QR


def test_correction_states_what_it_replaces(tmp_path: Path) -> None:
    old = Supersedes("NRV-2026-W1-00007", 1, date(2026, 11, 20), "wrong sheet number")
    rendered = RENDERER.render(job(T.EMPLOYMENT, ("en",), version=2, supersedes=old))
    flat = " ".join(pt.text(write(tmp_path, rendered)).split())
    assert "NRV-2026-W1-00007 (version 2)" in flat
    assert (
        "This document (version 2) replaces version 1 issued on 20.11.2026. "
        "Reason for the correction: wrong sheet number" in flat
    )


def test_request_and_free_text_appear(tmp_path: Path) -> None:
    base = job(T.EMPLOYMENT, ("et", "ru"))
    texts = {lang: dict(parts) for lang, parts in base.free_text.items()}
    texts["et"]["remarks"] = "Isikukaart on osaliselt loetamatu."
    texts["ru"]["remarks"] = "Личная карточка частично неразборчива."
    flat = " ".join(
        pt.text(write(tmp_path, RENDERER.render(replace(base, free_text=texts)))).split()
    )
    assert "Märkus / Примечание" in flat
    assert "Isikukaart on osaliselt loetamatu." in flat
    assert "Личная карточка частично неразборчива." in flat
    assert "Vastus päringule nr NRV-2026-W1-00042 (02.11.2026)" in flat
    assert "На запрос № NRV-2026-W1-00042 от 02.11.2026" in flat
    assert "Partneri toimik nr ИВГ-17/2026" in flat
    assert "188490 Ивангород" in flat


def test_rendering_is_reproducible(tmp_path: Path) -> None:
    a = RENDERER.render(job(T.SALARY, ("et", "ru")))
    b = RENDERER.render(job(T.SALARY, ("et", "ru")))
    assert a.pdf == b.pdf and a.sha256 == b.sha256
    later = RENDERER.render(
        job(T.SALARY, ("et", "ru"), created_at=datetime(2027, 1, 1, tzinfo=UTC))
    )
    assert later.sha256 != a.sha256


def test_pages_render_to_images(tmp_path: Path) -> None:
    """pdftoppm renders each page (what a person looks at); the page is not blank."""
    pdf = write(tmp_path, RENDERER.render(job(T.SALARY, ("lv", "en"))))
    images = pt.render(pdf, tmp_path / "look", dpi=40)
    assert len(images) == int(pt.info(pdf)["Pages"])
    darks = [sum(1 for v in Image.open(p).convert("L").tobytes() if v < 128) for p in images]
    assert darks[0] > 2000  # the letterhead, QR and grid
    assert all(d > 50 for d in darks)  # every page has at least its footer

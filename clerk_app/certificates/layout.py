"""The certificate's page layout: letterhead, reference block, title, the type's body (tables
citing fonds / inventory / file / sheets for every fact), notes, signatory and the reserved
place of the signature stamp.

Bilingual output: labels read "label / Label: value" (the value once, as the record has it);
sentences come in the issuer's language and, below, smaller and grey, in the recipient's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from clerk_app.certificates import formatting as fmt
from clerk_app.certificates.fonts import BOLD, REGULAR
from clerk_app.certificates.qr import QrCode, qr_payload
from clerk_app.certificates.styles import DRAFT_RED, GREY, HEAD_BG, LIGHT, RULE, styles
from clerk_app.certificates.templates import Wording
from clerk_app.core.certificates.content import (
    CellState,
    CertificateContent,
    CivilKind,
    EmploymentBasis,
    SalaryGrid,
    SalaryYear,
)
from clerk_app.core.certificates.ports import RenderJob, SignatureBox
from clerk_app.core.certificates.sources import Citation
from clerk_app.core.certificates.types import CertificateStatus, CertificateType, IssueCode
from clerk_app.core.records import PartialDate

PAGE_MARGINS = (20 * mm, 15 * mm, 16 * mm, 20 * mm)  # left, right, top, bottom
SIGNATURE_SIZE = (343.0, 75.0)  # the stamp box the signing layer fills (PDF points)
YEARS_PER_TABLE = 7
MONTH_COLUMN = 36.0  # mm; the widths below are scaled to the frame (175 mm on A4)
FRAME_MM = 175.0


def e(text: object) -> str:
    return escape(str(text))


class Plain(str):
    """A table cell of plain text: drawn as a string, not a Paragraph (much faster; used for
    the many amounts of a salary grid)."""


def _balanced(years: Sequence[SalaryYear], most: int) -> list[Sequence[SalaryYear]]:
    """Split years into tables of at most `most` columns, as even as possible (8 → 4 + 4)."""
    tables = -(-len(years) // most)
    size = -(-len(years) // tables)
    return [years[i : i + size] for i in range(0, len(years), size)]


@dataclass
class Layout:
    """Builds the flowables of one certificate and decorates its pages."""

    job: RenderJob
    ws: Sequence[Wording]  # issuer language first
    frame_width: float
    signature: SignaturePlace | None = field(default=None, init=False)

    @property
    def w(self) -> Wording:
        return self.ws[0]

    @property
    def content(self) -> CertificateContent:
        return self.job.content

    # -- text helpers ----------------------------------------------------------------------

    def each(self, key: str, **values: object) -> list[str]:
        """The text in each language, duplicates dropped (a dash is a dash in every one)."""
        out: list[str] = []
        for w in self.ws:
            text = w(key, **values)
            if text not in out:
                out.append(text)
        return out

    def joined(self, key: str, sep: str = " / ", **values: object) -> str:
        return sep.join(self.each(key, **values))

    def stacked(self, texts: Sequence[str], alt_size: float = 6.8) -> str:
        """Primary text, then the other language below, small and grey (Paragraph markup)."""
        out = e(texts[0])
        for alt in texts[1:]:
            out += f'<br/><font size="{alt_size}" color="#4d4d4d">{e(alt)}</font>'
        return out

    def inline(self, texts: Sequence[str], alt_size: float = 6.8) -> str:
        """Primary text, then the other language small and grey on the same line."""
        out = e(texts[0])
        for alt in texts[1:]:
            out += f' <font size="{alt_size}" color="#4d4d4d">/ {e(alt)}</font>'
        return out

    def labelled(self, key: str, value: str) -> str:
        return f"{e(self.joined(key))}: {e(value)}"

    def not_stated(self) -> str:
        return self.stacked(self.each("labels.not_stated"))

    def paras(self, texts: Sequence[str], style: str = "body") -> list[Flowable]:
        s = styles()
        out: list[Flowable] = []
        for i, text in enumerate(texts):
            if text.strip():
                markup = e(text).replace("\n", "<br/>")
                out.append(Paragraph(markup, s[style if i == 0 else f"{style}_alt"]))
        return out

    def free_text(self, part: str) -> list[str]:
        return [self.job.free_text.get(w.lang, {}).get(part, "") for w in self.ws]

    def cite(self, c: Citation) -> str:
        return self.stacked(list(dict.fromkeys(fmt.citation(c, w) for w in self.ws)))

    def date(self, value: PartialDate | None) -> str:
        return fmt.partial_date(value, self.w)

    def date_cell(self, value: PartialDate | None) -> str:
        return e(self.date(value)) if value is not None else self.not_stated()

    # -- the document ------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [*self.letterhead(), *self.reference_block(), *self.title()]
        story += self.subject()
        story += self.paras(self.free_text("opening"))
        story.append(Spacer(1, 2 * mm))
        body = {
            CertificateType.EMPLOYMENT: self.employment,
            CertificateType.SALARY: self.salary,
            CertificateType.CIVIL_STATUS: self.civil,
            CertificateType.RESIDENCE: self.residence,
            CertificateType.NEGATIVE: self.negative,
        }[self.content.type]
        story += body()
        story += self.closing()
        return story

    def letterhead(self) -> list[Flowable]:
        s = styles()
        office = self.job.office
        left: list[Flowable] = []
        names = list(dict.fromkeys(office.text("name", w.lang) for w in self.ws))
        left.append(Paragraph(e(names[0]), s["office"]))
        left += [Paragraph(e(n), s["office_alt"]) for n in names[1:]]
        addresses = list(dict.fromkeys(office.text("address", w.lang) for w in self.ws))
        left += [Paragraph(e(a), s["office_line"]) for a in addresses if a]
        if office.contacts:
            left.append(Paragraph(e(office.contacts), s["office_line"]))
        verification = office.verification(self.job.uid)
        payload = qr_payload(self.job.registry_number, self.job.version, verification)
        right = [
            QrCode(payload, 24 * mm),
            Spacer(1, 1.5 * mm),
            Paragraph(e(self.number_text(short=True)), s["qr_caption"]),
        ]
        table = Table(
            [[left, right]],
            colWidths=[self.frame_width - 30 * mm, 30 * mm],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # tables default to Helvetica
                    ("ALIGN", (1, 0), (1, 0), "CENTER"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
                ]
            ),
        )
        return [table, HRFlowable(width="100%", thickness=0.6, color=RULE, spaceAfter=3 * mm)]

    def number_text(self, short: bool = False) -> str:
        job = self.job
        if job.registry_number is None:
            return "—" if short else self.joined("labels.draft_number")
        if job.version > 1:
            if short:
                return f"{job.registry_number}/{job.version}"
            return f"{job.registry_number} ({self.joined('labels.version', version=job.version)})"
        return job.registry_number

    def reference_block(self) -> list[Flowable]:
        s = styles()
        job = self.job
        left = [
            f"<b>{e(self.joined('labels.number'))}:</b> {e(self.number_text())}",
            f"<b>{e(self.joined('labels.date'))}:</b> {fmt.full_date(job.issued_on)}",
        ]
        req = job.request
        if req is not None and req.registration_number:
            if req.registered_on is not None:
                texts = self.each(
                    "labels.your_request",
                    number=req.registration_number,
                    date=fmt.full_date(req.registered_on),
                )
            else:
                texts = self.each("labels.your_request_nodate", number=req.registration_number)
            left.append(self.inline(texts, alt_size=8.5))
        if req is not None and req.partner_case_number:
            texts = self.each("labels.partner_case", number=req.partner_case_number)
            left.append(self.inline(texts, alt_size=8.5))
        label = e(self.joined("labels.verification"))
        verification = e(job.office.verification(job.uid))
        left.append(f'<font color="#4d4d4d">{label}: {verification}</font>')
        right: list[str] = []
        if req is not None:
            right.append(f"<b>{e(self.joined('labels.applicant'))}:</b>")
            right.append(e(req.applicant_name))
            if req.applicant_address:
                right += [e(line) for line in req.applicant_address.splitlines() if line.strip()]
        cells = [
            [Paragraph("<br/>".join(left), s["meta"]), Paragraph("<br/>".join(right), s["meta"])]
        ]
        table = Table(
            cells,
            colWidths=[self.frame_width * 0.6, self.frame_width * 0.4],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # tables default to Helvetica
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
                ]
            ),
        )
        return [table, Spacer(1, 4 * mm)]

    def title(self) -> list[Flowable]:
        s = styles()
        out: list[Flowable] = [Paragraph(e(self.joined("title")), s["title"])]
        subs = self.each("subtitle")
        out.append(Paragraph(e(subs[0]), s["subtitle"]))
        out += [Paragraph(e(t), s["subtitle_alt"]) for t in subs[1:]]
        out.append(Spacer(1, 4 * mm))
        return out

    def subject(self) -> list[Flowable]:
        s = styles()
        subject = self.content.subject
        line = f"<b>{e(self.joined('labels.subject'))}: {e(subject.name)}</b>"
        if subject.birth_date is not None:
            line += "; " + self.labelled("labels.born", self.date(subject.birth_date))
        out: list[Flowable] = [Paragraph(line, s["body"])]
        for issue in self.content.warnings:
            if issue.code is IssueCode.BIRTH_DATES_DIFFER:
                raw = issue.detail.get("dates", [])
                dates = ", ".join(self.date(PartialDate.parse_iso(str(d))) for d in raw)  # type: ignore[attr-defined]
                out += self.paras(self.each("labels.birth_dates_differ", dates=dates), "note")
        out.append(Spacer(1, 2 * mm))
        return out

    # -- tables ------------------------------------------------------------------------------

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        widths_mm: Sequence[float],
        numeric: Sequence[int] = (),
        compact: bool = False,
    ) -> Table:
        s = styles()
        scale = self.frame_width / (FRAME_MM * mm)
        head = [
            Paragraph(h, s["cell_num_head" if i in numeric else "cell_head"])
            for i, h in enumerate(header)
        ]
        body = [
            [
                str(c) if isinstance(c, Plain)
                else Paragraph(c, s["cell_num" if i in numeric else "cell"])
                for i, c in enumerate(r)
            ]
            for r in rows
        ]  # fmt: skip
        return Table(
            [head, *body],
            colWidths=[w * mm * scale for w in widths_mm],
            repeatRows=1,
            style=TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # tables default to Helvetica
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 1 if compact else 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 if compact else 3),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),  # plain cells, as the "cell" style
                    ("LEADING", (0, 0), (-1, -1), 10),
                    *[("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric],
                ]
            ),
        )

    def head(self, key: str) -> str:
        return self.stacked(self.each(key), alt_size=6.5)

    def employment(self) -> list[Flowable]:
        rows: list[list[str]] = []
        for n, entry in enumerate(self.content.employment, start=1):
            work = [f"<b>{e(entry.enterprise)}</b>" if entry.enterprise else self.not_stated()]
            if entry.position:
                work.append(e(entry.position))
            if entry.name_as_written:
                work.append(self.labelled("labels.name_as_written", entry.name_as_written))
            if entry.note:
                work.append(self.labelled("text.note", entry.note))
            if entry.basis is EmploymentBasis.PAYROLL:
                orders = [self.stacked(self.each("text.payroll_basis"))]
            else:
                orders = []
                for key, order in (
                    ("text.hired_order", entry.start_order),
                    ("text.dismissed_order", entry.end_order),
                ):
                    value = e(order) if order else self.not_stated()
                    orders.append(f"{e(self.joined(key))}: {value}")
            rows.append(
                [
                    str(n),
                    "<br/>".join(work),
                    self.date_cell(entry.start),
                    self.date_cell(entry.end),
                    "<br/>".join(orders),
                    self.cite(entry.citation),
                ]
            )
        keys = ("no", "work", "start", "end", "orders", "reference")
        header = [self.head(f"columns.{k}") for k in keys]
        return [self.table(header, rows, (9, 50, 19, 19, 38, 40))]

    def salary(self) -> list[Flowable]:
        s = styles()
        out: list[Flowable] = []
        notes: list[str] = []
        any_missing = any_outside = False
        for grid in self.content.salary:
            out += self.salary_grid(grid)
            notes += [k for k in grid.notes if k not in notes]
            cells = [c for y in grid.years for c in y.cells]
            any_missing |= any(c.state is CellState.MISSING for c in cells)
            any_outside |= any(c.state is CellState.OUTSIDE for c in cells)
        texts: list[list[str]] = [self.each(f"notes.{k}") for k in notes]
        if any_missing:
            texts.append([w("notes.missing", mark=w("labels.missing_cell")) for w in self.ws])
        if any_outside:
            texts.append([w("notes.outside", mark=w("labels.outside_cell")) for w in self.ws])
        if texts:
            out.append(Paragraph(f"<b>{e(self.joined('labels.notes'))}</b>", s["note"]))
            for group in texts:
                for i, text in enumerate(dict.fromkeys(group)):
                    out.append(Paragraph(e(text), s["note" if i == 0 else "note_alt"]))
        return out

    def salary_grid(self, grid: SalaryGrid) -> list[Flowable]:
        s = styles()
        if grid.enterprise:
            heading = f"<b>{e(self.joined('labels.enterprise'))}: {e(grid.enterprise)}</b>"
        else:
            heading = f"<b>{e(self.joined('labels.enterprise'))}:</b> {self.not_stated()}"
        block: list[Flowable] = [Paragraph(heading, s["heading"])]
        if grid.position:
            block.append(Paragraph(self.labelled("labels.position", grid.position), s["body"]))
        if grid.name_as_written:
            text = self.labelled("labels.name_as_written", grid.name_as_written)
            block.append(Paragraph(text, s["body"]))
        block.append(Spacer(1, 1 * mm))
        chunks = _balanced(grid.years, YEARS_PER_TABLE)
        out: list[Flowable] = [KeepTogether([*block, self.salary_table(chunks[0])])]
        for chunk in chunks[1:]:
            out += [Spacer(1, 2 * mm), KeepTogether([self.salary_table(chunk)])]
        basis = "; ".join(
            " / ".join(dict.fromkeys(fmt.citation(c, w) for w in self.ws)) for c in grid.citations
        )
        out.append(Spacer(1, 1.5 * mm))
        out.append(Paragraph(f"<b>{e(self.joined('labels.basis'))}:</b> {e(basis)}", s["note"]))
        out.append(Spacer(1, 3 * mm))
        return out

    def salary_table(self, years: Sequence[SalaryYear]) -> Table:
        header = [self.head("labels.month")]
        header += [f"{y.year}<br/>{e('/'.join(y.currencies))}" for y in years]
        months = [w.months for w in self.ws]
        rows: list[list[str]] = []
        for m in range(12):
            row = [self.inline(list(dict.fromkeys(names[m] for names in months)))]
            rows.append(row + [self.cell(y, m) for y in years])
        total_row = [f"<b>{self.inline(self.each('labels.total'))}</b>"]
        for y in years:
            lines = [
                fmt.amount(amount, self.w) + (f" {cur}" if len(y.totals) > 1 else "")
                for cur, amount in y.totals
            ]
            total_row.append("<b>" + "<br/>".join(e(x) for x in lines) + "</b>")
        rows.append(total_row)
        rows.append([self.inline(self.each("labels.sheets")), *(Plain(y.sheets) for y in years)])
        year_width = (FRAME_MM - MONTH_COLUMN) / YEARS_PER_TABLE
        widths = [MONTH_COLUMN] + [year_width] * len(years)
        table = self.table(header, rows, widths, numeric=range(1, len(years) + 1), compact=True)
        table.hAlign = "LEFT"  # a short table keeps full-width columns, aligned left
        table.setStyle(TableStyle([("LINEABOVE", (0, -2), (-1, -2), 0.8, GREY)]))
        return table

    def cell(self, year: SalaryYear, month: int) -> str:
        c = year.cells[month]
        if c.state is CellState.OUTSIDE:
            return f'<font color="#9a9a9a">{e(self.w("labels.outside_cell"))}</font>'
        if c.state is CellState.MISSING:
            return self.stacked(self.each("labels.missing_cell"), alt_size=6.3)
        assert c.amount is not None
        text = fmt.amount(c.amount, self.w)
        if len(year.totals) > 1:
            text += f" {c.currency}"
        return Plain(text)

    def civil(self) -> list[Flowable]:
        rows: list[list[str]] = []
        for ev in self.content.civil:
            details = [f"<b>{e(ev.name_as_written)}</b>"]
            if ev.birth_date is not None and ev.kind is not CivilKind.BIRTH:
                details.append(self.labelled("labels.born", self.date(ev.birth_date)))
            if ev.maiden_name:
                details.append(self.labelled("text.maiden", ev.maiden_name))
            if ev.spouse_name:
                details.append(self.labelled("text.spouse", ev.spouse_name))
            if ev.note:
                details.append(e(ev.note))
            rows.append(
                [
                    self.stacked(self.each(f"text.{ev.kind.value}")),
                    self.date_cell(ev.date),
                    e(ev.place) if ev.place else self.not_stated(),
                    "<br/>".join(details),
                    self.cite(ev.citation),
                ]
            )
        keys = ("event", "date", "place", "details", "reference")
        header = [self.head(f"columns.{k}") for k in keys]
        return [self.table(header, rows, (24, 20, 30, 58, 43))]

    def residence(self) -> list[Flowable]:
        rows: list[list[str]] = []
        for n, home in enumerate(self.content.residence, start=1):
            address = [e(home.address) if home.address else self.not_stated()]
            if home.name_as_written:
                address.append(self.labelled("labels.name_as_written", home.name_as_written))
            if home.note:
                address.append(e(home.note))
            end = (
                e(self.date(home.end))
                if home.end is not None
                else self.stacked(self.each("text.end_unknown"))
            )
            rows.append(
                [
                    str(n),
                    "<br/>".join(address),
                    self.date_cell(home.start),
                    end,
                    self.cite(home.citation),
                ]
            )
        keys = ("no", "address", "start", "end", "reference")
        header = [self.head(f"columns.{k}") for k in keys]
        return [self.table(header, rows, (9, 62, 22, 32, 50))]

    def negative(self) -> list[Flowable]:
        s = styles()
        scope = self.content.search
        assert scope is not None
        heading = " / ".join(t.rstrip(": ") for t in self.each("text.searched")) + ":"
        out: list[Flowable] = [Paragraph(f"<b>{e(heading)}</b>", s["body"])]
        for place in scope.places:
            out.append(Paragraph(e(place), s["body"], bulletText="•"))
        out.append(Spacer(1, 2 * mm))
        start = str(scope.period_from) if scope.period_from else None
        end = str(scope.period_to) if scope.period_to else None
        if start and end:
            out += self.paras(self.each("text.period", start=start, end=end))
        elif start:
            out += self.paras(self.each("text.period_from", start=start))
        elif end:
            out += self.paras(self.each("text.period_to", end=end))
        if scope.name_forms:
            out += self.paras(self.each("text.name_forms", names=", ".join(scope.name_forms)))
        return out

    # -- closing -----------------------------------------------------------------------------

    def closing(self) -> list[Flowable]:
        s = styles()
        job = self.job
        out: list[Flowable] = [Spacer(1, 3 * mm)]
        remarks = self.free_text("remarks")
        if any(t.strip() for t in remarks):
            out.append(Paragraph(f"<b>{e(self.joined('labels.remarks'))}</b>", s["body"]))
            out += self.paras(remarks)
        if job.supersedes is not None:
            old = job.supersedes
            old_date = fmt.full_date(old.issued_on) if old.issued_on else "—"
            out += self.paras(
                self.each(
                    "labels.supersedes",
                    version=job.version,
                    old_version=old.version,
                    old_date=old_date,
                    reason=old.reason,
                )
            )
        office = job.office
        titles = list(dict.fromkeys(office.text("signatory_title", w.lang) for w in self.ws))
        # the purpose line goes with the signatory, so a signature never stands alone
        sign: list[Flowable] = [*self.paras(self.free_text("purpose")), Spacer(1, 5 * mm)]
        if any(titles):
            sign.append(Paragraph(e(" / ".join(t for t in titles if t)), s["sign"]))
        if office.signatory_name:
            sign.append(Paragraph(e(office.signatory_name), s["sign_name"]))
        sign.append(Paragraph(e(self.joined("labels.signature_note")), s["note"]))
        draft = job.status is CertificateStatus.DRAFT
        self.signature = SignaturePlace(
            min(SIGNATURE_SIZE[0], self.frame_width),
            SIGNATURE_SIZE[1],
            self.joined("labels.signature_place") if draft else None,
        )
        sign.append(self.signature)
        out.append(KeepTogether(sign))
        return out

    # -- page decoration -----------------------------------------------------------------------

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        width, height = canvas._pagesize
        left, right, top, bottom = PAGE_MARGINS
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = bottom - 9 * mm
        canvas.line(left, y + 3.2 * mm, width - right, y + 3.2 * mm)
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(GREY)
        office = self.job.office.text("name", self.w.lang)
        canvas.drawString(left, y, f"{office} · {self.number_text(short=True)}")
        pages_text = self.joined("labels.page", sep=" · ", page=page, pages=pages)
        canvas.drawRightString(width - right, y, pages_text)
        if self.job.status is CertificateStatus.DRAFT:
            canvas.setFont(BOLD, 8)
            canvas.setFillColor(DRAFT_RED)
            canvas.drawCentredString(
                width / 2, height - top + 6 * mm, self.joined("labels.draft_mark")
            )
        canvas.restoreState()


class SignaturePlace(Flowable):
    """Empty room for the signature stamp; it remembers where it landed, on which page."""

    def __init__(self, width: float, height: float, draft_label: str | None) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.draft_label = draft_label
        self.box: SignatureBox | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x1, y1 = canvas.absolutePosition(0, 0)
        self.box = SignatureBox(
            canvas.getPageNumber() - 1,
            round(x1, 2),
            round(y1, 2),
            round(x1 + self.width, 2),
            round(y1 + self.height, 2),
        )
        if self.draft_label:  # a draft shows where the stamp will go; a final stays blank
            canvas.saveState()
            canvas.setStrokeColor(LIGHT)
            canvas.setDash(3, 3)
            canvas.setLineWidth(0.6)
            canvas.rect(0, 0, self.width, self.height)
            canvas.setFont(REGULAR, 7)
            canvas.setFillColor(LIGHT)
            canvas.drawCentredString(self.width / 2, self.height / 2 - 2, self.draft_label)
            canvas.restoreState()

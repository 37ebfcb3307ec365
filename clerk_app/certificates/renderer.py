"""The reportlab implementation of the core's `CertificateRenderer` port."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from functools import partial
from importlib import metadata

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from clerk_app.certificates import formatting as fmt
from clerk_app.certificates.fonts import REGULAR, register_fonts
from clerk_app.certificates.layout import PAGE_MARGINS, Layout
from clerk_app.certificates.pdfa import PdfACanvas, PdfMeta
from clerk_app.certificates.templates import TemplateSet, default_templates
from clerk_app.core.certificates.content import CertificateContent
from clerk_app.core.certificates.office import OfficeProfile
from clerk_app.core.certificates.ports import RenderedPdf, RenderJob
from clerk_app.core.certificates.sources import RequestInfo
from clerk_app.core.certificates.types import FREE_TEXT_PARTS


def _version() -> str:
    try:
        return metadata.version("clerk-app")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


class ReportlabRenderer:
    def __init__(self, templates: TemplateSet | None = None) -> None:
        self.templates = templates or default_templates()
        register_fonts()
        self._producer = f"Clerk {_version()} (ReportLab {reportlab.Version})"

    def default_texts(
        self,
        content: CertificateContent,
        languages: Sequence[str],
        request: RequestInfo | None,
        office: OfficeProfile,
    ) -> dict[str, dict[str, str]]:
        """The editable parts in each language, placeholders filled in."""
        out: dict[str, dict[str, str]] = {}
        for lang in languages:
            w = self.templates.wording(content.type, lang)
            fonds = fmt.fonds_list(content.fonds, w)
            texts: dict[str, str] = {}
            for part in FREE_TEXT_PARTS:
                key = "opening_many" if part == "opening" and len(content.fonds) > 1 else part
                texts[part] = w(key, fonds_list=fonds)
            out[lang] = texts
        return out

    def render(self, job: RenderJob) -> RenderedPdf:
        ws = [self.templates.wording(job.content.type, lang) for lang in job.languages]
        left, right, top, bottom = PAGE_MARGINS
        frame_width = A4[0] - left - right
        layout = Layout(job, ws, frame_width)
        title = layout.joined("title")
        number = job.registry_number or "draft"
        meta = PdfMeta(
            title=f"{title} {number}" + (f"/{job.version}" if job.version > 1 else ""),
            author=job.office.text("name", job.languages[0]),
            subject=f"{layout.joined('subtitle')}: {job.content.subject.name}",
            keywords=(
                f"registry:{number}; version:{job.version}; uid:{job.uid}; "
                f"type:{job.content.type}; lang:{','.join(job.languages)}; "
                f"status:{job.status}"
            ),
            creator_tool=f"Clerk {_version()}",
            producer=self._producer,
            created=job.created_at,
            lang=job.languages[0],
        )
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            keywords=meta.keywords,
            creator=meta.creator_tool,
            producer=meta.producer,
            initialFontName=REGULAR,
        )
        canvases: list[PdfACanvas] = []

        def maker(*args: object, **kwargs: object) -> PdfACanvas:
            canvas = PdfACanvas(*args, meta=meta, decorate=layout.decorate, **kwargs)
            canvases.append(canvas)
            return canvas

        doc.build(layout.story(), canvasmaker=partial(maker))
        pdf = buffer.getvalue()
        assert layout.signature is not None and layout.signature.box is not None
        return RenderedPdf(
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            page_count=canvases[-1].page_count,
            signature_box=layout.signature.box,
        )

"""Small PDF/A-2b documents for signing tests, made with reportlab as signing.md §2 describes.

Until the certificates part renders real archival certificates these stand in for them: Noto
Sans embedded (ET/LV/RU letters), XMP with pdfaid part 2 / conformance B, an sRGB output
intent, Info and XMP dates and Producer equal. Not shipped with the app.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import XMP, PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).resolve().parents[1] / "clerk_app" / "resources" / "fonts"
PRODUCER = "Clerk test documents (ReportLab)"
KEYWORDS = "archival certificate"
_registered = False


def _register_fonts() -> None:
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont("Body", str(FONTS / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Body-Bold", str(FONTS / "NotoSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        "Body",
        normal="Body",
        bold="Body-Bold",
        italic="Body",
        boldItalic="Body-Bold",
        baseFontFor="canvas graphics",
    )
    _registered = True


def srgb_icc() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _xmp_date(doc) -> str:  # type: ignore[no-untyped-def]
    """The document's own timestamp (the one Info /CreationDate uses) in XMP form."""
    ts = doc._timeStamp
    y, mo, d, h, mi, sec = ts.YMDhms
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{sec:02d}{ts.dhh:+03d}:{ts.dmm:02d}"


def _xmp_packet(title: str, doc) -> bytes:  # type: ignore[no-untyped-def]
    created = _xmp_date(doc)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Clerk</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt>
   </dc:description>
   <pdf:Keywords>{KEYWORDS}</pdf:Keywords>
   <pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>Clerk</xmp:CreatorTool>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{created}</xmp:ModifyDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def make_pdfa(
    path: Path,
    *,
    title: str = "Arhiivitõend / Архивная справка",
    lines: tuple[str, ...] = (
        "Arhiivitõend nr NRV-2026-0042",
        "Архивная справка № NRV-2026-0042",
        "Arhīva izziņa Nr. NRV-2026-0042",
        "Ivanova Tatjana Petrovna, s. 1931 — Kreenholmi Manufaktuur, 1950–1978",
        "Фонд Р-123, опись 1, дело 45, л. 12об.–14",
        "JÕGEVA-ŠĶĒLE, ŅINA — õäöü šž āēīūķļņģ „“ « » № – €",
    ),
    pages: int = 1,
) -> Path:
    """Write a PDF/A-2b test document to `path` and return it."""
    _register_fonts()
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=A4, pdfVersion=(1, 7), invariant=False)
    canvas.setTitle(title)
    canvas.setAuthor("Clerk")
    canvas.setSubject(title)
    canvas.setKeywords(KEYWORDS)
    canvas.setCreator("Clerk")
    canvas.setProducer(PRODUCER)
    doc = canvas._doc
    doc.info.producer = PRODUCER
    cat = doc.Catalog
    cat.Metadata = XMP(creator=lambda d: _xmp_packet(title, d))
    icc = PDFStream(PDFDictionary({"N": 3}), srgb_icc())
    icc_ref = doc.Reference(icc)
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": icc_ref,
        }
    )
    cat.OutputIntents = PDFArray([doc.Reference(intent)])
    cat.__NoDefault__ = [*cat.__NoDefault__, "OutputIntents"]
    for page in range(pages):
        canvas.setFont("Body-Bold", 14)
        canvas.drawString(57, 780, title)
        canvas.setFont("Body", 11)
        y = 750
        for line in lines:
            canvas.drawString(57, y, line)
            y -= 18
        canvas.drawString(57, 60, f"{page + 1} / {pages}")
        canvas.showPage()
    canvas.save()
    return path

"""PDF/A-2b with open-source reportlab, which has no PDF/A switch.

Three additions make the output PDF/A-2b: an XMP packet with the pdfaid part/conformance
(dates and texts equal to the Info dictionary), an sRGB output intent (the catalog only
writes keys listed in its __NoDefault__, so OutputIntents is added there), and embedded
fonts only (fonts.py). The canvas also holds every page until the end, so each page can say
"page X of Y" and carry the running footer without a second layout pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    XMP,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas

from clerk_app.certificates.resources import ICC_SRGB

OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@dataclass(frozen=True)
class PdfMeta:
    title: str
    author: str
    subject: str
    keywords: str
    creator_tool: str
    producer: str
    created: datetime  # aware; written as UTC in Info and XMP alike
    lang: str


@cache
def _icc_bytes() -> bytes:
    return ICC_SRGB.read_bytes()


def xmp_packet(meta: PdfMeta) -> str:
    stamp = meta.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    e = escape
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
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{e(meta.lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{e(meta.producer)}</pdf:Producer>
   <pdf:Keywords>{e(meta.keywords)}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>{e(meta.creator_tool)}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""  # noqa: E501


PageDecorator = Callable[[Canvas, int, int], None]  # (canvas, page number, page count)


class PdfACanvas(Canvas):
    """A canvas that writes PDF/A-2b structures and decorates pages once their count is
    known. Reproducible: the same content and `meta.created` give the same bytes."""

    def __init__(
        self, filename: Any, *, meta: PdfMeta, decorate: PageDecorator, **kwargs: Any
    ) -> None:
        kwargs["invariant"] = 1  # no wall-clock time or random ID: bytes follow the content
        super().__init__(filename, **kwargs)
        self._meta = meta
        self._decorate = decorate
        self._held_pages: list[dict[str, Any]] = []
        self._set_time(meta.created)
        self.setTitle(meta.title)
        self.setAuthor(meta.author)
        self.setSubject(meta.subject)
        self.setKeywords(meta.keywords)
        self.setCreator(meta.creator_tool)
        self.setProducer(meta.producer)
        doc = self._doc
        cat = doc.Catalog
        cat.Metadata = XMP(creator=lambda _doc: xmp_packet(meta).encode("utf-8"))
        icc = PDFStream(PDFDictionary({"N": 3}), _icc_bytes(), filters=[PDFZCompress])
        intent = PDFDictionary(
            {
                "Type": PDFName("OutputIntent"),
                "S": PDFName("GTS_PDFA1"),
                "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
                "Info": PDFString(OUTPUT_CONDITION),
                "DestOutputProfile": doc.Reference(icc),
            }
        )
        cat.OutputIntents = PDFArray([intent])
        cat.__NoDefault__ = [*cat.__NoDefault__, "OutputIntents"]
        cat.Lang = PDFString(meta.lang)

    def _set_time(self, moment: datetime) -> None:
        ts = self._doc._timeStamp
        utc = moment.astimezone(UTC)
        ts.t = utc.timestamp()
        ts.lt = utc.timetuple()
        ts.YMDhms = tuple(ts.lt)[:6]
        ts.dhh = ts.dmm = 0
        ts.tzname = "UTC"
        self._doc.signature.update(utc.isoformat().encode())  # the /ID follows the time

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    @property
    def page_count(self) -> int:
        return len(self._held_pages)

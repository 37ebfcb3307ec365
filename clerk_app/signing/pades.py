"""PAdES signing with pyHanko over any `DigestSigner` (ID card, token, software key).

The facts this module rests on are in reference/signing.md §4–§7:
- pyHanko hands the signer the DER of the signed attributes; we hash them (SHA-384 for the
  P-384 cards) and the key holder returns raw r||s, which CMS needs as DER ECDSA-Sig-Value.
- pyHanko first signs a dry run to size the signature: that call returns bytes(104) (the
  largest DER P-384 signature) and never touches the card, so there is exactly one card
  operation, one PIN verification, per signature at every level.
- For ECDSA keys pyHanko would declare ISO 32002 and raise the file to PDF 2.0, which breaks
  PDF/A-2 (PDF 1.7): `PdfA17Signer` keeps /Version 1.7 and only the ESIC extension.
- pyHanko appends itself to Info /Producer but writes XMP pdf:Producer as itself only; setting
  Info /Producer to pyHanko's vendor string first keeps the two equal, as PDF/A requires.
- The visible stamp uses Noto Sans (unitsPerEm 1000: pyHanko's font engine writes widths in
  font units) with the wording of the document's languages.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import BinaryIO

import aiohttp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model as meta_model
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.signers import constants
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from clerk_app.core.keys import DigestSigner
from clerk_app.core.signing import (
    SignatureLevel,
    SignedDocument,
    SignErrorCode,
    SigningFailure,
    UpgradedDocument,
)
from clerk_app.signing.errors import translate_pyhanko_error

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
FONT_REGULAR = RESOURCES / "fonts" / "NotoSans-Regular.ttf"
STAMP_WORDING = RESOURCES / "signing" / "stamp_text.json"
MD_ALGORITHM = "sha384"
STAMP_FONT_SIZE = 8
DEFAULT_LANGUAGES = ("et",)


@dataclass(frozen=True)
class StampPlacement:
    """Where the visible stamp goes: page index (negative counts from the end) and box in pt."""

    page: int = -1
    box: tuple[int, int, int, int] = (57, 28, 360, 88)


@dataclass(frozen=True)
class PadesSettings:
    """Everything a signature needs besides the key and the PIN."""

    level: SignatureLevel = SignatureLevel.B_B
    tsa_url: str | None = None
    trust_roots: tuple[bytes, ...] = ()  # DER; needed for B-LT (pre-sign chain validation)
    intermediates: tuple[bytes, ...] = ()  # DER; embedded in the CMS and used for the chain
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    stamp: StampPlacement | None = field(default_factory=StampPlacement)
    reason: str | None = None
    location: str | None = None
    certify: bool = False
    timeout: float = 10.0


# -- signer identity and stamp text ------------------------------------------------------------


def load_certificate(der_or_pem: bytes) -> asn1_x509.Certificate:
    data = der_or_pem
    if data.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _, _, data = pem.unarmor(data)
    return asn1_x509.Certificate.load(data)


def signer_identity(cert: asn1_x509.Certificate) -> tuple[str, str | None]:
    """('JAAK-KRISTJAN JÕEORG', '38001085718') from an EstEID/eID-shaped certificate.

    EstEID and Latvian eID put given name, surname and `PNOEE-<code>` in their own attributes;
    any other certificate falls back to its common name.
    """
    subject = cert.subject.native
    given, surname = subject.get("given_name"), subject.get("surname")
    if isinstance(given, list):
        given = " ".join(given)
    if isinstance(surname, list):
        surname = " ".join(surname)
    name = " ".join(p for p in (given, surname) if p) or str(subject.get("common_name", "?"))
    serial = subject.get("serial_number")
    code = None
    if isinstance(serial, str):
        code = serial.split("-", 1)[1] if serial[:3] in ("PNO", "IDC", "PAS") else serial
    return name, code


@cache
def _wording() -> dict[str, dict[str, str]]:
    raw = json.loads(STAMP_WORDING.read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def stamp_languages(languages: Sequence[str]) -> tuple[str, ...]:
    known = _wording()
    picked = tuple(dict.fromkeys(lang for lang in languages if lang in known))
    return picked or ("en",)


def stamp_text(languages: Sequence[str], signer: str, code: str | None) -> str:
    """The stamp's lines; `%(ts)s` is left for pyHanko, which fills in the signing time."""
    words = [_wording()[lang] for lang in stamp_languages(languages)]
    who = f"{signer} ({code})" if code else signer
    heading = " / ".join(w["signed"] for w in words)
    time_label = " / ".join(w["time"] for w in words)
    # '%' in a name would break pyHanko's %-formatting
    return f"{heading}:\n{who.replace('%', '%%')}\n{time_label}: %(ts)s"


# What a stamp normally needs: Latin with Estonian/Latvian/Lithuanian letters, Cyrillic,
# punctuation (– „ “ « » №). Other characters in a name switch to the full font.
STAMP_UNICODES = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x400, 0x530), *range(0x2010, 0x2040),
     0x20AC, 0x2116]
)  # fmt: skip


@cache
def _stamp_font_bytes(subset: bool) -> bytes:
    """Noto Sans prepared once per process, in memory, for pyHanko's stamp font engine.

    pyHanko embeds a subset of the font and drops GSUB/GPOS/GDEF from it, but fontTools
    decompiles those tables (and every glyph outline) while subsetting: that was ≈300 ms of a
    ≈400 ms signature. So the layout tables go (HarfBuzz then maps the precomposed letters
    the stamp uses; only kerning is lost) and, with `subset`, the glyphs outside
    STAMP_UNICODES (3,317 → about 900). The font file on disk stays the OFL original.
    """
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONT_REGULAR))
    for tag in ("GSUB", "GPOS", "GDEF"):
        if tag in font:
            del font[tag]
    if subset:
        options = ft_subset.Options()
        options.layout_features = []
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(STAMP_UNICODES))
        subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def warm_up() -> None:
    """Do the once-per-process work before the first signature (≈300 ms: fontTools, the
    stamp font's preparation, the wording); the app can run it in its background helper at
    start so the first signature is as fast as the others."""
    _stamp_font_bytes(True)
    _wording()
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator  # noqa: F401


class StampFontFactory(GlyphAccumulatorFactory):
    """GlyphAccumulatorFactory over the in-memory prepared font (see _stamp_font_bytes)."""

    full_font: bool = False

    def create_font_engine(self, writer, obj_stream=None):  # type: ignore[no-untyped-def]
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(_stamp_font_bytes(subset=not self.full_font)),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def stamp_style(text: str) -> TextStampStyle:
    """The stamp: `text` (from stamp_text) in Noto Sans, a thin border, no logo, no opacity."""
    font = StampFontFactory(str(FONT_REGULAR), font_size=STAMP_FONT_SIZE)
    font.full_font = any(ord(ch) not in STAMP_UNICODES for ch in text if ch != "\n")
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(
            font=font,
            font_size=STAMP_FONT_SIZE,
            leading=round(STAMP_FONT_SIZE * 1.45),
        ),
        background=None,
        border_width=1,
        timestamp_format="%Y-%m-%d %H:%M:%S %z",
    )


# -- the signer over a DigestSigner ---------------------------------------------------------------


def _dry_run_signature_size(cert: asn1_x509.Certificate) -> int:
    """Largest signature the key can return: DER ECDSA for EC, the modulus size for RSA."""
    pub = cert.public_key
    if pub.algorithm == "ec":
        n = (pub.bit_size + 7) // 8  # 48 for P-384
        # SEQUENCE { INTEGER r, INTEGER s }, each up to n+1 bytes: 104 for P-384
        return 2 + 2 * (2 + n + 1) + (1 if 2 * (2 + n + 1) > 127 else 0)
    return (pub.bit_size + 7) // 8


class KeyHolderSigner(Signer):
    """A pyHanko `Signer` whose private key lives in a `DigestSigner` (the ID card).

    Counts the key-holder calls and the time spent in them, so callers can prove one card
    operation per signature and measure the signing time without card and PIN.
    """

    def __init__(
        self,
        key: DigestSigner,
        pin: str,
        intermediates: Sequence[asn1_x509.Certificate] = (),
        certificate: asn1_x509.Certificate | None = None,
    ) -> None:
        cert = certificate or load_certificate(key.signing_certificate())
        super().__init__(
            signing_cert=cert,
            cert_registry=SimpleCertificateStore.from_certs(list(intermediates)),
            embed_roots=True,
            prefer_pss=False,
        )
        self._key = key
        self._pin = pin
        self.card_calls = 0
        self.card_seconds = 0.0

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        assert self.signing_cert is not None
        if dry_run:
            return bytes(_dry_run_signature_size(self.signing_cert))
        digest = hashlib.new(digest_algorithm, data).digest()
        started = time.perf_counter()
        try:
            raw = await asyncio.to_thread(self._key.sign_digest, digest, self._pin)
        finally:
            self.card_calls += 1
            self.card_seconds += time.perf_counter() - started
        if self.signing_cert.public_key.algorithm != "ec":
            return raw
        half = len(raw) // 2
        if len(raw) % 2 or half == 0:
            raise SigningFailure(SignErrorCode.SIGNING_FAILED, f"bad r||s length {len(raw)}")
        return encode_dss_signature(
            int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
        )


class PdfA17Signer(signers.PdfSigner):
    """Keeps a PDF/A-2 document at PDF 1.7: PAdES's ESIC extension only, no ISO 32002."""

    def register_extensions(self, pdf_out, *, md_algorithm):  # type: ignore[no-untyped-def]
        pdf_out.ensure_output_version((1, 7))
        if self.signature_meta.subfilter == fields.SigSeedSubFilter.PADES:
            pdf_out.register_extension(constants.ESIC_EXTENSION_1)


# -- reading the input ------------------------------------------------------------------------


def open_writer(data: bytes) -> IncrementalPdfFileWriter:
    """An incremental writer over `data`; refuses what is not a readable, unencrypted PDF."""
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise SigningFailure(SignErrorCode.NOT_A_PDF, "no %PDF- header")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except Exception as exc:  # pyHanko raises several error types for broken files
        raise SigningFailure(SignErrorCode.NOT_A_PDF, f"{type(exc).__name__}: {exc}") from exc
    if writer.prev.encrypted:
        raise SigningFailure(SignErrorCode.ENCRYPTED_PDF)
    _keep_producer_consistent(writer)
    return writer


def _keep_producer_consistent(writer: IncrementalPdfFileWriter) -> None:
    """Info /Producer := pyHanko's vendor string, the value pyHanko writes into the XMP."""
    from pyhanko.pdf_utils import generic

    try:
        info = writer.trailer["/Info"]
    except KeyError:
        return
    info = info.get_object() if hasattr(info, "get_object") else info
    if info.get("/Producer") != meta_model.VENDOR:
        info["/Producer"] = generic.TextStringObject(meta_model.VENDOR)
        writer.update_container(info)


def next_field_name(writer: IncrementalPdfFileWriter) -> str:
    taken = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev)}
    n = 1
    while f"Signature{n}" in taken:
        n += 1
    return f"Signature{n}"


def digest_algorithm_for(key: DigestSigner) -> str:
    """The digest the key holder signs: SHA-384 for EC P-384 cards, SHA-256 for RSA cards
    (Latvian eID RSA-2048 signs a 32-byte digest); a key holder may say otherwise through a
    `digest_algorithm` attribute."""
    explicit = getattr(key, "digest_algorithm", None)
    if isinstance(explicit, str):
        return explicit
    return MD_ALGORITHM if getattr(key, "key_algorithm", "ec") == "ec" else "sha256"


def _certs(ders: Sequence[bytes]) -> list[asn1_x509.Certificate]:
    return [load_certificate(d) for d in ders]


def check_certificate_usable(cert: asn1_x509.Certificate, at: datetime) -> None:
    """Refuse before any card operation: expired, not yet valid, or not a signing certificate."""
    if cert.not_valid_after < at:
        raise SigningFailure(
            SignErrorCode.CERTIFICATE_EXPIRED, f"expired {cert.not_valid_after.isoformat()}"
        )
    if cert.not_valid_before > at:
        raise SigningFailure(SignErrorCode.CERTIFICATE_NOT_YET_VALID)
    usage = cert.key_usage_value
    if usage is not None and not ({"non_repudiation", "digital_signature"} & set(usage.native)):
        raise SigningFailure(SignErrorCode.CERTIFICATE_UNUSABLE, f"key usage {usage.native}")


def validation_context(
    settings: PadesSettings, session: aiohttp.ClientSession, *, fetch: bool = True
) -> ValidationContext:
    """The context pyHanko uses to fetch OCSP/CRL for B-LT: hard-fail on missing revocation."""
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

    return ValidationContext(
        trust_roots=_certs(settings.trust_roots),
        other_certs=_certs(settings.intermediates),
        allow_fetching=fetch,
        revocation_mode="hard-fail",
        fetcher_backend=AIOHttpFetcherBackend(
            session=session, per_request_timeout=max(1, int(settings.timeout))
        ),
    )


# -- signing --------------------------------------------------------------------------------------


def sign_pdf(
    data: bytes,
    output: BinaryIO,
    key: DigestSigner,
    pin: str,
    settings: PadesSettings,
) -> SignedDocument:
    """Sign `data` (a PDF) into `output` at `settings.level`. One key-holder call.

    Raises SigningFailure (before the card wherever the cause is knowable: broken PDF,
    expired certificate, unreachable TSA, revoked or untrusted certificate for B-LT) or the
    key holder's KeyHolderError. Nothing is written to `output` unless signing succeeded.
    """
    started = time.perf_counter()
    cert = load_certificate(key.signing_certificate())
    writer = open_writer(data)
    now = datetime.now().astimezone()
    check_certificate_usable(cert, now)
    level = settings.level
    if level.needs_tsa and not settings.tsa_url:
        raise SigningFailure(SignErrorCode.TSA_NOT_CONFIGURED)
    signer = KeyHolderSigner(key, pin, _certs(settings.intermediates), certificate=cert)
    name, code = signer_identity(cert)
    field_name = next_field_name(writer)
    field_spec = None
    style = None
    if settings.stamp is not None:
        field_spec = fields.SigFieldSpec(
            field_name, on_page=settings.stamp.page, box=settings.stamp.box
        )
        style = stamp_style(stamp_text(settings.languages, name, code))
    else:
        field_spec = fields.SigFieldSpec(field_name)

    async def _sign(buffer: io.BytesIO) -> None:
        from clerk_app.signing.http import http_session

        async with http_session() as session:
            meta = signers.PdfSignatureMetadata(
                field_name=field_name,
                md_algorithm=digest_algorithm_for(key),
                subfilter=fields.SigSeedSubFilter.PADES,
                reason=settings.reason,
                location=settings.location,
                name=name,
                certify=settings.certify,
                embed_validation_info=level.needs_revocation,
                use_pades_lta=level == SignatureLevel.B_LTA,
                validation_context=(
                    validation_context(settings, session) if level.needs_revocation else None
                ),
            )
            timestamper = (
                timestamps.HTTPTimeStamper(
                    settings.tsa_url, timeout=settings.timeout, session=session
                )
                if level.needs_tsa and settings.tsa_url
                else None
            )
            pdf_signer = PdfA17Signer(
                meta, signer, timestamper=timestamper, stamp_style=style, new_field_spec=field_spec
            )
            await pdf_signer.async_sign_pdf(writer, output=buffer)

    buffer = io.BytesIO()
    try:
        asyncio.run(_sign(buffer))
    except SigningFailure:
        raise
    except Exception as exc:
        translated = translate_pyhanko_error(exc)
        if translated is None:
            raise
        raise translated from exc
    signed = buffer.getvalue()
    output.write(signed)
    return SignedDocument(
        level=level,
        signer_name=name,
        personal_code=code,
        signing_time=now,
        card_calls=signer.card_calls,
        card_seconds=signer.card_seconds,
        total_seconds=time.perf_counter() - started,
        size=len(signed),
        sha256=hashlib.sha256(signed).hexdigest(),
    )


# -- upgrading a parked signature -----------------------------------------------------------------


def upgrade_pdf(
    data: bytes,
    output: BinaryIO,
    current: SignatureLevel,
    target: SignatureLevel,
    settings: PadesSettings,
) -> UpgradedDocument:
    """Raise the PAdES level of an already signed PDF without touching its signatures.

    To B-T: a document time-stamp over the file (EN 319 142-1 accepts it in place of a
    signature time-stamp). To B-LT: the signer chain's OCSP/CRL (and the time-stamps' chains)
    in the DSS. To B-LTA: one more document time-stamp over all of that. Each step is an
    incremental update, so the existing signature stays byte-for-byte valid.
    """
    if target.rank <= current.rank:
        raise SigningFailure(SignErrorCode.JOB_STATE, f"already {current}")
    if not settings.tsa_url and (current.rank < 1 or target == SignatureLevel.B_LTA):
        raise SigningFailure(SignErrorCode.TSA_NOT_CONFIGURED)
    writer = open_writer(data)
    if not list(writer.prev.embedded_regular_signatures):
        raise SigningFailure(SignErrorCode.SIGNATURE_NOT_FOUND)
    ts_time: datetime | None = None

    async def _run() -> bytes:
        from clerk_app.signing.http import http_session

        async with http_session() as session:
            return await _steps(session)

    async def _steps(session: aiohttp.ClientSession) -> bytes:
        nonlocal ts_time
        timestamper = (
            timestamps.HTTPTimeStamper(settings.tsa_url, timeout=settings.timeout, session=session)
            if settings.tsa_url
            else None
        )
        vc = validation_context(settings, session) if target.needs_revocation else None

        async def _timestamp(current_bytes: bytes) -> bytes:
            assert timestamper is not None
            w = IncrementalPdfFileWriter(io.BytesIO(current_bytes), strict=False)
            buf = io.BytesIO()
            await signers.PdfTimeStamper(timestamper).async_timestamp_pdf(
                w, MD_ALGORITHM, validation_context=vc, output=buf
            )
            return buf.getvalue()

        current_bytes = data  # our signing already made Info /Producer = pyHanko's vendor
        if current.rank < 1:
            current_bytes = await _timestamp(current_bytes)
        if target.needs_revocation and current.rank < 2:
            assert vc is not None
            count = len(PdfFileReader(io.BytesIO(current_bytes)).embedded_regular_signatures)
            for i in range(count):  # re-read each time: every DSS update is a new revision
                reader = PdfFileReader(io.BytesIO(current_bytes), strict=False)
                out = io.BytesIO()
                await _add_validation_info(reader.embedded_regular_signatures[i], vc, out)
                current_bytes = out.getvalue()
        if target == SignatureLevel.B_LTA:
            current_bytes = await _timestamp(current_bytes)
        reader = PdfFileReader(io.BytesIO(current_bytes), strict=False)
        ts = list(reader.embedded_timestamp_signatures)
        if ts:
            tst = ts[-1].signed_data["encap_content_info"]["content"].parsed
            ts_time = tst["gen_time"].native
        return current_bytes

    try:
        result = asyncio.run(_run())
    except SigningFailure:
        raise
    except Exception as exc:
        translated = translate_pyhanko_error(exc)
        if translated is None:
            raise
        raise translated from exc
    output.write(result)
    return UpgradedDocument(
        level=target,
        timestamp_time=ts_time,
        size=len(result),
        sha256=hashlib.sha256(result).hexdigest(),
    )


async def _add_validation_info(sig, vc: ValidationContext, out: BinaryIO) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation import async_add_validation_info

    await async_add_validation_info(sig, vc, output=out, force_write=False)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


__all__ = [
    "KeyHolderSigner",
    "PadesSettings",
    "PdfA17Signer",
    "StampPlacement",
    "file_sha256",
    "sign_pdf",
    "signer_identity",
    "stamp_text",
    "upgrade_pdf",
    "warm_up",
]

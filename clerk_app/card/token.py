"""The card in a reader as the app sees it: pre-flight data (`CardInfo`) and a `DigestSigner`.

    signer = open_signer()                    # first reader with a supported card
    info = signer.preflight()                 # tries left before the PIN dialog
    raw = signer.sign_digest(sha384, pin2)    # r || s (96 bytes) on EC cards
    signer.close()

`CardSigner` keeps one PC/SC connection from reading the certificate to signing: if the card is
removed or swapped in between, the handle is dead and signing fails with CARD_REMOVED, so a
signature never comes from another card than the certificate's. Before VERIFY it refuses an
expired or revoked certificate and a blocked or not-activated PIN2 without spending a try; after
signing it checks the signature against the certificate. The PIN is an argument only: never
stored, logged or retried.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from cryptography import x509
from cryptography.x509.oid import NameOID

from clerk_app.card.detect import identify, profile_for
from clerk_app.card.guards import (
    certificate_status,
    check_signature,
    refuse_certificate,
    status_problem,
)
from clerk_app.card.pcsc import CardConnection, PcscContext, ReaderState
from clerk_app.card.profiles.base import CardProfile, PinKind, PinStatus
from clerk_app.card.revocation import RevocationChecker
from clerk_app.core.keys import KeyAlgorithm, KeyErrorCode, KeyHolderError

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


# -- pre-flight data ------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    serial_number: str
    issuer: str
    not_before: datetime
    not_after: datetime
    days_left: int
    status: str  # valid, expired, not-yet-valid, revoked
    revocation_checked: bool  # False: no checker, or it had no answer for this certificate

    @classmethod
    def of(
        cls, cert: x509.Certificate, now: datetime, revocation: RevocationChecker | None
    ) -> CertificateInfo:
        status, answered = certificate_status(cert, now, revocation)
        return cls(
            subject=cert.subject.rfc4514_string(),
            serial_number=f"{cert.serial_number:X}",
            issuer=_attr(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            days_left=(cert.not_valid_after_utc - now).days,
            status=status,
            revocation_checked=answered,
        )

    @property
    def problem(self) -> KeyErrorCode | None:
        return status_problem(self.status)


@dataclass(frozen=True)
class CardInfo:
    """Everything the clerk sees before typing PIN2. `problems` empty → ready to sign."""

    reader: str
    atr: str
    card_type: str
    holder_name: str
    surname: str
    given_names: str
    personal_code: str
    country: str
    document_number: str
    key_algorithm: KeyAlgorithm
    signing_certificate: CertificateInfo
    authentication_certificate: CertificateInfo
    pins: dict[str, PinStatus]
    problems: tuple[KeyErrorCode, ...] = field(default=())

    @property
    def ready_to_sign(self) -> bool:
        return not self.problems

    @property
    def pin2(self) -> PinStatus:
        return self.pins["pin2"]

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("signing_certificate", "authentication_certificate"):
            cert = data[key]
            cert["not_before"] = cert["not_before"].isoformat()
            cert["not_after"] = cert["not_after"].isoformat()
        for name, status in self.pins.items():
            data["pins"][name]["blocked"] = status.blocked
        data["problems"] = [str(p) for p in self.problems]
        data["ready_to_sign"] = self.ready_to_sign
        return data


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def holder_of(cert: x509.Certificate) -> tuple[str, str, str, str]:
    """(surname, given names, personal code, country) from an eID certificate subject."""
    subject = cert.subject
    surname = _attr(subject, NameOID.SURNAME)
    given = _attr(subject, NameOID.GIVEN_NAME)
    serial = _attr(subject, NameOID.SERIAL_NUMBER)
    country = _attr(subject, NameOID.COUNTRY_NAME)
    code = serial
    if len(serial) > 6 and serial[:3] in ("PNO", "IDC", "PAS") and serial[5] == "-":
        country, code = serial[3:5], serial[6:]  # ETSI EN 319 412-1 semantics identifier
    if not surname and not given:  # fall back to "SURNAME,GIVEN,CODE" in the CN
        parts = _attr(subject, NameOID.COMMON_NAME).split(",")
        if len(parts) == 3:
            surname, given, code = parts
    return surname, given, code, country


def collect_info(
    conn: CardConnection,
    profile: CardProfile,
    card_type: str,
    revocation: RevocationChecker | None = None,
    now: datetime | None = None,
) -> CardInfo:
    """Read the pre-flight data in one transaction; no PIN is asked, no try spent."""
    now = now or _now()
    with conn.transaction():
        sign_der = profile.read_certificate(conn, "sign")
        auth_der = profile.read_certificate(conn, "auth")
        document_number = profile.read_document_number(conn)
        pins: dict[str, PinStatus] = {
            kind: profile.pin_status(conn, kind) for kind in ("pin1", "pin2", "puk")
        }
    sign_cert = x509.load_der_x509_certificate(sign_der)
    auth_cert = x509.load_der_x509_certificate(auth_der)
    signing = CertificateInfo.of(sign_cert, now, revocation)
    surname, given, code, country = holder_of(sign_cert)
    problems: list[KeyErrorCode] = []
    if signing.problem is not None:
        problems.append(signing.problem)
    if pins["pin2"].blocked:
        problems.append(KeyErrorCode.PIN_BLOCKED)
    elif not pins["pin2"].activated:
        problems.append(KeyErrorCode.PIN_NOT_ACTIVATED)
    return CardInfo(
        reader=conn.reader,
        atr=conn.atr.hex(" ").upper(),
        card_type=card_type,
        holder_name=f"{given} {surname}".strip(),
        surname=surname,
        given_names=given,
        personal_code=code,
        country=country,
        document_number=document_number,
        key_algorithm=profile.key_algorithm,
        signing_certificate=signing,
        authentication_certificate=CertificateInfo.of(auth_cert, now, revocation),
        pins=pins,
        problems=tuple(problems),
    )


# -- choosing a reader ----------------------------------------------------------------------
@dataclass(frozen=True)
class ReaderCard:
    """A reader and what is in it, for `clerk card list` and the UI's reader picker."""

    reader: str
    card_present: bool
    atr: str
    card_type: str | None  # None: no card, or a card of no supported type


def list_cards() -> list[ReaderCard]:
    with PcscContext() as ctx:
        states = ctx.usable_readers()
    return [_reader_card(s) for s in states]


def _reader_card(s: ReaderState) -> ReaderCard:
    known = identify(s.atr) if s.card_present else None
    return ReaderCard(
        s.name, s.card_present, s.atr.hex(" ").upper(), known.card_type if known else None
    )


def pick_reader(ctx: PcscContext, reader: str | None) -> str:
    """`reader` if given, else the first reader with a supported card (else with any card)."""
    if reader:
        return reader
    states = ctx.usable_readers()
    with_card = [s for s in states if s.card_present]
    if not with_card:
        names = ", ".join(s.name for s in states)
        raise KeyHolderError(KeyErrorCode.NO_CARD, f"no card in {names}")
    known = [s for s in with_card if identify(s.atr) is not None]
    return (known or with_card)[0].name


def open_card(reader: str | None = None) -> tuple[PcscContext, CardConnection, CardProfile, str]:
    ctx = PcscContext()
    try:
        conn = ctx.connect(pick_reader(ctx, reader))
        try:
            known = identify(conn.atr)
            profile = profile_for(conn.atr)
        except BaseException:
            conn.close()
            raise
    except BaseException:
        ctx.close()
        raise
    assert known is not None
    return ctx, conn, profile, known.card_type


def read_card_info(
    reader: str | None = None,
    revocation: RevocationChecker | None = None,
    now: datetime | None = None,
) -> CardInfo:
    ctx, conn, profile, card_type = open_card(reader)
    try:
        return collect_info(conn, profile, card_type, revocation, now)
    finally:
        conn.close()
        ctx.close()


# -- the signer -----------------------------------------------------------------------------
class CardSigner:
    """`DigestSigner` for the card in one reader (see the module docstring)."""

    def __init__(
        self,
        ctx: PcscContext,
        conn: CardConnection,
        profile: CardProfile,
        card_type: str,
        revocation: RevocationChecker | None = None,
        clock: Clock = _now,
    ) -> None:
        self._ctx, self._conn, self.profile = ctx, conn, profile
        self.card_type = card_type
        self.reader = conn.reader
        self.revocation = revocation
        self.clock = clock
        self._lock = threading.Lock()
        with conn.transaction():
            self._cert_der = profile.read_certificate(conn, "sign")
        self.certificate = x509.load_der_x509_certificate(self._cert_der)
        self.key_algorithm: KeyAlgorithm = profile.key_algorithm

    # DigestSigner ------------------------------------------------------------------------
    def signing_certificate(self) -> bytes:
        return self._cert_der

    def sign_digest(self, digest: bytes, pin: str) -> bytes:
        with self._lock:
            refuse_certificate(self.certificate, self.clock(), self.revocation)
            with self._conn.transaction():
                raw = self.profile.sign(self._conn, digest, pin)
            check_signature(self.certificate, digest, raw)
            return raw

    # pre-flight ----------------------------------------------------------------------------
    def preflight(self) -> CardInfo:
        with self._lock:
            info = collect_info(
                self._conn, self.profile, self.card_type, self.revocation, self.clock()
            )
        if info.signing_certificate.serial_number != f"{self.certificate.serial_number:X}":
            raise KeyHolderError(KeyErrorCode.CARD_REMOVED, "another card is in the reader now")
        return info

    def pin_status(self, which: PinKind = "pin2") -> PinStatus:
        with self._lock, self._conn.transaction():
            return self.profile.pin_status(self._conn, which)

    def verify_pin(self, which: PinKind, pin: str) -> None:
        """VERIFY alone (e.g. a "check my PIN" action); a signature needs PIN2 again anyway."""
        with self._lock, self._conn.transaction():
            self.profile.verify_pin(self._conn, which, pin)

    def change_pin(self, which: PinKind, old: str, new: str) -> None:
        with self._lock, self._conn.transaction():
            self.profile.change_pin(self._conn, which, old, new)

    def unblock_pin(self, which: PinKind, puk: str, new: str) -> None:
        with self._lock, self._conn.transaction():
            self.profile.unblock_pin(self._conn, which, puk, new)

    def close(self) -> None:
        self._conn.close()
        self._ctx.close()

    def __enter__(self) -> CardSigner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_signer(
    reader: str | None = None,
    revocation: RevocationChecker | None = None,
    clock: Clock = _now,
) -> CardSigner:
    """A `DigestSigner` for the card in `reader` (default: the first reader with a supported
    card). Raises KeyHolderError: NO_PCSC_SERVICE, NO_READER, NO_CARD, UNKNOWN_CARD, …"""
    ctx, conn, profile, card_type = open_card(reader)
    try:
        return CardSigner(ctx, conn, profile, card_type, revocation, clock)
    except BaseException:
        conn.close()
        ctx.close()
        raise

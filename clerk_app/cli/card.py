"""ID-card commands: `clerk card list` and `clerk card info` (the signing pre-flight).

Neither asks for a PIN or spends a try. Errors print a plain-English sentence with the error
code (and the tries left where a PIN is concerned) and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clerk_app.bootstrap import Workstation
from clerk_app.core.keys import KeyErrorCode, KeyHolderError

MESSAGES: dict[KeyErrorCode, str] = {
    KeyErrorCode.NO_PCSC_SERVICE: (
        "the smart-card service is not running (start pcscd, or the Windows Smart Card service)"
    ),
    KeyErrorCode.NO_READER: "no card reader is connected",
    KeyErrorCode.NO_CARD: "there is no card in the reader",
    KeyErrorCode.UNKNOWN_CARD: (
        "this card is not a supported ID card (EstEID 2018, 2018 v2, 2025, Latvian eID)"
    ),
    KeyErrorCode.CARD_REMOVED: "the card was removed or reset during the operation",
    KeyErrorCode.WRONG_PIN: "wrong PIN",
    KeyErrorCode.PIN_BLOCKED: "the PIN is blocked; unblock it with the PUK",
    KeyErrorCode.PIN_NOT_ACTIVATED: "PIN2 is still the initial one; change it before signing",
    KeyErrorCode.PIN_FORMAT: "the PIN has the wrong length or characters (no try was spent)",
    KeyErrorCode.CERTIFICATE_EXPIRED: "the signing certificate is not valid now (expired)",
    KeyErrorCode.CERTIFICATE_REVOKED: "the signing certificate is revoked",
    KeyErrorCode.TOKEN_ERROR: "the token reported an error",
    KeyErrorCode.CARD_ERROR: "the card answered with an error",
}


def describe(exc: KeyHolderError) -> str:
    text = MESSAGES.get(exc.code, str(exc.code))
    if exc.tries_left is not None and exc.code in (
        KeyErrorCode.WRONG_PIN,
        KeyErrorCode.PIN_BLOCKED,
    ):
        text += f"; {exc.tries_left} {'try' if exc.tries_left == 1 else 'tries'} left"
    text += f" [{exc.code}]"
    if exc.detail:
        text += f" ({exc.detail})"
    return text


def _fail(exc: KeyHolderError, as_json: bool) -> int:
    if as_json:
        out = {"error": str(exc.code), "message": describe(exc), "tries_left": exc.tries_left}
        print(json.dumps(out, ensure_ascii=False))
    print(f"error: {describe(exc)}", file=sys.stderr)
    return 1


def cmd_list(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.card import list_cards

    try:
        cards = list_cards()
    except KeyHolderError as exc:
        return _fail(exc, args.json)
    if args.json:
        print(json.dumps([c.__dict__ for c in cards], ensure_ascii=False, indent=2))
        return 0
    width = max(len(c.reader) for c in cards)
    for c in cards:
        if not c.card_present:
            what = "(no card)"
        elif c.card_type is None:
            what = f"unsupported card, ATR {c.atr}"
        else:
            what = c.card_type
        print(f"{c.reader:<{width}}  {what}")
    return 0


def _tries(name: str, status: object) -> str:
    from clerk_app.card import PinStatus

    assert isinstance(status, PinStatus)
    most = f" of {status.max_tries}" if status.max_tries else ""
    text = f"{status.tries_left}{most} tries left"
    if status.blocked:
        text = "BLOCKED (0 tries left) [pin-blocked]"
    elif not status.activated:
        text += " — initial PIN, change it first [pin-not-activated]"
    return f"{name + ' tries:':<22}{text}"


def _revocation(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    if not args.crl:
        return None
    from cryptography import x509

    from clerk_app.card.revocation import CrlChecker

    issuer = None
    if args.issuer:
        raw = Path(args.issuer).read_bytes()
        issuer = (
            x509.load_pem_x509_certificate(raw)
            if raw.lstrip().startswith(b"-----")
            else x509.load_der_x509_certificate(raw)
        )
    return CrlChecker(Path(args.crl).read_bytes(), issuer)


def cmd_info(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.card import read_card_info

    try:
        revocation = _revocation(args)
    except (OSError, ValueError) as exc:
        print(f"error: cannot use the CRL: {exc}", file=sys.stderr)
        return 1
    try:
        info = read_card_info(args.reader, revocation)
    except KeyHolderError as exc:
        return _fail(exc, args.json)
    if args.json:
        print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
        return 0
    sc, ac = info.signing_certificate, info.authentication_certificate

    def cert_line(c) -> str:  # type: ignore[no-untyped-def]
        state = c.status + ("" if c.revocation_checked else ", revocation not checked")
        return (
            f"{c.not_before:%Y-%m-%d} – {c.not_after:%Y-%m-%d}, {c.days_left} days left ({state}); "
            f"issuer {c.issuer}"
        )

    lines = [
        ("Reader:", info.reader),
        ("Card:", f"{info.card_type} (ATR {info.atr})"),
        ("Holder:", info.holder_name),
        ("Personal code:", f"{info.personal_code} ({info.country})"),
        ("Document number:", info.document_number),
        ("Key:", "EC P-384" if info.key_algorithm == "ec" else "RSA"),
        ("Signing certificate:", cert_line(sc)),
        ("Auth certificate:", cert_line(ac)),
    ]
    for label, value in lines:
        print(f"{label:<22}{value}")
    for kind, name in (("pin1", "PIN1"), ("pin2", "PIN2"), ("puk", "PUK")):
        print(_tries(name, info.pins[kind]))
    if info.ready_to_sign:
        print(f"{'Ready to sign:':<22}yes")
    else:
        reasons = "; ".join(f"{MESSAGES[p]} [{p}]" for p in info.problems)
        print(f"{'Ready to sign:':<22}no — {reasons}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    card = sub.add_parser("card", help="ID cards in the readers (no PIN asked)")
    card_sub = card.add_subparsers(dest="card_command", required=True)

    p = card_sub.add_parser("list", help="readers and the card type in each")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = card_sub.add_parser(
        "info", help="signing pre-flight: holder, certificates, days left, PIN tries left"
    )
    p.add_argument("--reader", help="reader name (default: the first with a supported card)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--crl", help="a CRL file (DER or PEM) to check the certificates against")
    p.add_argument("--issuer", help="issuer certificate to check the CRL's signature with")
    p.set_defaults(func=cmd_info)

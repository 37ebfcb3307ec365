"""Signing commands: sign, verify, and the signing queue / endpoints / trust administration.

    clerk sign IN.pdf -o OUT.pdf [--reader NAME | --key KEY.pem --cert CERT.pem]
               [--pin-stdin] [--level B-B|B-T|B-LT|B-LTA] [--lang et,ru]
    clerk sign A.pdf B.pdf --out-dir DIR …        (a batch: one PIN entry per document)
    clerk verify FILE [--trust CA.pem] [--online] [--strict] [--json]
    clerk signing queue | add | run | upgrade | cancel | preflight | endpoints | trust …

Exit codes: 0 done (signed, parked for upgrade, or valid), 1 refused / not signed / not valid,
2 usage. Error codes come from the core; the sentences are here.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clerk_app.bootstrap import Workstation
from clerk_app.core.keys import DigestSigner, KeyErrorCode, KeyHolderError
from clerk_app.core.signing import (
    BatchItem,
    JobState,
    ProbeStatus,
    SignatureJob,
    SignatureLevel,
    SignErrorCode,
    SigningFailure,
    SigningPlan,
)

LEVELS = [lvl.value for lvl in SignatureLevel]

MESSAGES: dict[str, str] = {
    # key holder (card)
    KeyErrorCode.NO_PCSC_SERVICE: "the smart-card service (pcscd) is not running",
    KeyErrorCode.NO_READER: "no card reader is connected",
    KeyErrorCode.NO_CARD: "there is no ID card in the reader",
    KeyErrorCode.UNKNOWN_CARD: "the card in the reader is not a supported ID card",
    KeyErrorCode.CARD_REMOVED: "the card was removed during signing",
    KeyErrorCode.WRONG_PIN: "wrong PIN2",
    KeyErrorCode.PIN_BLOCKED: "PIN2 is blocked: unblock it with the PUK first",
    KeyErrorCode.PIN_NOT_ACTIVATED: "PIN2 is still the initial PIN: change it first",
    KeyErrorCode.PIN_FORMAT: "PIN2 must be 5 to 12 digits (no try was spent)",
    KeyErrorCode.TOKEN_ERROR: "the key could not be used",
    KeyErrorCode.CARD_ERROR: "the card reported an error",
    # signing
    SignErrorCode.SOURCE_MISSING: "the document is missing",
    SignErrorCode.SOURCE_CHANGED: "the document changed after it was queued; queue it again",
    SignErrorCode.NOT_A_PDF: "not a PDF file",
    SignErrorCode.ENCRYPTED_PDF: "the PDF is encrypted",
    SignErrorCode.OUTPUT_EXISTS: "the output file exists (use --replace)",
    SignErrorCode.OUTPUT_NOT_WRITABLE: "the output file cannot be written",
    SignErrorCode.TSA_NOT_CONFIGURED: "no time-stamp service is configured",
    SignErrorCode.TSA_UNREACHABLE: "the time-stamp service cannot be reached",
    SignErrorCode.TSA_BAD_RESPONSE: "the time-stamp service gave an unusable answer",
    SignErrorCode.OCSP_UNREACHABLE: "the certificate status service (OCSP) cannot be reached",
    SignErrorCode.REVOCATION_UNAVAILABLE: "no certificate status (OCSP/CRL) could be obtained",
    SignErrorCode.CERTIFICATE_EXPIRED: "the signing certificate has expired",
    SignErrorCode.CERTIFICATE_NOT_YET_VALID: "the signing certificate is not valid yet",
    SignErrorCode.CERTIFICATE_REVOKED: "the signing certificate is revoked",
    SignErrorCode.CERTIFICATE_UNTRUSTED: "the signing certificate does not chain to a trusted CA",
    SignErrorCode.CERTIFICATE_UNUSABLE: "the certificate is not a signing certificate",
    SignErrorCode.SIGNATURE_NOT_FOUND: "the signed file holds no signature",
    SignErrorCode.SIGNING_FAILED: "signing failed",
    SignErrorCode.JOB_NOT_FOUND: "no such job in the signing queue",
    SignErrorCode.JOB_STATE: "the job is not waiting to be signed",
}

VERDICT_WORDS = {"valid": "VALID", "invalid": "INVALID", "indeterminate": "INDETERMINATE"}
REASON_WORDS = {
    "no-signature": "the file carries no signature",
    "malformed": "the file or a signature in it cannot be read",
    "unsupported-format": "a signature format this checker does not support",
    "digest-mismatch": "the signed content was changed after signing",
    "signature-invalid": "the signature value does not match",
    "partial-coverage": "the signature does not cover the whole document",
    "modified-after-signing": "the document was modified after signing (pages or content)",
    "annotations-after-signing": "comments or markup were added after signing",
    "certificate-revoked": "the signer's certificate was revoked before the signing time",
    "certificate-expired": "the signer's certificate had expired",
    "certificate-not-yet-valid": "the signer's certificate was not yet valid",
    "chain-untrusted": "the certificate does not chain to a trusted CA",
    "chain-invalid": "the certificate chain is not valid for signing",
    "revocation-unknown": "the certificate status could not be checked",
    "timestamp-invalid": "the time-stamp is broken",
    "timestamp-untrusted": "the time-stamp authority is not trusted",
}
NOTE_WORDS = {
    "not-timestamped": "time is the signer's own claim (no time-stamp)",
    "revocation-not-checked": "certificate status not checked (no OCSP/CRL in the file; "
    "try --online)",
    "revocation-from-document": "certificate status from the OCSP/CRL embedded in the file",
    "revocation-online": "certificate status checked online now",
    "ltv-updates": "later long-term-validation updates (allowed)",
    "form-filled-after-signing": "form fields or further signatures added later (allowed)",
    "not-pades": "a plain PDF signature (not PAdES)",
    "certified": "certification signature",
    "validated-at-timestamp": "certificate checked at the time-stamp time",
}


def message(code: str, tries_left: int | None = None) -> str:
    text = MESSAGES.get(code, code)
    if code == KeyErrorCode.WRONG_PIN and tries_left is not None:
        text += f": {tries_left} {'try' if tries_left == 1 else 'tries'} left"
    return f"{text} [{code}]"


def _err(text: str) -> None:
    print(f"error: {text}", file=sys.stderr)


# -- keys and PINs ---------------------------------------------------------------------------------


def _key_usage_error(args: argparse.Namespace) -> bool:
    if bool(args.key) != bool(args.cert):
        _err("--key and --cert go together")
        return True
    return False


def _open_key(args: argparse.Namespace) -> DigestSigner:
    from clerk_app.signing.key_sources import card_key, software_key

    if args.key:
        return software_key(args.key, args.cert)
    return card_key(args.reader)


class PinSource:
    """One PIN per document: a line of stdin (--pin-stdin) or a hidden prompt on the terminal."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def __call__(self, plan: SigningPlan, key: DigestSigner) -> str | None:
        if not getattr(key, "needs_pin", True):
            return ""
        if self.from_stdin:
            line = sys.stdin.readline()
            return line.rstrip("\r\n") if line else None
        tries = f", {plan.tries_left} tries left" if plan.tries_left is not None else ""
        return getpass.getpass(f"PIN2 for {plan.signer_name}{tries}: ")


def _plan_line(plan: SigningPlan) -> str:
    park = ""
    if plan.parks and plan.preflight is not None:
        why = (
            SignErrorCode.TSA_UNREACHABLE
            if not plan.preflight.tsa.ok
            else SignErrorCode.OCSP_UNREACHABLE
        )
        park = f"; {MESSAGES[why]}: signing {plan.level} now, upgrade later"
    tries = f", PIN2 tries left: {plan.tries_left}" if plan.tries_left is not None else ""
    return (
        f"{Path(plan.job.source_path).name}: {plan.signer_name} signs at {plan.level}{park}{tries}"
    )


# -- clerk sign ------------------------------------------------------------------------------------


def _outputs(args: argparse.Namespace) -> list[tuple[Path, Path]] | None:
    inputs: list[Path] = args.inputs
    if args.output and len(inputs) != 1:
        _err("-o/--output takes one input; use --out-dir for several")
        return None
    if args.output:
        return [(inputs[0], args.output)]
    if not args.out_dir:
        _err("say where the signed file goes: -o OUT.pdf or --out-dir DIR")
        return None
    args.out_dir.mkdir(parents=True, exist_ok=True)
    return [(p, args.out_dir / f"{p.stem}.signed.pdf") for p in inputs]


def _languages(text: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (text or "et").split(",") if x.strip())


def _run_batch(
    service: Any, uids: list[str], key: DigestSigner, args: argparse.Namespace
) -> list[BatchItem]:
    pins = PinSource(args.pin_stdin)
    strict = getattr(args, "strict_level", False)
    refused: dict[str, str] = {}

    def pin_for(plan: SigningPlan) -> str | None:
        print(_plan_line(plan), file=sys.stderr)
        if strict and plan.parks:
            refused[plan.job.uid] = (
                SignErrorCode.TSA_UNREACHABLE
                if plan.preflight and not plan.preflight.tsa.ok
                else SignErrorCode.OCSP_UNREACHABLE
            )
            return None
        return pins(plan, key)

    results = service.sign_batch(uids, key, pin_for)
    return [
        BatchItem(r.uid, r.source_path, r.state, r.level, refused[r.uid], r.tries_left)
        if r.uid in refused
        else r
        for r in results
    ]


def _report_batch(service: Any, results: list[BatchItem], as_json: bool) -> int:
    ok = True
    rows = []
    for r in results:
        job: SignatureJob = service.job(r.uid)
        rows.append(
            {
                "uid": r.uid,
                "source": r.source_path,
                "output": job.output_path,
                "state": r.state.value,
                "level": r.level.value if r.level else None,
                "wanted_level": job.wanted_level.value,
                "error": r.error_code,
                "tries_left": r.tries_left,
            }
        )
        if r.error_code or r.state == JobState.WAITING:
            ok = False
        if as_json:
            continue
        name = Path(r.source_path).name
        if r.error_code:
            print(f"{name}: NOT signed: {message(r.error_code, r.tries_left)}", file=sys.stderr)
        elif r.state == JobState.DONE:
            print(f"{name}: signed {r.level} → {job.output_path}")
        elif r.state == JobState.PARKED:
            print(
                f"{name}: signed {r.level} → {job.output_path} "
                f"(parked: run `clerk signing upgrade` when online to reach {job.wanted_level})"
            )
        else:
            print(f"{name}: not signed (skipped), still waiting in the queue", file=sys.stderr)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0 if ok else 1


def _stamp_options(args: argparse.Namespace) -> dict[str, Any] | None:
    if args.stamp_box is None:
        if args.stamp_page is not None:
            _err("--stamp-page needs --stamp-box")
            return None
        return {}
    try:
        x1, y1, x2, y2 = (float(v) for v in args.stamp_box.split(","))
    except ValueError:
        _err("--stamp-box is x1,y1,x2,y2 in points, e.g. 57,40,400,115")
        return None
    if x2 <= x1 or y2 <= y1:
        _err("--stamp-box: x2 > x1 and y2 > y1")
        return None
    return {"stamp_page": args.stamp_page or 0, "stamp_box": (x1, y1, x2, y2)}


def _certificate_job(ctx: Workstation, args: argparse.Namespace) -> dict[str, Any] | None:
    """Export a final certificate from the store for signing: its PDF, languages, uid and the
    place its layout left for the stamp."""
    from clerk_app.core.certificates.types import CertificateStatus
    from clerk_app.core.services.certificates import CertificateRefused

    service = ctx.certificates()
    ref = args.certificate
    try:
        view = service.get(ref)
    except CertificateRefused:  # not a uid: try it as a registry number (latest version)
        found = service.find(ref)
        view = max(found, key=lambda v: v.version) if found else None
    if view is None:
        _err(f"{ref}: no such certificate")
        return None
    if view.status != CertificateStatus.FINAL:
        _err(f"{ref}: a draft is not signed; finalise it first")
        return None
    name = f"{view.registry_number or view.uid}-v{view.version}"
    folder = ctx.home.root / "signing" / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.pdf"
    source.write_bytes(view.pdf)
    box = view.signature_box
    return {
        "source": source,
        "output": args.output or folder / f"{name}.signed.pdf",
        "document_uid": view.uid,
        "languages": tuple(view.languages),
        "stamp_page": box.page,
        "stamp_box": (box.x1, box.y1, box.x2, box.y2),
    }


def cmd_sign(ctx: Workstation, args: argparse.Namespace) -> int:
    if _key_usage_error(args):
        return 2
    stamp = _stamp_options(args)
    if stamp is None:
        return 2
    if args.certificate:
        if args.inputs:
            _err("give either files or --certificate, not both")
            return 2
        item = _certificate_job(ctx, args)
        if item is None:
            return 1
        items = [item]
    else:
        if not args.inputs:
            _err("nothing to sign: give IN.pdf or --certificate UID")
            return 2
        pairs = _outputs(args)
        if pairs is None:
            return 2
        langs = _languages(args.lang)
        items = [{"source": s, "output": o, "languages": langs, **stamp} for s, o in pairs]
    service = ctx.signing_service()
    level = SignatureLevel.parse(args.level) if args.level else service_default_level(ctx)
    uids = []
    for item in items:
        source, output = item.pop("source"), item.pop("output")
        try:
            job = service.enqueue(source, output, level=level, replace_output=args.replace, **item)
        except SigningFailure as exc:
            _err(f"{source}: {message(exc.code)}")
            return 1
        uids.append(job.uid)
    try:
        key = _open_key(args)
    except KeyHolderError as exc:
        # the documents are queued and untouched: `clerk signing run` signs them later
        _err(f"{message(exc.code, exc.tries_left)}; {len(uids)} document(s) wait in the queue")
        return 1
    try:
        results = _run_batch(service, uids, key, args)
    finally:
        _close(key)
    return _report_batch(service, results, args.json)


def _close(key: DigestSigner) -> None:
    close = getattr(key, "close", None)
    if callable(close):
        close()


def service_default_level(ctx: Workstation) -> SignatureLevel:
    from clerk_app.signing.trust import load_endpoints

    return load_endpoints(ctx.home.root).level


# -- clerk verify ----------------------------------------------------------------------------------


def _print_report(report: Any) -> None:
    print(f"{report.file}: {VERDICT_WORDS[report.verdict]}")
    for reason in report.reasons:
        print(f"  ! {REASON_WORDS.get(reason, reason)} [{reason}]")
    for s in report.signatures:
        if s.kind == "document-timestamp":
            when = f", {s.timestamp_time:%Y-%m-%d %H:%M:%S %z}" if s.timestamp_time else ""
            print(f"  document time-stamp {s.field_name}: {VERDICT_WORDS[s.verdict]}{when}")
            for reason in s.reasons:
                print(f"    ! {REASON_WORDS.get(reason, reason)} [{reason}]")
            continue
        who = s.signer_name or s.signer_subject or "?"
        code = f" ({s.personal_code})" if s.personal_code else ""
        print(f"  signature {s.field_name}: {VERDICT_WORDS[s.verdict]} — {who}{code}")
        if s.signing_time:
            print(f"    signed (claimed): {s.signing_time:%Y-%m-%d %H:%M:%S %z}")
        if s.timestamp_time:
            print(f"    time-stamp:       {s.timestamp_time:%Y-%m-%d %H:%M:%S %z}")
        print(
            f"    level: {s.level or 'none (' + str(s.subfilter) + ')'}; "
            f"certificate status: {s.revocation}; modifications: {s.modification_level}; "
            f"coverage: {s.coverage}"
        )
        for c in s.chain:
            print(f"    chain: {c.subject} (until {c.not_after:%Y-%m-%d})")
        for reason in s.reasons:
            print(f"    ! {REASON_WORDS.get(reason, reason)} [{reason}]")
        for note in s.notes:
            print(f"    - {NOTE_WORDS.get(note, note)}")


def cmd_verify(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.signing.trust import TrustStore, read_certificates
    from clerk_app.signing.verify import VerifyOptions, verify_file

    store = TrustStore(ctx.home.root)
    roots = list(store.roots())
    for path in args.trust or []:
        try:
            roots.extend(c.dump() for c in read_certificates(Path(path).read_bytes()))
        except (OSError, ValueError) as exc:
            _err(f"{path}: not a readable certificate file ({exc})")
            return 2
    if not Path(args.file).is_file():
        _err(f"{args.file}: no such file")
        return 1
    options = VerifyOptions(
        trust_roots=tuple(roots),
        extra_certs=tuple(store.intermediates()),
        online=args.online,
        strict_revocation=args.strict,
    )
    report = verify_file(str(args.file), options)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    return 0 if report.verdict == "valid" else 1


# -- clerk signing … -------------------------------------------------------------------------------


def _job_json(job: SignatureJob) -> dict[str, Any]:
    out = asdict(job)
    for k, v in list(out.items()):
        if isinstance(v, datetime):
            out[k] = v.isoformat()
        elif isinstance(v, tuple):
            out[k] = list(v)
    return out


def cmd_queue(ctx: Workstation, args: argparse.Namespace) -> int:
    service = ctx.signing_service()
    states = [] if args.all else [JobState.WAITING, JobState.PARKED, JobState.FAILED]
    jobs = service.jobs(states)
    if args.json:
        print(json.dumps([_job_json(j) for j in jobs], ensure_ascii=False, indent=2))
        return 0
    if not jobs:
        print("the signing queue is empty")
    for j in jobs:
        level = f"{j.reached_level or '-'}→{j.wanted_level}"
        err = (
            f"  last error: {message(j.last_error_code, j.tries_left)}" if j.last_error_code else ""
        )
        print(f"{j.uid}  {j.state:<9} {level:<11} {j.source_path} → {j.output_path}{err}")
    return 0


def cmd_add(ctx: Workstation, args: argparse.Namespace) -> int:
    service = ctx.signing_service()
    level = SignatureLevel.parse(args.level) if args.level else service_default_level(ctx)
    try:
        job = service.enqueue(
            args.input,
            args.output,
            level=level,
            languages=_languages(args.lang),
            document_uid=args.document,
            replace_output=args.replace,
        )
    except SigningFailure as exc:
        _err(f"{args.input}: {message(exc.code)}")
        return 1
    print(job.uid)
    return 0


def cmd_run(ctx: Workstation, args: argparse.Namespace) -> int:
    if _key_usage_error(args):
        return 2
    service = ctx.signing_service()
    uids = args.uids or [j.uid for j in service.jobs([JobState.WAITING])]
    if not uids:
        print("nothing is waiting to be signed")
        return 0
    try:
        key = _open_key(args)
    except KeyHolderError as exc:
        _err(message(exc.code, exc.tries_left))
        return 1
    try:
        results = _run_batch(service, uids, key, args)
    except SigningFailure as exc:
        _err(message(exc.code))
        return 1
    finally:
        _close(key)
    return _report_batch(service, results, args.json)


def cmd_upgrade(ctx: Workstation, args: argparse.Namespace) -> int:
    service = ctx.signing_service()
    results = service.upgrade_parked()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "uid": r.uid,
                        "output": r.source_path,
                        "state": r.state.value,
                        "level": r.level.value if r.level else None,
                        "error": r.error_code,
                    }
                    for r in results
                ],
                indent=2,
            )
        )
    elif not results:
        print("no parked signatures")
    for r in [] if args.json else results:
        if r.error_code:
            print(f"{r.source_path}: still {r.level} ({r.state}): {message(r.error_code)}")
        else:
            print(f"{r.source_path}: now {r.level} ({r.state})")
    failed = [r for r in results if r.state == JobState.FAILED]
    return 1 if failed else 0


def cmd_cancel(ctx: Workstation, args: argparse.Namespace) -> int:
    try:
        ctx.signing_service().cancel(args.uid)
    except SigningFailure as exc:
        _err(message(exc.code))
        return 1
    return 0


def cmd_preflight(ctx: Workstation, args: argparse.Namespace) -> int:
    if _key_usage_error(args):
        return 2
    from clerk_app.signing.queue import PadesQueueEngine

    engine = PadesQueueEngine(ctx.home.root)
    cert = None
    signer = None
    if args.key or args.cert or args.reader:
        try:
            key = _open_key(args)
            try:
                signer = engine.inspect_key(key)
            finally:
                _close(key)
            cert = signer.certificate
        except (KeyHolderError, SigningFailure) as exc:
            _err(message(exc.code, getattr(exc, "tries_left", None)))
            return 1
    pre = engine.preflight(cert, engine.endpoints.level)
    level = pre.reachable_level(engine.endpoints.level)
    if args.json:
        print(
            json.dumps(
                {
                    "tsa": {**asdict(pre.tsa)},
                    "ocsp": {**asdict(pre.ocsp)},
                    "signer": signer.name if signer else None,
                    "default_level": engine.endpoints.level.value,
                    "reachable_level": level.value,
                },
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
    else:
        for p in (pre.tsa, pre.ocsp):
            ms = f" in {p.millis:.0f} ms" if p.millis is not None else ""
            extra = f", certificate {p.cert_status}" if p.cert_status else ""
            detail = f" ({p.detail})" if p.detail else ""
            print(f"{p.endpoint.upper():5} {p.url or '-'}: {p.status}{ms}{extra}{detail}")
        if signer:
            print(f"signer: {signer.name}, certificate valid until {signer.not_after:%Y-%m-%d}")
        print(f"signing now would reach {level} (wanted {engine.endpoints.level})")
    return 0 if pre.tsa.status in (ProbeStatus.OK, ProbeStatus.SKIPPED) else 1


def cmd_endpoints(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.signing.trust import load_endpoints, save_endpoints

    root = ctx.home.root
    endpoints = load_endpoints(root)
    changed = False
    if args.tsa is not None:
        endpoints.tsa_url = args.tsa or None
        changed = True
    if args.ocsp is not None:
        endpoints.ocsp_url = args.ocsp or None
        changed = True
    if args.level is not None:
        endpoints.default_level = SignatureLevel.parse(args.level).value
        changed = True
    if args.timeout is not None:
        endpoints.timeout_seconds = args.timeout
        changed = True
    if changed:
        endpoints.updated_at = datetime.now(UTC).isoformat()
        endpoints.updated_by = ctx.actor
        save_endpoints(root, endpoints)
    if args.json:
        out = asdict(endpoints)
        out["age_days"] = endpoints.age_days()
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    age = endpoints.age_days()
    age_text = (
        f"set {age:.0f} days ago by {endpoints.updated_by}" if age is not None else "never set"
    )
    print(f"endpoints ({age_text}):")
    print(f"  TSA:   {endpoints.tsa_url or '- (signatures stay B-B)'}")
    print(f"  OCSP:  {endpoints.ocsp_url or 'from the signer certificate (AIA)'}")
    print(f"  level: {endpoints.default_level}; timeout {endpoints.timeout_seconds:g} s")
    for name, check in sorted(endpoints.last_checks.items()):
        print(f"  last {name} check: {check.status} at {check.at}")
    return 0


def cmd_trust(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.signing.trust import TrustStore

    store = TrustStore(ctx.home.root)
    if args.trust_cmd == "add":
        try:
            kind = "intermediate" if args.intermediate else None
            added = store.add(Path(args.file).read_bytes(), kind=kind)
        except (OSError, ValueError) as exc:
            _err(f"{args.file}: {exc}")
            return 1
        for e in added:
            print(f"added {e.kind}: {e.subject} ({e.sha256[:16]})")
        return 0
    if args.trust_cmd == "remove":
        n = store.remove(args.sha256)
        print(f"removed {n} certificate(s)")
        return 0 if n else 1
    entries = store.entries()
    if not entries:
        print("no trusted certificates (add the CA roots with `clerk signing trust add FILE`)")
    for e in entries:
        print(f"{e.kind:<12} {e.sha256[:16]}  {e.subject}  (until {e.not_after:%Y-%m-%d})")
    return 0


# -- argparse --------------------------------------------------------------------------------------


def _key_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reader", help="card reader name (default: the only reader with a card)")
    p.add_argument("--key", type=Path, help="private key PEM instead of a card (admin/test)")
    p.add_argument("--cert", type=Path, help="certificate of --key (PEM or DER)")
    p.add_argument("--pin-stdin", action="store_true", help="read one PIN line per document")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sign = sub.add_parser("sign", help="sign PDFs (PAdES) with the ID card or a key file")
    sign.add_argument("inputs", type=Path, nargs="*", metavar="IN.pdf")
    sign.add_argument(
        "--certificate",
        metavar="UID|NUMBER",
        help="sign a final certificate from the store (its stamp place and languages)",
    )
    sign.add_argument("-o", "--output", type=Path, help="signed file (one input)")
    sign.add_argument("--out-dir", type=Path, help="folder for the signed files (IN.signed.pdf)")
    sign.add_argument("--level", choices=LEVELS, help="PAdES level (default from endpoints)")
    sign.add_argument("--lang", help="languages of the stamp, e.g. et,ru (default et)")
    sign.add_argument(
        "--strict-level",
        action="store_true",
        help="do not sign below --level when offline (default: sign B-B and park)",
    )
    sign.add_argument("--replace", action="store_true", help="overwrite an existing output")
    sign.add_argument("--stamp-page", type=int, help="page of the stamp (0 = first, -1 = last)")
    sign.add_argument("--stamp-box", metavar="X1,Y1,X2,Y2", help="stamp rectangle in points")
    sign.add_argument("--json", action="store_true")
    _key_options(sign)
    sign.set_defaults(func=cmd_sign)

    ver = sub.add_parser("verify", help="check the signatures of a PDF")
    ver.add_argument("file", type=Path)
    ver.add_argument(
        "--trust",
        action="append",
        metavar="CA.pem",
        help="also trust this CA (repeatable); the trust store is always used",
    )
    ver.add_argument("--online", action="store_true", help="fetch OCSP/CRL now")
    ver.add_argument(
        "--strict",
        action="store_true",
        help="unknown certificate status makes the result indeterminate",
    )
    ver.add_argument("--json", action="store_true")
    ver.set_defaults(func=cmd_verify)

    grp = sub.add_parser("signing", help="signing queue, endpoints and trust")
    gsub = grp.add_subparsers(dest="signing_cmd", required=True)

    q = gsub.add_parser("queue", help="documents waiting, parked at a lower level, or failed")
    q.add_argument("--all", action="store_true", help="also done and cancelled jobs")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_queue)

    add = gsub.add_parser("add", help="queue a PDF for signing")
    add.add_argument("input", type=Path)
    add.add_argument("-o", "--output", type=Path, required=True)
    add.add_argument("--level", choices=LEVELS)
    add.add_argument("--lang")
    add.add_argument("--document", help="uid of the certificate/document this PDF is")
    add.add_argument("--replace", action="store_true")
    add.set_defaults(func=cmd_add)

    run = gsub.add_parser("run", help="sign waiting jobs (one PIN entry per document)")
    run.add_argument("uids", nargs="*")
    run.add_argument("--strict-level", action="store_true")
    run.add_argument("--json", action="store_true")
    _key_options(run)
    run.set_defaults(func=cmd_run)

    up = gsub.add_parser("upgrade", help="raise parked B-B/B-T signatures now that we are online")
    up.add_argument("--json", action="store_true")
    up.set_defaults(func=cmd_upgrade)

    cancel = gsub.add_parser("cancel", help="take a waiting job out of the queue")
    cancel.add_argument("uid")
    cancel.set_defaults(func=cmd_cancel)

    pre = gsub.add_parser("preflight", help="check the TSA and OCSP before signing")
    pre.add_argument("--json", action="store_true")
    _key_options(pre)
    pre.set_defaults(func=cmd_preflight)

    ep = gsub.add_parser("endpoints", help="show or set the TSA/OCSP endpoints")
    ep.add_argument("--tsa", help="time-stamp URL ('' to remove)")
    ep.add_argument("--ocsp", help="OCSP URL overriding the certificate's ('' to remove)")
    ep.add_argument("--level", choices=LEVELS, help="default signature level")
    ep.add_argument("--timeout", type=float, help="network timeout in seconds")
    ep.add_argument("--json", action="store_true")
    ep.set_defaults(func=cmd_endpoints)

    tr = gsub.add_parser("trust", help="trusted CA certificates")
    tsub = tr.add_subparsers(dest="trust_cmd", required=True)
    tadd = tsub.add_parser("add", help="add CA certificates (PEM bundle or DER)")
    tadd.add_argument("file", type=Path)
    tadd.add_argument("--intermediate", action="store_true", help="an issuing CA, not a root")
    tadd.set_defaults(func=cmd_trust)
    tlist = tsub.add_parser("list")
    tlist.set_defaults(func=cmd_trust)
    trm = tsub.add_parser("remove")
    trm.add_argument("sha256", help="SHA-256 fingerprint (prefix) from `trust list`")
    trm.set_defaults(func=cmd_trust)

"""Signing benchmark (issue 5 bar: signing time without card and PIN ≤ 300 ms per certificate).

Signs a one-page PDF/A-2b certificate again and again at each PAdES level with the local test
TSA/OCSP (real HTTP servers on 127.0.0.1, in a child process so their work does not share our
interpreter, as a remote TSA would not) and reports, per level, the time spent outside the key
holder — total `sign_pdf` time minus the time inside `DigestSigner.sign_digest` — as
p50/p95/max, plus the key time, the file size, an upgrade of a parked B-B signature and a
verification. With `--card` the key is a virtual EstEID card behind a private pcscd (needs the
card part: clerk_testkit.vcard); the default is a software P-384 key.

    python bench/signing_bench.py                 # 30 signatures per level
    python bench/signing_bench.py --n 100 --levels B-B B-T
    python bench/signing_bench.py --card esteid2018
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk_app.core.signing import SignatureLevel  # noqa: E402
from clerk_app.signing.pades import PadesSettings, sign_pdf, upgrade_pdf  # noqa: E402
from clerk_app.signing.software_key import SoftwareKeySigner  # noqa: E402
from clerk_app.signing.verify import VerifyOptions, verify_pdf  # noqa: E402
from clerk_testkit.pdfa import make_pdfa  # noqa: E402


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def ms(x: float) -> str:
    return f"{x * 1000:7.1f}"


class Services:
    """The test PKI's TSA/OCSP/CRL served by `python -m clerk_testkit.pki_services DIR`."""

    def __init__(self, folder: Path) -> None:
        import json
        import subprocess

        self.folder = folder
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "clerk_testkit.pki_services", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() != "ready":
            raise SystemExit("the PKI services did not start")
        urls = json.loads((folder / "urls.json").read_text())
        self.tsa_url, self.ocsp_url = urls["tsa"], urls["ocsp"]
        self.root = (folder / "root.der").read_bytes()
        self.intermediate = (folder / "intermediate.der").read_bytes()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def software_key(services: Services):  # type: ignore[no-untyped-def]
    key = SoftwareKeySigner(
        (services.folder / "signer-key.pem").read_bytes(),
        (services.folder / "signer.pem").read_bytes(),
    )
    return key, (services.root,), (services.intermediate,)


def card_key(kind: str, services: Services, tmp: Path):  # type: ignore[no-untyped-def]
    """A virtual card of `kind` behind a private pcscd (the card part's test kit), with
    certificates from the services' PKI (so B-LT finds its OCSP responder)."""
    import json
    import os

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from clerk_app.card import open_signer
    from clerk_testkit.pki import Issued, TestPki
    from clerk_testkit.vcard import READERS, VpcdLink, make_card, start, wait_for_card

    def issued(name: str) -> Issued:
        cert = x509.load_pem_x509_certificate((services.folder / f"{name}.pem").read_bytes())
        key = serialization.load_pem_private_key(
            (services.folder / f"{name}-key.pem").read_bytes(), None
        )
        return Issued(cert, key)  # type: ignore[arg-type]

    urls = json.loads((services.folder / "urls.json").read_text())
    pki = TestPki(
        issued("root"),
        issued("intermediate"),
        ocsp_url=urls["ocsp"],
        crl_url=urls["crl"],
        ca_issuers_url=urls["ca_issuers"],
    )
    daemon = start(tmp / "pcscd")
    os.environ.update(daemon.env())
    os.environ["CLERK_ALLOW_VIRTUAL_READER"] = "1"
    card = make_card(kind, pki)
    link = VpcdLink(daemon.ports[READERS[0]])
    link.insert(card.card)
    wait_for_card(READERS[0], atr=card.card.atr)
    signer = open_signer(READERS[0])

    def cleanup() -> None:
        signer.close()
        link.remove()
        daemon.stop()

    return signer, (services.root,), (services.intermediate,), card.pin2, cleanup


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=30, help="signatures per level")
    ap.add_argument("--levels", nargs="+", default=["B-B", "B-T", "B-LT", "B-LTA"])
    ap.add_argument("--card", help="sign with a virtual card of this kind (e.g. esteid2018)")
    args = ap.parse_args()

    import subprocess

    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t=time.perf_counter(); "
            "from clerk_app.signing.pades import warm_up; warm_up(); "
            "print(time.perf_counter()-t)",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    warm = float(probe.stdout.strip())
    tmp = Path(tempfile.mkdtemp(prefix="clerk-signing-bench-"))
    services = Services(tmp / "pki")
    try:
        pdf = make_pdfa(tmp / "certificate.pdf").read_bytes()
        if args.card:
            key, roots, inters, pin, cleanup = card_key(args.card, services, tmp)
        else:
            key, roots, inters = software_key(services)
            pin, cleanup = "", None
        if args.card:
            print(
                "(the card does one VERIFY + one signature per document; its time is the "
                "key column)"
            )
        try:
            print(
                f"PDF/A sample: {len(pdf):,} bytes; key: {args.card or 'software P-384'}; "
                f"{args.n} signatures per level; TSA {services.tsa_url}"
            )
            header = "level   wall excl. key: p50    p95     max | CPU p50  p95  | key p50 | size"
            print(header)
            first_cold = None
            for name in args.levels:
                level = SignatureLevel.parse(name)
                settings = PadesSettings(
                    level=level,
                    tsa_url=services.tsa_url,
                    trust_roots=roots,
                    intermediates=inters,
                    languages=("et", "ru"),
                    timeout=5.0,
                )
                outside: list[float] = []
                inside: list[float] = []
                cpu: list[float] = []
                size = 0
                for _ in range(args.n):
                    out = io.BytesIO()
                    c0 = time.process_time()
                    r = sign_pdf(pdf, out, key, pin, settings)
                    cpu.append(time.process_time() - c0)
                    if first_cold is None:
                        first_cold = r.total_seconds - r.card_seconds
                    outside.append(r.total_seconds - r.card_seconds)
                    inside.append(r.card_seconds)
                    size = r.size
                print(
                    f"{name:6}              {ms(statistics.median(outside))} "
                    f"{ms(pct(outside, 0.95))} {ms(max(outside))} | "
                    f"{ms(statistics.median(cpu))}{ms(pct(cpu, 0.95))} | "
                    f"{ms(statistics.median(inside))} | {size:,} B"
                )
            print(
                f"(first signature in a fresh process, font preparation included: "
                f"{ms(first_cold or 0).strip()} ms; import + `pades.warm_up()` in a fresh process: "
                f"{ms(warm).strip()} ms)"
            )

            out = io.BytesIO()
            sign_pdf(
                pdf, out, key, pin, PadesSettings(level=SignatureLevel.B_B, intermediates=inters)
            )
            parked = out.getvalue()
            lt = PadesSettings(
                level=SignatureLevel.B_LT,
                tsa_url=services.tsa_url,
                trust_roots=roots,
                intermediates=inters,
                timeout=5.0,
            )
            times = []
            for _ in range(max(3, args.n // 5)):
                t = time.perf_counter()
                up = io.BytesIO()
                upgrade_pdf(parked, up, SignatureLevel.B_B, SignatureLevel.B_LT, lt)
                times.append(time.perf_counter() - t)
            print(f"upgrade parked B-B → B-LT: p50 {ms(statistics.median(times)).strip()} ms")
            times = []
            for _ in range(max(3, args.n // 5)):
                t = time.perf_counter()
                rep = verify_pdf(up.getvalue(), VerifyOptions(trust_roots=roots))
                times.append(time.perf_counter() - t)
            print(
                f"verify B-LT offline ({rep.verdict}): p50 "
                f"{ms(statistics.median(times)).strip()} ms"
            )
        finally:
            if cleanup:
                cleanup()
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""OpenSC as an independent client of the virtual EstEID 2018 card (reference/id-card.md §8):
if OpenSC identifies it, lists its objects, signs with it and locks its PIN, the emulation
behaves like a real card and our driver is not only talking to itself. Debian 12 ships OpenSC
0.23, which knows only EstEID 2018; the other ATRs are "Unsupported card" there."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from clerk_app.card import read_card_info

MODULE = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run(tmp_path):  # type: ignore[no-untyped-def]
    """Run a tool with a fresh HOME (OpenSC caches per document number under ~/.cache)."""
    home = tmp_path / "home"
    home.mkdir()

    def _run(*args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, HOME=str(home), PYTHONPATH=str(ROOT))
        return subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)

    return _run


def test_opensc_identifies_and_lists_the_card(virtual_card, run) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    out = run("opensc-tool", "-n")
    assert out.returncode == 0 and out.stdout.strip() == "EstEID 2018", out.stdout + out.stderr
    dump = run("pkcs15-tool", "-D")
    assert dump.returncode == 0, dump.stderr
    h = c.issued.holder
    assert f"PKCS#15 Card [{h.surname},{h.given_name},{h.personal_code}]" in dump.stdout
    assert f"Serial number  : {h.document_number}" in dump.stdout
    for text in ("PIN [PIN1]", "PIN [PIN2]", "PIN [PUK]", "Private EC Key [Isikutuvastus]",
                 "Private EC Key [Allkirjastamine]", "Path           : 3f00adf13401",
                 "Path           : 3f00adf2341f", "FieldLength    : 384"):  # fmt: skip
        assert text in dump.stdout, text
    slots = run("pkcs11-tool", "--module", MODULE, "-L")
    assert "(PIN1)" in slots.stdout and "(PIN2)" in slots.stdout
    # the certificates OpenSC reads are the ones the PKI issued
    cert = run("pkcs15-tool", "--read-certificate", "02")
    assert (
        cert.stdout.strip().encode()
        == c.issued.sign_cert.public_bytes(serialization.Encoding.PEM).strip()
    )


def test_opensc_rejects_other_atrs_on_023(virtual_card, run) -> None:  # type: ignore[no-untyped-def]
    virtual_card("esteid2025")
    assert run("opensc-tool", "-n").stdout.strip() == "Unsupported card"


@pytest.mark.parametrize(("slot", "key_id", "which"), [("1", "02", "sign"), ("0", "01", "auth")])
def test_pkcs11_tool_signs_and_openssl_verifies(
    virtual_card, run, tmp_path, slot, key_id, which
) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    doc = tmp_path / "doc.txt"
    doc.write_bytes("Narva linnaarhiiv, fond Р-123\n".encode())
    digest = tmp_path / "doc.sha384"
    digest.write_bytes(hashlib.sha384(doc.read_bytes()).digest())
    sig = tmp_path / "doc.sig"
    pin = c.pin2 if which == "sign" else c.pin1
    out = run("pkcs11-tool", "--module", MODULE, "--slot-index", slot, "--login", "--pin", pin,
              "--sign", "-m", "ECDSA", "--id", key_id, "-i", str(digest), "-o", str(sig),
              "--signature-format", "openssl")  # fmt: skip
    assert out.returncode == 0, out.stderr
    cert = c.issued.sign_cert if which == "sign" else c.issued.auth_cert
    pub = tmp_path / "pub.pem"
    pub.write_bytes(
        cert.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    check = run("openssl", "dgst", "-sha384", "-verify", str(pub), "-signature", str(sig), str(doc))
    assert check.stdout.strip() == "Verified OK", check.stdout + check.stderr
    if which == "sign":
        assert c.card.signatures == 1


@pytest.mark.parametrize(
    ("blocking_sw", "expected"),
    [
        # 63C0 on the blocking try: OpenSC 0.23 says "incorrect" and "locked" only from try 4
        (0x63C0, ["CKR_PIN_INCORRECT"] * 3 + ["CKR_PIN_LOCKED"]),
        # a card answering 6983 right away gives the sequence reference §8 lists
        (0x6983, ["CKR_PIN_INCORRECT"] * 2 + ["CKR_PIN_LOCKED"] * 2),
    ],
)
def test_wrong_pins_lock_and_puk_unblocks(virtual_card, run, blocking_sw, expected) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    c.card.blocking_try_sw = blocking_sw
    results = []
    for _ in range(4):
        out = run("pkcs11-tool", "--module", MODULE, "--slot-index", "0", "--login", "--pin",
                  "0000", "--list-objects")  # fmt: skip
        results.append(next(w for w in ("CKR_PIN_INCORRECT", "CKR_PIN_LOCKED") if w in out.stderr))
    assert results == expected
    assert [line[-4:] for line in c.apdus(0x20)] == ["63C2", "63C1", f"{blocking_sw:04X}", "6983"]
    assert read_card_info().pins["pin1"].tries_left == 0  # our driver sees the same counter
    pins = run("pkcs15-tool", "--list-pins")
    assert "Tries left     : 0" in pins.stdout.split("PIN [PIN2]")[0]
    out = run(
        "pkcs15-tool", "--unblock-pin", "--auth-id", "01", "--puk", c.puk, "--new-pin", "4321"
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert read_card_info().pins["pin1"].tries_left == 3
    ok = run("pkcs11-tool", "--module", MODULE, "--slot-index", "0", "--login", "--pin", "4321",
             "--list-objects")  # fmt: skip
    assert ok.returncode == 0, ok.stderr


PKCS11_SCRIPT = """
import hashlib, json, sys
from clerk_app.card.pkcs11 import Pkcs11Signer
from clerk_app.core.keys import KeyHolderError
signer = Pkcs11Signer(sys.argv[1])
digest = hashlib.sha384(b"via PKCS#11").digest()
out = {"label": signer.token_label, "id": signer.key_id.hex(),
       "cert": signer.signing_certificate().hex(),
       "raw": signer.sign_digest(digest, sys.argv[2]).hex(), "errors": []}
for _ in range(3):
    try:
        signer.sign_digest(digest, "99999")
    except KeyHolderError as exc:
        out["errors"].append([str(exc.code), exc.tries_left])
print(json.dumps(out))
"""


def test_our_pkcs11_signer_through_opensc(virtual_card, run) -> None:  # type: ignore[no-untyped-def]
    """The PKCS#11 path against a card behind OpenSC: CKA_ALWAYS_AUTHENTICATE handled, the
    tries mapped from token flags, the lock reported."""
    c = virtual_card("esteid2018")
    out = run(sys.executable, "-c", PKCS11_SCRIPT, MODULE, c.pin2)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["label"].endswith("(PIN2)") and data["id"] == "02"
    assert bytes.fromhex(data["cert"]) == c.issued.sign_cert.public_bytes(
        serialization.Encoding.DER
    )
    assert len(bytes.fromhex(data["raw"])) == 96 and c.card.signatures == 1
    assert data["errors"] == [["wrong-pin", None], ["wrong-pin", 1], ["pin-blocked", 0]]
    assert c.card.pins[0x85].tries_left == 0

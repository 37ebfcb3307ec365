"""Signing fixtures: a test PKI with its TSA/OCSP/CRL services on 127.0.0.1, PDF/A samples.

The services are real HTTP servers (clerk_testkit.pki_services) started once per session; the
signing identity is issued after they listen, so its AIA OCSP URL points at them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.core.signing import SignatureLevel
from clerk_app.signing.pades import PadesSettings
from clerk_app.signing.software_key import SoftwareKeySigner
from clerk_testkit.pdfa import make_pdfa
from clerk_testkit.pki import Issued, TestPki
from clerk_testkit.pki_services import PkiServices


@pytest.fixture(scope="session")
def pki() -> TestPki:
    return TestPki.create()


@pytest.fixture(scope="session")
def services(pki: TestPki) -> Iterator[PkiServices]:
    with PkiServices(pki) as running:
        yield running


@pytest.fixture(scope="session")
def identity(pki: TestPki, services: PkiServices) -> Issued:
    return pki.signing_identity()


@pytest.fixture
def key(identity: Issued) -> SoftwareKeySigner:
    return SoftwareKeySigner(identity.key_pem(), identity.der)


@pytest.fixture(scope="session")
def pki_files(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return pki.write(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def pdfa_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make_pdfa(tmp_path_factory.mktemp("docs") / "certificate.pdf").read_bytes()


@pytest.fixture
def pdfa_file(tmp_path: Path, pdfa_bytes: bytes) -> Path:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdfa_bytes)
    return path


@pytest.fixture(scope="session")
def nss_db(pki_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    """An NSS database trusting the test root, for poppler's pdfsig."""
    folder = tmp_path_factory.mktemp("nss")
    subprocess.run(["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"], check=True)
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{folder}",
            "-n",
            "clerk-test-root",
            "-t",
            "CT,C,C",
            "-i",
            str(pki_files["root"]),
        ],
        check=True,
    )
    return f"sql:{folder}"


def make_settings(
    pki: TestPki, services: PkiServices, level: SignatureLevel, **kw: object
) -> PadesSettings:
    values: dict[str, object] = {
        "level": level,
        "tsa_url": services.tsa_url,
        "trust_roots": (pki.root.der,),
        "intermediates": (pki.intermediate.der,),
        "languages": ("et", "ru"),
        "timeout": 5.0,
    }
    values.update(kw)
    return PadesSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings_for(pki: TestPki, services: PkiServices):  # type: ignore[no-untyped-def]
    def make(level: SignatureLevel, **kw: object) -> PadesSettings:
        return make_settings(pki, services, level, **kw)

    return make


@pytest.fixture(scope="session")
def card_pki(pki: TestPki, services: PkiServices) -> TestPki:
    """The virtual cards (tests/card_fixtures.py) get their certificates from this PKI, issued
    after the services listen: their AIA OCSP URL reaches the running responder, so a card
    signature can be B-LT."""
    return pki

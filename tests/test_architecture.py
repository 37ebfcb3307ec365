"""The core never imports Qt: checked by import-linter and by importing it with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = [
    "clerk_app.core.records",
    "clerk_app.core.paths",
    "clerk_app.core.settings",
    "clerk_app.core.search_types",
    "clerk_app.core.ports",
    "clerk_app.core.keys",
    "clerk_app.core.signing",
    "clerk_app.core.verification",
    "clerk_app.core.services.signing",
    "clerk_app.signing.pades",
    "clerk_app.signing.verify",
    "clerk_app.signing.trust",
    "clerk_app.signing.queue",
    "clerk_app.signing.key_sources",
    "clerk_app.signing.software_key",
    "clerk_app.core.calendar",
    "clerk_app.core.numbering",
    "clerk_app.core.requests",
    "clerk_app.core.services.requests",
    "clerk_app.core.services.import_records",
    "clerk_app.core.services.person_search",
    "clerk_app.core.record_detail",
    "clerk_app.core.services.open_record",
    "clerk_app.ui.search_process",
    "clerk_app.core.staff",
    "clerk_app.core.audit",
    "clerk_app.core.data_at_rest",
    "clerk_app.core.session_lock",
    "clerk_app.core.services.staff",
    "clerk_app.core.services.signin",
    "clerk_app.core.services.audit",
    "clerk_app.security.auth_certificates",
    "clerk_app.store.at_rest",
    "clerk_app.core.certificates.builder",
    "clerk_app.core.certificates.codec",
    "clerk_app.core.certificates.office",
    "clerk_app.core.services.certificates",
    "clerk_app.certificates.renderer",
    "clerk_app.certificates.icc",
    "clerk_app.cli.certificates",
    "clerk_app.store.certificates_repo",
    "clerk_app.search.fold",
    "clerk_app.search.translit",
    "clerk_app.search.rank",
    "clerk_app.search.plan",
    "clerk_app.search.neighbours",
    "clerk_app.imports.pipeline",
    "clerk_app.imports",
    "clerk_app.demo",
    "clerk_app.store.uow",
    "clerk_app.card",
    "clerk_app.card.pcsc",
    "clerk_app.card.apdu",
    "clerk_app.card.detect",
    "clerk_app.card.token",
    "clerk_app.card.pkcs11",
    "clerk_app.card.profiles.idemia",
    "clerk_app.card.profiles.latvia",
    "clerk_app.card.profiles.thales",
    "clerk_app.cli.card",
    "clerk_app.core.exchange",
    "clerk_app.core.services.office",
    "clerk_app.exchange.protocol",
    "clerk_app.exchange.canonical",
    "clerk_app.exchange.certs",
    "clerk_app.exchange.receipts",
    "clerk_app.exchange.directory",
    "clerk_app.exchange.pdf_verify",
    "clerk_app.exchange.receiver",
    "clerk_app.exchange.service",
    "clerk_app.exchange.sender",
    "clerk_app.exchange.inbox",
    "clerk_app.exchange.http",
    "clerk_app.exchange.workstation_config",
    "clerk_app.server.app",
    "clerk_app.server.runner",
    "clerk_app.server.tls",
    "clerk_app.server.config",
    "clerk_app.cli.exchange",
    "clerk_app.cli.server",
    "clerk_app.store.exchange_repo",
    "clerk_app.sync.entities",
    "clerk_app.sync.merge",
    "clerk_app.sync.hlc",
    "clerk_app.sync.protocol",
    "clerk_app.sync.client",
    "clerk_app.sync.service",
    "clerk_app.sync.hub",
    "clerk_app.sync.enrolment",
    "clerk_app.server.sync_api",
    "clerk_app.server.sync_app",
    "clerk_app.cli.sync",
    "clerk_app.cli",
    "clerk_app.bootstrap",
]

BLOCKER = """
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError(f'blocked: {name}')
sys.meta_path.insert(0, Block())
for mod in sys.argv[1:]:
    importlib.import_module(mod)
leaked = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]
assert not leaked, leaked
print('ok')
"""


def test_core_imports_with_pyside6_blocked() -> None:
    out = subprocess.run(
        [sys.executable, "-c", BLOCKER, *CORE_PACKAGES],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_blocker_really_blocks() -> None:
    """The check above must be able to fail: importing PySide6 under the blocker errors."""
    out = subprocess.run(
        [sys.executable, "-c", BLOCKER, "PySide6"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode != 0


def test_import_linter_contracts_hold() -> None:
    out = subprocess.run(["lint-imports"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "broken" not in out.stdout.lower().replace("0 broken", "")


def test_ruff_clean() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "clerk_app", "clerk_testkit", "tests", "bench"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr

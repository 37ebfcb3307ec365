"""Schemathesis against the OpenAPI documents the office server serves (partner listener over
mutual TLS, workstation listener with a token): generated and mutated requests never get a 5xx,
and answers conform to the published schema."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clerk_testkit.exchange import ServerProcess, write_server_config
from tests.exchange_helpers import clerk, offices  # noqa: F401

pytestmark = pytest.mark.postgres


def _st(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("st") or shutil.which("schemathesis")
    assert exe, "schemathesis is a dev dependency"
    env = {k: v for k, v in os.environ.items() if "CA_BUNDLE" not in k and "PROXY" not in k.upper()}
    return subprocess.run(
        [exe, "run", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _all_passed(out: str, operations: int) -> None:
    assert f"{operations} selected / {operations} total" in out, out[-3000:]
    m = re.search(r"(\d+) generated, (\d+) passed", out)
    assert m and m.group(1) == m.group(2) and int(m.group(1)) >= 20 * operations, out[-3000:]


def test_no_server_errors_on_generated_requests(tmp_path: Path, offices, pg_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    narva, ivan = offices
    cfg = write_server_config(
        tmp_path / "narva", narva, [(ivan, "https://127.0.0.1:1")], pg_url, max_body_bytes=200_000
    )
    srv = ServerProcess(cfg).start()
    try:
        files = ivan.write_files(tmp_path / "client")
        (tmp_path / "ca.pem").write_bytes(narva.ca_pem)
        common = [
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,"
            "response_schema_conformance",
            "--tls-verify",
            str(tmp_path / "ca.pem"),
            "--max-examples",
            "40",
            "--generation-deterministic",
            "--workers",
            "2",
            "--no-color",
        ]
        partner = _st(
            [
                f"{srv.partner_url}/openapi.json",
                "--request-cert",
                str(files["client.pem"]),
                "--request-cert-key",
                str(files["client.key"]),
                *common,
            ],
            tmp_path,
        )
        assert partner.returncode == 0, partner.stdout[-6000:] + partner.stderr[-2000:]
        _all_passed(partner.stdout, operations=2)

        token = clerk("server", "enrol-token", "--config", str(cfg), "fuzz")[1].split()[-1]
        ws = _st(
            [
                f"{srv.workstation_url}/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
                *common,
            ],
            tmp_path,
        )
        assert ws.returncode == 0, ws.stdout[-6000:] + ws.stderr[-2000:]
        _all_passed(ws.stdout, operations=5)
    finally:
        assert srv.stop() == 0
    internal = [e for e in srv.log_events() if e.get("event") == "internal_error"]
    assert internal == []

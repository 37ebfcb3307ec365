"""The exchange commands where no server is involved: an unenrolled workstation, bad ids, a
document that is not there — clear messages and exit codes, nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.exchange_helpers import clerk


def test_unenrolled_workstation(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    code, out, _ = clerk("--home", home, "outbox", "list")
    assert code == 0 and "outbox is empty" in out
    assert json.loads(clerk("--home", home, "inbox", "list", "--json")[1]) == []
    code, _, err = clerk("--home", home, "outbox", "send")
    assert code == 1 and "not enrolled" in err
    code, _, err = clerk("--home", home, "inbox", "fetch")
    assert code == 1 and "not enrolled" in err
    code, _, err = clerk("--home", home, "partners", "list")
    assert code == 1 and "clerk exchange enrol" in err
    code, _, err = clerk("--home", home, "outbox", "retry", "not-a-uuid")
    assert code == 2 and "not a message id" in err
    code, _, err = clerk("--home", home, "outbox", "cancel", "01a2307c-111d-7382-96e5-2b06717d081c")
    assert code == 1 and "no such message" in err


def test_queueing_needs_a_request_a_file_and_an_enrolment(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    pdf = tmp_path / "c.pdf"
    code, _, err = clerk("--home", home, "outbox", "add-certificate", "NRV-1", str(pdf))
    assert code == 2 and "c.pdf" in err  # no such file
    pdf.write_bytes(b"%PDF-1.7\n")
    code, _, err = clerk("--home", home, "outbox", "add-certificate", "NRV-1", str(pdf))
    assert code == 1 and "not enrolled" in err
    reg = json.loads(
        clerk(
            "--home", home, "request", "register", "--applicant", "Kask Mari", "--address",
            "Narva", "--subject", "salary", "--channel", "partner", "--partner",
            "RU-4707012345", "--partner-case", "IVG-1", "--json",
        )[1]
    )  # fmt: skip
    code, _, err = clerk(
        "--home", home, "outbox", "add-refusal", reg["uid"], str(pdf), "--reason", "x"
    )
    assert code == 1 and "not enrolled" in err
    shown = json.loads(clerk("--home", home, "request", "show", reg["uid"], "--json")[1])
    assert shown["status"] == "registered"  # the refusal did not half-happen
    code, _, err = clerk("--home", home, "outbox", "add-request", reg["uid"], str(pdf))
    assert code == 2  # --to is required

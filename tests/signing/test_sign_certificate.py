"""A real archival certificate from the certificates part, signed from the store with
`clerk sign --certificate`: the stamp lands in the place the layout left for it, the file stays
PDF/A-2b, and pyHanko and pdfsig accept the signature."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from signing_helpers import assert_still_pdfa, pdf_text, pdfsig

from clerk_app.cli import main
from clerk_app.core.verification import Verdict
from clerk_app.signing.verify import VerifyOptions, verify_file

OFFICE_TOML = """version = 1
name = { et = "Narva Linnaarhiiv", ru = "Нарвский городской архив" }
address = { et = "Peetri plats 5, 20308 Narva", ru = "Петровская пл. 5, 20308 Нарва" }
signatory_name = "Jõgeva-Šķēle Ņina"
signatory_title = { et = "Arhiivi juhataja", ru = "Заведующая архивом" }
"""


def _open_db(home: Path) -> Any:
    """The workstation database is encrypted: a DB-API connection with its key."""
    from clerk_app.bootstrap import Workstation
    from clerk_app.store.sqlcipher import connect_encrypted

    key = Workstation(str(home)).at_rest.database_key()
    assert key is not None
    return connect_encrypted(home / "clerk.db", key)


@pytest.fixture
def home(clerk_home: Path, pki_files, services, capsys) -> Path:  # type: ignore[no-untyped-def]
    clerk_home.mkdir(parents=True)
    (clerk_home / "settings.json").write_text(
        json.dumps({"version": 1, "office_code": "NRV", "workstation": "W1"}), encoding="utf-8"
    )
    (clerk_home / "office.toml").write_text(OFFICE_TOML, encoding="utf-8")
    assert main(["demo", "--persons", "30", "--seed", "5", "--no-payroll"]) == 0
    assert main(["signing", "trust", "add", str(pki_files["root"])]) == 0
    assert main(["signing", "trust", "add", str(pki_files["intermediate"]), "--intermediate"]) == 0
    assert main(["signing", "endpoints", "--tsa", services.tsa_url, "--level", "B-LT"]) == 0
    capsys.readouterr()
    return clerk_home


def test_sign_a_final_certificate_from_the_store(  # type: ignore[no-untyped-def]
    home, identity, tmp_path, capsys, pki, nss_db
) -> None:
    with _open_db(home) as db:
        (record,) = db.execute(
            "SELECT record_id FROM person_record WHERE record_type = 'personnel' LIMIT 1"
        ).fetchone()
    args = ["certificate", "create", "--type", "employment", "--records", record]
    assert main([*args, "--lang", "et,ru", "--final", "--json"]) == 0, capsys.readouterr().err
    cert = json.loads(capsys.readouterr().out)
    assert cert["status"] == "final"
    key, crt = tmp_path / "key.pem", tmp_path / "cert.pem"
    key.write_bytes(identity.key_pem())
    crt.write_bytes(identity.pem)
    out = tmp_path / "signed.pdf"

    draft_args = ["certificate", "create", "--type", "employment", "--records", record, "--json"]
    assert main(draft_args) == 0
    draft = json.loads(capsys.readouterr().out)
    sign = ["sign", "--key", str(key), "--cert", str(crt)]
    assert main([*sign, "--certificate", draft["uid"], "-o", str(tmp_path / "d.pdf")]) == 1
    assert "a draft is not signed" in capsys.readouterr().err

    assert main([*sign, "--certificate", cert["registry_number"], "-o", str(out), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["state"] == "done" and row["level"] == "B-LT"

    data = out.read_bytes()
    assert_still_pdfa(data, out)
    report = verify_file(str(out), VerifyOptions(trust_roots=(pki.root.der,)))
    assert report.verdict == Verdict.VALID and report.signatures[0].level == "B-LT"
    text = pdfsig(out, nss_db).split("Signature #2")[0]
    assert "Signature is Valid." in text and "Certificate is Trusted." in text

    # the stamp sits in the place the certificate's layout left for it, on its page
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    widget = reader.embedded_regular_signatures[0].sig_field
    rect = [float(v) for v in widget["/Rect"]]
    page_refs = [p.get_object().get("/Annots") for p in _pages(reader)]
    with _open_db(home) as db:
        (job_box, job_page, document_uid) = db.execute(
            "SELECT stamp_box, stamp_page, document_uid FROM signature_job"
        ).fetchone()
    assert document_uid == cert["uid"]
    expected = [round(float(v)) for v in job_box.split(",")]
    assert [round(v) for v in rect] == expected
    assert page_refs[job_page] is not None  # the widget is on the certificate's stamp page
    text = " ".join(pdf_text(out).split())
    assert "Digitaalselt allkirjastanud / Подписано электронной подписью" in text


def _pages(reader: PdfFileReader):  # type: ignore[no-untyped-def]
    root = reader.root["/Pages"]
    stack, out = [root], []
    while stack:
        node = stack.pop(0).get_object()
        if node.get("/Type") == "/Pages":
            stack[0:0] = list(node["/Kids"])
        else:
            out.append(node)
    return out

"""`clerk certificate …` end to end on the embedded SQLite in an isolated data home, and one
run as a real subprocess (`python -m clerk_app.cli`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clerk_app.cli import main
from tests import pdf_tools as pt

ROOT = Path(__file__).resolve().parents[1]

OFFICE_TOML = """version = 1
name = { et = "Narva Linnaarhiiv", ru = "Нарвский городской архив", lv = "Narvas pilsētas arhīvs", en = "Narva City Archive" }
address = { et = "Peetri plats 5, 20308 Narva", ru = "Петровская пл. 5, 20308 Нарва" }
contacts = "+372 359 9000 · arhiiv@narva.ee"
signatory_name = "Jõgeva-Šķēle Ņina"
signatory_title = { et = "Arhiivi juhataja", ru = "Заведующая архивом" }
verify_url = "https://arhiiv.narva.ee/kontroll/"
"""  # noqa: E501


@pytest.fixture
def home(clerk_home: Path) -> Path:
    clerk_home.mkdir(parents=True)
    (clerk_home / "settings.json").write_text(
        json.dumps({"version": 1, "office_code": "NRV", "workstation": "W2"}), encoding="utf-8"
    )
    (clerk_home / "office.toml").write_text(OFFICE_TOML, encoding="utf-8")
    assert main(["demo", "--persons", "40", "--seed", "7"]) == 0
    return clerk_home


def _ids(home: Path, kind: str) -> list[str]:
    from sqlalchemy import text

    from clerk_app.bootstrap import Workstation

    ctx = Workstation(str(home))  # the workstation database is encrypted: open it with its key
    try:
        with ctx.engine.connect() as db:
            rows = db.execute(
                text("SELECT record_id FROM person_record WHERE record_type = :k ORDER BY id"),
                {"k": kind},
            )
            return [r for (r,) in rows]
    finally:
        ctx.close()


def _json(capsys) -> object:  # type: ignore[no-untyped-def]
    return json.loads(capsys.readouterr().out)


def test_create_edit_finalise_correct_export(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    payroll = _ids(home, "payroll")[0]
    out = tmp_path / "draft.pdf"
    args = ["certificate", "create", "--type", "salary", "--records", payroll, "--lang", "et,ru"]
    assert main([*args, "-o", str(out), "--json"]) == 0
    draft = _json(capsys)
    assert draft["status"] == "draft" and draft["registry_number"] is None
    assert draft["records"] == [payroll] and draft["file"] == str(out)
    text = pt.text(out)
    assert "KAVAND – dokument ei kehti" in text and "Narva Linnaarhiiv" in text

    uid = draft["uid"]
    assert main(["certificate", "edit", uid, "--text", "ru:remarks=Проверено.\\nАрхивариус."]) == 0
    capsys.readouterr()
    final_pdf = tmp_path / "final.pdf"
    assert main(["certificate", "finalise", uid, "-o", str(final_pdf)]) == 0
    line = capsys.readouterr().out
    assert line.startswith("final NRV-2026-W2-00001 ") or "-W2-00001" in line
    final_text = pt.text(final_pdf)
    assert "Проверено." in final_text and "Архивариус." in final_text
    number = next(w for w in line.split() if "-W2-" in w)

    assert main(["certificate", "edit", uid, "--text", "et:remarks=x"]) == 1
    assert "is final and cannot change" in capsys.readouterr().err

    assert main(["certificate", "correct", uid, "--reason", "vale leht", "--final"]) == 0
    capsys.readouterr()
    assert main(["certificate", "show", number, "--json"]) == 0
    shown = _json(capsys)
    assert shown["version"] == 2 and shown["supersedes"] == uid and shown["status"] == "final"
    v1 = tmp_path / "v1.pdf"
    assert main(["certificate", "export", number, "--version", "1", "-o", str(v1)]) == 0
    assert v1.read_bytes() == final_pdf.read_bytes()  # the old version is kept as it was
    capsys.readouterr()

    assert main(["certificate", "list", "--json"]) == 0
    listed = {r["uid"]: r for r in _json(capsys)}
    assert listed[uid]["superseded_by"] == shown["uid"]
    assert main(["certificate", "list"]) == 0
    assert "superseded" in capsys.readouterr().out


def test_refusals_and_usage_errors(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    personnel = _ids(home, "personnel")[0]
    assert main(["certificate", "create", "--type", "salary", "--records", personnel]) == 1
    err = capsys.readouterr().err
    assert f"record {personnel} is a personnel record; this certificate takes payroll" in err
    assert "nothing was stored" in err
    assert main(["certificate", "create", "--type", "negative", "--lang", "et"]) == 1
    err = capsys.readouterr().err
    assert "needs where was searched" in err and "needs the person" in err
    assert main(["certificate", "create", "--records", personnel]) == 1
    assert "give --type" in capsys.readouterr().err
    bad = ["certificate", "create", "--type", "employment", "--records", personnel]
    assert main([*bad, "--lang", "et,de"]) == 1
    assert "one or two of et, ru, lv, en" in capsys.readouterr().err
    assert main([*bad, "-o", str(tmp_path / "no" / "x.pdf")]) == 2
    assert main([*bad, "--text", "et=oops"]) == 2
    assert main([*bad, "--text", "et:title=oops"]) == 2
    assert main(["certificate", "create", "--request", "NRV-2026-W2-99999"]) == 1
    assert "no request NRV-2026-W2-99999" in capsys.readouterr().err
    assert main(["certificate", "list", "--json"]) == 0
    assert _json(capsys) == []  # nothing was stored by any of these


def test_negative_letter_from_a_registered_request(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([
        "request", "register", "--applicant", "Tamara Ivanova", "--address", "188490 Ivangorod",
        "--subject", "employment", "--person", "Иванова Тамара", "--other-names", "Ivanova",
        "--period-from", "1960", "--period-to", "1975", "--lang", "ru,et", "--json",
    ]) == 0  # fmt: skip
    request = _json(capsys)["reg_number"]
    out = tmp_path / "letter.pdf"
    assert main([
        "certificate", "create", "--type", "negative", "--request", request,
        "--searched", "Кренгольмская мануфактура, ф. Р-45, оп. 1 (личные карточки)",
        "--searched", "Narva Elektrijaam, fond R-210", "--final", "-o", str(out),
    ]) == 0  # fmt: skip
    text = " ".join(pt.text(out).split())
    assert "ИНФОРМАЦИОННОЕ ПИСЬМО / VASTUSKIRI" in text
    assert "Лицо / Isik: Иванова Тамара" in text
    assert "Период поиска: 1960–1975." in text
    assert "Иванова Тамара, Ivanova" in text
    assert f"На запрос № {request}" in text
    capsys.readouterr()
    assert main(["request", "show", request, "--json"]) == 0
    assert _json(capsys)["status"] == "certificate_prepared"


def test_batch_with_progress_and_per_item_results(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    payroll = _ids(home, "payroll")[:3]
    personnel = _ids(home, "personnel")[:2]
    rows = [
        {"type": "salary", "records": payroll[0], "lang": "ru"},
        {"type": "employment", "records": f"{personnel[0]};{payroll[1]}", "lang": "et,ru"},
        {"type": "salary", "records": personnel[1]},  # refused
        {"type": "negative", "person": "Ivanov Ivan", "born": "1950",
         "searched": "fond R-45|fond R-210", "period": "1950-1970", "lang": "en"},
        {"type": "salary", "records": payroll[2], "out": "custom.pdf"},
        {"type": "passport", "records": payroll[2]},  # usage error in one item
    ]  # fmt: skip
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    report = tmp_path / "report.json"
    code = main([
        "certificate", "batch", str(batch), "--out-dir", str(out_dir), "--final",
        "--progress", "--report", str(report),
    ])  # fmt: skip
    assert code == 1  # some items were refused
    captured = capsys.readouterr()
    assert "4 of 6 certificate(s) made, 2 refused" in captured.out
    assert "6/6" in captured.err  # the progress bar reached the end
    results = json.loads(report.read_text(encoding="utf-8"))
    assert [r["ok"] for r in results] == [True, True, False, True, True, False]
    assert "personnel record" in results[2]["issues"][0]["message"]
    assert "passport" in results[5]["error"]
    assert (out_dir / "custom.pdf").exists()
    numbers = [r["registry_number"] for r in results if r["ok"]]
    assert numbers == [f"NRV-2026-W2-{i:05d}" for i in range(1, 5)]
    for r in results:
        if r["ok"]:
            assert Path(r["file"]).read_bytes()[:5] == b"%PDF-"

    csv_file = tmp_path / "batch.csv"
    csv_file.write_text(f"type,records,lang\nsalary,{payroll[0]},et\n", encoding="utf-8")
    assert main(["certificate", "batch", str(csv_file), "--out-dir", str(out_dir)]) == 0
    csv_file.write_text("type,colour\nsalary,red\n", encoding="utf-8")
    assert main(["certificate", "batch", str(csv_file), "--out-dir", str(out_dir)]) == 2
    assert "unknown columns colour" in capsys.readouterr().err


def test_subprocess_run(home: Path, tmp_path: Path) -> None:
    """The command as a user runs it: a separate process, exit code, the file on disk."""
    out = tmp_path / "c.pdf"
    civil = _ids(home, "marriage")[:1] or _ids(home, "birth")[:1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLERK_HOME": str(home)}
    run = subprocess.run(
        [sys.executable, "-m", "clerk_app.cli", "certificate", "create", "--type",
         "civil_status", "--records", civil[0], "--lang", "lv,ru", "--final", "-o", str(out)],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("final NRV-2026-W2-00001")
    assert "ARHĪVA IZZIŅA / АРХИВНАЯ СПРАВКА" in pt.text(out)

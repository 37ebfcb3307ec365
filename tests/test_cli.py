"""The `clerk` command line end to end on the embedded SQLite in an isolated data home."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from clerk_app.cli import main

HEADER = ["record_id", "record_type", "surname", "given_name", "patronymic", "birth_date",
          "fonds", "inventory", "file", "sheets", "enterprise"]  # fmt: skip


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


GOOD = [
    ["A1", "personnel", "Щербаков", "Пётр", "Сергеевич", "1948-03-02", "Р-45", "1", "12", "3-4",
     "Кренгольмская мануфактура"],
    ["A2", "personnel", "Пылдмаа", "Юри", "", "1939", "Р-45", "1", "12", "5", "Балтийская ГРЭС"],
]  # fmt: skip


def _records(capsys) -> int:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["info"]) == 0
    return json.loads(capsys.readouterr().out)["records"]


def test_import_then_search_json(clerk_home, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = _csv(tmp_path / "p.csv", GOOD, encoding="cp1251", delimiter=";")
    assert main(["import", "persons", str(f)]) == 0
    assert (clerk_home / "clerk.db").exists()  # everything under $CLERK_HOME
    capsys.readouterr()
    assert main(["search", "Shcherbakov Pyotr", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["record_id"] == "A1" and hits[0]["surname"] == "Щербаков"
    assert hits[0]["reference"]["fonds"] == "Р-45" and hits[0]["reference"]["sheets"]
    assert 0 < hits[0]["score"] <= 1.05
    assert main(["search", "Poldmaa", "--born-from", "1940", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["access-log"]) == 0
    log = json.loads(capsys.readouterr().out)
    assert [e["query"] for e in log[:2]] == ["Poldmaa", "Shcherbakov Pyotr"]


def test_reimport_changes_nothing(clerk_home, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = _csv(tmp_path / "p.csv", GOOD)
    assert main(["import", "persons", str(f)]) == 0
    capsys.readouterr()
    assert main(["import", "persons", str(f)]) == 0
    assert "0 records added, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_one_bad_row_imports_nothing_and_names_row_and_column(clerk_home, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [[f"B{i}", "personnel", "Иванов", "Иван", "", "1950", "Р-1", "1", "1", str(i + 1), ""]
            for i in range(3000)]  # fmt: skip
    rows[1776][5] = "1978-02-30"
    f = _csv(tmp_path / "bad.csv", rows)
    assert main(["import", "persons", str(f)]) == 1
    err = capsys.readouterr().err
    assert "row 1778, column birth_date" in err and "nothing was imported" in err
    assert _records(capsys) == 0
    assert main(["import", "persons", str(f), "--skip-invalid"]) == 0
    assert _records(capsys) == 2999


def test_wrong_files_leave_database_as_it_was(clerk_home, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import", "persons", str(_csv(tmp_path / "ok.csv", GOOD))]) == 0
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert main(["import", "persons", str(binary)]) == 1
    assert "[binary]" in capsys.readouterr().err
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,born\nIvanov,1950\n", encoding="utf-8")
    assert main(["import", "persons", str(wrong)]) == 1
    assert "missing_columns" in capsys.readouterr().err
    assert _records(capsys) == 2


def test_db_option_points_elsewhere(clerk_home, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.db"
    f = _csv(tmp_path / "p.csv", GOOD)
    assert main(["--db", f"sqlite:///{other}", "import", "persons", str(f)]) == 0
    assert other.exists() and not (clerk_home / "clerk.db").exists()


def test_demo_is_searchable(clerk_home, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--persons", "200", "--seed", "7"]) == 0
    assert _records(capsys) > 200
    from clerk_app.demo import generate_archive

    ident = next(i for i, _ in generate_archive(200, 7) if i.origin == "ru")
    from clerk_app.search.translit import ru_to_et

    assert main(["search", ru_to_et(f"{ident.surname} {ident.given_name}"), "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert any(h["surname"] == ident.surname for h in hits[:10])


def test_big_imports_parse_in_a_second_process(clerk_home, tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Above PARALLEL_MIN_ROWS rows (lowered here) import and demo go through the parser
    process; the result and the all-or-nothing rule are the same."""
    from clerk_app.imports import pipeline

    started: list[object] = []
    real = pipeline.parallel_items

    def spy(source, prepare, **kw):  # type: ignore[no-untyped-def]
        started.append(source)
        return real(source, prepare, **kw)

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ROWS", 100)
    monkeypatch.setattr(pipeline, "parallel_items", spy)  # import_items looks it up by name
    rows = [[f"B{i}", "personnel", "Иванов", "Иван", "", "1950", "Р-1", "1", "1", str(i + 1), ""]
            for i in range(3000)]  # fmt: skip
    rows[2500][5] = "1978-02-30"
    f = _csv(tmp_path / "bad.csv", rows)
    assert main(["import", "persons", str(f)]) == 1
    err = capsys.readouterr().err
    assert "row 2502, column birth_date" in err and "nothing was imported" in err
    assert _records(capsys) == 0
    assert main(["import", "persons", str(f), "--skip-invalid"]) == 0
    assert "2999 records added" in capsys.readouterr().out
    assert main(["demo", "--persons", "300", "--seed", "7"]) == 0
    assert len(started) == 3
    assert _records(capsys) > 2999 + 300
    assert main(["search", "Ivanov Ivan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["surname"] == "Иванов"
    undecodable = tmp_path / "late.csv"
    undecodable.write_bytes(f.read_bytes() * 4 + "X,personnel,Ка".encode() + b"\xff\n")
    assert main(["import", "persons", str(undecodable)]) == 1
    assert "[encoding]; nothing was imported" in capsys.readouterr().err

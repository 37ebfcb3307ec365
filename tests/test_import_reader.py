"""Spreadsheet import: file sniffing (CSV/XLSX, encoding, delimiter), header checks, cell
parsing and the per-row rules of parse_rows."""

from __future__ import annotations

import csv
import datetime as dt
import os
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from clerk_app.core.records import (
    Currency,
    PartialDate,
    PayrollEntry,
    PersonRow,
    RecordType,
    Script,
    SheetRange,
)
from clerk_app.imports import (
    ImportFileError,
    ImportIssue,
    open_table,
    parse_amount,
    parse_date,
    parse_gender,
    parse_rows,
    parse_sheets,
)

HEADER = [
    "record_id",
    "record_type",
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "fonds",
    "inventory",
    "file",
    "sheets",
]
TODAY = dt.date.today()


def person(**over: str) -> dict[str, str]:
    row = {
        "record_id": "A-1",
        "record_type": "personnel",
        "surname": "Tamm",
        "given_name": "Jüri",
        "patronymic": "",
        "birth_date": "1950-02-11",
        "fonds": "R-123",
        "inventory": "1",
        "file": "45",
        "sheets": "12",
    }
    row.update(over)
    return row


def pay(month: int, **over: str) -> dict[str, str]:
    row = person(record_type="payroll", record_id="P-1")
    row.update(pay_year="1985", pay_month=str(month), amount="150.00", currency="SUR")
    row.update(over)
    return row


def parse(*rows: dict[str, str], default_archive: str = "NLA") -> list[PersonRow | ImportIssue]:
    """Rows numbered as a spreadsheet would: the first data row is row 2."""
    return list(parse_rows(((i, r) for i, r in enumerate(rows, 2)), default_archive))


def issues_of(items: list[PersonRow | ImportIssue]) -> list[ImportIssue]:
    return [x for x in items if isinstance(x, ImportIssue)]


def people_of(items: list[PersonRow | ImportIssue]) -> list[PersonRow]:
    return [x for x in items if isinstance(x, PersonRow)]


def write_csv(
    path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def read_all(path: Path, default_archive: str = "NLA") -> list[PersonRow | ImportIssue]:
    with open_table(path) as table:
        return list(parse_rows(table.rows(), default_archive))


def file_error(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        open_table(path)
    return info.value


# --- CSV sniffing -------------------------------------------------------------------------------


def test_utf8_csv_with_commas(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [HEADER, ["A-1", "birth", "Bērziņš", "Jānis", "", "1950", "R-1", "2", "3", "12-14"]],
    )
    table = open_table(path)
    assert (table.format, table.encoding, table.delimiter) == ("csv", "utf-8", ",")
    assert table.columns == HEADER
    assert table.count_rows() == 1
    [row] = read_all(path)
    assert isinstance(row, PersonRow)
    assert row.surname == "Bērziņš"
    assert row.given_name == "Jānis"
    assert row.patronymic is None
    assert row.birth_date == PartialDate(1950)
    assert row.reference.archive == "NLA"
    assert row.reference.sheets == SheetRange("12–14", 12, 14)
    assert row.record_type is RecordType.BIRTH
    assert row.script is Script.LATIN


def test_utf8_bom_csv_with_semicolons_and_messy_header(tmp_path: Path) -> None:
    header = [" Record_ID ", "RECORD_TYPE", *HEADER[2:]]
    path = write_csv(
        tmp_path / "p.csv",
        [header, ["7", "death", "Иванов", "Иван", "Петрович", "15.02.1920", "Р-5", "1", "9", "3"]],
        encoding="utf-8-sig",
        delimiter=";",
    )
    table = open_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.columns[:2] == ["record_id", "record_type"]
    [row] = read_all(path)
    assert isinstance(row, PersonRow)
    assert row.record_id == "7"
    assert row.patronymic == "Петрович"
    assert row.birth_date == PartialDate(1920, 2, 15)
    assert row.script is Script.CYRILLIC


def test_windows_1251_csv_decodes_cyrillic(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [
            HEADER,
            ["1", "birth", "Ёлкина", "Мария", "Сергеевна", "1931-07", "Р-12", "1", "4", "л. 5об."],
            ["2", "birth", "Щукин", "Пётр", "", "1932", "Р-12", "1", "4", "6"],
        ],
        encoding="cp1251",
        delimiter=";",
    )
    table = open_table(path)
    assert table.encoding == "cp1251"
    rows = read_all(path)
    assert [r.surname for r in people_of(rows)] == ["Ёлкина", "Щукин"]
    assert people_of(rows)[0].reference.sheets == SheetRange("5об.", 5, 5)
    assert people_of(rows)[1].given_name == "Пётр"


def test_windows_1251_detected_after_a_long_ascii_start(tmp_path: Path) -> None:
    rows = [HEADER] + [
        [str(i), "birth", "Tamm", "Jaan", "", "1950", "R-1", "1", "1", "1"] for i in range(500)
    ]
    rows.append(["x", "birth", "Смирнов", "Иван", "", "1950", "R-1", "1", "1", "1"])
    path = write_csv(tmp_path / "p.csv", rows, encoding="cp1251")
    assert path.stat().st_size > 16_000  # well past the 8 KB sniffed first
    assert open_table(path).encoding == "cp1251"
    assert people_of(read_all(path))[-1].surname == "Смирнов"


def test_baltic_legacy_encoding_is_refused(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [HEADER, ["1", "birth", "Mõttus", "Jüri", "", "1950", "R-1", "1", "1", "1"]],
        encoding="cp1257",
    )
    assert file_error(path).code == "encoding"


def test_invalid_utf8_far_into_the_file_is_an_encoding_error_with_row(tmp_path: Path) -> None:
    # the encoding is judged on the first 256 KB after the first non-ASCII byte; a different
    # encoding after that shows up while streaming, with the row it is in
    path = tmp_path / "p.csv"
    lines = [",".join(HEADER)] + [f"{i},birth,Tõnu,,,1950,R-1,1,1,1" for i in range(12_000)]
    path.write_bytes(
        ("\n".join(lines) + "\n").encode() + b"9999,birth,\xd2\xe0\xec\xec,,,1950,R,1,1,1\n"
    )
    assert path.stat().st_size > 300_000
    table = open_table(path)
    assert table.encoding == "utf-8"
    with pytest.raises(ImportFileError) as info:
        list(table.rows())
    assert info.value.code == "encoding"
    assert info.value.row == 12_002


def test_blank_rows_and_quoted_newlines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        ",".join(HEADER) + "\n"
        "1,birth,Tamm,,,1950,R-1,1,1,1\n"
        "\n"
        ",,,,,,,,,\n"
        "2,birth,Saar,,,1950,R-1,1,1,1,\n"
        '3,birth,"Kask\nKuusk",,,1950,R-1,1,1,1\n'
        "4,birth,Mets,,,1950-13,R-1,1,1,1\n",
        encoding="utf-8",
    )
    table = open_table(path)
    assert [n for n, _ in table.rows()] == [2, 5, 6, 7]
    items = read_all(path)
    [issue] = issues_of(items)
    assert (issue.row, issue.column, issue.code) == (7, "birth_date", "bad_date")
    assert table.count_rows() >= 5  # approximate: counts lines


def test_whitespace_nfc_and_empty_cells(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Йыги")
    assert decomposed != "Йыги"
    path = write_csv(
        tmp_path / "p.csv",
        [
            HEADER,
            [
                "  A-1 ",
                " birth",
                f" {decomposed}\u00a0",
                "   ",
                "",
                " 1950 ",
                "R-1",
                "1",
                "1",
                " 3 ",
            ],
        ],
    )
    [row] = read_all(path)
    assert isinstance(row, PersonRow)
    assert row.record_id == "A-1"
    assert row.surname == "Йыги"
    assert row.given_name is None
    assert row.patronymic is None
    assert row.reference.sheets.text == "3"


def test_values_beyond_the_header_are_reported(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [HEADER, ["1", "birth", "Tamm", "", "", "1950", "R-1", "1", "1", "1", "lost?"]],
    )
    [issue] = read_all(path)
    assert isinstance(issue, ImportIssue)
    assert (issue.row, issue.code) == (2, "extra_cells")
    assert "lost?" in issue.detail


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_with_numeric_and_date_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([c.upper() for c in HEADER] + ["hired_date", "amount"])
    ws.append([1001, "personnel", "Tamm", "Jüri", None, 1978, "R-1", 1, 45.0, 12, None, None])
    ws.append([])  # a blank row still counts for the row numbers
    ws.append(
        [
            1002,
            "personnel",
            "Saar",
            None,
            None,
            dt.datetime(1950, 5, 6),
            "R-1",
            1,
            45,
            "3-4",
            dt.date(1975, 1, 2),
            None,
        ]
    )
    ws.append([1003, "payroll", "Kask", None, None, None, "R-1", 1, 45, 7, None, 1234.5])
    path = tmp_path / "p.xlsx"
    wb.save(path)

    with open_table(path) as table:
        assert (table.format, table.encoding, table.delimiter) == ("xlsx", None, None)
        assert table.count_rows() == 4
        raw = list(table.rows())
        assert [n for n, _ in raw] == [2, 4, 5]
        assert raw[0][1]["record_id"] == "1001"
        assert raw[0][1]["birth_date"] == "1978"
        assert raw[0][1]["file"] == "45"
        assert raw[1][1]["birth_date"] == "1950-05-06"
        assert raw[2][1]["amount"] == "1234.5"
        items = list(parse_rows(table.rows(), "NLA"))
    a, b = people_of(items)
    assert a.birth_date == PartialDate(1978)
    assert a.reference.file == "45"
    assert b.birth_date == PartialDate(1950, 5, 6)
    assert b.hired_date == PartialDate(1975, 1, 2)
    assert b.reference.sheets == SheetRange("3–4", 3, 4)
    codes = {(i.row, i.column, i.code) for i in issues_of(items)}
    assert codes == {
        (5, "pay_year", "required"),
        (5, "pay_month", "required"),
        (5, "currency", "required"),
    }


def test_xlsx_missing_columns(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["record_id", "surname"])
    path = tmp_path / "p.xlsx"
    wb.save(path)
    err = file_error(path)
    assert err.code == "missing_columns"
    assert "record_type" in err.detail and "sheets" in err.detail


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "p.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert file_error(path).code == "xlsx_unreadable"


# --- unusable files -----------------------------------------------------------------------------


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(os.urandom(20_000))
    assert file_error(path).code == "binary"


def test_png_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    assert file_error(path).code == "binary"


def test_legacy_xls(tmp_path: Path) -> None:
    path = tmp_path / "p.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert file_error(path).code == "legacy_xls"


def test_not_found_and_empty(tmp_path: Path) -> None:
    assert file_error(tmp_path / "nope.csv").code == "not_found"
    (tmp_path / "e.csv").write_bytes(b"")
    assert file_error(tmp_path / "e.csv").code == "empty"
    (tmp_path / "b.csv").write_bytes(b"\xef\xbb\xbf\n\n  \n")
    assert file_error(tmp_path / "b.csv").code == "empty"


def test_missing_columns_are_named(tmp_path: Path) -> None:
    header = [c for c in HEADER if c not in ("fonds", "sheets")]
    err = file_error(write_csv(tmp_path / "p.csv", [header]))
    assert err.code == "missing_columns"
    assert "fonds" in err.detail and "sheets" in err.detail
    assert "surname" not in err.detail


def test_unknown_column_is_named(tmp_path: Path) -> None:
    err = file_error(write_csv(tmp_path / "p.csv", [[*HEADER, "maiden_nmae"]]))
    assert err.code == "unknown_columns"
    assert "maiden_nmae" in err.detail


def test_duplicate_column(tmp_path: Path) -> None:
    err = file_error(write_csv(tmp_path / "p.csv", [[*HEADER, "Surname"]]))
    assert err.code == "duplicate_columns"
    assert "surname" in err.detail


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    table = open_table(write_csv(tmp_path / "p.csv", [HEADER]))
    assert table.encoding == "utf-8"  # pure ASCII
    assert table.count_rows() == 0
    assert list(table.rows()) == []


# --- per-cell errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("record_id", "", "required"),
        ("record_type", "", "required"),
        ("record_type", "persnel", "bad_record_type"),
        ("surname", "  ", "required"),
        ("fonds", "", "required"),
        ("inventory", "", "required"),
        ("file", "", "required"),
        ("sheets", "", "required"),
        ("sheets", "14-12", "bad_sheets"),
        ("sheets", "abc", "bad_sheets"),
        ("birth_date", "1978-02-30", "bad_date"),
        ("birth_date", "1978-13", "bad_date"),
        ("birth_date", "abc", "bad_date"),
        ("birth_date", "1750", "bad_date"),
        ("birth_date", str(TODAY.year + 1), "bad_date"),
        ("gender", "x", "bad_gender"),
        ("script", "grek", "bad_script"),
        ("hired_date", "31.04.1950", "bad_date"),
        ("resided_to", "1950-02-29", "bad_date"),
    ],
)
def test_cell_error_at_row_17(column: str, value: str, code: str, tmp_path: Path) -> None:
    rows = [[*HEADER, "gender", "script", "hired_date", "resided_to"]]
    for i in range(2, 30):
        row = person(record_id=f"A-{i}")
        if i == 17:
            row[column] = value
        rows.append([row.get(c, "") for c in rows[0]])
    items = read_all(write_csv(tmp_path / "p.csv", rows))
    [issue] = issues_of(items)
    assert (issue.row, issue.column, issue.code) == (17, column, code)
    assert len(people_of(items)) == 27
    if value.strip():
        assert repr(value) in issue.detail
    assert issue.message().startswith(f"row 17, column {column}: ")


def test_issue_message_wording() -> None:
    items = parse(*[person(record_id=str(i)) for i in range(15)], person(birth_date="1978-02-30"))
    [issue] = issues_of(items)
    assert issue.message() == "row 17, column birth_date: '1978-02-30' is not a date"
    assert ImportIssue(3, None, "x", "boom").message() == "row 3: boom"


def test_all_problems_of_a_row_are_reported_and_no_row_yielded() -> None:
    items = parse(person(surname="", birth_date="19xx", sheets="0"))
    assert {(i.column, i.code) for i in issues_of(items)} == {
        ("surname", "required"),
        ("birth_date", "bad_date"),
        ("sheets", "bad_sheets"),
    }
    assert people_of(items) == []


def test_archive_default_and_column() -> None:
    a, b = parse(person(record_id="1"), person(record_id="2", archive="TLA"))
    assert isinstance(a, PersonRow) and isinstance(b, PersonRow)
    assert (a.reference.archive, b.reference.archive) == ("NLA", "TLA")
    [issue] = parse(person(), default_archive="")
    assert (issue.column, issue.code) == ("archive", "required")


def test_optional_columns_are_carried() -> None:
    [row] = parse(
        person(
            maiden_name="Kask",
            gender="naine",
            enterprise="Kreenholm",
            position="ketraja",
            hired_date="01.09.1960",
            hired_order="12-k",
            note="  see also A-2 ",
            translit_system="",
        )
    )
    assert isinstance(row, PersonRow)
    assert row.maiden_name == "Kask"
    assert row.gender == "f"
    assert row.enterprise == "Kreenholm"
    assert row.hired_date == PartialDate(1960, 9, 1)
    assert row.hired_order == "12-k"
    assert row.note == "see also A-2"
    assert row.translit_system is None
    assert row.payroll == []


def test_script_detected_or_given() -> None:
    a, b, c = parse(
        person(record_id="1", surname="Tamm"),
        person(record_id="2", surname="Tamm", given_name="Иван"),
        person(record_id="3", surname="Иванов", script="latn"),
    )
    assert [r.script for r in (a, b, c)] == [Script.LATIN, Script.CYRILLIC, Script.LATIN]


# --- value parsers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", SheetRange("12", 12, 12)),
        ("12-14", SheetRange("12–14", 12, 14)),
        ("12–14", SheetRange("12–14", 12, 14)),
        ("12 - 14", SheetRange("12–14", 12, 14)),
        ("12об.", SheetRange("12об.", 12, 12)),
        ("12 об.", SheetRange("12об.", 12, 12)),
        ("12об", SheetRange("12об.", 12, 12)),
        ("12v", SheetRange("12v", 12, 12)),
        ("12-12об.", SheetRange("12–12об.", 12, 12)),
        ("3, 5-7", SheetRange("3, 5–7", 3, 7)),
        ("5-7,3", SheetRange("5–7, 3", 3, 7)),
        ("л. 12", SheetRange("12", 12, 12)),
        ("л.12-13", SheetRange("12–13", 12, 13)),
        ("лл. 3об.-4", SheetRange("3об.–4", 3, 4)),
        ("lk 5", SheetRange("5", 5, 5)),
        ("l. 7v", SheetRange("7v", 7, 7)),
    ],
)
def test_sheets_variants(text: str, expected: SheetRange) -> None:
    assert parse_sheets(text) == expected


@pytest.mark.parametrize(
    "text", ["14-12", "12об.-12", "abc", "0", "12,", "л.", "1.5", "12 13", "-5", "2024-03-05"]
)
def test_bad_sheets(text: str) -> None:
    with pytest.raises(ValueError, match=r"sheet|backwards"):
        parse_sheets(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1978", PartialDate(1978)),
        ("1978-02", PartialDate(1978, 2)),
        ("1978-02-15", PartialDate(1978, 2, 15)),
        ("15.02.1978", PartialDate(1978, 2, 15)),
        ("02.1978", PartialDate(1978, 2)),
        ("1978-02-15 00:00:00", PartialDate(1978, 2, 15)),
        ("2000-02-29", PartialDate(2000, 2, 29)),
        ("1800", PartialDate(1800)),
    ],
)
def test_dates(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["1978-02-30", "1978-13", "1978-00", "abc", "1799", "19780215", "1900-02-29"]
)
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text)):
        parse_date(text)


def test_future_dates() -> None:
    today = dt.date(2020, 6, 15)
    assert parse_date("2020-06-15", today) == PartialDate(2020, 6, 15)
    assert parse_date("2020", today) == PartialDate(2020)
    for text in ("2020-06-16", "2020-07", "2021"):
        with pytest.raises(ValueError, match="future"):
            parse_date(text, today)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),
        ("1234", "1234"),
        ("0", "0"),
        ("12,5", "12.5"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
    ],
)
def test_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["-5", "−5,00", "abc", "12.345", "1,2,3", "1.2.3"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text)):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("m", "m"),
        ("M", "m"),
        ("male", "m"),
        ("м", "m"),
        ("mees", "m"),
        ("Vīrietis", "m"),
        ("f", "f"),
        ("Female", "f"),
        ("Ж", "f"),
        ("naine", "f"),
        ("sieviete", "f"),
    ],
)
def test_gender(text: str, expected: str) -> None:
    assert parse_gender(text) == expected


# --- record_id and payroll rules ----------------------------------------------------------------


def test_duplicate_record_id_names_both_rows() -> None:
    items = parse(person(record_id="A-1"), person(record_id="A-2"), person(record_id="A-1"))
    assert len(people_of(items)) == 2
    [issue] = issues_of(items)
    assert (issue.row, issue.column, issue.code) == (4, "record_id", "duplicate_record_id")
    assert "row 2" in issue.detail and "'A-1'" in issue.detail


def test_payroll_rows_sharing_a_record_id() -> None:
    items = parse(pay(1), pay(2, amount="1 234,50", pay_sheet="17"), pay(3, currency="rub"))
    assert issues_of(items) == []
    rows = people_of(items)
    assert [r.record_id for r in rows] == ["P-1"] * 3
    assert rows[0].record_type is RecordType.PAYROLL
    assert rows[0].payroll == [PayrollEntry(1985, 1, Decimal("150.00"), Currency.SUR)]
    assert rows[1].payroll == [PayrollEntry(1985, 2, Decimal("1234.50"), Currency.SUR, "17")]
    assert rows[2].payroll[0].currency is Currency.RUB


def test_payroll_conflicting_person() -> None:
    items = parse(pay(1), pay(2), pay(3, surname="Kask"), pay(4, birth_date="1951"))
    assert len(people_of(items)) == 2
    a, b = issues_of(items)
    assert (a.row, a.code) == (4, "conflicting_person")
    assert "row 2" in a.detail and "surname" in a.detail
    assert (b.row, b.code) == (5, "conflicting_person")
    assert "birth_date" in b.detail


def test_payroll_conflicting_reference() -> None:
    [issue] = issues_of(parse(pay(1), pay(2, file="46")))
    assert (issue.row, issue.code) == (3, "conflicting_person")
    assert "reference" in issue.detail


def test_payroll_first_bad_row_does_not_poison_the_account() -> None:
    items = parse(pay(1, birth_date="1950-02-30"), pay(2), pay(3))
    [issue] = issues_of(items)
    assert (issue.row, issue.code) == (2, "bad_date")
    assert len(people_of(items)) == 2


def test_payroll_duplicate_month() -> None:
    items = parse(pay(1), pay(2), pay(1, amount="99"))
    [issue] = issues_of(items)
    assert (issue.row, issue.column, issue.code) == (4, "pay_month", "duplicate_pay_month")
    assert "row 2" in issue.detail
    # the same month in another account is fine
    assert issues_of(parse(pay(1), pay(1, record_id="P-2"))) == []


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("pay_year", "", "required"),
        ("pay_year", "85", "bad_year"),
        ("pay_year", "1700", "bad_year"),
        ("pay_month", "", "required"),
        ("pay_month", "13", "bad_month"),
        ("pay_month", "0", "bad_month"),
        ("amount", "", "required"),
        ("amount", "-10", "bad_amount"),
        ("amount", "ten", "bad_amount"),
        ("currency", "", "required"),
        ("currency", "USD", "bad_currency"),
    ],
)
def test_payroll_cell_errors(column: str, value: str, code: str) -> None:
    [issue] = issues_of(parse(pay(1), pay(2, **{column: value})))
    assert (issue.row, issue.column, issue.code) == (3, column, code)


def test_payroll_columns_on_a_non_payroll_row() -> None:
    items = parse(person(pay_year="1985", amount="12"))
    assert {(i.column, i.code) for i in issues_of(items)} == {
        ("pay_year", "not_payroll"),
        ("amount", "not_payroll"),
    }
    assert people_of(items) == []


def test_payroll_record_id_reused_by_another_type() -> None:
    items = parse(pay(1), person(record_id="P-1"), person(record_id="A-1"), pay(2, record_id="A-1"))
    a, b = issues_of(items)
    assert (a.row, a.code) == (3, "duplicate_record_id")
    assert (b.row, b.code) == (5, "duplicate_record_id")
    assert "row 4" in b.detail


# --- volume -------------------------------------------------------------------------------------


def test_100k_rows_with_one_bad_row(tmp_path: Path) -> None:
    bad_row = 73_512  # spreadsheet row number
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(HEADER)
        for i in range(2, 100_002):
            birth = "1978-02-30" if i == bad_row else f"19{i % 90 + 10}-0{i % 9 + 1}-1{i % 10}"
            surname = "Иванов" if i % 2 else "Tamm"
            w.writerow(
                [
                    f"R{i}",
                    "personnel",
                    surname,
                    "Иван",
                    "",
                    birth,
                    "Р-1",
                    "1",
                    str(i // 50),
                    str(i % 300 + 1),
                ]
            )
    start = time.perf_counter()
    with open_table(path) as table:
        assert table.count_rows() == 100_000
        people = issues = 0
        found = []
        for item in parse_rows(table.rows(), "NLA"):
            if isinstance(item, ImportIssue):
                issues += 1
                found.append(item)
            else:
                people += 1
    elapsed = time.perf_counter() - start
    assert issues == 1
    assert (found[0].row, found[0].column, found[0].code) == (bad_row, "birth_date", "bad_date")
    assert people == 99_999
    assert elapsed < 10  # ~1.5 s on a laptop; generous for loaded CI machines

"""Open an import spreadsheet (CSV or XLSX) and stream its rows as text cells.

open_table sniffs the file (binary? XLSX? CSV encoding and delimiter?), reads and checks the
header, and returns a TableSource whose rows() streams {column: text} dicts with the row
numbers the spreadsheet shows (header = 1 when it is the first row). Nothing reads the whole
file into memory.
"""

from __future__ import annotations

import codecs
import csv
import re
import weakref
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from clerk_app.imports.columns import (
    KNOWN_COLUMNS,
    REQUIRED_COLUMNS,
    check_columns,
    normalize_header,
)
from clerk_app.imports.errors import ImportFileError

_HEAD_BYTES = 8192
_CHUNK = 1 << 20
_SAMPLE_BYTES = 256 * 1024
_HEADER_SEARCH_ROWS = 1000  # blank rows tolerated above the header
_DELIMITERS = (",", ";", "\t")
_EXTRA = ""  # key for values of unnamed / surplus columns (parse_rows reports them)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, password-protected .xlsx
_TEXT_BYTES = (
    bytes([7, 8, 9, 10, 11, 12, 13, 27]) + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
)
_NON_ASCII_BYTE = re.compile(rb"[\x80-\xff]")

# Windows-1251 decodes every byte except 0x98 to *something*; a Baltic or Western legacy file
# (cp1257/cp1252) decoded as cp1251 gives Cyrillic letters stuck inside Latin words
# ("Mõttus" → "Mхttus") or rare Serbian/Macedonian letters. Real Russian text does not.
_RUSSIAN_OK = re.compile(
    "[\u0410-\u044f\u0401\u0451\u0406\u0456\u0407\u0457\u0404\u0454\u0490\u0491\u040e\u045e"
    "\u2116\u00ab\u00bb\u2013\u2014\u201c\u201d\u201e\u2018\u2019\u2026\u00a0\u00a7\u00b0"
    "\u00b1\u00b7\u2022]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


class TableSource:
    """An opened import file. Use as a context manager (or call close()) for XLSX files."""

    format: str  # "csv" | "xlsx"
    encoding: str | None  # "utf-8", "utf-8-sig", "cp1251" for CSV; None for XLSX
    delimiter: str | None  # ",", ";" (or tab) for CSV; None for XLSX
    columns: list[str]  # canonical (lower-case) names of the named columns, in file order

    def __init__(
        self,
        path: Path,
        format: str,
        header: list[str],
        header_row: int,
        encoding: str | None = None,
        delimiter: str | None = None,
        workbook: Any = None,
        approx_rows: int | None = None,
    ) -> None:
        self.path = path
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.header_row = header_row  # spreadsheet row number of the header (1 unless blanks)
        self._header = header  # per physical column, '' for unnamed ones
        self.columns = [c for c in header if c]
        self._simple = all(header)  # every column named: rows map by zip()
        self._named = [(i, c) for i, c in enumerate(header) if c]
        self._workbook = workbook
        self._approx_rows = approx_rows
        self._finalizer = weakref.finalize(self, workbook.close) if workbook is not None else None

    def __repr__(self) -> str:
        return (
            f"TableSource({str(self.path)!r}, format={self.format!r}, "
            f"encoding={self.encoding!r}, delimiter={self.delimiter!r})"
        )

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()

    def __enter__(self) -> TableSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- rows ---------------------------------------------------------------------------------

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, {column: text}) for every non-empty data row, streaming.

        Cells are raw text (parse_rows trims them); a row shorter than the header lacks the
        trailing keys. Values under unnamed columns or beyond the last column are joined under
        the key '' so that parse_rows can report them. Raises ImportFileError ("encoding",
        "malformed_csv") when the file turns bad part-way.
        """
        if self.format == "xlsx":
            return self._xlsx_rows()
        return self._csv_rows()

    def _slow_row(self, rec: list[str]) -> dict[str, str]:
        n = len(rec)
        row = {c: rec[i] for i, c in self._named if i < n}
        header = self._header
        extra = [
            x.strip()
            for i, x in enumerate(rec)
            if x and x.strip() and (i >= len(header) or not header[i])
        ]
        if extra:
            row[_EXTRA] = " | ".join(extra)
        return row

    def _csv_rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        header_row = self.header_row
        cols = self._header
        ncols = len(cols)
        simple = self._simple
        row_no = 0
        with open(self.path, encoding=self.encoding, newline="") as f:
            reader = csv.reader(f, delimiter=self.delimiter or ",")
            try:
                for rec in reader:
                    row_no += 1
                    if row_no <= header_row or not any(rec):
                        continue
                    if len(rec) > ncols and not any(rec[ncols:]):
                        del rec[ncols:]  # trailing delimiters
                    if simple and len(rec) == ncols:
                        yield row_no, dict(zip(cols, rec, strict=True))
                    else:
                        yield row_no, self._slow_row(rec)
            except UnicodeDecodeError as e:
                # the text layer decodes ahead of the csv reader: find the line itself
                line, bad = _first_undecodable_line(self.path, self.encoding or "utf-8")
                raise ImportFileError(
                    "encoding",
                    f"line {line} is not valid {self.encoding} text (bytes {bad!r}); the file"
                    " mixes encodings: save it as CSV UTF-8",
                    row=line,
                ) from e
            except csv.Error as e:
                raise ImportFileError(
                    "malformed_csv", f"{e} (an unclosed quote?)", row=row_no + 1
                ) from e

    def _xlsx_rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        if self._finalizer is None or not self._finalizer.alive:
            raise ImportFileError("xlsx_unreadable", "the workbook has been closed")
        header_row = self.header_row
        cols = self._header
        ncols = len(cols)
        simple = self._simple
        ws = self._workbook.worksheets[0]
        for row_no, values in enumerate(ws.iter_rows(values_only=True), 1):
            if row_no <= header_row:
                continue
            rec = [_cell_text(x) for x in values]
            if not any(rec):
                continue
            # read-only rows are as long as the row's last stored cell: fit them to the header
            if len(rec) < ncols:
                rec.extend([""] * (ncols - len(rec)))
            elif len(rec) > ncols and not any(rec[ncols:]):
                del rec[ncols:]
            if simple and len(rec) == ncols:
                yield row_no, dict(zip(cols, rec, strict=True))
            else:
                yield row_no, self._slow_row(rec)

    def count_rows(self) -> int:
        """Data rows, for a progress bar. Fast; approximate for CSV with quoted newlines or
        blank lines and for XLSX files whose stored dimension is off."""
        if self.format == "xlsx":
            if self._approx_rows is not None:
                return max(0, self._approx_rows - self.header_row)
            return sum(1 for _ in self.rows())
        lines = 0
        last = b""
        with open(self.path, "rb") as f:
            while chunk := f.read(_CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        if last and last != b"\n":
            lines += 1
        return max(0, lines - self.header_row)


def _first_undecodable_line(path: Path, encoding: str) -> tuple[int, bytes]:
    """(physical line number, offending bytes) of the first line that does not decode."""
    with open(path, "rb") as f:
        for line_no, line in enumerate(f, 1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError as e:
                return line_no, line[e.start : e.end]
    return 0, b""


def _cell_text(value: object) -> str:
    """An XLSX cell value → the text an archivist sees (1978 → '1978', date → ISO)."""
    if value is None:
        return ""
    t = type(value)
    if t is str:
        return value  # type: ignore[return-value]
    if t is int:
        return str(value)
    if t is float:
        if value.is_integer():  # type: ignore[attr-defined]
            return str(int(value))  # type: ignore[call-overload]
        return format(value, ".15g")  # drop binary noise: 1234.5600000000002 → 1234.56
    if t is datetime:
        return value.date().isoformat()  # type: ignore[attr-defined]
    if t is date:
        return value.isoformat()  # type: ignore[attr-defined]
    if t is bool:
        return "TRUE" if value else "FALSE"
    return str(value)


# --- opening ---------------------------------------------------------------------------------


def open_table(path: str | Path) -> TableSource:
    """Open a CSV or XLSX import file and check its header. Raises ImportFileError."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except FileNotFoundError as e:
        raise ImportFileError("not_found", f"no such file: {p}") from e
    except IsADirectoryError as e:
        raise ImportFileError("not_found", f"{p} is a folder, not a file") from e
    except OSError as e:
        raise ImportFileError("unreadable", f"cannot read {p}: {e.strerror or e}") from e
    if not head:
        raise ImportFileError("empty", f"{p.name} is empty")
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(p)
    if head.startswith(_OLE_MAGIC):
        raise ImportFileError(
            "legacy_xls",
            "an Excel 97-2003 (.xls) or password-protected workbook: save it as .xlsx or CSV",
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            "encoding", "UTF-16 text is not supported: save the file as CSV UTF-8"
        )
    if b"\0" in head or len(head.translate(None, _TEXT_BYTES)) > len(head) * 0.05:
        raise ImportFileError("binary", f"{p.name} is not a text (CSV) or XLSX file")
    encoding = _detect_encoding(p, head)
    return _open_csv(p, encoding)


def _detect_encoding(p: Path, head: bytes) -> str:
    """UTF-8 (with/without BOM) if the first non-ASCII stretch decodes, else plausible cp1251.

    Scans ASCII-only prefixes quickly so a file whose first Cyrillic name is at row 50,000 is
    still judged by that name, not by its ASCII start.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    sample = b""
    with p.open("rb") as f:
        while chunk := f.read(_CHUNK):
            if chunk.isascii():
                continue
            m = _NON_ASCII_BYTE.search(chunk)
            start = m.start() if m is not None else 0
            sample = chunk[start : start + _SAMPLE_BYTES]
            if len(sample) < _SAMPLE_BYTES:
                sample += f.read(_SAMPLE_BYTES - len(sample))
            break
    if not sample:
        return "utf-8"  # pure ASCII
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = sample.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_russian(text):
        return "cp1251"
    raise ImportFileError(
        "encoding",
        "the file is neither UTF-8 nor Windows-1251 (Cyrillic) text: "
        "save it as CSV UTF-8 (e.g. Excel: 'CSV UTF-8 (Comma delimited)')",
    )


def _plausible_russian(text: str) -> bool:
    non_ascii = len(_NON_ASCII.findall(text))
    if non_ascii == 0:
        return True
    if len(_RUSSIAN_OK.findall(text)) < 0.95 * non_ascii:
        return False
    cyrillic_words = mixed = 0
    for word in _WORD.findall(text):
        if _CYRILLIC.search(word):
            cyrillic_words += 1
            if _LATIN.search(word):
                mixed += 1
    return mixed <= 0.1 * cyrillic_words


def _choose_header(fields_by_delim: dict[str, list[str]]) -> tuple[str, list[str]]:
    """The delimiter whose header split names the most known columns."""
    best = max(
        fields_by_delim,
        key=lambda d: (
            sum(1 for c in fields_by_delim[d] if c in KNOWN_COLUMNS),
            len(fields_by_delim[d]),
        ),
    )
    return best, fields_by_delim[best]


def _open_csv(p: Path, encoding: str) -> TableSource:
    header_line = None
    header_row = 0
    try:
        with open(p, encoding=encoding, newline="") as f:
            for header_row, line in enumerate(f, 1):
                if line.strip(" \t\r\n,;\"'\ufeff"):
                    header_line = line
                    break
                if header_row >= _HEADER_SEARCH_ROWS:
                    break
    except UnicodeDecodeError as e:
        raise ImportFileError("encoding", f"the header is not valid {encoding} text") from e
    if header_line is None:
        raise ImportFileError("empty", f"{p.name} has no header row")
    candidates = {}
    for d in _DELIMITERS:
        try:
            fields = next(csv.reader([header_line], delimiter=d), [])
        except csv.Error:
            continue
        candidates[d] = [normalize_header(x) for x in fields]
    delimiter, header = _choose_header(candidates)
    _check_header(header)
    return TableSource(p, "csv", header, header_row, encoding=encoding, delimiter=delimiter)


def _check_header(header: list[str]) -> None:
    while header and not header[-1]:
        header.pop()  # trailing empty header cells (a trailing delimiter, formatted cells)
    if not any(c in KNOWN_COLUMNS for c in header):
        shown = ", ".join(repr(c) for c in header[:12] if c)
        raise ImportFileError(
            "missing_columns",
            "missing required columns: "
            + ", ".join(REQUIRED_COLUMNS)
            + (f" (the first row holds {shown})" if shown else ""),
        )
    check_columns(header)


def _open_xlsx(p: Path) -> TableSource:
    import openpyxl  # imported lazily: CSV-only use does not pay for it

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as e:
        raise ImportFileError(
            "xlsx_unreadable", f"cannot read {p.name} as an Excel workbook: {e}"
        ) from e
    try:
        if not wb.worksheets:
            raise ImportFileError("empty", f"{p.name} has no worksheet")
        ws = wb.worksheets[0]
        approx = ws.max_row  # from the stored dimension; may be missing or wrong
        # A wrong stored dimension (some exporters write A1) would truncate reading: ignore it.
        ws.reset_dimensions()
        header: list[str] | None = None
        header_row = 0
        rows = ws.iter_rows(values_only=True)
        try:
            for header_row, values in enumerate(rows, 1):
                texts = [_cell_text(x).strip() for x in values]
                if any(texts):
                    header = [normalize_header(x) for x in texts]
                    break
                if header_row >= _HEADER_SEARCH_ROWS:
                    break
        finally:
            rows.close()
        if header is None:
            raise ImportFileError("empty", f"{p.name}: the first worksheet has no header row")
        _check_header(header)
    except ImportFileError:
        wb.close()
        raise
    except Exception as e:
        wb.close()
        raise ImportFileError(
            "xlsx_unreadable", f"cannot read {p.name} as an Excel workbook: {e}"
        ) from e
    return TableSource(p, "xlsx", header, header_row, workbook=wb, approx_rows=approx)

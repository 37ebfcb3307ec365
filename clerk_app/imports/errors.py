"""What the importer reports: a whole file it cannot use, or one bad cell / row."""

from __future__ import annotations

from dataclasses import dataclass


class ImportFileError(Exception):
    """The whole file is unusable (not found, binary, wrong columns, undecodable, ...).

    `code` is stable and meant for the UI to pick a translated message; `detail` is English
    and names what is wrong (the missing columns, the offending encoding, ...). `row` is set
    when the problem only shows up while streaming (e.g. an invalid byte far into a CSV).
    """

    def __init__(self, code: str, detail: str, row: int | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.row = row

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # pickled when a parser process reports it to the importing process
        return (ImportFileError, (self.code, self.detail, self.row))

    def __str__(self) -> str:
        if self.row is not None:
            return f"{self.detail} (row {self.row})"
        return self.detail

    def __repr__(self) -> str:
        return f"ImportFileError({self.code!r}, {self.detail!r}, row={self.row!r})"


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One bad cell or row.

    `row` is the row number as the spreadsheet shows it (header = 1, first data row = 2);
    `column` is the canonical lower-case column name, or None for row-level problems.
    """

    row: int
    column: str | None
    code: str
    detail: str

    def message(self) -> str:
        if self.column is None:
            return f"row {self.row}: {self.detail}"
        return f"row {self.row}, column {self.column}: {self.detail}"

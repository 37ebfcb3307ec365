"""Import person records from archivists' spreadsheets (CSV or XLSX).

    with open_table(path) as table:          # sniff format, encoding, delimiter; check header
        total = table.count_rows()           # for a progress bar
        for item in parse_rows(table.rows(), default_archive="NLA"):
            if isinstance(item, ImportIssue): ...   # item.message()
            else: ...                               # a PersonRow

Pure Python (core layer): no Qt, no database.
"""

from clerk_app.imports.columns import (
    KNOWN_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    REQUIRED_VALUES,
    check_columns,
    normalize_header,
)
from clerk_app.imports.errors import ImportFileError, ImportIssue
from clerk_app.imports.parser import parse_rows
from clerk_app.imports.table import TableSource, open_table
from clerk_app.imports.values import (
    parse_amount,
    parse_date,
    parse_gender,
    parse_sheets,
)

__all__ = [
    "KNOWN_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "REQUIRED_VALUES",
    "ImportFileError",
    "ImportIssue",
    "TableSource",
    "check_columns",
    "normalize_header",
    "open_table",
    "parse_amount",
    "parse_date",
    "parse_gender",
    "parse_rows",
    "parse_sheets",
]

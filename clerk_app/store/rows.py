"""A PersonRow made ready for person_record: column values, content hash, search keys.

Pure Python (no SQLAlchemy, no database): a parallel import runs prepare_item in its parser
process, so the writing process only resolves the archival hierarchy and inserts.
"""

from __future__ import annotations

import hashlib
import pickle
from decimal import Decimal

from clerk_app.core.records import PartialDate, PersonRow
from clerk_app.search.fold import record_keys

_ISO: dict[PartialDate, str] = {}


def _iso(d: PartialDate | None) -> str | None:
    if d is None:
        return None
    text = _ISO.get(d)
    if text is None:
        if len(_ISO) > 100_000:
            _ISO.clear()
        text = _ISO[d] = d.iso()
    return text


search_keys = record_keys  # (name_key with '|' between fields, space-joined index tokens)


def _period(row: PersonRow) -> tuple[int | None, int | None]:
    years = [
        d.year
        for d in (
            row.hired_date,
            row.dismissed_date,
            row.event_date,
            row.resided_from,
            row.resided_to,
        )
        if d is not None
    ]
    years += [e.year for e in row.payroll]
    return (min(years), max(years)) if years else (None, None)


# person_record columns a row provides, in the order record_values() returns them; the two
# period columns come last because a payroll account's period grows over many rows and is
# therefore kept out of the content hash
COLUMNS = (
    "record_id", "record_type", "sheets", "sheet_first", "sheet_last", "surname", "given_name",
    "patronymic", "maiden_name", "gender", "script", "translit_system", "birth_date",
    "birth_year", "enterprise", "position", "hired_date", "hired_order", "dismissed_date",
    "dismissed_order", "event_date", "event_place", "spouse_name", "address", "resided_from",
    "resided_to", "note", "period_from", "period_to",
)  # fmt: skip
DERIVED = (
    "file_unit_id",
    "name_key",
    "search_tokens",
    "fold_version",
    "content_hash",
    "updated_at",
)


def record_values(row: PersonRow) -> tuple[object, ...]:
    """The person_record values of a row in COLUMNS order."""
    ref = row.reference
    sheets = ref.sheets
    birth = row.birth_date
    return (
        row.record_id, str(row.record_type), sheets.text, sheets.first, sheets.last,
        row.surname, row.given_name, row.patronymic, row.maiden_name, row.gender,
        str(row.script), row.translit_system, _iso(birth), birth.year if birth else None,
        row.enterprise, row.position, _iso(row.hired_date), row.hired_order,
        _iso(row.dismissed_date), row.dismissed_order, _iso(row.event_date), row.event_place,
        row.spouse_name, row.address, _iso(row.resided_from), _iso(row.resided_to), row.note,
        *_period(row),
    )  # fmt: skip


def content_hash(values: tuple[object, ...], ref_key: tuple[str, str, str, str]) -> str:
    # pickle of str/int/None tuples is deterministic across runs, and C-fast
    data = pickle.dumps((values[:-2], *ref_key), 5)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# A PersonRow made ready for the store, as a plain tuple (it crosses a process boundary in a
# parallel import, and tuples pickle twice as fast as named tuples):
# (record_id, (archive, fonds, inventory, file), (archive_name, fonds_title, file_title) or
#  None, COLUMNS values, content hash or None (then the writer computes it), name_key,
#  search_tokens, ((year, month, amount, currency, sheet), ...) payroll months)
PreparedRow = tuple[
    str,
    tuple[str, str, str, str],
    tuple[str | None, str | None, str | None] | None,
    tuple[object, ...],
    str | None,
    str,
    str,
    tuple[tuple[int, int, Decimal, str, str | None], ...],
]


def prepare_row(row: PersonRow, with_hash: bool = True) -> PreparedRow:
    """Everything about a row that needs no database: values, hash, search keys. Pure and
    picklable by reference, so a parallel import runs it in its parser process."""
    ref = row.reference
    ref_key = (ref.archive, ref.fonds, ref.inventory, ref.file)
    values = record_values(row)
    key, tokens = search_keys(row.surname, row.given_name, row.patronymic, row.maiden_name)
    titles = (
        (row.archive_name, row.fonds_title, row.file_title)
        if row.archive_name or row.fonds_title or row.file_title
        else None
    )
    payroll = tuple((e.year, e.month, e.amount, str(e.currency), e.sheet) for e in row.payroll)
    return (
        row.record_id, ref_key, titles, values,
        content_hash(values, ref_key) if with_hash else None, key, tokens, payroll,
    )  # fmt: skip


def prepare_item(item: object) -> object:
    """What a parser process sends for an item: a PersonRow prepared (but for its content
    hash, which the writing process computes: that balances the two processes' work), an
    import issue unchanged."""
    return prepare_row(item, with_hash=False) if type(item) is PersonRow else item

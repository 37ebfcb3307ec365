"""SQLCipher connections and the file-level operations on them: encrypt a plain database, rotate
its key, tell plain from encrypted.

The driver is `sqlcipher3` from the `sqlcipher3-wheels` distribution (zlib licence; bundles
SQLCipher 4 community edition, BSD-style, with SQLite 3.5x, FTS5, JSON1 and OpenSSL 3,
Apache-2.0), which has wheels for Linux, Windows and macOS.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import Any

from clerk_app.core.data_at_rest import AtRestError, AtRestRefused

SQLITE_MAGIC = b"SQLite format 3\x00"


def dbapi() -> ModuleType:
    from sqlcipher3 import dbapi2

    return dbapi2


def is_plain_sqlite(path: Path) -> bool:
    """True for an ordinary SQLite file (its header is readable); False for SQLCipher/absent."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except FileNotFoundError:
        return False


def connect_encrypted(path: Path, key: str, check_same_thread: bool = False) -> Any:
    """A sqlcipher3 connection with the key applied and checked."""
    conn = dbapi().connect(str(path), check_same_thread=check_same_thread)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to report
        conn.execute(f'PRAGMA key = "{key}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi().DatabaseError:
        conn.close()
        if is_plain_sqlite(path):
            raise AtRestRefused(AtRestError.NOT_ENCRYPTED, str(path)) from None
        raise AtRestRefused(AtRestError.WRONG_KEY, str(path)) from None
    return conn


def _tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


def _counts(conn: Any) -> dict[str, int]:
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(conn)}


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def encrypt_file(path: Path, key: str) -> dict[str, int]:
    """Turn the plain SQLite database at `path` into an encrypted one, in place.

    sqlcipher_export copies schema (FTS5 tables and triggers included) and data into a new
    encrypted file next to it; the row counts of every table are compared before the new file
    replaces the old one. Returns those counts. The old file's blocks may linger on the disk
    (see README: full-disk encryption covers that).
    """
    if not is_plain_sqlite(path):
        raise AtRestRefused(AtRestError.ALREADY_ENCRYPTED, str(path))
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    src = dbapi().connect(str(path))
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = src.execute("PRAGMA user_version").fetchone()[0]
        before = _counts(src)
        src.execute(f'ATTACH DATABASE ? AS encrypted KEY "{key}"', (str(tmp),))
        src.execute("SELECT sqlcipher_export('encrypted')")
        src.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        src.commit()
        src.execute("DETACH DATABASE encrypted")
    finally:
        src.close()
    check = connect_encrypted(tmp, key)
    try:
        after = _counts(check)
        check.execute("PRAGMA journal_mode=WAL")
    finally:
        check.close()
    if after != before:
        tmp.unlink(missing_ok=True)
        raise RuntimeError(f"export changed the row counts: {before} → {after}")
    _remove_sidecars(path)
    os.replace(tmp, path)
    return after


def rekey_file(path: Path, old_key: str, new_key: str) -> None:
    """Re-encrypt every page under a new key (SQLCipher's PRAGMA rekey; works in WAL mode)."""
    conn = connect_encrypted(path, old_key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f'PRAGMA rekey = "{new_key}"')
    finally:
        conn.close()

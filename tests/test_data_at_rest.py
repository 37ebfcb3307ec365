"""Data at rest: the workstation database (SQLCipher) and documents (AES-GCM) are encrypted.

The headline check runs `strings` (binutils) on the database, its WAL and shared-memory files
and looks for hundreds of the demo archive's surnames and given names in several scripts; the
same check on a plain database finds them, so it can fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from clerk_app.bootstrap import Workstation
from clerk_app.cli import main
from clerk_app.core.data_at_rest import AtRestError, AtRestRefused
from clerk_app.core.settings import Settings, save_settings
from clerk_app.store import keystore
from clerk_app.store.sqlcipher import connect_encrypted, is_plain_sqlite

STRINGS = shutil.which("strings")


def _names(ctx: Workstation) -> list[str]:
    """Surnames and given names of the demo archive (read through the key, as the app does)."""
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT DISTINCT surname, given_name FROM person_record ORDER BY surname")
        ).all()
    names = {n for row in rows for n in row if n and len(n) >= 5}
    return sorted(names)


def _found(files: list[Path], names: list[str]) -> set[str]:
    """Names that `strings` (7- and 8-bit, so UTF-8 Cyrillic too) or a raw byte scan find."""
    found: set[str] = set()
    blobs = []
    for f in files:
        for enc in ("s", "S"):
            out = subprocess.run(
                [STRINGS, "-a", "-n", "4", "-e", enc, str(f)], capture_output=True, check=True
            ).stdout.decode("utf-8", "replace")
            blobs.append(out)
        blobs.append(f.read_bytes().decode("utf-8", "replace"))
    text_all = "\n".join(blobs)
    for n in names:
        if n in text_all:
            found.add(n)
    return found


def _db_files(db: Path) -> list[Path]:
    return [
        p for p in (db, *(Path(f"{db}{s}") for s in ("-wal", "-shm", "-journal"))) if p.exists()
    ]


def _scripts(names: list[str]) -> set[str]:
    out = set()
    for n in names:
        if any("а" <= c.lower() <= "я" for c in n):
            out.add("cyrillic")
        elif any(c in "õäöüšžāēīūņļķģč" for c in n.lower()):
            out.add("latin-diacritics")
        else:
            out.add("latin")
    return out


@pytest.mark.skipif(STRINGS is None, reason="binutils strings missing")  # CI installs binutils
def test_strings_finds_no_demo_names_in_the_encrypted_database(clerk_home, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--persons", "400", "--seed", "7"]) == 0
    db = clerk_home / "clerk.db"
    # the WAL and -shm files must exist during the check: keep a connection open
    ctx = Workstation()
    names = _names(ctx)
    assert len(names) >= 300 and _scripts(names) == {"cyrillic", "latin", "latin-diacritics"}
    files = _db_files(db)
    assert Path(f"{db}-wal").exists() and len(files) >= 2
    assert not is_plain_sqlite(db)
    assert _found(files, names) == set()
    # the app reads them fine with the key
    capsys.readouterr()
    assert main(["search", names[0], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    with ctx.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    ctx.close()


@pytest.mark.skipif(STRINGS is None, reason="binutils strings missing")
def test_the_same_check_finds_names_in_a_plain_database_then_encrypt_removes_them(
    clerk_home, capsys
) -> None:  # type: ignore[no-untyped-def]
    clerk_home.mkdir(parents=True, exist_ok=True)
    save_settings(clerk_home / "settings.json", Settings(database_encryption="off"))
    assert main(["demo", "--persons", "150", "--seed", "3"]) == 0
    db = clerk_home / "clerk.db"
    assert is_plain_sqlite(db)
    ctx = Workstation()
    names = _names(ctx)
    ctx.close()
    assert len(_found(_db_files(db), names)) > len(names) // 2  # the check can fail
    capsys.readouterr()
    assert main(["db", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["encrypted"] is False
    assert main(["db", "encrypt"]) == 0
    assert "encrypted" in capsys.readouterr().out
    assert not is_plain_sqlite(db) and keystore.header_path(db).exists()
    assert _found(_db_files(db), names) == set()
    assert main(["search", names[1], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["db", "encrypt"]) == 1
    assert "already encrypted" in capsys.readouterr().err


def test_wrong_passphrase_and_no_key_are_clear_errors(clerk_home, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--persons", "20"]) == 0
    monkeypatch.setenv("CLERK_DB_PASSPHRASE", "not the right passphrase")
    capsys.readouterr()
    assert main(["search", "Ivanov"]) == 1
    err = capsys.readouterr().err
    assert "wrong database passphrase [wrong_passphrase]" in err and "Traceback" not in err
    monkeypatch.delenv("CLERK_DB_PASSPHRASE")
    assert main(["search", "Ivanov"]) == 1  # no TTY in tests: nothing to ask
    assert "needs a passphrase" in capsys.readouterr().err
    # a new workstation without a key source is not created plain behind the admin's back
    assert main(["--home", str(clerk_home.parent / "new"), "demo", "--persons", "5"]) == 1
    assert "[no_key_source]" in capsys.readouterr().err
    assert not (clerk_home.parent / "new" / "clerk.db").exists()


def test_a_foreign_key_file_does_not_open_the_database(clerk_home, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--persons", "10"]) == 0
    other = tmp_path / "other"
    assert main(["--home", str(other), "demo", "--persons", "5"]) == 0
    shutil.copy(other / "clerk.db.key", clerk_home / "clerk.db.key")  # same passphrase, other key
    capsys.readouterr()
    assert main(["info"]) == 1
    err = capsys.readouterr().err
    assert "does not open with this key" in err and "[wrong_key]" in err
    assert "ERROR CORE" not in err  # SQLCipher's own log stays quiet


def test_rekey_changes_the_passphrase_and_rotate_the_key(clerk_home, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--persons", "30"]) == 0
    ctx = Workstation()
    ctx.vault().put("certificates/NRV-2026-W1-00001.pdf", "%PDF- Щербаков Пётр".encode())
    ctx.close()
    before = json.loads((clerk_home / "clerk.db.key").read_text())["current"]["key_id"]
    monkeypatch.setenv("CLERK_DB_NEW_PASSPHRASE", "a brand new passphrase")
    assert main(["db", "rekey", "--passphrase"]) == 0
    monkeypatch.delenv("CLERK_DB_NEW_PASSPHRASE")
    capsys.readouterr()
    assert main(["info"]) == 1  # the old passphrase no longer opens it
    assert "wrong database passphrase" in capsys.readouterr().err
    monkeypatch.setenv("CLERK_DB_PASSPHRASE", "a brand new passphrase")
    assert main(["info"]) == 0
    assert main(["db", "rekey", "--rotate"]) == 0
    assert "1 documents re-encrypted" in capsys.readouterr().out
    after = json.loads((clerk_home / "clerk.db.key").read_text())["current"]["key_id"]
    assert after != before
    ctx = Workstation()
    assert ctx.vault().get("certificates/NRV-2026-W1-00001.pdf") == "%PDF- Щербаков Пётр".encode()
    old = keystore.DataKey(before, b"")  # the old key id is gone from the vault files
    assert not any(old.key_id.encode() in p.read_bytes() for p in ctx.home.documents.rglob("*.clv"))
    ctx.close()
    capsys.readouterr()
    assert main(["search", "Ivanov", "--json"]) == 0


def test_an_interrupted_rotation_recovers(clerk_home) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--persons", "10"]) == 0
    ctx = Workstation()
    ctx.vault().put("a.txt", b"one")
    ctx.close()
    at_rest = Workstation().at_rest
    at_rest.database_key()
    keys = keystore.begin_rotation(at_rest._db_keys)
    from clerk_app.store.sqlcipher import rekey_file

    rekey_file(at_rest.db_path, keys.current.sqlcipher_key(), keys.pending.sqlcipher_key())
    # crash here: the database has the new key, the header still names the old one as current
    ctx = Workstation()
    assert ctx.engine is not None and ctx.vault().get("a.txt") == b"one"
    header = json.loads((clerk_home / "clerk.db.key").read_text())
    assert "pending" not in header and header["current"]["key_id"] == keys.pending.key_id
    ctx.close()


class MemoryKeyring:
    """An OS key store stand-in (keyring's backend API), for machines without one."""

    priority = 5

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.items.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.items[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        self.items.pop((service, user), None)


def test_keyring_keeps_the_key_when_the_os_has_a_key_store(clerk_home, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backend import KeyringBackend

    class Backend(MemoryKeyring, KeyringBackend):
        pass

    store = Backend()
    previous = keyring.get_keyring()
    keyring.set_keyring(store)
    try:
        monkeypatch.delenv("CLERK_DB_PASSPHRASE")  # not needed: the key store answers
        assert main(["demo", "--persons", "10"]) == 0
        header = json.loads((clerk_home / "clerk.db.key").read_text())
        assert header["protector"] == "keyring" and "kdf" not in header
        assert len(store.items) == 1
        assert main(["info"]) == 0
        monkeypatch.setenv("CLERK_DB_NEW_PASSPHRASE", "moving to a passphrase now")
        assert main(["db", "rekey", "--passphrase"]) == 0
        assert store.items == {}  # the old key-encryption key is removed from the key store
        monkeypatch.setenv("CLERK_DB_PASSPHRASE", "moving to a passphrase now")
        assert main(["db", "rekey", "--keyring"]) == 0
        monkeypatch.delenv("CLERK_DB_PASSPHRASE")
        assert main(["info"]) == 0
        store.items.clear()  # the key store lost the entry: a clear error
        assert main(["info"]) == 1
    finally:
        keyring.set_keyring(previous)


def test_document_vault(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.store.vault import FileDocumentVault

    key = keystore.DataKey.new()
    vault = FileDocumentVault(tmp_path / "docs", [key])
    vault.put("outbox/msg-1.json", "Пылдмаа Юри".encode())
    vault.put("certificates/c-1.pdf", b"%PDF-1.7 Kask")
    assert vault.get("outbox/msg-1.json").decode() == "Пылдмаа Юри"
    assert vault.names() == ["certificates/c-1.pdf", "outbox/msg-1.json"]
    assert vault.names("outbox/") == ["outbox/msg-1.json"]
    raw = b"".join(p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file())
    assert "Пылдмаа".encode() not in raw and b"Kask" not in raw and b"msg-1" not in raw
    files = sorted((tmp_path / "docs").rglob("*.clv"))
    data = bytearray(files[0].read_bytes())
    data[-5] ^= 1
    files[0].write_bytes(bytes(data))
    damaged = []
    for name in vault.names():  # the sealed names are intact; one body is not
        try:
            vault.get(name)
        except AtRestRefused as exc:
            damaged.append(exc.code)
    assert damaged == [AtRestError.DOCUMENT_DAMAGED]
    a, b = files[0].read_bytes(), files[1].read_bytes()  # swapping two files is detected too
    files[0].write_bytes(b)
    files[1].write_bytes(a)
    with pytest.raises(AtRestRefused):
        vault.names()
    for bad in ("../x", "/etc/passwd", "a//b", ""):
        with pytest.raises(AtRestRefused) as exc:
            vault.put(bad, b"x")
        assert exc.value.code == AtRestError.BAD_DOCUMENT_NAME
    with pytest.raises(AtRestRefused) as exc:
        FileDocumentVault(tmp_path / "docs", [keystore.DataKey.new()]).get("outbox/msg-1.json")
    assert exc.value.code == AtRestError.DOCUMENT_DAMAGED  # another key cannot read the folder
    vault.delete("outbox/msg-1.json")
    assert not vault.exists("outbox/msg-1.json")


def test_sqlcipher_build_has_fts5_and_json1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    key = keystore.DataKey.new().sqlcipher_key()
    conn = connect_encrypted(tmp_path / "x.db", key)
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(a)")
    conn.execute("INSERT INTO f VALUES ('Щербаков Пётр')")
    assert conn.execute("SELECT a FROM f WHERE f MATCH 'Щербаков'").fetchall()
    assert conn.execute("""SELECT json_extract('{"a": [1, 2]}', '$.a[1]')""").fetchone()[0] == 2
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    conn.close()

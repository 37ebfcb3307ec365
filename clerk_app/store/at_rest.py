"""Data at rest for one workstation: which key opens its database and documents, and the
admin operations (status, encrypt a plain database, change the passphrase, rotate the key).

Rules:
- A SQLite database with a `<db>.key` header is encrypted: the key is unwrapped from it.
- A new workstation database is encrypted when settings `database_encryption` is "on" (the
  default): the data key goes into the OS key store when one is usable, otherwise it is wrapped
  with a passphrase (asked for through `ask`; the CLI reads CLERK_DB_PASSPHRASE or prompts).
- An existing database without a header stays plain until `clerk db encrypt`.
- Documents (DocumentVault) use the database's data key; where the database is not an
  encrypted SQLite file (PostgreSQL, or a plain file) they have their own header in the
  documents folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from clerk_app.core.data_at_rest import (
    AtRestError,
    AtRestRefused,
    PassphrasePrompt,
    Protector,
)
from clerk_app.store import keystore
from clerk_app.store.keystore import OpenedKeys, ScryptKdf
from clerk_app.store.sqlcipher import (
    connect_encrypted,
    encrypt_file,
    is_plain_sqlite,
    rekey_file,
)
from clerk_app.store.vault import FileDocumentVault

VAULT_HEADER = "vault.key"


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


@dataclass
class DbStatus:
    database: str
    exists: bool
    encrypted: bool
    protector: str | None
    key_id: str | None
    rotation_pending: bool
    documents: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class AtRest:
    def __init__(
        self,
        url: str,
        documents: Path,
        ask: PassphrasePrompt | None,
        encrypt_new: bool = True,
        kdf: ScryptKdf = ScryptKdf(),  # noqa: B008
    ) -> None:
        self.db_path = sqlite_file(url)
        self.documents = documents
        self._ask = ask
        self._encrypt_new = encrypt_new
        self._kdf = kdf
        self._db_keys: OpenedKeys | None = None
        self._vault_keys: OpenedKeys | None = None

    # -- database ---------------------------------------------------------------------
    @property
    def header(self) -> Path | None:
        return keystore.header_path(self.db_path) if self.db_path else None

    def _new_protection(self) -> tuple[Protector, str | None]:
        if keystore.keyring_usable():
            return Protector.KEYRING, None
        passphrase = self._ask(True) if self._ask else None
        if not passphrase:
            raise AtRestRefused(
                AtRestError.NO_KEY_SOURCE,
                "no OS key store: set CLERK_DB_PASSPHRASE or enter a passphrase",
            )
        return Protector.PASSPHRASE, passphrase

    def _recover_interrupted_encrypt(self) -> None:
        assert self.db_path and self.header
        tmp = self.header.with_name(self.header.name + ".new")
        if not self.header.exists() and tmp.exists():
            if self.db_path.exists() and not is_plain_sqlite(self.db_path):
                os.replace(tmp, self.header)  # the database was swapped, the header not yet
            else:
                tmp.unlink()  # the swap never happened: the database is still plain

    def database_key(self) -> str | None:
        """The SQLCipher key literal, or None for a plain or non-SQLite database."""
        if self.db_path is None:
            return None
        if self._db_keys is None:
            self._recover_interrupted_encrypt()
            assert self.header is not None
            if self.header.exists():
                self._db_keys = self._open_db_keys()
            elif self.db_path.exists() or not self._encrypt_new:
                return None
            else:
                protector, passphrase = self._new_protection()
                self._db_keys = keystore.create_header(
                    self.header, protector, passphrase, self._kdf
                )
        return self._db_keys.current.sqlcipher_key()

    def _open_db_keys(self) -> OpenedKeys:
        assert self.header and self.db_path
        keys = keystore.open_header(self.header, self._ask)
        if keys.pending and self.db_path.exists():
            # an interrupted rotation: whichever key opens the database is the live one
            try:
                connect_encrypted(self.db_path, keys.current.sqlcipher_key()).close()
            except AtRestRefused as exc:
                if exc.code != AtRestError.WRONG_KEY:
                    raise
                connect_encrypted(self.db_path, keys.pending.sqlcipher_key()).close()
                self._finish_rotation(keys)
        return keys

    def status(self) -> DbStatus:
        header = self.header
        data = keystore.KeyHeader.load(header).data if header and header.exists() else None
        return DbStatus(
            database=str(self.db_path) if self.db_path else "(not a SQLite file)",
            exists=bool(self.db_path and self.db_path.exists()),
            encrypted=bool(data) and not (self.db_path and is_plain_sqlite(self.db_path)),
            protector=data["protector"] if data else None,
            key_id=data["current"]["key_id"] if data else None,
            rotation_pending=bool(data and data.get("pending")),
            documents=str(self.documents),
        )

    # -- documents --------------------------------------------------------------------
    def vault(self) -> FileDocumentVault:
        keys = self._keys_for_vault()
        return FileDocumentVault(self.documents, keys.all())

    def _keys_for_vault(self) -> OpenedKeys:
        if self.database_key() is not None:
            assert self._db_keys is not None
            return self._db_keys
        if self._vault_keys is None:
            header = self.documents / VAULT_HEADER
            if header.exists():
                self._vault_keys = keystore.open_header(header, self._ask)
            else:
                self.documents.mkdir(parents=True, exist_ok=True)
                protector, passphrase = self._new_protection()
                self._vault_keys = keystore.create_header(header, protector, passphrase, self._kdf)
        return self._vault_keys

    # -- admin operations -------------------------------------------------------------
    def encrypt(self, protector: Protector | None = None, passphrase: str | None = None) -> int:
        """Encrypt the plain database in place; returns the number of rows carried over."""
        if self.db_path is None:
            raise AtRestRefused(AtRestError.NOT_SQLITE)
        assert self.header is not None
        if self.header.exists() or not is_plain_sqlite(self.db_path):
            raise AtRestRefused(AtRestError.ALREADY_ENCRYPTED, str(self.db_path))
        if protector is None:
            protector, passphrase = self._new_protection()
        pending_header = self.header.with_name(self.header.name + ".new")
        keys = keystore.create_header(pending_header, protector, passphrase, self._kdf)
        counts = encrypt_file(self.db_path, keys.current.sqlcipher_key())
        os.replace(pending_header, self.header)
        keys.header.path = self.header
        self._db_keys = keys
        return sum(counts.values())

    def change_protection(self, protector: Protector, passphrase: str | None = None) -> None:
        """New passphrase, or move between passphrase and OS key store: rewraps the key."""
        if self.database_key() is not None:
            assert self._db_keys is not None
            self._db_keys = keystore.rewrap(self._db_keys, protector, passphrase, self._kdf)
        else:
            keys = self._keys_for_vault()
            self._vault_keys = keystore.rewrap(keys, protector, passphrase, self._kdf)

    def rotate(self) -> int:
        """A new data key: re-encrypts the database and every document. Returns documents."""
        if self.database_key() is None:
            raise AtRestRefused(AtRestError.NOT_ENCRYPTED, str(self.db_path))
        assert self._db_keys is not None and self.db_path is not None
        keys = keystore.begin_rotation(self._db_keys)
        assert keys.pending is not None
        vault = FileDocumentVault(self.documents, [keys.pending, keys.current])
        moved = vault.reseal_all() if self.documents.exists() else 0
        rekey_file(self.db_path, keys.current.sqlcipher_key(), keys.pending.sqlcipher_key())
        self._finish_rotation(keys)
        return moved

    def _finish_rotation(self, keys: OpenedKeys) -> None:
        assert keys.pending is not None
        if self.documents.exists():
            FileDocumentVault(self.documents, [keys.pending, keys.current]).reseal_all()
        keystore.finish_rotation(keys)


def env_passphrase(new: bool) -> str | None:
    """Automation: CLERK_DB_PASSPHRASE (CLERK_DB_NEW_PASSPHRASE when setting a new one)."""
    if new and os.environ.get("CLERK_DB_NEW_PASSPHRASE"):
        return os.environ["CLERK_DB_NEW_PASSPHRASE"]
    return os.environ.get("CLERK_DB_PASSPHRASE") or None

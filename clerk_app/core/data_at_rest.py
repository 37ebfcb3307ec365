"""Data at rest: what the rest of the app needs to know about encrypted storage.

The workstation database (SQLCipher) and the stored documents (DocumentVault, AES-GCM) share
one random data key. That key is kept wrapped in a small header file next to the database; what
unwraps it is either a key in the OS key store (keyring) or an admin-set passphrase. Errors carry
codes; the UI and CLI word them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol


class AtRestError(StrEnum):
    NO_KEY_SOURCE = "no_key_source"  # no usable keyring and no passphrase given
    WRONG_PASSPHRASE = "wrong_passphrase"
    PASSPHRASE_TOO_SHORT = "passphrase_too_short"
    KEYRING_UNAVAILABLE = "keyring_unavailable"
    KEY_NOT_IN_KEYRING = "key_not_in_keyring"  # header says keyring, the entry is gone
    WRONG_KEY = "wrong_key"  # the database does not open with the key
    BAD_HEADER = "bad_header"
    NOT_ENCRYPTED = "not_encrypted"
    ALREADY_ENCRYPTED = "already_encrypted"
    NOT_SQLITE = "not_sqlite"  # encryption applies to the embedded SQLite only
    DOCUMENT_DAMAGED = "document_damaged"  # authentication tag mismatch: changed or wrong key
    DOCUMENT_NOT_FOUND = "document_not_found"
    BAD_DOCUMENT_NAME = "bad_document_name"


class AtRestRefused(Exception):
    def __init__(self, code: AtRestError, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail


class Protector(StrEnum):
    """What unwraps the data key."""

    KEYRING = "keyring"
    PASSPHRASE = "passphrase"


MIN_PASSPHRASE_LENGTH = 12

# Asked for a passphrase: `new=True` when one is being set (the UI asks twice). None = cancel.
PassphrasePrompt = Callable[[bool], str | None]


class DocumentVault(Protocol):
    """Encrypted files by name (e.g. "certificates/NRV-2026-W1-00012.pdf").

    Names are paths with `/`; `..` and absolute names are refused. The file name on disk is a
    keyed hash of the name, so names do not leak either.
    """

    def put(self, name: str, data: bytes) -> None:
        """Store (or replace) atomically."""
        ...

    def get(self, name: str) -> bytes:
        """AtRestRefused(DOCUMENT_NOT_FOUND / DOCUMENT_DAMAGED)."""
        ...

    def exists(self, name: str) -> bool: ...

    def delete(self, name: str) -> None: ...

    def names(self, prefix: str = "") -> list[str]: ...

"""The data key of an encrypted workstation and the header file that keeps it wrapped.

Envelope encryption: a random 32-byte data key (DEK) encrypts the database (SQLCipher raw key,
derived by HKDF) and the documents (AES-256-GCM, another HKDF derivation). The DEK is stored in
`<database>.key` (JSON) wrapped with AES-GCM under a key-encryption key (KEK) that is either

- `keyring`: a random KEK in the OS key store (Windows Credential Manager, macOS Keychain,
  Secret Service on Linux desktops) under service "clerk", or
- `passphrase`: scrypt(passphrase, salt) with the parameters stored in the header.

Changing the passphrase or moving to the keyring rewraps the DEK (instant, nothing else is
rewritten). Rotating the DEK itself re-encrypts the database (PRAGMA rekey) and every document;
the header then holds the new key as `pending` until the rotation is complete, so a crash in
between leaves both keys at hand.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from clerk_app.core.data_at_rest import (
    MIN_PASSPHRASE_LENGTH,
    AtRestError,
    AtRestRefused,
    PassphrasePrompt,
    Protector,
)

HEADER_FORMAT = "clerk-data-key"
HEADER_VERSION = 1
KEYRING_SERVICE = "clerk"


@dataclass(frozen=True)
class ScryptKdf:
    n: int = 2**16  # 64 MiB, ~0.2 s: once per process start
    r: int = 8
    p: int = 1


@dataclass(frozen=True)
class DataKey:
    key_id: str
    secret: bytes = field(repr=False)

    def _derive(self, info: bytes) -> bytes:
        return HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(self.secret)

    def sqlcipher_key(self) -> str:
        """The PRAGMA key literal: a raw 256-bit key, so no PBKDF2 runs per connection."""
        return f"x'{self._derive(b'clerk sqlcipher v1').hex()}'"

    def vault_key(self) -> bytes:
        return self._derive(b"clerk vault v1")

    @classmethod
    def new(cls) -> DataKey:
        return cls(uuid.uuid4().hex, secrets.token_bytes(32))


def header_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".key")


# -- keyring ----------------------------------------------------------------------------


def keyring_usable() -> bool:
    """A real OS key store is there (not the 'fail' or plaintext backends)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    return getattr(backend, "priority", 0) >= 1


def _keyring_get(account: str) -> bytes | None:
    import keyring

    value = keyring.get_password(KEYRING_SERVICE, account)
    return base64.b64decode(value) if value else None


def _keyring_set(account: str, kek: bytes) -> None:
    import keyring

    keyring.set_password(KEYRING_SERVICE, account, base64.b64encode(kek).decode())


def _keyring_delete(account: str) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError):
        keyring.delete_password(KEYRING_SERVICE, account)


# -- header -------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def _wrap(kek: bytes, key: DataKey) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    aad = f"{HEADER_FORMAT}:{key.key_id}".encode()
    return {
        "key_id": key.key_id,
        "nonce": _b64(nonce),
        "wrapped": _b64(AESGCM(kek).encrypt(nonce, key.secret, aad)),
    }


def _unwrap(kek: bytes, item: dict[str, str], protector: str) -> DataKey:
    aad = f"{HEADER_FORMAT}:{item['key_id']}".encode()
    try:
        secret = AESGCM(kek).decrypt(_unb64(item["nonce"]), _unb64(item["wrapped"]), aad)
    except InvalidTag:
        code = (
            AtRestError.WRONG_PASSPHRASE
            if protector == Protector.PASSPHRASE
            else AtRestError.KEY_NOT_IN_KEYRING
        )
        raise AtRestRefused(code) from None
    return DataKey(item["key_id"], secret)


def _kdf(passphrase: str, salt: bytes, kdf: ScryptKdf) -> bytes:
    """scrypt, remembered per process (keyed by a hash, not by the passphrase itself): the
    desktop app and a CLI run open the header more than once."""
    tag = hashlib.sha256(salt + passphrase.encode("utf-8")).digest() + repr(kdf).encode()
    cached = _KEK_CACHE.get(tag)
    if cached is None:
        cached = _scrypt(passphrase, salt, kdf)
        if len(_KEK_CACHE) >= 8:
            _KEK_CACHE.clear()
        _KEK_CACHE[tag] = cached
    return cached


_KEK_CACHE: dict[bytes, bytes] = {}


def _scrypt(passphrase: str, salt: bytes, kdf: ScryptKdf) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=kdf.n,
        r=kdf.r,
        p=kdf.p,
        maxmem=512 * 1024 * 1024,
        dklen=32,
    )


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@dataclass
class KeyHeader:
    """The parsed header file; `kek` is kept only in memory while it is being changed."""

    path: Path
    data: dict[str, Any]

    @property
    def protector(self) -> Protector:
        return Protector(self.data["protector"])

    @classmethod
    def load(cls, path: Path) -> KeyHeader:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != HEADER_FORMAT or int(data.get("version", 0)) > HEADER_VERSION:
                raise ValueError("not a Clerk key header")
            Protector(data["protector"])
            data["current"]["key_id"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise AtRestRefused(AtRestError.BAD_HEADER, f"{path}: {exc}") from None
        return cls(path, data)

    def save(self) -> None:
        _write_atomic(self.path, self.data)


def _new_protection(
    protector: Protector, key_id: str, passphrase: str | None, kdf: ScryptKdf
) -> tuple[bytes, dict[str, Any]]:
    """A fresh KEK and the header fields that say how to get it back."""
    if protector == Protector.KEYRING:
        if not keyring_usable():
            raise AtRestRefused(AtRestError.KEYRING_UNAVAILABLE)
        kek = secrets.token_bytes(32)
        account = f"data-key-{key_id}-{secrets.token_hex(4)}"
        _keyring_set(account, kek)
        return kek, {
            "protector": str(protector),
            "keyring": {"service": KEYRING_SERVICE, "account": account},
        }
    if not passphrase or len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise AtRestRefused(AtRestError.PASSPHRASE_TOO_SHORT)
    salt = secrets.token_bytes(16)
    fields = {"name": "scrypt", "n": kdf.n, "r": kdf.r, "p": kdf.p, "salt": _b64(salt)}
    return _kdf(passphrase, salt, kdf), {"protector": str(protector), "kdf": fields}


def _kek(header: KeyHeader, ask: PassphrasePrompt | None) -> bytes:
    data = header.data
    if header.protector == Protector.KEYRING:
        if not keyring_usable():
            raise AtRestRefused(AtRestError.KEYRING_UNAVAILABLE)
        kek = _keyring_get(data["keyring"]["account"])
        if kek is None:
            raise AtRestRefused(AtRestError.KEY_NOT_IN_KEYRING)
        return kek
    passphrase = ask(False) if ask else None
    if not passphrase:
        raise AtRestRefused(AtRestError.NO_KEY_SOURCE, "the database needs its passphrase")
    k = data["kdf"]
    return _kdf(passphrase, _unb64(k["salt"]), ScryptKdf(int(k["n"]), int(k["r"]), int(k["p"])))


@dataclass
class OpenedKeys:
    """The data key (and, during a rotation, the pending one) of an unlocked header."""

    header: KeyHeader
    current: DataKey
    pending: DataKey | None = None
    kek: bytes = field(default=b"", repr=False)

    def all(self) -> list[DataKey]:
        return [self.current, *([self.pending] if self.pending else [])]


def create_header(
    path: Path,
    protector: Protector,
    passphrase: str | None = None,
    kdf: ScryptKdf = ScryptKdf(),
    key: DataKey | None = None,
    write: bool = True,
) -> OpenedKeys:
    key = key or DataKey.new()
    kek, fields = _new_protection(protector, key.key_id, passphrase, kdf)
    data = {
        "format": HEADER_FORMAT,
        "version": HEADER_VERSION,
        **fields,
        "current": _wrap(kek, key),
    }
    header = KeyHeader(path, data)
    if write:
        header.save()
    return OpenedKeys(header, key, None, kek)


def open_header(path: Path, ask: PassphrasePrompt | None) -> OpenedKeys:
    header = KeyHeader.load(path)
    kek = _kek(header, ask)
    current = _unwrap(kek, header.data["current"], header.protector)
    pending = header.data.get("pending")
    return OpenedKeys(
        header, current, _unwrap(kek, pending, header.protector) if pending else None, kek
    )


def rewrap(
    keys: OpenedKeys,
    protector: Protector,
    passphrase: str | None = None,
    kdf: ScryptKdf = ScryptKdf(),
) -> OpenedKeys:
    """Protect the same data key with a new passphrase or the keyring; nothing else changes."""
    kek, fields = _new_protection(protector, keys.current.key_id, passphrase, kdf)
    data = {
        "format": HEADER_FORMAT,
        "version": HEADER_VERSION,
        **fields,
        "current": _wrap(kek, keys.current),
    }
    if keys.pending:
        data["pending"] = _wrap(kek, keys.pending)
    header = KeyHeader(keys.header.path, data)
    header.save()
    old = keys.header.data.get("keyring", {}).get("account")
    if old and old != data.get("keyring", {}).get("account"):
        _keyring_delete(old)  # the old key-encryption key no longer protects anything
    return OpenedKeys(header, keys.current, keys.pending, kek)


def begin_rotation(keys: OpenedKeys) -> OpenedKeys:
    """Record a new data key as pending (or resume an interrupted rotation)."""
    if keys.pending is None:
        keys.pending = DataKey.new()
        keys.header.data["pending"] = _wrap(keys.kek, keys.pending)
        keys.header.save()
    return keys


def finish_rotation(keys: OpenedKeys) -> OpenedKeys:
    assert keys.pending is not None
    keys.header.data["current"] = keys.header.data.pop("pending")
    keys.header.save()
    keys.current, keys.pending = keys.pending, None
    return keys

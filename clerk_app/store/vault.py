"""Encrypted documents on disk (the DocumentVault port): AES-256-GCM with the data key.

File layout: `CLV1` | key id (16 bytes) | nonce (12) | length of the sealed name (2) | sealed
name | nonce (12) | sealed data. The name and the data are sealed separately (so listing reads
only the small first part) and both are bound to the key id and to the file's on-disk name by
the GCM associated data: swapping two files or changing a byte fails the tag check. On-disk names
are an HMAC of the document name, so names do not leak either. Writes are atomic (temporary
file, fsync, rename).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import struct
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clerk_app.core.data_at_rest import AtRestError, AtRestRefused
from clerk_app.store.keystore import DataKey

MAGIC = b"CLV1"
SUFFIX = ".clv"


def _check_name(name: str) -> str:
    p = PurePosixPath(name)
    if not name or p.is_absolute() or any(part in ("..", "") for part in name.split("/")):
        raise AtRestRefused(AtRestError.BAD_DOCUMENT_NAME, name)
    return str(p)


class FileDocumentVault:
    """A DocumentVault in a folder. `keys[0]` writes; every key in `keys` can read."""

    def __init__(self, root: Path, keys: Sequence[DataKey]) -> None:
        if not keys:
            raise ValueError("a vault needs a key")
        self.root = root
        self._keys = {bytes.fromhex(k.key_id): AESGCM(k.vault_key()) for k in keys}
        self._write_id = bytes.fromhex(keys[0].key_id)
        # the on-disk name must not change when the data key rotates: key it on the first key
        # ever used, recorded in the folder
        self._name_key = self._naming_key(keys[0])

    def _naming_key(self, key: DataKey) -> bytes:
        marker = self.root / ".naming"
        self.root.mkdir(parents=True, exist_ok=True)
        if marker.exists():
            sealed = marker.read_bytes()
            for k in self._keys.values():
                try:
                    return k.decrypt(sealed[:12], sealed[12:], b"clerk vault naming")
                except InvalidTag:
                    continue
            raise AtRestRefused(AtRestError.DOCUMENT_DAMAGED, ".naming")
        name_key = secrets.token_bytes(32)
        nonce = secrets.token_bytes(12)
        sealed = nonce + AESGCM(key.vault_key()).encrypt(nonce, name_key, b"clerk vault naming")
        _atomic_write(marker, sealed)
        return name_key

    def _path(self, name: str) -> Path:
        digest = hmac.new(self._name_key, name.encode("utf-8"), hashlib.sha256).hexdigest()
        return self.root / digest[:2] / (digest + SUFFIX)

    # -- the port ---------------------------------------------------------------------
    def put(self, name: str, data: bytes) -> None:
        name = _check_name(name)
        path = self._path(name)
        _atomic_write(path, self._seal(self._write_id, path.name, name, data))

    def get(self, name: str) -> bytes:
        name = _check_name(name)
        path = self._path(name)
        if not path.exists():
            raise AtRestRefused(AtRestError.DOCUMENT_NOT_FOUND, name)
        stored_name, data = self._open(path, with_data=True)
        if stored_name != name:
            raise AtRestRefused(AtRestError.DOCUMENT_DAMAGED, name)
        assert data is not None
        return data

    def exists(self, name: str) -> bool:
        return self._path(_check_name(name)).exists()

    def delete(self, name: str) -> None:
        self._path(_check_name(name)).unlink(missing_ok=True)

    def names(self, prefix: str = "") -> list[str]:
        out = []
        for path in self.root.glob(f"*/*{SUFFIX}"):
            name, _ = self._open(path, with_data=False)
            if name.startswith(prefix):
                out.append(name)
        return sorted(out)

    # -- rotation -------------------------------------------------------------------
    def reseal_all(self) -> int:
        """Re-encrypt every document written with another key under the writing key."""
        nonce = secrets.token_bytes(12)
        naming = self._keys[self._write_id].encrypt(nonce, self._name_key, b"clerk vault naming")
        _atomic_write(self.root / ".naming", nonce + naming)
        count = 0
        for path in self.root.glob(f"*/*{SUFFIX}"):
            if path.read_bytes()[4:20] == self._write_id:
                continue
            name, data = self._open(path, with_data=True)
            assert data is not None
            _atomic_write(path, self._seal(self._write_id, path.name, name, data))
            count += 1
        return count

    # -- format ---------------------------------------------------------------------
    def _seal(self, key_id: bytes, file_name: str, name: str, data: bytes) -> bytes:
        aead = self._keys[key_id]
        aad = MAGIC + key_id + file_name.encode()
        n1, n2 = secrets.token_bytes(12), secrets.token_bytes(12)
        sealed_name = aead.encrypt(n1, name.encode("utf-8"), aad + b"name")
        sealed_data = aead.encrypt(n2, data, aad + b"data")
        return b"".join(
            [MAGIC, key_id, n1, struct.pack(">H", len(sealed_name)), sealed_name, n2, sealed_data]
        )

    def _open(self, path: Path, with_data: bool) -> tuple[str, bytes | None]:
        raw = path.read_bytes()
        try:
            if raw[:4] != MAGIC:
                raise ValueError("not a vault file")
            key_id = raw[4:20]
            aead = self._keys.get(key_id)
            if aead is None:
                raise ValueError("written with an unknown key")
            aad = MAGIC + key_id + path.name.encode()
            n1 = raw[20:32]
            (length,) = struct.unpack(">H", raw[32:34])
            name = aead.decrypt(n1, raw[34 : 34 + length], aad + b"name").decode("utf-8")
            if not with_data:
                return name, None
            rest = raw[34 + length :]
            return name, aead.decrypt(rest[:12], rest[12:], aad + b"data")
        except (InvalidTag, ValueError, struct.error) as exc:
            raise AtRestRefused(AtRestError.DOCUMENT_DAMAGED, f"{path.name}: {exc}") from None


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)

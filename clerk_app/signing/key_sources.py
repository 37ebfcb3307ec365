"""Where a signing key comes from: the ID card in a reader, or a key file (admins, tests).

The card layer (clerk_app.card, built on pyscard) is imported only when a card is asked for,
so the rest of signing works, and is tested, on machines without PC/SC.
"""

from __future__ import annotations

from pathlib import Path

from clerk_app.core.keys import DigestSigner, KeyErrorCode, KeyHolderError


def software_key(key_file: Path, cert_file: Path) -> DigestSigner:
    from clerk_app.signing.software_key import SoftwareKeySigner

    try:
        return SoftwareKeySigner.from_files(key_file, cert_file)
    except OSError as exc:
        raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, f"{exc.filename}: {exc.strerror}") from exc
    except ValueError as exc:
        raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, str(exc)) from exc


def card_key(reader: str | None) -> DigestSigner:
    """The signing key of the ID card in `reader` (or the only card present)."""
    try:
        from clerk_app import card  # type: ignore[attr-defined]
    except ImportError as exc:
        raise KeyHolderError(
            KeyErrorCode.NO_PCSC_SERVICE, f"ID-card support is not available: {exc}"
        ) from exc
    opener = getattr(card, "open_signer", None)
    if opener is None:
        raise KeyHolderError(KeyErrorCode.NO_PCSC_SERVICE, "clerk_app.card has no open_signer")
    return opener(reader)  # type: ignore[no-any-return]

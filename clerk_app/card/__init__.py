"""ID cards over PC/SC (pyscard) and other tokens over PKCS#11. Qt-free.

For the signing layer::

    from clerk_app.card import open_signer
    with open_signer(reader=None) as signer:      # a clerk_app.core.keys.DigestSigner
        info = signer.preflight()                 # holder, certificate days left, PIN2 tries
        raw = signer.sign_digest(sha384_digest, pin2)   # r || s, 96 bytes

Errors are `KeyHolderError` with a `KeyErrorCode` (and `tries_left` for PINs).
"""

from clerk_app.card.pcsc import CardEvent, ReaderWatcher
from clerk_app.card.profiles.base import PinStatus
from clerk_app.card.token import (
    CardInfo,
    CardSigner,
    CertificateInfo,
    ReaderCard,
    list_cards,
    open_signer,
    read_card_info,
)

__all__ = [
    "CardEvent",
    "CardInfo",
    "CardSigner",
    "CertificateInfo",
    "PinStatus",
    "ReaderCard",
    "ReaderWatcher",
    "list_cards",
    "open_signer",
    "read_card_info",
]

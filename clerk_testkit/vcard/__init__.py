"""A virtual ID card on the real PC/SC stack: pyscard → pcscd → vpcd → this card.

    pcscd = start(tmp)                       # private pcscd with two vpcd readers
    os.environ.update(pcscd.env())           # before the first PC/SC context of the process
    issued = make_card("esteid2018", TestPki.create())
    link = VpcdLink(pcscd.ports["Virtual PCD 00 00"])
    link.insert(issued.card); wait_for_card("Virtual PCD 00 00")
    …
    link.remove(); pcscd.stop()

Cards: EstEID 2018, EstEID 2018 v2, Latvian eID (v1/v2, EC or RSA), EstEID 2025 (Thales).
"""

from __future__ import annotations

import time

from clerk_testkit.vcard.factory import KINDS, Holder, IssuedCard, make_card
from clerk_testkit.vcard.pcscd import READERS, Pcscd, start
from clerk_testkit.vcard.vpcd import VpcdLink

__all__ = [
    "KINDS",
    "READERS",
    "Holder",
    "IssuedCard",
    "Pcscd",
    "VpcdLink",
    "make_card",
    "start",
    "wait_for_card",
]


def wait_for_card(
    reader: str, present: bool = True, atr: bytes | None = None, timeout: float = 5
) -> None:
    """Block until pcscd reports the card in `reader` as present (with `atr`) or absent."""
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        raise RuntimeError(scard.SCardGetErrorMessage(hr))
    try:
        deadline = time.monotonic() + timeout
        state = scard.SCARD_STATE_UNAWARE
        while True:
            left_ms = int(max(0.0, deadline - time.monotonic()) * 1000)
            hr, states = scard.SCardGetStatusChange(ctx, left_ms, [(reader, state)])
            if hr == scard.SCARD_E_TIMEOUT:
                raise TimeoutError(f"{reader}: card {'not inserted' if present else 'not removed'}")
            if hr != scard.SCARD_S_SUCCESS:
                raise RuntimeError(scard.SCardGetErrorMessage(hr))
            _name, state, card_atr = states[0]
            is_present = bool(state & scard.SCARD_STATE_PRESENT) and not (
                state & scard.SCARD_STATE_MUTE
            )
            if is_present == present and (not present or atr is None or bytes(card_atr) == atr):
                return
            state &= ~scard.SCARD_STATE_CHANGED
    finally:
        scard.SCardReleaseContext(ctx)

"""The card's authentication key (PIN1) as the sign-in service's `AuthenticationKey` port.

The certificate is read once when the card is opened (no PIN); `pin1_status` gives the tries
left for the PIN dialog; `authenticate` runs the profile's MSE + VERIFY PIN1 + INTERNAL
AUTHENTICATE (PSO on Thales) in one PC/SC transaction. Errors are KeyHolderError, a wrong PIN1
with the tries left.
"""

from __future__ import annotations

import threading

from clerk_app.card.pcsc import CardConnection, PcscContext
from clerk_app.card.profiles.base import CardProfile, PinStatus
from clerk_app.card.token import open_card


class CardAuthKey:
    def __init__(
        self, ctx: PcscContext, conn: CardConnection, profile: CardProfile, card_type: str
    ) -> None:
        self._ctx, self._conn, self.profile = ctx, conn, profile
        self.card_type = card_type
        self.reader = conn.reader
        self._lock = threading.Lock()
        with conn.transaction():
            self._cert_der = profile.read_certificate(conn, "auth")

    def authentication_certificate(self) -> bytes:
        return self._cert_der

    def authenticate(self, challenge: bytes, pin: str) -> bytes:
        with self._lock, self._conn.transaction():
            return self.profile.authenticate(self._conn, challenge, pin)

    def pin1_status(self) -> PinStatus:
        with self._lock, self._conn.transaction():
            return self.profile.pin_status(self._conn, "pin1")

    def close(self) -> None:
        self._conn.close()
        self._ctx.close()

    def __enter__(self) -> CardAuthKey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_auth_key(reader: str | None = None) -> CardAuthKey:
    """The authentication key of the card in `reader` (default: the first supported card)."""
    ctx, conn, profile, card_type = open_card(reader)
    try:
        return CardAuthKey(ctx, conn, profile, card_type)
    except BaseException:
        conn.close()
        ctx.close()
        raise

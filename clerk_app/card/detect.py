"""Exact ATR → card type and profile, as every reference client does (reference/id-card.md §1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clerk_app.card.profiles.base import CardProfile
from clerk_app.card.profiles.idemia import IdemiaProfile
from clerk_app.card.profiles.latvia import LatviaProfile
from clerk_app.card.profiles.thales import ThalesProfile
from clerk_app.core.keys import KeyErrorCode, KeyHolderError


@dataclass(frozen=True)
class KnownCard:
    card_type: str
    factory: Callable[[str], CardProfile]

    def profile(self) -> CardProfile:
        return self.factory(self.card_type)


KNOWN_ATRS: dict[bytes, KnownCard] = {
    bytes.fromhex("3BDB960080B1FE451F830012233F536549440F9000F1"): KnownCard(
        "EstEID 2018", IdemiaProfile
    ),
    bytes.fromhex("3BDC960080B1FE451F830012233F54654944320F9000C3"): KnownCard(
        "EstEID 2018 v2", IdemiaProfile
    ),
    bytes.fromhex("3BDB960080B1FE451F830012428F536549440F900020"): KnownCard(
        "Latvian eID", LatviaProfile
    ),
    bytes.fromhex("3BDC960080B1FE451F830012428F54654944320F900012"): KnownCard(
        "Latvian eID v2", LatviaProfile
    ),
    bytes.fromhex("3BFF9600008031FE438031B85365494464B085051012233F1D"): KnownCard(
        "EstEID 2025", ThalesProfile
    ),
}


def identify(atr: bytes) -> KnownCard | None:
    return KNOWN_ATRS.get(bytes(atr))


def profile_for(atr: bytes) -> CardProfile:
    known = identify(atr)
    if known is None:
        raise KeyHolderError(KeyErrorCode.UNKNOWN_CARD, f"ATR {atr.hex(' ').upper()}")
    return known.profile()

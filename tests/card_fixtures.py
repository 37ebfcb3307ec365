"""pytest fixtures for the real PC/SC stack: pcscd + vpcd + virtual ID cards (registered in
conftest.py). pcscd starts once per session; every test plugs in its own fresh cards.

    def test_x(virtual_card):
        card = virtual_card("esteid2018")          # in "Virtual PCD 00 00", pcscd sees it
        card.pin2, card.issued.sign_cert, card.card.log, card.remove(), card.reinsert()
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from clerk_testkit.pki import TestPki
from clerk_testkit.vcard import READERS, IssuedCard, Pcscd, VpcdLink, make_card, wait_for_card
from clerk_testkit.vcard import pcscd as pcscd_mod
from clerk_testkit.vcard.card import VirtualCard

ALLOW = "CLERK_ALLOW_VIRTUAL_READER"


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    """Our own pcscd (private mount namespace, vpcd on free ports); clients in this process
    and its children reach it through PCSCLITE_CSOCK_NAME, set before any PC/SC context."""
    daemon = pcscd_mod.start(
        tmp_path_factory.mktemp("pcscd"), debug=os.environ.get("CLERK_PCSCD_DEBUG") == "1"
    )
    saved = {k: os.environ.get(k) for k in ("PCSCLITE_CSOCK_NAME", ALLOW)}
    os.environ.update(daemon.env())
    os.environ[ALLOW] = "1"
    yield daemon
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    daemon.stop()


@pytest.fixture(scope="session")
def empty_pcscd(tmp_path_factory: pytest.TempPathFactory, pcscd: Pcscd) -> Iterator[Pcscd]:
    """A second private pcscd with no reader configured: the "no reader" case, for
    subprocesses (pass its env)."""
    daemon = pcscd_mod.start_private(tmp_path_factory.mktemp("pcscd-empty"), readers=False)
    yield daemon
    daemon.stop()


@pytest.fixture(scope="session")
def card_pki() -> TestPki:
    return TestPki.create()


@dataclass
class InsertedCard:
    """A virtual card in a reader, with its keys' certificates, PINs and link."""

    issued: IssuedCard
    link: VpcdLink
    reader: str

    @property
    def card(self) -> VirtualCard:
        return self.issued.card

    @property
    def pin1(self) -> str:
        return self.issued.pin1

    @property
    def pin2(self) -> str:
        return self.issued.pin2

    @property
    def puk(self) -> str:
        return self.issued.puk

    def remove(self) -> None:
        self.link.remove()
        wait_for_card(self.reader, present=False)

    def reinsert(self) -> None:
        """Out and back in, slowly enough for pcscd to see the removal (as by hand)."""
        self.remove()
        self.link.insert(self.card)
        wait_for_card(self.reader, atr=self.card.atr)

    def apdus(self, ins: int) -> list[str]:
        """The card's log lines for one instruction byte (PINs masked)."""
        return [line for line in self.card.log if line[2:4] == f"{ins:02X}"]


@pytest.fixture
def virtual_card(pcscd: Pcscd, card_pki: TestPki) -> Iterator[Callable[..., InsertedCard]]:
    """Factory: `virtual_card(kind="esteid2018", reader=READERS[0], **make_card_kwargs)`, or
    `virtual_card(card=a_VirtualCard)` to plug in a hand-made card."""
    links: list[tuple[VpcdLink, str]] = []

    def insert(
        kind: str = "esteid2018",
        reader: str = READERS[0],
        card: VirtualCard | None = None,
        **kwargs: object,
    ) -> InsertedCard:
        if card is not None:
            issued = IssuedCard(card, None, None, None, "", "", "")  # type: ignore[arg-type]
        else:
            issued = make_card(kind, card_pki, **kwargs)  # type: ignore[arg-type]
        wait_for_card(reader, present=False)  # the previous test's card is gone for pcscd
        link = VpcdLink(pcscd.ports[reader])
        link.insert(issued.card)
        links.append((link, reader))
        wait_for_card(reader, atr=issued.card.atr)
        return InsertedCard(issued, link, reader)

    yield insert
    for link, _reader in links:
        link.remove()
    for reader in {r for _l, r in links}:
        wait_for_card(reader, present=False)


__all__ = ["READERS", "InsertedCard"]

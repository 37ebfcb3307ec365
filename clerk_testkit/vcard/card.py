"""The applet-independent part of a virtual card: dispatch, files, PIN counting, a masked log.

Subclasses (`idemia.IdemiaCard`, `thales.ThalesCard`) add the file tree, the PIN and key
references and the crypto commands of their profile (reference/id-card.md §2–§4).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from clerk_testkit.vcard.base import (
    CLA_NOT_SUPPORTED,
    DF,
    EF,
    END_REACHED,
    FILE_NOT_FOUND,
    INS_NOT_SUPPORTED,
    NO_CURRENT_EF,
    OK,
    PIN_BLOCKED,
    REF_NOT_FOUND,
    WRONG_DATA,
    WRONG_LENGTH,
    WRONG_OFFSET,
    WRONG_P1P2,
    CardPrivateKey,
    CardStatus,
    Command,
    Pin,
)

Response = tuple[bytes, int]


@dataclass
class CardKey:
    """A private key in the card, usable only in its DF after its PIN was verified."""

    ref: int
    key: CardPrivateKey
    pin_ref: int
    df: DF
    usage: str  # "auth" or "sign"


class VirtualCard:
    """One virtual card: `process(apdu)` returns response data || SW1 SW2.

    State that a real card loses on power-off (selected file, security environment,
    verified PINs) is reset by `power_on()`; PINs, tries and keys persist like on a real chip.
    """

    name = "virtual card"
    atr = b""
    pad = 0xFF
    truncated_read_sw = OK  # READ BINARY running past the end (6282 on Latvian cards)
    # The answer to the try that blocks a PIN: 63C0 (then 6983) as DigiDoc4 expects; 6983 right
    # away is the other reading of reference §5, unconfirmed on a real card.
    blocking_try_sw = 0x63C0

    def __init__(self) -> None:
        self.mf = DF(b"\x3f\x00")
        self.pins: dict[int, Pin] = {}
        self.keys: dict[int, CardKey] = {}
        self.log: list[str] = []
        self.signatures = 0  # successful signing operations, for "nothing was half-done"
        self._lock = threading.Lock()
        self.power_on()

    # -- lifecycle -------------------------------------------------------------------
    def power_on(self) -> None:
        self.cur_df: DF = self.mf
        self.cur_ef: EF | None = None
        self.verified: set[int] = set()
        self.se: tuple[str, CardKey, int] | None = None  # (operation, key, algorithm byte)

    def logout(self) -> None:
        self.verified.clear()
        self.se = None

    def process(self, raw: bytes) -> bytes:
        with self._lock:
            try:
                cmd = Command.parse(raw)
                data, sw = self.dispatch(cmd)
            except CardStatus as status:
                data, sw = b"", status.sw
            self.log.append(f"{self._masked(raw)} -> {sw:04X}")
            return data + sw.to_bytes(2, "big")

    def _masked(self, raw: bytes) -> str:
        ins = raw[1] if len(raw) > 1 else 0
        if ins in (0x20, 0x24, 0x2C) and len(raw) > 5:
            return raw[:5].hex().upper() + " <PIN>"
        return raw.hex().upper()

    def dispatch(self, cmd: Command) -> Response:
        if cmd.cla != 0x00:
            raise CardStatus(CLA_NOT_SUPPORTED)
        handler: Callable[[Command], Response] | None = {
            0xA4: self.select,
            0xB0: self.read_binary,
            0x20: self.verify,
            0x24: self.change_reference_data,
            0x2C: self.reset_retry_counter,
            0x22: self.manage_security_environment,
            0x2A: self.perform_security_operation,
            0x88: self.internal_authenticate,
            0xCB: self.get_data,
        }.get(cmd.ins)
        if handler is None:
            raise CardStatus(INS_NOT_SUPPORTED)
        return handler(cmd)

    # -- files -------------------------------------------------------------------------
    def fcp(self, node: DF | EF) -> bytes:
        if isinstance(node, EF):
            return bytes([0x62, 0x04, 0x80, 0x02]) + len(node.content).to_bytes(2, "big")
        return bytes([0x62, 0x07, 0x82, 0x01, 0x38, 0x83, 0x02]) + node.fid

    def walk(self, start: DF, path: bytes) -> DF | EF:
        if len(path) % 2 or not path:
            raise CardStatus(WRONG_DATA)
        node: DF | EF = start
        for i in range(0, len(path), 2):
            fid = path[i : i + 2]
            if not isinstance(node, DF):
                raise CardStatus(FILE_NOT_FOUND)
            if fid == b"\x3f\x00" and i == 0:
                node = self.mf
                continue
            child = node.children.get(fid)
            if child is None:
                raise CardStatus(FILE_NOT_FOUND)
            node = child
        return node

    def enter(self, node: DF | EF) -> None:
        if isinstance(node, EF):
            parent = self._parent_of(node)
            self.cur_df, self.cur_ef = parent, node
        else:
            if node is not self.cur_df:
                self.se = None  # a security environment belongs to its DF
            self.cur_df, self.cur_ef = node, None

    def _parent_of(self, ef: EF) -> DF:
        stack = [self.mf]
        while stack:
            df = stack.pop()
            if df.children.get(ef.fid) is ef:
                return df
            stack.extend(c for c in df.children.values() if isinstance(c, DF))
        raise CardStatus(FILE_NOT_FOUND)

    def select_by_aid(self, aid: bytes) -> DF:
        hit = self.mf.find_aid(aid)
        if hit is None:
            raise CardStatus(FILE_NOT_FOUND)
        return hit

    def select(self, cmd: Command) -> Response:
        p1, p2, data = cmd.p1, cmd.p2, cmd.data
        if p2 not in (0x00, 0x04, 0x0C):
            raise CardStatus(WRONG_P1P2)
        if p1 == 0x04:
            node: DF | EF = self.select_by_aid(data)
            self.on_aid_selected(node)  # type: ignore[arg-type]
            self.enter(node)
            return b"", OK
        if p1 == 0x00:
            node = self.mf if data in (b"", b"\x3f\x00") else self._child(data, any_type=True)
        elif p1 == 0x01:
            node = self._child(data, any_type=False)
        elif p1 == 0x02:
            if len(data) != 2:
                raise CardStatus(FILE_NOT_FOUND)
            node = self.cur_df.children.get(data) or _raise(FILE_NOT_FOUND)
            if not isinstance(node, EF):
                raise CardStatus(FILE_NOT_FOUND)
        elif p1 == 0x08:
            node = self.walk(self.mf, data)
        elif p1 == 0x09:
            node = self.walk(self.cur_df, data)
        else:
            raise CardStatus(WRONG_P1P2)
        self.enter(node)
        if p2 == 0x0C:
            return b"", OK
        return self.fcp(node), OK

    def _child(self, fid: bytes, any_type: bool) -> DF | EF:
        if len(fid) != 2:
            raise CardStatus(WRONG_DATA)
        for df in (self.cur_df, self.mf):
            node = df.children.get(fid)
            if node is not None and (any_type or isinstance(node, DF)):
                return node
        raise CardStatus(FILE_NOT_FOUND)

    def on_aid_selected(self, df: DF) -> None:
        """Hook: selecting the main application is the card's "logout"."""

    def read_binary(self, cmd: Command) -> Response:
        if cmd.p1 & 0x80:
            raise CardStatus(WRONG_P1P2)  # short-EF addressing: not used by these clients
        if self.cur_ef is None:
            raise CardStatus(NO_CURRENT_EF)
        offset = (cmd.p1 << 8) | cmd.p2
        content = self.cur_ef.content
        if offset >= len(content):
            raise CardStatus(WRONG_OFFSET)
        want = cmd.le or 256
        chunk = content[offset : offset + want]
        return chunk, (self.truncated_read_sw if len(chunk) < want else OK)

    # -- PINs --------------------------------------------------------------------------
    def pin_for(self, ref: int) -> Pin:
        """The PIN `ref` if usable in the current DF; 6A88 otherwise."""
        pin = self.pins.get(ref)
        if pin is None:
            raise CardStatus(REF_NOT_FOUND)
        return pin

    def pin_block(self, value: str) -> bytes:
        raw = value.encode("ascii")
        return raw + bytes([self.pad]) * (12 - len(raw))

    def unpad(self, block: bytes) -> str | None:
        text = block.rstrip(bytes([self.pad]))
        if not text.isdigit():
            return None
        return text.decode("ascii")

    def check_pin(self, ref: int, pin: Pin, block: bytes) -> None:
        """Compare a 12-byte PIN block, counting tries; raises 63Cx / 6983 on failure."""
        if len(block) != 12:
            raise CardStatus(WRONG_LENGTH)
        if pin.blocked:
            raise CardStatus(PIN_BLOCKED)
        typed = self.unpad(block)
        if typed is None or not pin.min_len <= len(typed) <= pin.max_len:
            raise CardStatus(WRONG_DATA)  # format refused before any comparison: no try spent
        self.check_activated(pin)
        if block == self.pin_block(pin.value):
            pin.tries_left = pin.max_tries
            self.verified.add(ref)
            return
        pin.tries_left -= 1
        self.verified.discard(ref)
        raise CardStatus(0x63C0 | pin.tries_left if pin.tries_left else self.blocking_try_sw)

    def check_activated(self, pin: Pin) -> None:
        """Hook for Thales' not-yet-activated PINs."""

    def verify(self, cmd: Command) -> Response:
        if cmd.p1 != 0x00:
            raise CardStatus(WRONG_P1P2)
        pin = self.pin_for(cmd.p2)
        if not cmd.data:  # status query: no try spent
            if pin.blocked:
                raise CardStatus(PIN_BLOCKED)
            if cmd.p2 in self.verified:
                return b"", OK
            raise CardStatus(0x63C0 | pin.tries_left)
        self.check_pin(cmd.p2, pin, cmd.data)
        return b"", OK

    def change_reference_data(self, cmd: Command) -> Response:
        if cmd.p1 != 0x00:
            raise CardStatus(WRONG_P1P2)
        pin = self.pin_for(cmd.p2)
        if len(cmd.data) != 24:
            raise CardStatus(WRONG_LENGTH)
        old, new = cmd.data[:12], cmd.data[12:]
        new_text = self.unpad(new)
        if new_text is None or not pin.min_len <= len(new_text) <= pin.max_len:
            raise CardStatus(WRONG_DATA)
        if pin.blocked:
            raise CardStatus(PIN_BLOCKED)
        if old == self.pin_block(pin.value):
            if new == old:
                raise CardStatus(WRONG_DATA)
            pin.value, pin.tries_left, pin.activated = new_text, pin.max_tries, True
            self.verified.add(cmd.p2)
            return b"", OK
        pin.tries_left -= 1
        raise CardStatus(0x63C0 | pin.tries_left)

    def set_new_pin(self, ref: int, block: bytes) -> None:
        pin = self.pin_for(ref)
        new_text = self.unpad(block)
        if len(block) != 12 or new_text is None or not pin.min_len <= len(new_text) <= 12:
            raise CardStatus(WRONG_DATA)
        pin.value, pin.tries_left, pin.activated = new_text, pin.max_tries, True

    # -- crypto hooks: the profiles implement these -------------------------------------------
    def reset_retry_counter(self, cmd: Command) -> Response:
        raise CardStatus(INS_NOT_SUPPORTED)

    def manage_security_environment(self, cmd: Command) -> Response:
        raise CardStatus(INS_NOT_SUPPORTED)

    def perform_security_operation(self, cmd: Command) -> Response:
        raise CardStatus(INS_NOT_SUPPORTED)

    def internal_authenticate(self, cmd: Command) -> Response:
        raise CardStatus(INS_NOT_SUPPORTED)

    def get_data(self, cmd: Command) -> Response:
        raise CardStatus(INS_NOT_SUPPORTED)


def _raise(sw: int) -> DF | EF:
    raise CardStatus(sw)


__all__ = ["END_REACHED", "CardKey", "VirtualCard"]

"""APDU building, response status words, and the BER-TLV reading the card profiles need.

Status words become `KeyHolderError` codes here, in one place (reference/id-card.md §5):
63Cx → wrong PIN with x tries left (63C0 → blocked), 6983/6984 → blocked, 6700/6A80 on a PIN
command → bad PIN format, everything unexpected → card error with the SW in the detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.core.keys import KeyErrorCode, KeyHolderError

OK = 0x9000
END_REACHED = 0x6282
WRONG_OFFSET = 0x6B00


def command(ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
    """A short APDU with CLA 00; `le=256` is sent as Le=00."""
    if len(data) > 255:
        raise ValueError("short APDUs carry at most 255 data bytes")
    if le is not None and not 1 <= le <= 256:
        raise ValueError("Le must be 1…256")
    apdu = bytes([0x00, ins, p1, p2])
    if data:
        apdu += bytes([len(data)]) + data
    if le is not None:
        apdu += bytes([le & 0xFF])
    return apdu


def select(p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
    return command(0xA4, p1, p2, data, le)


def select_aid(aid: bytes) -> bytes:
    return select(0x04, 0x0C, aid)


def read_binary(offset: int, le: int) -> bytes:
    if not 0 <= offset <= 0x7FFF:
        raise ValueError("READ BINARY offset out of range")
    return command(0xB0, offset >> 8, offset & 0xFF, le=le)


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw in (OK, END_REACHED)

    def require(self, operation: str) -> bytes:
        """The data if the SW means success; a CARD_ERROR naming the operation otherwise."""
        if not self.ok:
            raise card_error(self.sw, operation)
        return self.data


def card_error(sw: int, operation: str) -> KeyHolderError:
    return KeyHolderError(KeyErrorCode.CARD_ERROR, f"{operation}: SW {sw:04X}")


def pin_error(sw: int, operation: str, not_activated_sw: int | None = None) -> KeyHolderError:
    """The error of a failed VERIFY / CHANGE / RESET RETRY COUNTER, with the tries left."""
    if sw & 0xFFF0 == 0x63C0:
        left = sw & 0x0F
        if left == 0:
            return KeyHolderError(KeyErrorCode.PIN_BLOCKED, f"{operation}: SW {sw:04X}", 0)
        return KeyHolderError(KeyErrorCode.WRONG_PIN, f"{operation}: SW {sw:04X}", left)
    if sw in (0x6983, 0x6984):
        return KeyHolderError(KeyErrorCode.PIN_BLOCKED, f"{operation}: SW {sw:04X}", 0)
    if sw in (0x6700, 0x6A80, 0x6403):
        return KeyHolderError(KeyErrorCode.PIN_FORMAT, f"{operation}: SW {sw:04X}")
    if not_activated_sw is not None and sw == not_activated_sw:
        return KeyHolderError(KeyErrorCode.PIN_NOT_ACTIVATED, f"{operation}: SW {sw:04X}")
    if sw in (0x6400, 0x6401, 0x6402):
        reason = {
            0x6400: "PIN-pad timeout",
            0x6401: "PIN entry cancelled",
            0x6402: "new PINs differ",
        }
        return KeyHolderError(KeyErrorCode.CARD_ERROR, f"{operation}: {reason[sw]} (SW {sw:04X})")
    return card_error(sw, operation)


def pin_block(pin: str, pad: int) -> bytes:
    """ASCII digits padded to the 12-byte PIN block the cards expect."""
    raw = pin.encode("ascii")
    if len(raw) > 12:
        raise ValueError("PIN longer than 12 digits")
    return raw + bytes([pad]) * (12 - len(raw))


def check_pin_format(pin: str, min_len: int, max_len: int, label: str) -> None:
    """Refuse a PIN the card would refuse anyway, before it could cost a try."""
    if not pin.isascii() or not pin.isdigit() or not min_len <= len(pin) <= max_len:
        raise KeyHolderError(KeyErrorCode.PIN_FORMAT, f"{label} must be {min_len}–{max_len} digits")


# -- BER-TLV --------------------------------------------------------------------------------
def tlv_items(data: bytes) -> list[tuple[int, bytes]]:
    """Top-level (tag, value) pairs; multi-byte tags are returned as one integer (e.g. 0xDF21)."""
    items: list[tuple[int, bytes]] = []
    i = 0
    while i < len(data):
        if data[i] in (0x00, 0xFF):  # padding between objects
            i += 1
            continue
        tag = data[i]
        i += 1
        if tag & 0x1F == 0x1F:  # more tag bytes follow while bit 8 is set
            while True:
                if i >= len(data):
                    raise ValueError("truncated TLV tag")
                tag = (tag << 8) | data[i]
                i += 1
                if not data[i - 1] & 0x80:
                    break
        if i >= len(data):
            raise ValueError("truncated TLV length")
        length = data[i]
        i += 1
        if length & 0x80:
            n = length & 0x7F
            if n == 0 or n > 3 or i + n > len(data):
                raise ValueError("bad TLV length")
            length = int.from_bytes(data[i : i + n], "big")
            i += n
        if i + length > len(data):
            raise ValueError("TLV value runs past the data")
        items.append((tag, data[i : i + length]))
        i += length
    return items


def tlv_find(data: bytes, *path: int) -> bytes | None:
    """The value at a path of tags (searching each level's top-level objects), or None."""
    value: bytes | None = data
    for tag in path:
        if value is None:
            return None
        value = next((v for t, v in tlv_items(value) if t == tag), None)
    return value


def fcp_size(fcp: bytes) -> int:
    """The file size from an FCP template (62 …), tag 80 (data bytes) or else 81 (Thales)."""
    body = tlv_find(fcp, 0x62)
    if body is None:
        raise KeyHolderError(KeyErrorCode.CARD_ERROR, f"no FCP in SELECT answer {fcp.hex()}")
    for tag in (0x80, 0x81):
        size = tlv_find(body, tag)
        if size:
            return int.from_bytes(size, "big")
    raise KeyHolderError(KeyErrorCode.CARD_ERROR, f"no file size in FCP {fcp.hex()}")

"""Plug a virtual card into pcscd through the vsmartcard `vpcd` reader driver.

vpcd is the TCP server (one port per reader slot); the card is the client. Every message is a
2-byte big-endian length and a payload; a 1-byte payload is a control byte (00 power off,
01 power on, 02 reset, 04 "send the ATR"), anything longer a command APDU answered with
data || SW1 SW2. Connecting is "card inserted", closing is "card removed" (seen within one of
pcscd's ~0.4 s polls). TCP_QUICKACK before every recv avoids the 44 ms Nagle/delayed-ACK stall of
virtualsmartcard 0.8, which writes length and payload in two segments.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable

from clerk_testkit.vcard.base import Command
from clerk_testkit.vcard.card import VirtualCard

POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4


class VpcdLink:
    """One reader slot: insert, remove and swap virtual cards; drop the link mid-command."""

    def __init__(self, port: int, host: str = "127.0.0.1", quickack: bool = True) -> None:
        self.host, self.port = host, port
        self.quickack = quickack  # False only to measure the stall (bench/card_bench.py)
        self.card: VirtualCard | None = None
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._drop: Callable[[Command], bool] | None = None
        self.attached = threading.Event()
        self.dropped = threading.Event()

    # -- control -----------------------------------------------------------------------
    def insert(self, card: VirtualCard, timeout: float = 5.0) -> None:
        """Connect `card`; returns once vpcd talks to it (the first control byte)."""
        if self.inserted:
            raise RuntimeError("a card is already in this reader; remove() it first")
        self.remove()  # forget a link the card side already dropped
        self.card = card
        self.attached.clear()
        self.dropped.clear()
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=timeout)
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # vpcd not listening yet (pcscd still starting)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, name=f"vcard:{self.port}", daemon=True)
        self._thread.start()
        if not self.attached.wait(timeout):
            self.remove()
            raise TimeoutError(f"vpcd on port {self.port} did not talk to the card")

    def remove(self) -> None:
        """Pull the card: close the link and wait for the serving thread."""
        sock, thread = self._sock, self._thread
        self._sock, self._thread = None, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if thread is not None and thread is not threading.current_thread():
            thread.join(5)
        self.attached.clear()

    def swap(self, card: VirtualCard) -> None:
        self.remove()
        self.insert(card)

    def drop_on(self, predicate: Callable[[Command], bool]) -> None:
        """Once: when an APDU matching `predicate` arrives, close the link instead of answering
        (the card pulled out in the middle of that command)."""
        self._drop = predicate

    def drop_on_next_signature(self) -> None:
        self.drop_on(lambda c: c.ins == 0x2A and (c.p1, c.p2) == (0x9E, 0x9A))

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the link ----------------------------------------------------------------------
    def _recv(self, sock: socket.socket, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            if self.quickack:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self) -> None:
        sock, card = self._sock, self.card
        assert sock is not None and card is not None
        try:
            while True:
                (length,) = struct.unpack(">H", self._recv(sock, 2))
                payload = self._recv(sock, length)
                if length == 1:
                    self.attached.set()
                    ctrl = payload[0]
                    if ctrl in (POWER_ON, RESET):
                        card.power_on()
                    elif ctrl == GET_ATR:
                        self._send(sock, card.atr)
                    continue
                drop = self._drop
                if drop is not None:
                    try:
                        hit = drop(Command.parse(payload))
                    except Exception:
                        hit = False
                    if hit:
                        self._drop = None
                        self.dropped.set()
                        sock.shutdown(socket.SHUT_RDWR)
                        return
                self._send(sock, card.process(payload))
        except (EOFError, OSError):
            return
        finally:
            sock.close()

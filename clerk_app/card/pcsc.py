"""PC/SC through pyscard's `scard` layer: readers, connections, and a reader watcher thread.

Every PC/SC failure becomes a `KeyHolderError` with a code: no service (pcscd / WinSCard not
running), no reader, no card, card removed or reset during an operation. A card that vanishes
mid-command shows up in three ways, all mapped to CARD_REMOVED: an empty answer with success,
SCARD_E_NOT_TRANSACTED, then SCARD_W_REMOVED_CARD once pcscd has noticed.

Readers named `Virtual PCD …` (vsmartcard's test driver, which listens on the network) are
refused unless CLERK_ALLOW_VIRTUAL_READER=1 (test mode).
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from smartcard import scard

from clerk_app.card.apdu import Response
from clerk_app.core.keys import KeyErrorCode, KeyHolderError

VIRTUAL_PREFIX = "Virtual PCD"
ALLOW_VIRTUAL_ENV = "CLERK_ALLOW_VIRTUAL_READER"
PNP_NOTIFICATION = "\\\\?PnP?\\Notification"

_SERVICE_DOWN = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED}
_REMOVED = {
    scard.SCARD_W_REMOVED_CARD,
    scard.SCARD_W_RESET_CARD,
    scard.SCARD_E_NOT_TRANSACTED,
    scard.SCARD_E_READER_UNAVAILABLE,
    scard.SCARD_E_NO_SMARTCARD,
    scard.SCARD_W_UNPOWERED_CARD,
    scard.SCARD_W_UNRESPONSIVE_CARD,
    scard.SCARD_E_COMM_DATA_LOST,
    scard.SCARD_F_COMM_ERROR,
    scard.SCARD_E_INVALID_HANDLE,
}


def virtual_readers_allowed() -> bool:
    return os.environ.get(ALLOW_VIRTUAL_ENV, "") == "1"


def is_virtual(reader: str) -> bool:
    return reader.startswith(VIRTUAL_PREFIX)


def _message(hr: int) -> str:
    try:
        return f"{scard.SCardGetErrorMessage(hr)} (0x{hr & 0xFFFFFFFF:08X})"
    except Exception:  # pragma: no cover - pyscard always knows its own codes
        return f"0x{hr & 0xFFFFFFFF:08X}"


def _error(hr: int, operation: str) -> KeyHolderError:
    if hr in _SERVICE_DOWN:
        return KeyHolderError(KeyErrorCode.NO_PCSC_SERVICE, f"{operation}: {_message(hr)}")
    if hr == scard.SCARD_E_NO_READERS_AVAILABLE or hr == scard.SCARD_E_UNKNOWN_READER:
        return KeyHolderError(KeyErrorCode.NO_READER, f"{operation}: {_message(hr)}")
    if hr in _REMOVED:
        code = KeyErrorCode.NO_CARD if operation == "connect" else KeyErrorCode.CARD_REMOVED
        return KeyHolderError(code, f"{operation}: {_message(hr)}")
    return KeyHolderError(KeyErrorCode.CARD_ERROR, f"{operation}: {_message(hr)}")


@dataclass(frozen=True)
class ReaderState:
    name: str
    card_present: bool
    atr: bytes
    refused: bool  # a test reader outside test mode
    exclusive: bool = False  # another application holds the card exclusively


class PcscContext:
    """One PC/SC context. Not shared between threads that run at the same time."""

    def __init__(self) -> None:
        hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            raise _error(hr, "establish context")
        self.handle = ctx

    def close(self) -> None:
        if self.handle is not None:
            scard.SCardReleaseContext(self.handle)
            self.handle = None

    def __enter__(self) -> PcscContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def all_readers(self) -> list[str]:
        hr, readers = scard.SCardListReaders(self.handle, [])
        if hr == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if hr != scard.SCARD_S_SUCCESS:
            raise _error(hr, "list readers")
        return list(readers)

    def reader_states(self) -> list[ReaderState]:
        names = self.all_readers()
        if not names:
            return []
        hr, states = scard.SCardGetStatusChange(
            self.handle, 0, [(n, scard.SCARD_STATE_UNAWARE) for n in names]
        )
        if hr != scard.SCARD_S_SUCCESS:
            raise _error(hr, "reader status")
        out = []
        for name, state, atr in states:
            present = bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE
            out.append(
                ReaderState(
                    name,
                    present,
                    bytes(atr) if present else b"",
                    is_virtual(name) and not virtual_readers_allowed(),
                    bool(state & scard.SCARD_STATE_EXCLUSIVE),
                )
            )
        return out

    def usable_readers(self) -> list[ReaderState]:
        """Readers the app may use; NO_READER if there are none (saying so if only test readers)."""
        states = self.reader_states()
        usable = [s for s in states if not s.refused]
        if not usable:
            detail = "no PC/SC reader connected"
            if states:
                detail = (
                    f"only test readers ({', '.join(s.name for s in states)}); "
                    f"set {ALLOW_VIRTUAL_ENV}=1 in test mode"
                )
            raise KeyHolderError(KeyErrorCode.NO_READER, detail)
        return usable

    def connect(self, reader: str) -> CardConnection:
        if is_virtual(reader) and not virtual_readers_allowed():
            raise KeyHolderError(
                KeyErrorCode.NO_READER, f"{reader} is a test reader; refused outside test mode"
            )
        hr, handle, protocol = scard.SCardConnect(
            self.handle,
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if hr == scard.SCARD_E_UNKNOWN_READER:
            raise KeyHolderError(KeyErrorCode.NO_READER, f"no reader named {reader!r}")
        if hr in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD):
            raise KeyHolderError(KeyErrorCode.NO_CARD, f"no card in {reader}")
        if hr != scard.SCARD_S_SUCCESS:
            raise _error(hr, "connect")
        hr, _name, _state, _proto, atr = scard.SCardStatus(handle)
        if hr != scard.SCARD_S_SUCCESS:
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
            raise _error(hr, "connect")
        return CardConnection(reader, bytes(atr), handle, protocol)


class CardConnection:
    """A shared connection to the card in one reader.

    The handle stays valid only for the card it was opened on: after a removal (or a swap) every
    call raises CARD_REMOVED, so a signature can never go to another card than the one whose
    certificate was read. We never reconnect silently.
    """

    def __init__(self, reader: str, atr: bytes, handle: int, protocol: int) -> None:
        self.reader, self.atr = reader, atr
        self._handle: int | None = handle
        self._protocol = protocol
        self._lock = threading.RLock()

    def transmit(self, apdu: bytes) -> Response:
        with self._lock:
            if self._handle is None:
                raise KeyHolderError(KeyErrorCode.CARD_REMOVED, "connection closed")
            hr, resp = scard.SCardTransmit(self._handle, self._protocol, list(apdu))
            if hr != scard.SCARD_S_SUCCESS:
                raise _error(hr, f"transmit {apdu[:4].hex().upper()}")
            if len(resp) < 2:  # the reader driver lost the card mid-command
                raise KeyHolderError(
                    KeyErrorCode.CARD_REMOVED, f"no answer to {apdu[:4].hex().upper()}"
                )
            return Response(bytes(resp[:-2]), (resp[-2] << 8) | resp[-1])

    @contextmanager
    def transaction(self) -> Iterator[CardConnection]:
        """Exclusive use of the card for one sequence (e.g. SELECT … VERIFY … PSO)."""
        with self._lock:
            if self._handle is None:
                raise KeyHolderError(KeyErrorCode.CARD_REMOVED, "connection closed")
            hr = scard.SCardBeginTransaction(self._handle)
            if hr != scard.SCARD_S_SUCCESS:
                raise _error(hr, "begin transaction")
            try:
                yield self
            finally:
                if self._handle is not None:
                    scard.SCardEndTransaction(self._handle, scard.SCARD_LEAVE_CARD)

    def still_present(self) -> bool:
        with self._lock:
            if self._handle is None:
                return False
            hr, *_rest = scard.SCardStatus(self._handle)
            return hr == scard.SCARD_S_SUCCESS

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                scard.SCardDisconnect(self._handle, scard.SCARD_LEAVE_CARD)
                self._handle = None


# -- watching readers ------------------------------------------------------------------------
@dataclass(frozen=True)
class CardEvent:
    """`kind`: reader-added, reader-removed, card-inserted, card-removed, service-lost,
    service-back."""

    kind: str
    reader: str = ""
    atr: bytes = b""


class ReaderWatcher:
    """A thread that follows readers and cards with SCardGetStatusChange.

    Subscribers are called on the watcher thread (the UI forwards to its GUI thread); `poll()`
    drains the same events from a queue for code that prefers polling. `stop()` cancels the
    blocking wait at once. When the PC/SC service is down it reports service-lost and retries.
    """

    def __init__(self, retry_seconds: float = 2.0) -> None:
        self._subscribers: list[Callable[[CardEvent], None]] = []
        self._queue: queue.SimpleQueue[CardEvent] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._ctx: int | None = None
        self._ctx_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._retry = retry_seconds
        self.states: dict[str, ReaderState] = {}

    def subscribe(self, callback: Callable[[CardEvent], None]) -> None:
        self._subscribers.append(callback)

    def poll(self) -> list[CardEvent]:
        out = []
        while True:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                return out

    def start(self) -> ReaderWatcher:
        self._thread = threading.Thread(target=self._run, name="card-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._ctx_lock:
            if self._ctx is not None:
                scard.SCardCancel(self._ctx)
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> ReaderWatcher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _emit(self, event: CardEvent) -> None:
        self._queue.put(event)
        for callback in list(self._subscribers):
            with contextlib.suppress(Exception):  # a subscriber's bug must not stop the watcher
                callback(event)

    def _run(self) -> None:
        service_up: bool | None = None
        while not self._stop.is_set():
            try:
                hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
                if hr != scard.SCARD_S_SUCCESS:
                    raise _error(hr, "establish context")
            except KeyHolderError:
                if service_up is not False:
                    self._emit(CardEvent("service-lost"))
                    self._forget_all()
                service_up = False
                self._stop.wait(self._retry)
                continue
            if service_up is False:
                self._emit(CardEvent("service-back"))
            service_up = True
            with self._ctx_lock:
                self._ctx = ctx
            try:
                lost = self._watch(ctx)
            finally:
                with self._ctx_lock:
                    self._ctx = None
                scard.SCardReleaseContext(ctx)
            if lost:
                self._emit(CardEvent("service-lost"))
                self._forget_all()
                service_up = False
                self._stop.wait(self._retry)

    def _forget_all(self) -> None:
        for name, st in list(self.states.items()):
            if st.card_present:
                self._emit(CardEvent("card-removed", name))
            self._emit(CardEvent("reader-removed", name))
        self.states.clear()

    def _watch(self, ctx: int) -> bool:
        """Follow changes until stopped; True if the service went away."""
        known: dict[str, int] = {}
        counts: dict[str, int] = {}
        pnp_state = scard.SCARD_STATE_UNAWARE
        while not self._stop.is_set():
            hr, names = scard.SCardListReaders(ctx, [])
            if hr == scard.SCARD_E_NO_READERS_AVAILABLE:
                names = []
            elif hr != scard.SCARD_S_SUCCESS:
                return True  # service gone (or broken): reconnect from scratch
            names = [n for n in names if not (is_virtual(n) and not virtual_readers_allowed())]
            for gone in set(self.states) - set(names):
                if self.states[gone].card_present:
                    self._emit(CardEvent("card-removed", gone))
                self._emit(CardEvent("reader-removed", gone))
                del self.states[gone]
                known.pop(gone, None)
            for new in names:
                if new not in self.states:
                    self.states[new] = ReaderState(new, False, b"", False)
                    known[new] = scard.SCARD_STATE_UNAWARE
                    self._emit(CardEvent("reader-added", new))
            watch = [(n, known[n]) for n in names] + [(PNP_NOTIFICATION, pnp_state)]
            hr, result = scard.SCardGetStatusChange(ctx, 1000, watch)
            if hr in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED, scard.SCARD_E_UNKNOWN_READER):
                continue  # (a reader vanished between list and wait: list again)
            if hr == scard.SCARD_E_NO_READERS_AVAILABLE:
                self._stop.wait(0.5)
                continue
            if hr != scard.SCARD_S_SUCCESS:
                return True
            for name, state, atr in result:
                if name == PNP_NOTIFICATION:
                    pnp_state = state & ~scard.SCARD_STATE_CHANGED
                    continue
                known[name] = state & ~scard.SCARD_STATE_CHANGED
                present = (
                    bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE
                )
                before = self.states.get(name)
                now = ReaderState(name, present, bytes(atr) if present else b"", False)
                self.states[name] = now
                # pcsc-lite counts card events in the high word: a quick swap between two
                # waits shows as "present before, present now" with another count
                count, last = (state >> 16) & 0xFFFF, counts.get(name)
                counts[name] = count
                swapped = last is not None and count != last and present
                was_present = before is not None and before.card_present
                if was_present and (not present or swapped or before.atr != now.atr):
                    self._emit(CardEvent("card-removed", name))
                if present and (not was_present or swapped or before.atr != now.atr):
                    self._emit(CardEvent("card-inserted", name, now.atr))
        return False

"""Hybrid logical clock: (max(wall, last.wall), counter, device) — a total order of changes
that survives skewed office clocks (sync.md §3, "HLC stamps"). Encoded so that string order
is clock order: 13-digit milliseconds, 5-digit counter, device id."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:05d}-{self.device}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, device = text.split("-", 2)
        return cls(int(wall), int(counter), device)


class Hlc:
    def __init__(self, device: str, last: Stamp | None = None, clock=time.time) -> None:  # type: ignore[no-untyped-def]
        self.device = device
        self._wall = last.wall_ms if last else 0
        self._counter = last.counter if last else 0
        self._clock = clock

    def now(self, wall_ms: int | None = None) -> Stamp:
        """A stamp for a local event (at `wall_ms` when the event happened earlier)."""
        wall = int(self._clock() * 1000) if wall_ms is None else wall_ms
        if wall > self._wall:
            self._wall, self._counter = wall, 0
        else:
            self._counter += 1
        return Stamp(self._wall, self._counter, self.device)

    def receive(self, remote: Stamp) -> None:
        """Advance past a stamp seen from another device, so later local stamps sort after."""
        if (remote.wall_ms, remote.counter) > (self._wall, self._counter):
            self._wall, self._counter = remote.wall_ms, remote.counter

    @property
    def last(self) -> Stamp:
        return Stamp(self._wall, self._counter, self.device)

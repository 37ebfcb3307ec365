"""Catalogue snapshots on the office server: built once per scope in the background, kept as
files, served with HTTP Range so a dropped download resumes where it stopped.

Files in the snapshot folder: `<id>.sqlite.gz` (the snapshot), `<key>.json` (the newest ready
snapshot of a scope), `<key>.lock` (a build in progress: pid and progress). Several server
workers share the folder; the lock file is created exclusively.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from clerk_app.store import sync_snapshot
from clerk_app.sync.protocol import Cursor

Builder = Callable[[Engine, Path, Sequence[str], Callable[[str, int], None]], dict[str, Any]]


def scope_key(scope: Sequence[str]) -> str:
    return hashlib.sha256(json.dumps(sorted(set(scope))).encode()).hexdigest()[:16]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_json(path: Path, value: dict[str, Any]) -> None:
    tmp = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
    tmp.write_text(json.dumps(value), encoding="utf-8")
    tmp.replace(path)


class SnapshotManager:
    def __init__(
        self,
        engine: Engine,
        directory: Path,
        max_age: timedelta = timedelta(hours=6),
        builder: Builder = sync_snapshot.build,  # type: ignore[assignment]
    ) -> None:
        self._engine = engine
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._max_age = max_age
        self._builder = builder
        self._threads: dict[str, threading.Thread] = {}
        self._guard = threading.Lock()

    def request(self, scope: Sequence[str], floor: Cursor | None = None) -> dict[str, Any]:
        """The newest ready snapshot of this scope, or the state of its build (started now if
        none is running). A snapshot older than the change log's `floor` is useless (its
        cursor would be refused) and is built again."""
        scope = sorted(set(scope))
        key = scope_key(scope)
        current = self._current(key)
        if current is not None and floor is not None and Cursor.parse(current["cursor"]) < floor:
            current = None
        if current is not None:
            return {"state": "ready", **current}
        lock = self.directory / f"{key}.lock"
        with self._guard:
            state = self._lock_state(key, lock)
            if state is not None:
                return {"state": "building", **state}
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return {"state": "building", "progress": {}}
            with os.fdopen(fd, "w") as fh:
                json.dump({"pid": os.getpid(), "started": time.time(), "progress": {}}, fh)
            thread = threading.Thread(
                target=self._build, args=(key, scope, lock), name=f"snapshot-{key}", daemon=True
            )
            self._threads[key] = thread
            thread.start()
        error = self.directory / f"{key}.error.json"
        error.unlink(missing_ok=True)
        return {"state": "building", "progress": {}}

    def file(self, snapshot_id: str) -> Path | None:
        if not snapshot_id.replace("-", "").isalnum():
            return None
        path = self.directory / f"{snapshot_id}.sqlite.gz"
        return path if path.is_file() else None

    def _current(self, key: str) -> dict[str, Any] | None:
        path = self.directory / f"{key}.json"
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        built = datetime.fromisoformat(meta["built_at"])
        if datetime.now(UTC) - built > self._max_age or self.file(meta["id"]) is None:
            return None
        return meta

    def _lock_state(self, key: str, lock: Path) -> dict[str, Any] | None:
        try:
            info = json.loads(lock.read_text(encoding="utf-8") or "{}")
        except FileNotFoundError:
            return None
        except ValueError:
            return {"progress": {}}  # being written right now
        pid = int(info.get("pid", 0))
        ours = pid == os.getpid()
        thread = self._threads.get(key)
        live = (thread is not None and thread.is_alive()) if ours else _alive(pid)
        if not live:
            lock.unlink(missing_ok=True)  # its builder died: build again
            return None
        return {"progress": info.get("progress", {})}

    def _build(self, key: str, scope: list[str], lock: Path) -> None:
        started = time.time()
        snapshot_id = f"{key}-{datetime.now(UTC):%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
        dest = self.directory / f"{snapshot_id}.sqlite.gz"
        last = [0.0]

        def progress(table: str, rows: int) -> None:
            if time.time() - last[0] > 0.5:
                last[0] = time.time()
                info = {"pid": os.getpid(), "started": started}
                _write_json(lock, info | {"progress": {"table": table, "rows": rows}})

        try:
            meta = self._builder(self._engine, dest, scope, progress)
            meta["id"] = snapshot_id
            _write_json(self.directory / f"{key}.json", meta)
            self._prune(key, keep={snapshot_id})
        except Exception as exc:  # the next request builds again; the reason stays on disk
            dest.unlink(missing_ok=True)
            _write_json(self.directory / f"{key}.error.json", {"error": repr(exc)})
        finally:
            lock.unlink(missing_ok=True)

    def _prune(self, key: str, keep: set[str]) -> None:
        """Keep the new snapshot and the one before it (somebody may be downloading it)."""
        files = sorted(self.directory.glob(f"{key}-*.sqlite.gz"))
        for path in files[:-2]:
            if path.name.removesuffix(".sqlite.gz") not in keep:
                path.unlink(missing_ok=True)

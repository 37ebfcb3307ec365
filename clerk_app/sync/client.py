"""HTTP client of the sync API (requests): gzip bodies, short connect and read timeouts,
retries with exponential back-off and full jitter, cancellable waits, resumable downloads.

A retried push sends the same change ids, so the server answers it from its receipts.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import requests

from clerk_app.sync.protocol import (
    RESYNC_REQUIRED,
    Change,
    Cursor,
    PullPage,
    PushResult,
    encode_body,
)


class SyncError(Exception):
    """offline, unauthorized, resync_required, not_found, refused, bad_response, cancelled,
    server_error."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class CancelToken:
    """Set from any thread; long operations stop at the next safe point."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise SyncError("cancelled")

    def wait(self, seconds: float) -> bool:
        return self._event.wait(seconds)


def backoff_delays(
    attempts: int, base: float = 0.5, cap: float = 30.0, rng: random.Random | None = None
) -> list[float]:
    """Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2ⁿ)]."""
    r = rng or random.Random()
    return [r.uniform(0, min(cap, base * 2**n)) for n in range(attempts)]


_RETRY_STATUS = {500, 502, 503, 504}
DOWNLOAD_CHUNK = 1 << 20


class SyncClient:
    def __init__(
        self,
        base_url: str,
        device_id: str = "",
        secret: str = "",
        verify: str | bool = True,
        timeout: tuple[float, float] = (5.0, 60.0),
        attempts: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        cancel: CancelToken | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._auth = f"Bearer {device_id}:{secret}" if device_id else ""
        self._verify = verify
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._base = backoff_base
        self._cap = backoff_cap
        self.cancel = cancel or CancelToken()
        self._http = session or requests.Session()
        self.retries = 0  # how many times a call was retried (for tests and status)

    def close(self) -> None:
        self._http.close()

    # -- plumbing -----------------------------------------------------------------------
    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        h = {"Accept-Encoding": "gzip"}
        if self._auth:
            h["Authorization"] = self._auth
        return h | (extra or {})

    def _call(self, method: str, path: str, stream: bool = False, **kw: Any) -> requests.Response:
        delays = backoff_delays(self._attempts - 1, self._base, self._cap)
        last: Exception | None = None
        for attempt in range(self._attempts):
            self.cancel.check()
            try:
                resp = self._http.request(
                    method,
                    self.base_url + path,
                    timeout=self._timeout,
                    verify=self._verify,
                    stream=stream,
                    **kw,
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = SyncError("offline", str(exc)[:300])
            else:
                if resp.status_code not in _RETRY_STATUS:
                    return resp
                last = SyncError("server_error", f"HTTP {resp.status_code}")
                resp.close()
            if attempt < self._attempts - 1:
                self.retries += 1
                if self.cancel.wait(delays[attempt]):
                    raise SyncError("cancelled")
        assert last is not None
        raise last

    @staticmethod
    def _error(resp: requests.Response) -> SyncError:
        try:
            body = resp.json()
            code, detail = body.get("code", "refused"), body.get("detail", "")
        except ValueError:
            code, detail = "refused", resp.text[:300]
        if resp.status_code == 401:
            code = "unauthorized"
        elif resp.status_code == 404 and code == "refused":
            code = "not_found"
        return SyncError(str(code), str(detail))

    def _json(self, resp: requests.Response) -> Any:
        if resp.status_code >= 400:
            raise self._error(resp)
        try:
            return resp.json()
        except ValueError as exc:
            raise SyncError("bad_response", str(exc)) from None

    # -- calls --------------------------------------------------------------------------
    def enrol(self, token: str, name: str | None, nonce: str) -> dict[str, Any]:
        resp = self._call(
            "POST", "/sync/enrol", json={"token": token, "name": name, "nonce": nonce},
            headers=self._headers(),
        )  # fmt: skip
        return self._json(resp)

    def push(self, changes: Sequence[Change]) -> list[PushResult]:
        body = encode_body({"changes": [c.__dict__ for c in changes]})
        resp = self._call(
            "POST",
            "/sync/push",
            data=body,
            headers=self._headers({"Content-Encoding": "gzip", "Content-Type": "application/json"}),
        )
        data = self._json(resp)
        results = [PushResult.from_json(r) for r in data["results"]]
        if [r.change_id for r in results] != [c.change_id for c in changes]:
            raise SyncError("bad_response", "push results do not match the changes")
        return results

    def push_access_log(self, entries: Sequence[dict[str, Any]]) -> int:
        """The next entries of this workstation's access log; returns the last one kept."""
        resp = self._call(
            "POST",
            "/sync/access-log",
            data=encode_body({"entries": list(entries)}),
            headers=self._headers({"Content-Encoding": "gzip", "Content-Type": "application/json"}),
        )
        return int(self._json(resp)["kept"])

    def pull(
        self, stream: str, after: Cursor, limit: int = 500, scope: Sequence[str] = ()
    ) -> PullPage:
        resp = self._call(
            "GET",
            "/sync/pull",
            params={
                "stream": stream,
                "after": after.encode(),
                "limit": limit,
                "scope": ",".join(scope),
            },
            headers=self._headers(),
        )
        if resp.status_code == 409:
            err = self._error(resp)
            if err.code == RESYNC_REQUIRED:
                raise err
        return PullPage.from_json(self._json(resp))

    def rows(self, entity: str, after: str | None, limit: int = 500) -> dict[str, Any]:
        params: dict[str, Any] = {"entity": entity, "limit": limit}
        if after is not None:
            params["after"] = after
        return self._json(self._call("GET", "/sync/rows", params=params, headers=self._headers()))

    def cursor(self, stream: str) -> Cursor:
        data = self._json(
            self._call("GET", "/sync/cursor", params={"stream": stream}, headers=self._headers())
        )
        return Cursor.parse(data["cursor"])

    def status(self) -> dict[str, Any]:
        return self._json(self._call("GET", "/sync/status", headers=self._headers()))

    def snapshot(self, scope: Sequence[str]) -> dict[str, Any]:
        return self._json(
            self._call(
                "POST", "/sync/snapshot", json={"scope": list(scope)}, headers=self._headers()
            )
        )

    def download(
        self,
        snapshot_id: str,
        dest: Path,
        size: int,
        progress: Callable[[int, int], None] | None = None,
        chunk: int | None = None,
    ) -> None:
        """Fetch the snapshot into `dest`, continuing a partial file with an HTTP Range
        request; a dropped link is retried from where it stopped."""
        failures = 0
        while True:
            have = dest.stat().st_size if dest.exists() else 0
            if have >= size:
                return
            headers = self._headers({"Range": f"bytes={have}-"} if have else {})
            headers["Accept-Encoding"] = "identity"
            resp = self._call("GET", f"/sync/snapshot/{snapshot_id}", stream=True, headers=headers)
            if resp.status_code >= 400:
                raise self._error(resp)
            mode = "ab" if resp.status_code == 206 else "wb"
            done = have if mode == "ab" else 0
            try:
                with dest.open(mode) as fh:
                    for block in resp.iter_content(chunk or DOWNLOAD_CHUNK):
                        self.cancel.check()
                        fh.write(block)
                        done += len(block)
                        if progress:
                            progress(done, size)
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                failures += 1
                if failures >= self._attempts:
                    raise SyncError("offline", str(exc)[:300]) from None
                self.retries += 1
                if self.cancel.wait(backoff_delays(1, self._base * 2**failures, self._cap)[0]):
                    raise SyncError("cancelled") from None
            finally:
                resp.close()

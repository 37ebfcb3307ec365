"""HTTP clients (requests): a partner's exchange endpoint over mutual TLS, and the own office
server with the enrolment token.

`trust_env` is off: measured on this machine, REQUESTS_CA_BUNDLE in the environment overrides a
Session's `verify`, so a partner's pinned CA would silently be replaced by the system bundle
(and a proxy variable would reroute partner traffic). Every call passes its CA explicitly.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import requests

from clerk_app.core.exchange import ExchangeError
from clerk_app.exchange.protocol import MESSAGES_PATH

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0


@dataclass(frozen=True)
class SubmitResult:
    """What one POST of a message came to."""

    kind: str  # "receipt", "rejected", "transient"
    status: int | None = None
    body: str | None = None  # the receipt JSON (kind == receipt)
    code: str | None = None  # problem code or ExchangeError
    detail: str = ""
    transmitted: bool = False  # the request may have reached the partner
    retry_after: float | None = None


def _session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    return s


def _retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _problem(resp: requests.Response) -> tuple[str, str]:
    try:
        body = resp.json()
        return str(body.get("code") or f"http_{resp.status_code}"), str(body.get("detail") or "")
    except ValueError:
        return f"http_{resp.status_code}", resp.text[:300]


class PartnerClient:
    """POSTs messages to one partner's endpoint; one keep-alive session per partner."""

    def __init__(
        self,
        endpoint: str,
        ca_file: Path,
        client_cert: Path,
        client_key: Path,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
    ) -> None:
        self.url = endpoint.rstrip("/") + MESSAGES_PATH
        self._verify = str(ca_file)
        self._cert = (str(client_cert), str(client_key))
        self._timeout = timeout
        self._s = _session()

    def submit(self, envelope_json: str, document: bytes | None) -> SubmitResult:
        body = '{"envelope":' + envelope_json
        if document is not None:
            body += ',"document":"' + base64.b64encode(document).decode("ascii") + '"'
        body += "}"
        try:
            resp = self._s.post(
                self.url,
                data=body.encode("utf-8"),
                headers={"Content-Type": "application/json"},
                verify=self._verify,
                cert=self._cert,
                timeout=self._timeout,
            )
        except requests.exceptions.SSLError as exc:
            return SubmitResult("transient", code=ExchangeError.TLS, detail=str(exc)[:500])
        except (requests.exceptions.ConnectTimeout, requests.exceptions.InvalidURL) as exc:
            return SubmitResult("transient", code=ExchangeError.NETWORK, detail=str(exc)[:500])
        except requests.exceptions.ConnectionError as exc:
            # refused before sending, or cut after: we cannot tell, so count it as transmitted
            # unless the connection was never made
            text = str(exc)
            never = "Failed to establish a new connection" in text or "refused" in text.lower()
            return SubmitResult(
                "transient", code=ExchangeError.NETWORK, detail=text[:500], transmitted=not never
            )
        except requests.exceptions.RequestException as exc:  # read timeout, broken body …
            return SubmitResult(
                "transient", code=ExchangeError.NETWORK, detail=str(exc)[:500], transmitted=True
            )
        if resp.status_code in (200, 201):
            return SubmitResult("receipt", resp.status_code, resp.text, transmitted=True)
        code, detail = _problem(resp)
        if resp.status_code in (408, 425, 429) or resp.status_code >= 500:
            return SubmitResult(
                "transient",
                resp.status_code,
                code=ExchangeError.SERVER_ERROR if resp.status_code >= 500 else code,
                detail=detail or f"HTTP {resp.status_code}",
                transmitted=True,
                retry_after=_retry_after(resp),
            )
        return SubmitResult(
            "rejected", resp.status_code, code=code, detail=detail, transmitted=True
        )

    def close(self) -> None:
        self._s.close()


class OfficeError(RuntimeError):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


class OfficeClient:
    """The workstation API of the own office server."""

    def __init__(
        self, base_url: str, ca_file: Path, token: str, timeout: float = READ_TIMEOUT
    ) -> None:
        self.base = base_url.rstrip("/") + "/v1/workstation"
        self._verify = str(ca_file)
        self._auth = {"Authorization": f"Bearer {token}"}
        self._timeout = (CONNECT_TIMEOUT, timeout)
        self._s = _session()

    def _call(self, method: str, path: str, **kw: Any) -> Any:
        try:
            resp = self._s.request(
                method,
                self.base + path,
                headers=self._auth,
                verify=self._verify,
                timeout=self._timeout,
                **kw,
            )
        except requests.exceptions.SSLError as exc:
            raise OfficeError(ExchangeError.TLS, str(exc)[:500]) from exc
        except requests.exceptions.RequestException as exc:
            raise OfficeError(ExchangeError.NETWORK, str(exc)[:500]) from exc
        if resp.status_code != 200:
            raise OfficeError(*_problem(resp))
        try:
            return resp.json()
        except ValueError as exc:
            raise OfficeError("malformed_response", resp.text[:300]) from exc

    def whoami(self) -> dict[str, Any]:
        return self._call("GET", "/whoami")  # type: ignore[no-any-return]

    def directory_json(self) -> str:
        return json.dumps(self._call("GET", "/directory"))

    def inbox(self, limit: int = 50) -> dict[str, Any]:
        return self._call("GET", "/inbox", params={"limit": limit})  # type: ignore[no-any-return]

    def ack(self, message_ids: Sequence[UUID]) -> int:
        body = {"message_ids": [str(m) for m in message_ids]}
        return int(self._call("POST", "/inbox/ack", json=body)["acknowledged"])

    def close(self) -> None:
        self._s.close()

"""The workstation's exchange setup, kept in the data home under `exchange/`:

- `exchange.json`: office server URL, enrolment token, own org code, device name;
- `office-ca.pem`: the CA of the office server's TLS certificate;
- `client.pem` / `client.key`: the office's client certificate for mutual TLS to partners
  (installed by the admin with `clerk exchange enrol`, mode 0600);
- `partners.json`: the partner directory as last fetched from the office server;
- `ca/<org>.pem`: each partner's TLS trust, written from the directory (requests needs files).

Written atomically; a missing or broken file reads as "not configured", never as a crash.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from clerk_app.exchange.directory import DirectoryError, PartnerDirectory

CONFIG_VERSION = 1


class NotConfigured(RuntimeError):
    """The workstation is not enrolled with an office server (run `clerk exchange enrol`)."""


@dataclass
class ExchangeConfig:
    office_url: str
    token: str
    org_code: str
    device: str
    version: int = CONFIG_VERSION


class ExchangeFolder:
    def __init__(self, home_root: Path) -> None:
        self.root = home_root / "exchange"

    @property
    def config_file(self) -> Path:
        return self.root / "exchange.json"

    @property
    def office_ca(self) -> Path:
        return self.root / "office-ca.pem"

    @property
    def client_cert(self) -> Path:
        return self.root / "client.pem"

    @property
    def client_key(self) -> Path:
        return self.root / "client.key"

    @property
    def directory_file(self) -> Path:
        return self.root / "partners.json"

    def partner_ca(self, org_code: str) -> Path:
        return self.root / "ca" / f"{org_code}.pem"

    # -- config ---------------------------------------------------------------------
    def load(self) -> ExchangeConfig:
        try:
            raw = json.loads(self.config_file.read_text(encoding="utf-8"))
            cfg = ExchangeConfig(
                **{k: raw[k] for k in ("office_url", "token", "org_code")}
                | {"device": raw.get("device", "")}
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise NotConfigured(str(self.config_file)) from exc
        return cfg

    def save(self, cfg: ExchangeConfig) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _write_private(self.config_file, json.dumps(asdict(cfg), indent=2).encode("utf-8"))

    def install_identity(self, office_ca: bytes, client_cert: bytes, client_key: bytes) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _write_private(self.office_ca, office_ca)
        _write_private(self.client_cert, client_cert)
        _write_private(self.client_key, client_key)

    # -- directory ------------------------------------------------------------------
    def load_directory(self) -> PartnerDirectory:
        try:
            text = self.directory_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise NotConfigured(f"{self.directory_file}: no partner directory yet") from exc
        try:
            return PartnerDirectory.from_json(text, str(self.directory_file))
        except DirectoryError as exc:
            raise NotConfigured(str(exc)) from exc

    def save_directory(self, directory: PartnerDirectory) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for p in directory:
            path = self.partner_ca(p.org_code)
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_private(path, p.tls_trust_pem.encode("ascii"))
        _write_private(self.directory_file, directory.to_json().encode("utf-8"))


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)

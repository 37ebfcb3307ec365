"""The office server's configuration, read from `server.toml` (tomllib) into typed models.

Relative paths are relative to the config file. Errors name the file and the key; nothing
starts on a half-understood config. docs/server-admin.md shows a complete file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clerk_app.exchange.protocol import Language, OrgCode

CONFIG_VERSION = 1


class ConfigError(ValueError):
    pass


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ListenerConfig(_Section):
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=0, le=65535)]
    certificate: Path = Field(description="PEM: the server's TLS certificate (+ chain)")
    key: Path = Field(description="PEM: its private key")


class PartnerListenerConfig(ListenerConfig):
    extra_client_cas: Path | None = Field(
        default=None, description="more CAs for client certificates besides the partners' own"
    )


class ReceiptConfig(_Section):
    key: Path
    certificate: Path = Field(description="PEM: receipt certificate first, then intermediates")


class ServerSection(_Section):
    org_code: OrgCode
    name: str = ""
    database: str = Field(description="postgresql://… or sqlite:///path")
    partners: Path = Path("partners.toml")
    accepted_languages: list[Language] = Field(default_factory=lambda: ["et", "ru", "lv", "en"])
    max_body_bytes: Annotated[int, Field(ge=10_000)] = 25 * 1024 * 1024
    graceful_shutdown_seconds: Annotated[int, Field(ge=1, le=3600)] = 30
    handshake_timeout_seconds: Annotated[float, Field(gt=0, le=120)] = 10.0
    log_level: str = Field(default="info", pattern="^(debug|info|warning|error)$")
    log_file: Path | None = None
    workers: Annotated[int, Field(ge=1, le=64)] = 1
    threads: Annotated[int, Field(ge=1, le=200)] = Field(
        default=16, description="request threads per worker; also its database pool size"
    )


class ServerConfig(_Section):
    version: int = CONFIG_VERSION
    server: ServerSection
    receipts: ReceiptConfig
    partner_listener: PartnerListenerConfig
    workstation_listener: ListenerConfig

    source: Path | None = Field(default=None, exclude=True)


_PATH_FIELDS = {
    "server": ("partners", "log_file"),
    "receipts": ("key", "certificate"),
    "partner_listener": ("certificate", "key", "extra_client_cas"),
    "workstation_listener": ("certificate", "key"),
}


def load_config(path: Path) -> ServerConfig:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    if raw.get("version", CONFIG_VERSION) > CONFIG_VERSION:
        raise ConfigError(f"{path}: written for a newer Clerk (version {raw['version']})")
    base = path.resolve().parent
    for section, keys in _PATH_FIELDS.items():
        sec = raw.get(section)
        if isinstance(sec, dict):
            for key in keys:
                if isinstance(sec.get(key), str):
                    sec[key] = str(base / sec[key])
    db = raw.get("server", {}).get("database")
    if isinstance(db, str) and db.startswith("sqlite:///") and not db.startswith("sqlite:////"):
        raw["server"]["database"] = f"sqlite:///{base / db.removeprefix('sqlite:///')}"
    try:
        cfg = ServerConfig.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{path}: {where}: {err['msg']}") from exc
    cfg.source = path
    for section, keys in _PATH_FIELDS.items():
        obj = getattr(cfg, section)
        for key in keys:
            value = getattr(obj, key)
            if key == "log_file" or value is None:
                continue
            if not Path(value).is_file():
                raise ConfigError(f"{path}: {section}.{key}: {value} not found")
    return cfg

"""Joining an office: a one-time token from the admin becomes this workstation's device id,
secret and device code; the code prefixes the registry numbers it issues offline.

Order matters for a crash at any point: the nonce is saved before asking (a retry gets the
same device back), the capture triggers go in (with what the workstation already holds as
pending inserts) before the credentials are saved, and the settings follow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from clerk_app.core.settings import load_settings, save_settings
from clerk_app.sync.client import SyncClient, SyncError
from clerk_app.sync.config import load_config, save_config
from clerk_app.sync.ports import SyncUnitOfWork


@dataclass(frozen=True)
class EnrolResult:
    device_id: str
    device_code: str
    office: str
    pending: int  # local changes queued for the first push


def enrol(
    uow_factory: Callable[[], SyncUnitOfWork],
    config_path: Path,
    settings_path: Path,
    url: str,
    token: str,
    ca_file: str | None = None,
    name: str | None = None,
    scope: Sequence[str] = (),
    client_factory: Callable[..., SyncClient] = SyncClient,
) -> EnrolResult:
    config = load_config(config_path)
    if config.enrolled:
        raise SyncError("already_enrolled", config.server_url)
    with uow_factory() as uow:
        role = uow.sync.role()
    if role not in (None, "workstation"):
        raise SyncError("refused", f"this database is a {role}")
    config.server_url = url.rstrip("/")
    config.ca_file = ca_file
    config.scope = [s.strip() for s in scope if s.strip()]
    config.enrol_nonce = config.enrol_nonce or uuid4().hex
    save_config(config_path, config)
    client = client_factory(config.server_url, verify=ca_file or True)
    try:
        answer = client.enrol(token, name, config.enrol_nonce)
    finally:
        client.close()
    with uow_factory() as uow:
        uow.sync.become_workstation(seed_outbox=uow.sync.role() is None)
        pending = uow.sync.counts().pending
        uow.commit()
    config.device_id = answer["device_id"]
    config.device_secret = answer["secret"]
    config.device_code = answer["device_code"]
    config.office = answer["office"]
    save_config(config_path, config)
    settings = load_settings(settings_path)
    settings.office_code = config.office
    settings.workstation = config.device_code
    save_settings(settings_path, settings)
    return EnrolResult(config.device_id, config.device_code, config.office, pending)

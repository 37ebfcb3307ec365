"""Office server commands: `clerk serve --config FILE` and `clerk server …` (enrolment tokens,
devices, received messages, config check)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clerk_app.bootstrap import Workstation


def _load(path: str):  # type: ignore[no-untyped-def]
    from clerk_app.server.config import ConfigError, load_config

    try:
        return load_config(Path(path))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _uow_factory(cfg):  # type: ignore[no-untyped-def]
    from clerk_app.store.database import open_database
    from clerk_app.store.uow import SqlUnitOfWork

    engine = open_database(cfg.server.database)
    return engine, (lambda: SqlUnitOfWork(engine))


def cmd_serve(_ctx: Workstation | None, args: argparse.Namespace) -> int:
    from clerk_app.exchange.certs import CertificateError
    from clerk_app.exchange.directory import DirectoryError
    from clerk_app.server.runner import run

    cfg = _load(args.config)
    if cfg is None:
        return 2
    try:
        return run(cfg, Path(args.ready_file) if args.ready_file else None)
    except (DirectoryError, CertificateError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def cmd_check(_ctx: Workstation | None, args: argparse.Namespace) -> int:
    from clerk_app.exchange.certs import CertificateError
    from clerk_app.exchange.directory import DirectoryError
    from clerk_app.server.context import ServerContext

    cfg = _load(args.config)
    if cfg is None:
        return 2
    try:
        ctx = ServerContext.build(cfg)
    except (DirectoryError, CertificateError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{cfg.server.org_code}: configuration ok; database migrated")
    print(f"receipt signer: {ctx.signer.chain[0].subject.rfc4514_string()} ({ctx.signer.alg})")
    print(f"partner directory version {ctx.directory.version}:")
    for p in ctx.directory:
        print(f"  {p.org_code}  {p.name}  {p.endpoint}  languages {','.join(p.languages)}")
    ctx.close()
    return 0


def cmd_enrol(_ctx: Workstation | None, args: argparse.Namespace) -> int:
    from clerk_app.core.services.office import enrol_device

    cfg = _load(args.config)
    if cfg is None:
        return 2
    engine, uow = _uow_factory(cfg)
    try:
        device, token = enrol_device(uow, args.name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"# enrolment token for workstation {device.name!r} (shown once; keep it secret)")
    print(token)
    return 0


def cmd_revoke(_ctx: Workstation | None, args: argparse.Namespace) -> int:
    from clerk_app.core.services.office import revoke_device

    cfg = _load(args.config)
    if cfg is None:
        return 2
    engine, uow = _uow_factory(cfg)
    n = revoke_device(uow, args.name)
    engine.dispose()
    if n == 0:
        print(f"error: no active token for {args.name!r}", file=sys.stderr)
        return 1
    print(f"revoked {n} token(s) of {args.name!r}")
    return 0


def cmd_devices(_ctx: Workstation | None, args: argparse.Namespace) -> int:
    from clerk_app.core.services.office import list_devices

    cfg = _load(args.config)
    if cfg is None:
        return 2
    engine, uow = _uow_factory(cfg)
    devices = list_devices(uow)
    engine.dispose()
    for d in devices:
        state = f"revoked {d.revoked_at:%Y-%m-%d}" if d.revoked_at else "active"
        seen = f"{d.last_seen_at:%Y-%m-%d %H:%M}" if d.last_seen_at else "never"
        print(f"{d.id:4d}  {d.name:20s}  {state:18s}  last seen {seen}")
    return 0


def cmd_received(_ctx: Workstation | None, args: argparse.Namespace) -> int:
    from clerk_app.core.services.office import received_summaries

    cfg = _load(args.config)
    if cfg is None:
        return 2
    engine, uow = _uow_factory(cfg)
    rows = received_summaries(uow, args.limit)
    engine.dispose()
    if args.json:
        out = [
            {
                "message_id": str(r.message_id),
                "sender": r.sender,
                "type": r.type.value,
                "received_at": r.received_at.isoformat(),
                "size": r.size,
                "delivered_to": list(r.delivered_to),
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(
            f"{r.received_at:%Y-%m-%d %H:%M:%S}  {r.message_id}  {r.sender:16s}  "
            f"{r.type.value:18s}  {r.size:>9,d} B  → {', '.join(r.delivered_to) or '-'}"
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve", help="run the office server (exchange endpoint + workstation API)")
    p.add_argument("--config", required=True, help="server.toml")
    p.add_argument("--ready-file", help="write the bound ports as JSON here once listening")
    p.set_defaults(func=cmd_serve, uses_workstation=False)

    srv = sub.add_parser("server", help="office server administration")
    ssub = srv.add_subparsers(dest="server_command", required=True)
    c = ssub.add_parser("check", help="validate server.toml, partner directory, keys; migrate")
    c.add_argument("--config", required=True)
    c.set_defaults(func=cmd_check, uses_workstation=False)
    e = ssub.add_parser("enrol-token", help="create an enrolment token for a workstation")
    e.add_argument("--config", required=True)
    e.add_argument("name", help="workstation name, e.g. W1 or counter-2")
    e.set_defaults(func=cmd_enrol, uses_workstation=False)
    r = ssub.add_parser("revoke-token", help="revoke a workstation's tokens")
    r.add_argument("--config", required=True)
    r.add_argument("name")
    r.set_defaults(func=cmd_revoke, uses_workstation=False)
    d = ssub.add_parser("devices", help="list enrolled workstations")
    d.add_argument("--config", required=True)
    d.set_defaults(func=cmd_devices, uses_workstation=False)
    m = ssub.add_parser("received", help="messages received from partners")
    m.add_argument("--config", required=True)
    m.add_argument("--limit", type=int, default=100)
    m.add_argument("--json", action="store_true")
    m.set_defaults(func=cmd_received, uses_workstation=False)

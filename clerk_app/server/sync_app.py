"""A minimal office-server app with just the sync API, and its runner.

    python -m clerk_app.server.sync_app --db postgresql://…/clerk --port 8443 \
        --snapshots /var/lib/clerk/snapshots [--ssl-certfile F --ssl-keyfile F]

The full office server (exchange endpoint, configuration file, TLS listeners) mounts the same
router; this factory serves tests and a sync-only hub.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from clerk_app.server.sync_api import build_sync_router
from clerk_app.server.sync_snapshots import SnapshotManager
from clerk_app.store.database import open_database
from clerk_app.store.sync_capture import ensure_hub
from clerk_app.store.uow import SqlUnitOfWork
from clerk_app.sync.hub import HubService


def create_app(
    db_url: str,
    snapshot_dir: Path,
    snapshot_max_age: timedelta = timedelta(hours=6),
    on_event: Callable[[str], None] | None = None,
    prebuild_snapshot: bool = False,
) -> FastAPI:
    engine = open_database(db_url)
    ensure_hub(engine)
    hub = HubService(lambda: SqlUnitOfWork(engine), on_event=on_event)
    snapshots = SnapshotManager(engine, snapshot_dir, snapshot_max_age)
    app = FastAPI(title="Clerk office server — sync", version="1")

    @app.exception_handler(HTTPException)
    async def _http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        detail = (
            exc.detail if isinstance(exc.detail, dict) else {"code": "error", "detail": exc.detail}
        )
        return JSONResponse(detail, status_code=exc.status_code)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(build_sync_router(hub, snapshots))
    if prebuild_snapshot:  # the whole catalogue, ready before the first workstation asks
        snapshots.request([], hub.floor("catalogue"))
    app.state.engine = engine
    app.state.hub = hub
    return app


def main(argv: Sequence[str] | None = None, on_event: Callable[[str], None] | None = None) -> None:
    import uvicorn

    p = argparse.ArgumentParser(prog="python -m clerk_app.server.sync_app")
    p.add_argument("--db", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--snapshots", required=True, type=Path)
    p.add_argument("--snapshot-max-age-hours", type=float, default=6.0)
    p.add_argument(
        "--prebuild-snapshot",
        action="store_true",
        help="build the whole catalogue's snapshot at start (and whenever one is asked for)",
    )
    p.add_argument("--ssl-certfile")
    p.add_argument("--ssl-keyfile")
    args = p.parse_args(argv)
    app = create_app(
        args.db,
        args.snapshots,
        timedelta(hours=args.snapshot_max_age_hours),
        on_event=on_event,
        prebuild_snapshot=args.prebuild_snapshot,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )


if __name__ == "__main__":
    main()

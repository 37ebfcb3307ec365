"""GET /health: the process answers and its database answers (for monitors and load balancers)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from clerk_app.exchange.protocol import PROTOCOL, Problem
from clerk_app.server.errors import problem

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    org_code: str
    protocol: str
    database: str


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Problem, "description": "the database does not answer"}},
)
def health(request: Request) -> Health | JSONResponse:
    ctx = request.app.state.ctx
    try:
        with ctx.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return problem(503, "unavailable", f"database: {type(exc).__name__}")
    return Health(
        status="ok", org_code=ctx.config.server.org_code, protocol=PROTOCOL, database="ok"
    )

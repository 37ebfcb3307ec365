"""The office server: exchange endpoint for partner municipalities (mutual TLS) and the API of
the office's own workstations (enrolment token); FastAPI on uvicorn, PostgreSQL or SQLite."""

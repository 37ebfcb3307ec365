"""Workstation ↔ office server sync (reference/sync.md): outbox + change-log cursor.

Qt-free and SQLAlchemy-free: the rules (entities, merge, HLC), the wire protocol, the HTTP
client and the services live here; the store implements the ports in `ports.py`.
"""

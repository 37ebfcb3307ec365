"""Archival certificates as domain values: types, sources, built content and the rules that
build it. Pure Python: rendering (reportlab) lives in clerk_app.certificates, storage in
clerk_app.store; both are reached through the ports in `ports.py`."""

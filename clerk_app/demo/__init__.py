"""Deterministic demo archive: persons with personnel, payroll, civil and residence records."""

from clerk_app.demo.generator import DemoIdentity, demo_rows, generate_archive

__all__ = ["DemoIdentity", "demo_rows", "generate_archive"]

"""Deterministic demo archive: persons with personnel, payroll, civil and residence records."""

from clerk_app.demo.generator import DemoIdentity, generate_archive

__all__ = ["DemoIdentity", "generate_archive"]

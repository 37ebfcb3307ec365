"""Cryptography adapters of the security core: ID-card authentication certificates."""

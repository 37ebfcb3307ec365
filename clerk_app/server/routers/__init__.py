"""One router per concern: `health`, `exchange` (partners, mTLS), `workstation` (own office)."""

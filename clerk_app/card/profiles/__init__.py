"""Card profiles: one class per applet, chosen by the exact ATR in `clerk_app.card.detect`."""

from clerk_app.card.profiles.base import CardProfile, CertKind, PinKind, PinStatus

__all__ = ["CardProfile", "CertKind", "PinKind", "PinStatus"]

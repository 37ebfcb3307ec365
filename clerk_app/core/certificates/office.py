"""The issuing office as a certificate shows it: letterhead per language, signatory, and the
base of the verification reference. Kept in `office.toml` in the data home (admin-edited,
versioned); a missing file gives a neutral profile built from the settings' office code."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clerk_app.core.certificates.types import LANGUAGES

OFFICE_PROFILE_VERSION = 1


class OfficeProfileError(ValueError):
    """office.toml is unreadable or has a wrong field; the message names the field."""


@dataclass(frozen=True)
class OfficeProfile:
    code: str
    name: Mapping[str, str]  # per language; a missing language falls back to the first given
    address: Mapping[str, str] = field(default_factory=dict)
    contacts: str = ""  # phone, e-mail: the same in every language
    signatory_name: str = ""
    signatory_title: Mapping[str, str] = field(default_factory=dict)
    verify_url: str = ""  # e.g. https://arhiiv.example.ee/verify/ — the uid is appended

    def text(self, attr: str, lang: str) -> str:
        values: Mapping[str, str] = getattr(self, attr)
        if lang in values:
            return values[lang]
        return next(iter(values.values()), "")

    def verification(self, uid: str) -> str:
        return f"{self.verify_url}{uid}" if self.verify_url else f"urn:uuid:{uid}"


def default_profile(office_code: str) -> OfficeProfile:
    return OfficeProfile(code=office_code, name={lang: office_code for lang in LANGUAGES})


def _per_language(raw: Mapping[str, Any], key: str, required: bool) -> dict[str, str]:
    value = raw.get(key)
    if value is None:
        if required:
            raise OfficeProfileError(f"{key}: missing")
        return {}
    if isinstance(value, str):
        return {lang: value for lang in LANGUAGES}
    if not isinstance(value, Mapping) or not value:
        raise OfficeProfileError(f"{key}: expected text or a table of languages")
    unknown = [k for k in value if k not in LANGUAGES]
    if unknown:
        raise OfficeProfileError(f"{key}: unknown language(s) {', '.join(unknown)}")
    if not all(isinstance(v, str) for v in value.values()):
        raise OfficeProfileError(f"{key}: every language needs text")
    return dict(value)


def profile_from_mapping(raw: Mapping[str, Any], office_code: str) -> OfficeProfile:
    version = raw.get("version", OFFICE_PROFILE_VERSION)
    if version != OFFICE_PROFILE_VERSION:
        raise OfficeProfileError(f"version: {version} is not supported")
    for key in ("contacts", "signatory_name", "verify_url"):
        if not isinstance(raw.get(key, ""), str):
            raise OfficeProfileError(f"{key}: expected text")
    return OfficeProfile(
        code=office_code,
        name=_per_language(raw, "name", required=True),
        address=_per_language(raw, "address", required=False),
        contacts=raw.get("contacts", ""),
        signatory_name=raw.get("signatory_name", ""),
        signatory_title=_per_language(raw, "signatory_title", required=False),
        verify_url=raw.get("verify_url", ""),
    )


def load_office_profile(path: Path, office_code: str) -> OfficeProfile:
    if not path.exists():
        return default_profile(office_code)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OfficeProfileError(f"{path}: {exc}") from exc
    try:
        return profile_from_mapping(raw, office_code)
    except OfficeProfileError as exc:
        raise OfficeProfileError(f"{path}: {exc}") from exc

"""Certificate wording as data: `resources/templates/<type>.<lang>.toml` plus the wording all
types share, `common.<lang>.toml`.

Loading checks the set as a whole, so a broken template fails at start, not on a citizen's
certificate: every language of a type has the same keys and the same {placeholders}, and a
placeholder is a plain name (no attribute or index access).
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from clerk_app.certificates.resources import TEMPLATES
from clerk_app.core.certificates.types import LANGUAGES, CertificateType

COMMON = "common"


class TemplateError(ValueError):
    """A template file is missing, unreadable or inconsistent; the message names it."""


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, path + "."))
        else:
            out[path] = value
    return out


def _placeholders(text: str, where: str) -> frozenset[str]:
    names = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateError(f"{where}: {exc}") from exc
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise TemplateError(f"{where}: placeholder {{{field}}} must be a plain name")
        names.add(field)
    return frozenset(names)


@dataclass(frozen=True)
class Wording:
    """The wording of one certificate type in one language."""

    lang: str
    locale: str
    values: Mapping[str, Any]  # flattened: "labels.number", "columns.work", "title", …

    def raw(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError:
            raise TemplateError(f"{self.lang}: no template key {key!r}") from None

    def __call__(self, key: str, **values: object) -> str:
        text = self.raw(key)
        if not isinstance(text, str):
            raise TemplateError(f"{self.lang}: {key!r} is not text")
        try:
            return text.format_map(values) if values or "{" in text else text
        except KeyError as exc:
            raise TemplateError(f"{self.lang}: {key!r} needs {exc}") from None

    @property
    def months(self) -> list[str]:
        return list(self.raw("months.names"))


class TemplateSet:
    def __init__(self, folder: Path = TEMPLATES) -> None:
        self.folder = folder
        self._files: dict[tuple[str, str], dict[str, Any]] = {}
        for kind in (COMMON, *(t.value for t in CertificateType)):
            for lang in LANGUAGES:
                self._files[kind, lang] = self._load(kind, lang)
            self._check_same_shape(kind)
        for lang in LANGUAGES:
            common = self._files[COMMON, lang]
            if common.get("language") != lang:
                raise TemplateError(f"common.{lang}.toml: language must be {lang!r}")
            months = common.get("months.names")
            if not (isinstance(months, list) and len(months) == 12):
                raise TemplateError(f"common.{lang}.toml: months.names needs 12 names")
        self._wording: dict[tuple[CertificateType, str], Wording] = {}

    def _load(self, kind: str, lang: str) -> dict[str, Any]:
        path = self.folder / f"{kind}.{lang}.toml"
        try:
            return _flatten(tomllib.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise TemplateError(f"{path.name}: missing") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise TemplateError(f"{path.name}: {exc}") from exc

    def _check_same_shape(self, kind: str) -> None:
        reference_lang = LANGUAGES[-1]  # en
        reference = self._files[kind, reference_lang]
        for lang in LANGUAGES:
            data = self._files[kind, lang]
            name = f"{kind}.{lang}.toml"
            if set(data) != set(reference):
                diff = sorted(set(data) ^ set(reference))
                raise TemplateError(f"{name}: keys differ from {kind}.en.toml: {diff}")
            for key, text in data.items():
                if not isinstance(text, str):
                    continue
                mine = _placeholders(text, f"{name} {key}")
                theirs = _placeholders(reference[key], f"{kind}.en.toml {key}")
                if mine != theirs:
                    raise TemplateError(
                        f"{name} {key}: placeholders {sorted(mine)} differ from {sorted(theirs)}"
                    )

    def wording(self, cert_type: CertificateType, lang: str) -> Wording:
        key = (cert_type, lang)
        found = self._wording.get(key)
        if found is None:
            if (COMMON, lang) not in self._files:
                raise TemplateError(f"no templates for language {lang!r}")
            common = self._files[COMMON, lang]
            merged = {**common, **self._files[cert_type.value, lang]}
            found = self._wording[key] = Wording(lang, str(common["locale"]), merged)
        return found


@cache
def default_templates() -> TemplateSet:
    return TemplateSet()

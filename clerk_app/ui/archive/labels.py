"""Translated names of the archive's codes (record types, genders, scripts) for display."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk_app.core.records import RecordType


def record_type_name(code: str) -> str:
    t = QCoreApplication.translate
    names = {
        RecordType.PERSONNEL: t("RecordType", "Personnel card"),
        RecordType.PAYROLL: t("RecordType", "Payroll account"),
        RecordType.BIRTH: t("RecordType", "Birth record"),
        RecordType.MARRIAGE: t("RecordType", "Marriage record"),
        RecordType.DEATH: t("RecordType", "Death record"),
        RecordType.RESIDENCE: t("RecordType", "Residence record"),
    }
    return names.get(code, code)  # type: ignore[call-overload]


def gender_name(code: str | None) -> str:
    t = QCoreApplication.translate
    if code == "m":
        return t("Gender", "male")
    if code == "f":
        return t("Gender", "female")
    return ""


def script_name(code: str | None) -> str:
    t = QCoreApplication.translate
    if code == "cyrl":
        return t("Script", "Cyrillic")
    if code == "latn":
        return t("Script", "Latin")
    return code or ""


def full_name(surname: str, given: str | None, patronymic: str | None) -> str:
    return " ".join(p for p in (surname, given, patronymic) if p)

"""Translated names of the archive's codes (record types, genders, scripts) for display."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk_app.core.records import RecordType


def record_type_name(code: str) -> str:
    names = {
        RecordType.PERSONNEL: QCoreApplication.translate("RecordType", "Personnel card"),
        RecordType.PAYROLL: QCoreApplication.translate("RecordType", "Payroll account"),
        RecordType.BIRTH: QCoreApplication.translate("RecordType", "Birth record"),
        RecordType.MARRIAGE: QCoreApplication.translate("RecordType", "Marriage record"),
        RecordType.DEATH: QCoreApplication.translate("RecordType", "Death record"),
        RecordType.RESIDENCE: QCoreApplication.translate("RecordType", "Residence record"),
    }
    return names.get(code, code)  # type: ignore[call-overload]


def gender_name(code: str | None) -> str:
    if code == "m":
        return QCoreApplication.translate("Gender", "male")
    if code == "f":
        return QCoreApplication.translate("Gender", "female")
    return ""


def script_name(code: str | None) -> str:
    if code == "cyrl":
        return QCoreApplication.translate("Script", "Cyrillic")
    if code == "latn":
        return QCoreApplication.translate("Script", "Latin")
    return code or ""


def full_name(surname: str, given: str | None, patronymic: str | None) -> str:
    return " ".join(p for p in (surname, given, patronymic) if p)

"""Translated words for the request register's codes: subjects, channels, statuses, deadline
states and the field-level error codes of the core (the core never words them itself)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk_app.core.requests import (
    DeadlineState,
    RequestChannel,
    RequestError,
    RequestStatus,
    RequestSubject,
)


def subject_name(subject: RequestSubject) -> str:
    t = QCoreApplication.translate
    return {
        RequestSubject.EMPLOYMENT: t("RequestLabels", "Employment"),
        RequestSubject.SALARY: t("RequestLabels", "Salary"),
        RequestSubject.CIVIL_STATUS: t("RequestLabels", "Civil status"),
        RequestSubject.RESIDENCE: t("RequestLabels", "Residence"),
        RequestSubject.OTHER: t("RequestLabels", "Other"),
    }[subject]


def channel_name(channel: RequestChannel) -> str:
    t = QCoreApplication.translate
    return {
        RequestChannel.COUNTER: t("RequestLabels", "At the counter"),
        RequestChannel.POST: t("RequestLabels", "By post"),
        RequestChannel.EMAIL: t("RequestLabels", "By e-mail"),
        RequestChannel.PARTNER: t("RequestLabels", "From a partner municipality"),
    }[channel]


def status_name(status: RequestStatus) -> str:
    t = QCoreApplication.translate
    return {
        RequestStatus.REGISTERED: t("RequestLabels", "Registered"),
        RequestStatus.IN_SEARCH: t("RequestLabels", "In search"),
        RequestStatus.CERTIFICATE_PREPARED: t("RequestLabels", "Certificate prepared"),
        RequestStatus.SIGNED: t("RequestLabels", "Signed"),
        RequestStatus.SENT: t("RequestLabels", "Sent"),
        RequestStatus.DELIVERED: t("RequestLabels", "Delivered"),
        RequestStatus.REFUSED: t("RequestLabels", "Refused"),
        RequestStatus.FORWARDED: t("RequestLabels", "Forwarded"),
    }[status]


def deadline_state_name(state: DeadlineState) -> str:
    t = QCoreApplication.translate
    return {
        DeadlineState.OK: t("RequestLabels", "On time"),
        DeadlineState.DUE_SOON: t("RequestLabels", "Due soon"),
        DeadlineState.OVERDUE: t("RequestLabels", "Overdue"),
        DeadlineState.CLOSED: t("RequestLabels", "Closed"),
    }[state]


def language_name(code: str) -> str:
    """The name of a certificate language in the UI language."""
    t = QCoreApplication.translate
    return {
        "et": t("RequestLabels", "Estonian"),
        "ru": t("RequestLabels", "Russian"),
        "lv": t("RequestLabels", "Latvian"),
        "en": t("RequestLabels", "English"),
    }.get(code, code)


def error_text(code: RequestError | str) -> str:
    """The sentence shown next to a field for a core validation code."""
    t = QCoreApplication.translate
    messages = {
        RequestError.REQUIRED: t("RequestLabels", "This field is required."),
        RequestError.INVALID_DATE: t(
            "RequestLabels", "This is not a date. Write it as the example shows."
        ),
        RequestError.FUTURE_DATE: t("RequestLabels", "This date is in the future."),
        RequestError.RECEIVED_AFTER_REGISTRATION: t(
            "RequestLabels", "The request cannot arrive after its registration (today)."
        ),
        RequestError.DEADLINE_BEFORE_REGISTRATION: t(
            "RequestLabels", "The deadline cannot be before the registration date (today)."
        ),
        RequestError.PERIOD_ORDER: t("RequestLabels", "The period ends before it starts."),
        RequestError.PERIOD_RANGE: t("RequestLabels", "Enter a year between 1800 and this year."),
        RequestError.UNKNOWN_LANGUAGE: t("RequestLabels", "Choose a language from the list."),
        RequestError.CONTACT_REQUIRED: t(
            "RequestLabels", "Give a postal address, a phone number or an e-mail address."
        ),
        RequestError.INVALID_EMAIL: t("RequestLabels", "This is not an e-mail address."),
        RequestError.TOO_LONG: t("RequestLabels", "This text is too long."),
        "invalid_year": t("RequestLabels", "Enter a four-digit year."),
        "invalid_partial_date": t(
            "RequestLabels", "Write a year, a month and year, or a full date."
        ),
    }
    return messages.get(code, str(code))  # type: ignore[call-overload]


def transition_error_text(code: str) -> str:
    t = QCoreApplication.translate
    return {
        "not_allowed": t("RequestLabels", "This status cannot follow the current one."),
        "reason_required": t("RequestLabels", "Give the reason; the applicant is told it."),
        "target_required": t("RequestLabels", "Name the archive or office it goes to."),
    }.get(code, code)


def extension_error_text(code: str) -> str:
    t = QCoreApplication.translate
    return {
        "closed": t("RequestLabels", "The request is closed."),
        "already_extended": t("RequestLabels", "The deadline was already extended once."),
        "not_positive": t("RequestLabels", "Extend by at least one day."),
        "too_long": t("RequestLabels", "The law does not allow so long an extension."),
        "notice_required": t("RequestLabels", "Write the notice sent to the applicant."),
    }.get(code, code)


def event_kind_name(kind: str) -> str:
    t = QCoreApplication.translate
    return {
        "registered": t("RequestLabels", "Registered"),
        "status": t("RequestLabels", "Status changed"),
        "assigned": t("RequestLabels", "Assigned"),
        "extended": t("RequestLabels", "Deadline extended"),
        "records_added": t("RequestLabels", "Records added"),
        "records_removed": t("RequestLabels", "Records removed"),
        "edited": t("RequestLabels", "Edited"),
    }.get(kind, kind)

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
    return {
        RequestSubject.EMPLOYMENT: QCoreApplication.translate("RequestLabels", "Employment"),
        RequestSubject.SALARY: QCoreApplication.translate("RequestLabels", "Salary"),
        RequestSubject.CIVIL_STATUS: QCoreApplication.translate("RequestLabels", "Civil status"),
        RequestSubject.RESIDENCE: QCoreApplication.translate("RequestLabels", "Residence"),
        RequestSubject.OTHER: QCoreApplication.translate("RequestLabels", "Other"),
    }[subject]


def channel_name(channel: RequestChannel) -> str:
    return {
        RequestChannel.COUNTER: QCoreApplication.translate("RequestLabels", "At the counter"),
        RequestChannel.POST: QCoreApplication.translate("RequestLabels", "By post"),
        RequestChannel.EMAIL: QCoreApplication.translate("RequestLabels", "By e-mail"),
        RequestChannel.PARTNER: QCoreApplication.translate(
            "RequestLabels", "From a partner municipality"
        ),
    }[channel]


def status_name(status: RequestStatus) -> str:
    return {
        RequestStatus.REGISTERED: QCoreApplication.translate("RequestLabels", "Registered"),
        RequestStatus.IN_SEARCH: QCoreApplication.translate("RequestLabels", "In search"),
        RequestStatus.CERTIFICATE_PREPARED: QCoreApplication.translate(
            "RequestLabels", "Certificate prepared"
        ),
        RequestStatus.SIGNED: QCoreApplication.translate("RequestLabels", "Signed"),
        RequestStatus.SENT: QCoreApplication.translate("RequestLabels", "Sent"),
        RequestStatus.DELIVERED: QCoreApplication.translate("RequestLabels", "Delivered"),
        RequestStatus.REFUSED: QCoreApplication.translate("RequestLabels", "Refused"),
        RequestStatus.FORWARDED: QCoreApplication.translate("RequestLabels", "Forwarded"),
    }[status]


def deadline_state_name(state: DeadlineState) -> str:
    return {
        DeadlineState.OK: QCoreApplication.translate("RequestLabels", "On time"),
        DeadlineState.DUE_SOON: QCoreApplication.translate("RequestLabels", "Due soon"),
        DeadlineState.OVERDUE: QCoreApplication.translate("RequestLabels", "Overdue"),
        DeadlineState.CLOSED: QCoreApplication.translate("RequestLabels", "Closed"),
    }[state]


def language_name(code: str) -> str:
    """The name of a certificate language in the UI language."""
    return {
        "et": QCoreApplication.translate("RequestLabels", "Estonian"),
        "ru": QCoreApplication.translate("RequestLabels", "Russian"),
        "lv": QCoreApplication.translate("RequestLabels", "Latvian"),
        "en": QCoreApplication.translate("RequestLabels", "English"),
    }.get(code, code)


def error_text(code: RequestError | str) -> str:
    """The sentence shown next to a field for a core validation code."""
    messages = {
        RequestError.REQUIRED: QCoreApplication.translate(
            "RequestLabels", "This field is required."
        ),
        RequestError.INVALID_DATE: QCoreApplication.translate(
            "RequestLabels", "This is not a date. Write it as the example shows."
        ),
        RequestError.FUTURE_DATE: QCoreApplication.translate(
            "RequestLabels", "This date is in the future."
        ),
        RequestError.RECEIVED_AFTER_REGISTRATION: QCoreApplication.translate(
            "RequestLabels", "The request cannot arrive after its registration (today)."
        ),
        RequestError.DEADLINE_BEFORE_REGISTRATION: QCoreApplication.translate(
            "RequestLabels", "The deadline cannot be before the registration date (today)."
        ),
        RequestError.PERIOD_ORDER: QCoreApplication.translate(
            "RequestLabels", "The period ends before it starts."
        ),
        RequestError.PERIOD_RANGE: QCoreApplication.translate(
            "RequestLabels", "Enter a year between 1800 and this year."
        ),
        RequestError.UNKNOWN_LANGUAGE: QCoreApplication.translate(
            "RequestLabels", "Choose a language from the list."
        ),
        RequestError.CONTACT_REQUIRED: QCoreApplication.translate(
            "RequestLabels", "Give a postal address, a phone number or an e-mail address."
        ),
        RequestError.INVALID_EMAIL: QCoreApplication.translate(
            "RequestLabels", "This is not an e-mail address."
        ),
        RequestError.TOO_LONG: QCoreApplication.translate(
            "RequestLabels", "This text is too long."
        ),
        "invalid_year": QCoreApplication.translate("RequestLabels", "Enter a four-digit year."),
        "invalid_partial_date": QCoreApplication.translate(
            "RequestLabels", "Write a year, a month and year, or a full date."
        ),
    }
    return messages.get(code, str(code))  # type: ignore[call-overload]


def transition_error_text(code: str) -> str:
    return {
        "not_allowed": QCoreApplication.translate(
            "RequestLabels", "This status cannot follow the current one."
        ),
        "reason_required": QCoreApplication.translate(
            "RequestLabels", "Give the reason; the applicant is told it."
        ),
        "target_required": QCoreApplication.translate(
            "RequestLabels", "Name the archive or office it goes to."
        ),
    }.get(code, code)


def extension_error_text(code: str) -> str:
    return {
        "closed": QCoreApplication.translate("RequestLabels", "The request is closed."),
        "already_extended": QCoreApplication.translate(
            "RequestLabels", "The deadline was already extended once."
        ),
        "not_positive": QCoreApplication.translate("RequestLabels", "Extend by at least one day."),
        "too_long": QCoreApplication.translate(
            "RequestLabels", "The law does not allow so long an extension."
        ),
        "notice_required": QCoreApplication.translate(
            "RequestLabels", "Write the notice sent to the applicant."
        ),
    }.get(code, code)


def event_kind_name(kind: str) -> str:
    return {
        "registered": QCoreApplication.translate("RequestLabels", "Registered"),
        "status": QCoreApplication.translate("RequestLabels", "Status changed"),
        "assigned": QCoreApplication.translate("RequestLabels", "Assigned"),
        "extended": QCoreApplication.translate("RequestLabels", "Deadline extended"),
        "records_added": QCoreApplication.translate("RequestLabels", "Records added"),
        "records_removed": QCoreApplication.translate("RequestLabels", "Records removed"),
        "edited": QCoreApplication.translate("RequestLabels", "Edited"),
    }.get(kind, kind)

"""The request register page on a real SQLite database: registering through the dialog,
field-level messages (never a traceback, nothing lost), overdue and due-soon display, status
changes with reasons, assignment, extension, search and the request's history."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QLocale, Qt

from clerk_app.core.requests import (
    Applicant,
    DeadlineState,
    NewRequest,
    RequestStatus,
    RequestSubject,
)
from clerk_app.core.services.requests import RequestService
from clerk_app.ui.i18n import format_date
from clerk_app.ui.requests.model import DUE, DUE_SOON_BG, OVERDUE_BG, STATE_ROLE
from clerk_app.ui.testing import type_text


def _open_register(qtbot, app):  # type: ignore[no-untyped-def]
    app.new_request()
    qtbot.waitUntil(lambda: app.requests.dialog is not None)
    return app.requests.dialog


def _count(app) -> int:  # type: ignore[no-untyped-def]
    return len(app.context.services.requests.list())


def test_register_a_request_through_the_dialog(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    d = _open_register(qtbot, app)
    type_text(d.applicant_name, "Мария Ивановна Кузнецова")
    type_text(d.address, "Нарва, ул. Пушкина 12, 20308")
    type_text(d.id_document, "passport 4510 123456")
    type_text(d.person_name, "Kuznetsov Ivan Petrovitš")
    type_text(d.person_birth, "1931")
    type_text(d.period_from, "1955")
    type_text(d.period_to, "1970")
    d.language2.setCurrentIndex(d.language2.findData("ru"))
    d.buttons.button(d.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: app.requests.model.rowCount() == 1, timeout=10_000)
    assert app.requests.dialog is None  # closed (and deleted) once registered
    rows = app.requests.model.rows()
    r = rows[0].request
    year = date.today().year
    assert re.fullmatch(rf"LOCAL-{year}-W1-00001", r.reg_number)
    assert r.applicant.name == "Мария Ивановна Кузнецова"
    assert r.person_birth_date.year == 1931 and (r.period_from, r.period_to) == (1955, 1970)
    assert r.languages == ("et", "ru")
    assert r.assignee == app.workstation.actor  # the registering clerk by default
    # the new request is selected, with its history
    qtbot.waitUntil(lambda: app.requests.detail.request() is not None, timeout=10_000)
    history = app.requests.detail.history
    assert history.count() == 1 and "Registered" in history.item(0).text()
    assert r.reg_number in app.requests.detail.heading.text()


def test_bad_input_is_named_next_to_its_field_and_nothing_is_lost(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    d = _open_register(qtbot, app)
    type_text(d.person_name, "Tamm Jüri")
    type_text(d.person_birth, "31.02.1931")  # no such day
    d.received_on.clear()
    type_text(d.received_on, "40.13.2026")  # an unknown date
    d.deadline.setText(format_date(date.today() - timedelta(days=3), QLocale()))
    d.submit()
    assert d.isVisible()
    assert d.error_for("applicant.name") == "This field is required."
    assert "postal address" in d.error_for("applicant.address")
    assert "not a date" in d.error_for("received_on")
    assert "year, a month and year" in d.error_for("person_birth_date")
    assert "before the registration" in d.error_for("deadline")
    assert d.error_for("person_name") == ""
    assert "5 fields need attention" in d.summary.text()
    assert d.focusWidget() is d.applicant_name  # the first field with a problem
    assert d.person_name.text() == "Tamm Jüri"  # the clerk's input stays
    assert d.applicant_name.accessibleDescription() == "This field is required."
    qtbot.wait(100)
    assert _count(app) == 0

    type_text(d.applicant_name, "Jüri Tamm")
    type_text(d.phone, "+372 555 1234")
    d.person_birth.setText("02.1931")
    d.received_on.setText(format_date(date.today(), QLocale()))
    d.deadline.clear()
    d.submit()
    qtbot.waitUntil(lambda: app.requests.model.rowCount() == 1, timeout=10_000)
    assert _count(app) == 1


def test_partner_requests_need_the_partner_and_its_case_number(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    d = _open_register(qtbot, app)
    assert d.partner_org.isHidden() or not d.h.rows["partner_org"].isVisible()
    d.channel.setCurrentIndex(d.channel.findData("partner"))
    type_text(d.applicant_name, "Daugavpils dome")
    type_text(d.email, "not-an-email")
    type_text(d.person_name, "Bērziņš Jānis")
    d.submit()
    assert d.error_for("partner_org") == "This field is required."
    assert d.error_for("partner_case_number") == "This field is required."
    assert d.error_for("applicant.email") == "This is not an e-mail address."
    d.email.setText("dome@daugavpils.lv")
    type_text(d.partner_org, "Daugavpils")
    type_text(d.partner_case, "DGP-2026/77")
    d.submit()
    qtbot.waitUntil(lambda: app.requests.model.rowCount() == 1, timeout=10_000)
    r = app.requests.model.rows()[0].request
    assert (r.partner_org, r.partner_case_number) == ("Daugavpils", "DGP-2026/77")


def _register_past(app, days_ago: int, name: str):  # type: ignore[no-untyped-def]
    ws = app.workstation
    svc = RequestService(
        app.context.services.uow_factory,
        ws.office(),
        ws.actor,
        clock=lambda: datetime.now(UTC) - timedelta(days=days_ago),
    )
    return svc.register(
        NewRequest(Applicant(name, phone="555"), RequestSubject.SALARY, f"{name} senior")
    )


def test_overdue_and_due_soon_are_highlighted_and_filterable(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    _register_past(app, 45, "Overdue Olga")
    _register_past(app, 27, "Soon Sergei")
    app.context.services.requests.register(
        NewRequest(Applicant("Fresh Fjodor", phone="1"), RequestSubject.OTHER, "Fresh")
    )
    with qtbot.waitSignal(app.requests.loaded, timeout=10_000):
        app.requests.reload()
    model = app.requests.model
    by_name = {
        model.item(r).request.applicant.name: model.index(r, DUE) for r in range(model.rowCount())
    }
    overdue, soon, fresh = by_name["Overdue Olga"], by_name["Soon Sergei"], by_name["Fresh Fjodor"]
    assert overdue.data(STATE_ROLE) == DeadlineState.OVERDUE
    assert overdue.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BG
    assert re.fullmatch(r"overdue by \d+ days?", overdue.data())
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert soon.data(STATE_ROLE) == DeadlineState.DUE_SOON
    assert soon.data(Qt.ItemDataRole.BackgroundRole).color() == DUE_SOON_BG
    assert re.fullmatch(r"(in \d working days?|due today)", soon.data())
    assert fresh.data(STATE_ROLE) == DeadlineState.OK
    assert fresh.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "1 overdue" in app.requests.count.text() and "1 due soon" in app.requests.count.text()
    # the deadline column sorts by date: the overdue one first
    assert model.item(0).request.applicant.name == "Overdue Olga"

    page = app.requests
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.status_filter.setCurrentIndex(page.status_filter.findData("overdue"))
    assert [r.request.applicant.name for r in model.rows()] == ["Overdue Olga"]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        type_text(page.search, "sergei")  # debounced search by applicant/person/number
    assert [r.request.applicant.name for r in model.rows()] == ["Soon Sergei"]


def test_status_change_needs_a_reason_to_refuse_and_lands_in_history(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    request = _register_past(app, 1, "Reason Rita")
    page = app.requests
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    assert page.select(request.uid)
    qtbot.waitUntil(lambda: page.detail.request() is not None, timeout=10_000)
    page.change_status()
    d = page.dialog
    allowed = [d.status.itemData(i) for i in range(d.status.count())]
    assert allowed == [RequestStatus.IN_SEARCH, RequestStatus.REFUSED, RequestStatus.FORWARDED]
    d.status.setCurrentIndex(allowed.index(RequestStatus.REFUSED))
    d.submit()
    assert "reason" in d.error_for("reason").lower()
    assert app.context.services.requests.get(request.uid).request.status is RequestStatus.REGISTERED
    type_text(d.reason, "Архив не хранит документы этого предприятия")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        d.submit()
    got = app.context.services.requests.get(request.uid)
    assert got.request.status is RequestStatus.REFUSED
    qtbot.waitUntil(lambda: page.detail.history.count() == 2, timeout=10_000)
    text = page.detail.history.item(1).text()
    assert "Registered → Refused" in text and "Архив не хранит" in text
    assert not page.detail.status_button.isEnabled()  # refused is final


def test_assign_and_extend_the_deadline(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    request = _register_past(app, 10, "Extend Erik")
    page = app.requests
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    page.select(request.uid)
    qtbot.waitUntil(lambda: page.detail.request() is not None, timeout=10_000)
    page.assign()
    d = page.dialog
    d.assignee.setCurrentText("anna.kask")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        d.submit()
    assert app.context.services.requests.get(request.uid).request.assignee == "anna.kask"

    qtbot.waitUntil(
        lambda: page.detail.request() is not None and page.detail.request().assignee == "anna.kask",
        timeout=10_000,
    )
    page.extend()
    d = page.dialog
    d.days.setValue(20)
    d.submit()
    assert "notice" in d.error_for("notice").lower()
    type_text(d.notice, "Teatasime taotlejale e-postiga.")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        d.submit()
    got = app.context.services.requests.get(request.uid).request
    assert got.extended_deadline is not None and got.extended_deadline > got.deadline
    qtbot.waitUntil(lambda: page.detail.history.count() == 3, timeout=10_000)
    kinds = [page.detail.history.item(i).text() for i in range(3)]
    assert "Assigned" in kinds[1] and "anna.kask" in kinds[1]
    assert "Deadline extended" in kinds[2] and "Teatasime" in kinds[2]
    assert not page.detail.extend_button.isEnabled()  # one extension only

"""Archive search view on a real demo archive (SQLite, Alembic, FTS5), offscreen: typing in any
script, debounce and staleness, filters with messages in place, the detail pane, collator
sorting per UI language, "add to request", and the search child process."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from sqlalchemy import select

from clerk_app.core.records import RecordType
from clerk_app.core.requests import Applicant, NewRequest, RequestSubject
from clerk_app.core.search_types import SearchHit
from clerk_app.search.fold import name_key
from clerk_app.store.models import AccessLog, PersonRecord
from clerk_app.ui.archive.hits_model import NAME
from clerk_app.ui.i18n import make_collator
from clerk_app.ui.testing import type_text


def _some_person(app) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A Cyrillic-written surname and given name from the demo archive."""
    with app.context.services.uow_factory() as uow:
        row = (
            uow.session.execute(select(PersonRecord).where(PersonRecord.script == "cyrl"))
            .scalars()
            .first()
        )
        return row.surname, row.given_name


def _search(qtbot, app, text: str):  # type: ignore[no-untyped-def]
    page = app.archive
    app.window.show_page("archive", focus=True)
    page.search.clear()
    with qtbot.waitSignal(page.search_finished, timeout=15_000) as blocker:
        type_text(page.search, text)  # non-ASCII: key events, not keyClicks (pitfall 1)
    return blocker.args[0]


def test_search_as_you_type_finds_the_person_and_shows_the_detail(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    surname, given = _some_person(app)
    result = _search(qtbot, app, f"{surname} {given}")
    page = app.archive
    assert result.query == f"{surname} {given}"
    assert page.model.rowCount() == len(result.hits) > 0
    top: SearchHit = page.model.hit(0)
    assert name_key(top.surname) == name_key(surname)
    assert "found" in page.status.text()
    # the first row is selected and its detail read (on a worker) into the pane
    qtbot.waitUntil(lambda: page.detail.detail() is not None, timeout=10_000)
    detail = page.detail.detail()
    assert detail.record_id == page.model.hit(page.table.currentIndex().row()).record_id
    citation = page.detail.findChild(type(page.status), "detail_citation")
    assert citation.text() == detail.citation() and detail.fonds in citation.text()
    # who searched and who opened whose record is in the access log
    with app.context.services.uow_factory() as uow:
        actions = [a.action for a in uow.session.execute(select(AccessLog)).scalars()]
    assert "search" in actions and "open_record" in actions


def test_a_latin_spelling_finds_the_cyrillic_record(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    surname, _given = _some_person(app)
    from clerk_app.search.translit import ru_to_et

    result = _search(qtbot, app, ru_to_et(surname))
    assert any(h.surname == surname for h in result.hits)


def test_typing_fast_runs_one_search_for_the_final_text(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    surname, given = _some_person(app)
    services = app.context.services
    real = services.person_search
    asked: list[str] = []

    class Counting:
        def search(self, text, filters=None, limit=20):  # type: ignore[no-untyped-def]
            asked.append(text)
            return real.search(text, filters, limit)

    services.person_search = Counting()
    result = _search(qtbot, app, f"{surname} {given}")
    qtbot.wait(400)  # longer than the debounce: nothing else may start
    assert asked == [f"{surname} {given}"]  # no search per keystroke: debounced
    assert result.query == asked[0]


def test_stale_results_are_never_shown(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    page = app.archive
    surname, _given = _some_person(app)
    services = app.context.services
    real = services.person_search
    import threading

    release = threading.Event()

    class Slow:
        def search(self, text, filters=None, limit=20):  # type: ignore[no-untyped-def]
            if text == "Zzyzx":
                release.wait(10)  # the older query answers last
            return real.search(text, filters, limit)

    services.person_search = Slow()
    shown: list[str] = []
    page.search_finished.connect(lambda r: shown.append(r.query))
    page.search.setText("Zzyzx")
    page.run_search()
    page.search.setText(surname)
    page.run_search()
    release.set()
    qtbot.waitUntil(lambda: shown == [surname], timeout=10_000)
    qtbot.wait(300)
    assert shown == [surname]
    assert all(name_key(page.model.hit(r).surname) for r in range(page.model.rowCount()))


def test_filters_narrow_the_search_and_bad_years_are_named_in_place(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    page = app.archive
    surname, _given = _some_person(app)
    bar = page.filters
    idx = next(
        i for i in range(bar.record_type.count()) if bar.record_type.itemData(i) == "personnel"
    )
    bar.record_type.setCurrentIndex(idx)
    result = _search(qtbot, app, surname)
    assert result.hits and all(h.record_type == RecordType.PERSONNEL for h in result.hits)

    type_text(bar.born_from, "18")  # not yet a year
    assert not bar.error.isHidden()
    assert "1800" in bar.error.text() and bar.born_from.accessibleName() in bar.error.text()
    page.run_search()
    assert "Correct the filters" in page.status.text()
    assert page.model.rowCount() == 0
    bar.born_from.setText("1960")
    bar.born_to.setText("1950")
    assert "after" in bar.error.text()
    bar.clear()
    assert bar.error.isHidden() and bar.filters() is not None


def test_results_sort_by_the_ui_language_collator(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang="et")
    page = app.archive
    names = ["Zoo", "Šmidt", "Sepp", "Tamm", "Õunapuu", "Ärm", "Ülle", "Vaher", "Čakste", "Cirulis"]
    hits = [
        SearchHit(
            f"R{i}",
            "personnel",
            1.0,
            n,
            None,
            None,
            None,
            None,
            "latn",
            "A",
            "1",
            "1",
            "1",
            "1",
            None,
        )
        for i, n in enumerate(names)
    ]
    page.model.set_hits(hits)
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    order = [page.model.hit(r).surname for r in range(page.model.rowCount())]
    assert order == sorted(names, key=make_collator("et").sortKey)
    assert order.index("Šmidt") < order.index("Zoo") < order.index("Tamm")  # Estonian order
    assert order.index("Õunapuu") < order.index("Ärm") < order.index("Ülle")
    app.context.set_language("lv")  # live: the model is re-sorted with a Latvian collator
    order = [page.model.hit(r).surname for r in range(page.model.rowCount())]
    assert order.index("Cirulis") < order.index("Čakste") < order.index("Sepp")
    assert order.index("Zoo") > order.index("Tamm")  # z is at its Latin place in Latvian


def test_add_to_request_from_the_archive(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    services = app.context.services
    request = services.requests.register(
        NewRequest(Applicant("Anna Kask", phone="555"), RequestSubject.EMPLOYMENT, "Kask Anna")
    )
    surname, given = _some_person(app)
    _search(qtbot, app, f"{surname} {given}")
    page = app.archive
    qtbot.waitUntil(lambda: page.detail.detail() is not None, timeout=10_000)
    wanted = page.detail.detail().record_id
    page.detail.add_button.click()
    qtbot.waitUntil(lambda: app.requests.dialog is not None, timeout=10_000)
    picker = app.requests.dialog
    assert picker.list.count() == 1 and request.reg_number in picker.list.item(0).text()
    picker.buttons.accepted.emit()
    qtbot.waitUntil(
        lambda: services.requests.get(request.uid).request.record_ids == [wanted], timeout=10_000
    )

    # from the request's page: search the archive for it, records go straight in
    app.requests.reload()
    qtbot.waitUntil(lambda: app.requests.select(request.uid), timeout=10_000)
    qtbot.waitUntil(lambda: app.requests.detail.request() is not None, timeout=10_000)
    with qtbot.waitSignal(page.search_finished, timeout=15_000):
        app.requests.detail.search_button.click()
    assert page.target() == (request.uid, request.reg_number)
    assert not page.target_bar.isHidden()
    assert page.search.text() == "Kask Anna"
    with qtbot.waitSignal(app.context.data_changed, timeout=10_000):
        page.add_to_request.emit([wanted, page.model.hit(0).record_id])
    qtbot.waitUntil(lambda: len(services.requests.get(request.uid).request.record_ids) == 2)


def test_search_in_a_child_process_matches_the_in_process_search(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.ui.app import Options

    app = make_app(
        options=Options(offer_demo=False, language="en", search_process=True, card_monitor=False)
    )
    search = app.context.services.person_search
    from clerk_app.ui.search_process import SearchProcess

    assert isinstance(search, SearchProcess)
    qtbot.waitUntil(lambda: search.pid is not None, timeout=20_000)
    pid = search.pid
    surname, given = _some_person(app)
    result = _search(qtbot, app, f"{surname} {given}")
    from clerk_app.core.services.person_search import PersonSearch

    local = PersonSearch(app.context.services.uow_factory, "t").search(
        f"{surname} {given}", None, 100
    )
    assert [h.record_id for h in result.hits] == [h.record_id for h in local.hits]
    assert search.pid == pid and pid != os.getpid()
    app.shutdown()
    assert search.pid is None
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive  # the child does not outlive the app

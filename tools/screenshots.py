"""Screenshots of the desktop app's main views in each UI language, as PNG files.

    python tools/screenshots.py OUT_DIR                       # all pages, et ru lv en, offscreen
    python tools/screenshots.py OUT_DIR --pages archive requests --langs et
    python tools/screenshots.py OUT_DIR --xvfb                # real X rendering under Xvfb

Builds a demo data folder (demo archive + a few requests in telling states: overdue, due soon,
refused with a reason, records collected) unless --home points at one, opens the app, and for
each language and page brings the page into a representative state and saves
`<page>_<lang>.png`. The handbook reuses it: pages and languages are selectable.

Pages: requests, archive, certificates, exchange, sync, register (the registration dialog with
its field messages), status (the status-change dialog).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ["requests", "archive", "certificates", "exchange", "sync", "register", "status"]
LANGS = ["et", "ru", "lv", "en"]
SEARCH = "Ivanov Mihhail"


def build_home(home: Path, persons: int) -> None:
    from clerk_app.bootstrap import Workstation
    from clerk_app.core.requests import (
        Applicant,
        NewRequest,
        RequestChannel,
        RequestStatus,
        RequestSubject,
    )
    from clerk_app.core.services.import_records import import_records
    from clerk_app.core.services.person_search import PersonSearch
    from clerk_app.core.services.requests import RequestService
    from clerk_app.demo import generate_archive

    ws = Workstation(str(home))
    ws.settings.office_code = "NRV"
    from clerk_app.core.settings import save_settings

    save_settings(ws.home.settings, ws.settings)
    ws = Workstation(str(home))
    rows = (r for _i, recs in generate_archive(persons, 42) for r in recs)
    import_records(ws.uow_factory(), rows, source="screenshots", actor="demo")

    def service(days_ago: int) -> RequestService:
        return RequestService(
            ws.uow_factory(),
            ws.office(),
            "anna.kask",
            clock=lambda: datetime.now(UTC) - timedelta(days=days_ago),
        )

    hits = PersonSearch(ws.uow_factory(), "demo").search(SEARCH, None, 5).hits
    first = service(44).register(
        NewRequest(
            Applicant("Мария Иванова", address="Narva, Puškini 12, 20308", phone="+372 5550 1234"),
            RequestSubject.EMPLOYMENT,
            "Иванов Михаил Александрович",
            period_from=1965,
            period_to=1980,
            languages=("et", "ru"),
            assignee="anna.kask",
        )
    )
    service(44).change_status(first.uid, RequestStatus.IN_SEARCH)
    if hits:
        service(43).add_records(first.uid, [h.record_id for h in hits[:2]])
    service(27).register(
        NewRequest(
            Applicant("Daugavpils pilsētas dome", email="dome@daugavpils.lv"),
            RequestSubject.SALARY,
            "Bērziņš Jānis",
            period_from=1970,
            period_to=1991,
            languages=("lv", "et"),
            channel=RequestChannel.PARTNER,
            partner_org="Daugavpils",
            partner_case_number="DGP-2026/77",
        )
    )
    refused = service(20).register(
        NewRequest(
            Applicant("Jüri Tamm", phone="+372 5555 1234"), RequestSubject.CIVIL_STATUS, "Tamm Õie"
        )
    )
    service(12).change_status(
        refused.uid, RequestStatus.REFUSED, "Sünnikanded on Rahvusarhiivis, mitte meil."
    )
    service(2).register(
        NewRequest(
            Applicant("Ольга Смирнова", email="olga@example.ru"),
            RequestSubject.RESIDENCE,
            "Смирнова Ольга Петровна",
        )
    )
    ws.close()


def shoot(home: Path, out: Path, pages: list[str], langs: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from clerk_app.bootstrap import Workstation
    from clerk_app.ui.app import ClerkApp, Options, create_qapplication

    qapp = create_qapplication()
    ws = Workstation(str(home))
    app = ClerkApp(qapp, ws, Options(offer_demo=False, language=langs[0], search_process=False))
    win = app.window
    win.resize(1280, 800)
    app.start()

    def wait(cond, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise TimeoutError("the app did not get there in time")
            qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        widget.raise_()
        settle()
        screen = QGuiApplication.primaryScreen()
        if os.environ.get("QT_QPA_PLATFORM") == "xcb" and widget.isWindow():
            image = screen.grabWindow(widget.winId())
        else:
            image = widget.grab()
        path = out / name
        image.save(str(path))
        print(path, flush=True)

    wait(lambda: app.context.services is not None)
    reqs = app.requests
    wait(lambda: reqs.model.rowCount() > 0)
    target = (
        next((r.request.uid for r in reqs.model.rows() if r.request.record_ids), None)
        or reqs.model.rows()[0].request.uid
    )
    for lang in langs:
        app.context.translations.switch(lang)
        for page in pages:
            if page == "requests":
                win.show_page("requests")
                reqs.reload()
                wait(lambda: reqs.select(target))
                wait(lambda: reqs.detail.request() is not None)
                reqs.detail.tabs.setCurrentIndex(2)  # the history
                save(win, f"requests_{lang}.png")
            elif page == "archive":
                win.show_page("archive")
                found: list[object] = []
                app.archive.search_finished.connect(found.append)
                app.archive.search.setText(SEARCH)
                app.archive.run_search()
                wait(lambda: bool(found))  # noqa: B023 (waited on right here)
                app.archive.search_finished.disconnect(found.append)
                wait(lambda: app.archive.detail.detail() is not None)
                save(win, f"archive_{lang}.png")
            elif page in ("certificates", "exchange", "sync"):
                win.show_page(page)
                save(win, f"{page}_{lang}.png")
            elif page == "register":
                win.show_page("requests")
                app.new_request()
                dialog = reqs.dialog
                dialog.person_name.setText("Kuznetsov Ivan")
                dialog.received_on.setText("31.02.2026")
                dialog.submit()  # shows the field messages
                save(dialog, f"register_{lang}.png")
                dialog.reject()
            elif page == "status":
                win.show_page("requests")
                wait(lambda: reqs.select(target))
                wait(lambda: reqs.detail.request() is not None)
                reqs.change_status()
                dialog = reqs.dialog
                save(dialog, f"status_{lang}.png")
                dialog.reject()
    app.shutdown()
    win.close()


def with_xvfb(argv: list[str]) -> int:
    """Run this script again under a private Xvfb display with the xcb platform."""
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        print("Xvfb is not installed (apt-get install xvfb)", file=sys.stderr)
        return 2
    for number in range(90, 140):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    display = f":{number}"
    server = subprocess.Popen(
        [xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        return subprocess.call([sys.executable, __file__, *argv], env=env)
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="folder for the PNG files")
    p.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES)
    p.add_argument("--langs", nargs="+", choices=LANGS, default=LANGS)
    p.add_argument("--home", type=Path, help="use this data folder instead of a fresh demo")
    p.add_argument("--persons", type=int, default=2000, help="demo persons for a fresh folder")
    p.add_argument("--xvfb", action="store_true", help="render under Xvfb with the xcb platform")
    args = p.parse_args()
    if args.xvfb:
        rest = [a for a in sys.argv[1:] if a != "--xvfb"]
        return with_xvfb(rest)
    args.out.mkdir(parents=True, exist_ok=True)
    # a fresh demo folder's database is encrypted; without an OS key store this passphrase
    # opens it (for --home, set CLERK_DB_PASSPHRASE to that folder's passphrase)
    os.environ.setdefault("CLERK_DB_PASSPHRASE", "screenshots passphrase 2026")
    if args.home:
        shoot(args.home, args.out, args.pages, args.langs)
        return 0
    with tempfile.TemporaryDirectory(prefix="clerk-shots-") as tmp:
        home = Path(tmp)
        build_home(home, args.persons)
        shoot(home, args.out, args.pages, args.langs)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fixtures of the desktop-app tests (tests/ui): a running ClerkApp over a small demo archive.

A plugin module rather than tests/ui/conftest.py: a second module named `conftest` would
shadow the one other tests import by that name.

The archive (demo generator, 150 persons) is imported once per session and copied for each
test, so every test starts from the same real SQLite database, migrated by Alembic.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from clerk_app.bootstrap import Workstation
from clerk_app.ui.app import ClerkApp, Options, create_qapplication

DEMO_PERSONS = 150


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from clerk_app.core.services.import_records import import_records
    from clerk_app.demo import generate_archive
    from clerk_app.store.database import open_database
    from clerk_app.store.uow import SqlUnitOfWork

    path = tmp_path_factory.mktemp("demo") / "clerk.db"
    engine = open_database(f"sqlite:///{path}")
    rows = (r for _identity, recs in generate_archive(DEMO_PERSONS, 7) for r in recs)
    report = import_records(lambda: SqlUnitOfWork(engine), rows, source="test", actor="test")
    assert report.committed
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def qapp_clerk(qapp: QApplication) -> QApplication:  # type: ignore[no-any-unimported]
    return create_qapplication()


class AppFactory:
    def __init__(self, qtbot, tmp_path: Path, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.demo_db = demo_db
        self.apps: list[ClerkApp] = []

    def __call__(
        self,
        lang: str = "en",
        data: bool = True,
        options: Options | None = None,
        translations_dir: Path | None = None,
        wait_ready: bool = True,
    ) -> ClerkApp:
        home = self.tmp_path / f"home{len(self.apps)}"
        home.mkdir()
        if data:
            shutil.copy(self.demo_db, home / "clerk.db")
        ws = Workstation(str(home), f"sqlite:///{home / 'clerk.db'}")
        opts = options or Options(
            offer_demo=False, language=lang, search_process=False, card_monitor=False
        )
        app = ClerkApp(create_qapplication(), ws, opts, translations_dir=translations_dir)
        self.apps.append(app)
        self.qtbot.addWidget(app.window)
        app.start()
        if wait_ready:
            self.qtbot.waitUntil(lambda: app.context.services is not None, timeout=20_000)
        return app

    def close(self) -> None:
        for app in self.apps:
            app.shutdown()
            app.translations.uninstall()
            app.window.close()
        QLocale.setDefault(QLocale("en_GB"))


@pytest.fixture
def make_app(qtbot, tmp_path: Path, demo_db: Path) -> Iterator[AppFactory]:  # type: ignore[no-untyped-def]
    factory = AppFactory(qtbot, tmp_path, demo_db)
    yield factory
    factory.close()

"""The encrypted workstation database from the desktop app: a new database gets its passphrase
from the dialog (asked on the GUI thread while the database opens on a worker), the file is
SQLCipher on disk, a wrong passphrase is said in words with Retry, and the right one opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.bootstrap import Workstation
from clerk_app.store import keystore
from clerk_app.store.sqlcipher import is_plain_sqlite
from clerk_app.ui.app import ClerkApp, Options, create_qapplication
from clerk_app.ui.passphrase import GuiPassphrasePrompt, PassphraseDialog
from clerk_app.ui.testing import type_text

SECRET = "Narva jõe kallas 1944"


@pytest.fixture
def no_key_store(monkeypatch):  # type: ignore[no-untyped-def]
    """As on a workstation without an OS key store (and no CLERK_DB_PASSPHRASE)."""
    monkeypatch.delenv("CLERK_DB_PASSPHRASE", raising=False)
    monkeypatch.setattr(keystore, "keyring_usable", lambda: False)


@pytest.fixture
def start(qtbot, tmp_path: Path) -> Iterator:  # type: ignore[no-untyped-def]
    apps: list[ClerkApp] = []

    def launch() -> tuple[ClerkApp, list[PassphraseDialog]]:
        prompt = GuiPassphrasePrompt()
        ws = Workstation(str(tmp_path), passphrase_prompt=prompt)
        options = Options(offer_demo=False, language="en", search_process=False, card_monitor=False)
        app = ClerkApp(create_qapplication(), ws, options, prompt=prompt)
        dialogs: list[PassphraseDialog] = []
        prompt.dialog_opened.connect(dialogs.append)
        qtbot.addWidget(app.window)
        apps.append(app)
        app.start()
        return app, dialogs

    yield launch
    for app in apps:
        app.shutdown()
        app.translations.uninstall()
        app.window.close()


def test_new_database_is_encrypted_with_the_passphrase_from_the_dialog(
    qtbot, tmp_path: Path, no_key_store, start
) -> None:  # type: ignore[no-untyped-def]
    app, dialogs = start()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=20_000)
    dialog = dialogs[0]
    assert not dialog.f.rows["repeat"].isHidden()  # setting one: typed twice
    assert dialog.windowTitle() == "Set the database passphrase"
    type_text(dialog.passphrase, "short")
    dialog.submit()
    assert dialog.error_for("passphrase") == "At least 12 characters."
    dialog.passphrase.clear()
    type_text(dialog.passphrase, SECRET)
    type_text(dialog.repeat, SECRET + "x")
    dialog.submit()
    assert dialog.error_for("repeat") == "The two passphrases differ."
    assert app.context.services is None  # nothing opened yet; the worker is waiting
    dialog.repeat.clear()
    type_text(dialog.repeat, SECRET)
    dialog.submit()
    qtbot.waitUntil(lambda: app.context.services is not None, timeout=30_000)
    db = tmp_path / "clerk.db"
    assert keystore.header_path(db).exists()
    assert db.exists() and not is_plain_sqlite(db)  # SQLCipher on disk, not plain SQLite
    with app.context.services.uow_factory() as uow:
        assert uow.records.count() == 0


def test_wrong_passphrase_is_said_in_words_and_retry_opens(
    qtbot, tmp_path: Path, no_key_store, start
) -> None:  # type: ignore[no-untyped-def]
    ws = Workstation(str(tmp_path), passphrase_prompt=lambda _new: SECRET)
    ws.engine  # noqa: B018 (creates the encrypted database)
    ws.close()
    app, dialogs = start()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=20_000)
    assert dialogs[0].f.rows["repeat"].isHidden()  # opening: asked once
    assert dialogs[0].windowTitle() == "Open the archive database"
    type_text(dialogs[0].passphrase, "not the passphrase")
    dialogs[0].submit()
    qtbot.waitUntil(lambda: getattr(app, "open_box", None) is not None, timeout=20_000)
    assert app.open_box.text() == "The passphrase is not right."
    assert app.context.services is None
    app.open_box.button(app.open_box.StandardButton.Retry).click()
    qtbot.waitUntil(lambda: len(dialogs) == 2, timeout=20_000)
    type_text(dialogs[1].passphrase, SECRET)
    dialogs[1].submit()
    qtbot.waitUntil(lambda: app.context.services is not None, timeout=30_000)


def test_closing_while_the_dialog_waits_releases_the_worker(qtbot, no_key_store, start) -> None:  # type: ignore[no-untyped-def]
    app, dialogs = start()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=20_000)
    app.shutdown()  # the worker blocked on the question is answered "none" and ends
    assert app.pool.activeThreadCount() == 0

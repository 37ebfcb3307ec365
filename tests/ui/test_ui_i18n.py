"""The translation gate (qt-practice §6): fresh .ts files, every message finished in every
language with the right plural forms, placeholders and mnemonics kept, compiled .qm up to date,
our qtbase_et.ts covering Qt's own dialog texts, and a pseudo-locale walk that finds any visible
text bypassing tr(). Plus live switching, the remembered choice and dates per UI locale."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from clerk_app.core.requests import Applicant, NewRequest, RequestSubject
from clerk_app.ui import i18n_tool
from clerk_app.ui.i18n import format_date, format_partial, ui_locale

TRANSLATIONS = i18n_tool.TRANSLATIONS
NUMERUS = {"et": 2, "en": 2, "ru": 3, "lv": 3}
PLACEHOLDER = re.compile(r"%n|%L?\d|\{[a-z_]*\}")
QT_CONTEXTS = (
    "QDialogButtonBox",
    "QMessageBox",
    "QPlatformTheme",
    "QLineEdit",
    "QWidgetTextControl",
    "QFileDialog",
)
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def _messages(path: Path):  # type: ignore[no-untyped-def]
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            yield name, m


def _keys(path: Path) -> set[tuple[str, str, str]]:
    return {
        (ctx, m.findtext("source") or "", m.findtext("comment") or "") for ctx, m in _messages(path)
    }


def test_ts_files_are_fresh(tmp_path: Path) -> None:
    """lupdate over the current code adds and drops nothing: no string escapes the catalogs."""
    copies = []
    for ts in i18n_tool.catalog_files():
        copy = tmp_path / ts.name
        shutil.copy(ts, copy)
        copies.append(copy)
    report = i18n_tool.lupdate(copies)
    counts = re.findall(r"Found (\d+) source text\(s\) \((\d+) new and (\d+) already", report)
    assert len(counts) == 4, report
    assert all(new == "0" for _total, new, _old in counts), report
    for ts, copy in zip(i18n_tool.catalog_files(), copies, strict=True):
        assert _keys(ts) == _keys(copy), f"{ts.name}: strings left the code (run update)"


def test_freshness_check_catches_a_new_string(tmp_path: Path) -> None:
    """The check above can fail: a source with one more tr() string is reported as new."""
    extra = tmp_path / "extra.py"
    extra.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        'QCoreApplication.translate("Status", "Offline mode")\n',
        encoding="utf-8",
    )
    copy = tmp_path / "clerk_lv.ts"
    shutil.copy(TRANSLATIONS / "clerk_lv.ts", copy)
    out = i18n_tool.subprocess.run(
        [i18n_tool.tool("pyside6-lupdate"), str(extra), "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.search(r"\(1 new and", out.stdout + out.stderr)


@pytest.mark.parametrize("lang", ["et", "ru", "lv", "en"])
def test_every_message_is_translated_with_its_plural_forms(lang: str) -> None:
    problems: list[str] = []
    path = TRANSLATIONS / f"clerk_{lang}.ts"
    count = 0
    for ctx, m in _messages(path):
        count += 1
        source = m.findtext("source") or ""
        where = f"{lang} {ctx}: {source!r}"
        tr = m.find("translation")
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {tr.get('type') if tr is not None else 'missing'}")
            continue
        if m.get("numerus") == "yes":
            forms = [f.text or "" for f in tr.findall("numerusform")]
            if len(forms) != NUMERUS[lang]:
                problems.append(f"{where} has {len(forms)} plural forms, not {NUMERUS[lang]}")
        else:
            forms = [tr.text or ""]
        for form in forms:
            if not form.strip():
                problems.append(f"{where} has an empty translation")
            elif sorted(set(PLACEHOLDER.findall(form))) != sorted(set(PLACEHOLDER.findall(source))):
                problems.append(f"{where} → {form!r}: placeholders differ")
            if "&" in source.replace("&&", "") and form.replace("&&", "").count("&") != 1:
                problems.append(f"{where} → {form!r}: needs exactly one mnemonic &")
    assert count > 300
    assert not problems, "\n".join(problems)


def test_the_completeness_check_reports_an_unfinished_message(tmp_path: Path) -> None:
    text = (TRANSLATIONS / "clerk_lv.ts").read_text(encoding="utf-8")
    broken = re.sub(
        r"<source>Sync</source>\s*<translation>[^<]*</translation>",
        '<source>Sync</source>\n        <translation type="unfinished"></translation>',
        text,
        count=1,
    )
    assert broken != text
    path = tmp_path / "clerk_lv.ts"
    path.write_text(broken, encoding="utf-8")
    unfinished = [
        (ctx, m.findtext("source"))
        for ctx, m in _messages(path)
        if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == [("SyncPage", "Sync")]


def test_compiled_qm_files_match_their_ts(tmp_path: Path) -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        fresh = tmp_path / ts.with_suffix(".qm").name
        i18n_tool.lrelease(ts, fresh)
        shipped = ts.with_suffix(".qm")
        assert shipped.exists(), f"{shipped.name} missing: run i18n_tool release"
        assert shipped.read_bytes() == fresh.read_bytes(), f"{shipped.name} stale: release"


def test_qtbase_et_covers_the_qt_dialog_texts_the_app_shows(qapp) -> None:  # type: ignore[no-untyped-def]
    path = TRANSLATIONS / "qtbase_et.ts"
    contexts: dict[str, int] = {}
    for ctx, m in _messages(path):
        tr = m.find("translation")
        assert tr is not None and tr.get("type") is None and (tr.text or "").strip(), (ctx, m)
        contexts[ctx] = contexts.get(ctx, 0) + 1
    assert all(contexts.get(c) for c in QT_CONTEXTS), contexts
    # and Qt really uses them: buttons, message boxes and edit menus come out Estonian
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "qtbase_et.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Yes
            | QDialogButtonBox.StandardButton.No
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Close
        )
        assert sorted(b.text() for b in box.buttons()) == ["&Ei", "&Jah", "Loobu", "Sulge"]
        line = QLineEdit()
        menu = line.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert "&Kopeeri" in texts and "Vali kõik" in texts
        plain = QPlainTextEdit("x")
        menu = plain.createStandardContextMenu()
        assert "&Aseta" in [a.text().split("\t")[0] for a in menu.actions()]
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", {1: "Найдена 1 запись.", 3: "Найдено 3 записи.", 5: "Найдено 5 записей.",
                11: "Найдено 11 записей.", 21: "Найдена 21 запись.", 22: "Найдено 22 записи."}),
        ("lv", {0: "Atrasts 0 ierakstu.", 1: "Atrasts 1 ieraksts.", 2: "Atrasti 2 ieraksti.",
                11: "Atrasti 11 ieraksti.", 21: "Atrasts 21 ieraksts."}),
        ("et", {1: "Leiti 1 kirje.", 2: "Leiti 2 kirjet.", 21: "Leiti 21 kirjet."}),
        ("en", {1: "1 record found.", 2: "2 records found.", 0: "0 records found."}),
    ],
)  # fmt: skip
def test_plural_forms_come_out_right(qapp, lang: str, expected: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / f"clerk_{lang}.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        for n, text in expected.items():
            got = QCoreApplication.translate("ArchivePage", "%n record(s) found.", "", n)
            assert got == text, (lang, n)
    finally:
        QCoreApplication.removeTranslator(translator)


def _pseudo_catalog(folder: Path) -> Path:
    """clerk_en.qm in which every translation is wrapped in ⟦…⟧ (numerus forms too)."""
    tree = ET.parse(TRANSLATIONS / "clerk_en.ts")
    for _ctx, m in ((None, m) for m in tree.getroot().iter("message")):
        tr = m.find("translation")
        assert tr is not None
        forms = tr.findall("numerusform")
        for node in forms or [tr]:
            node.text = f"{MARK_OPEN}{node.text}{MARK_CLOSE}"
    ts = folder / "clerk_en.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    i18n_tool.lrelease(ts, folder / "clerk_en.qm")
    return folder


QT_INTERNAL = {"ScrollLeftButton", "ScrollRightButton"}
QT_OWN = {"OK", "Cancel", "&Yes", "&No", "Close", "Yes", "No", "Show Details...", "Help", "Retry"}


def _unmarked(top: QWidget) -> list[str]:
    """Visible texts of `top` and its children that did not come through tr()."""
    bad: list[str] = []

    def check(where: str, text: str | None) -> None:
        if text and text.strip() and MARK_OPEN not in text:
            bad.append(f"{where}: {text!r}")

    for w in [top, *top.findChildren(QWidget)]:
        if w.property("clerk_data") or w.property("clerk_untranslated"):
            continue
        if w.objectName().startswith("qt_") or w.objectName() in QT_INTERNAL:
            continue  # Qt's own parts (tab scroll buttons, …): qtbase translations
        name = f"{type(w).__name__}({w.objectName()})"
        if (
            isinstance(w, QAbstractButton)
            and isinstance(w.parent(), QDialogButtonBox)
            and w.text() in QT_OWN
        ):
            continue  # Qt's own (qtbase), checked by the qtbase_et test
        if w.isWindow():
            check(f"{name}.windowTitle", w.windowTitle())
        if isinstance(w, (QLabel, QAbstractButton)):
            check(f"{name}.text", w.text())
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            check(f"{name}.placeholderText", w.placeholderText())
        if isinstance(w, QGroupBox):
            check(f"{name}.title", w.title())
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                check(f"{name}.tab{i}", w.tabText(i))
        if isinstance(w, QComboBox) and not w.isEditable():
            for i in range(w.count()):
                check(f"{name}.item{i}", w.itemText(i))
        if isinstance(w, QListWidget) and w.objectName() == "navigation":
            for i in range(w.count()):
                check(f"{name}.item{i}", w.item(i).text())
        if isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            for c in range(m.columnCount()):
                check(f"{name}.header{c}", m.headerData(c, Qt.Orientation.Horizontal))
        check(f"{name}.toolTip", w.toolTip())
        check(f"{name}.accessibleName", w.accessibleName())
    for a in top.findChildren(QAction):
        if a.property("clerk_untranslated") or a.isSeparator():
            continue
        check("QAction.text", a.text())
    for menu in top.findChildren(QMenu):
        check("QMenu.title", menu.title())
    return bad


def test_pseudo_locale_finds_no_text_that_bypasses_tr(qtbot, make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _pseudo_catalog(tmp_path)
    app = make_app(lang="en", translations_dir=folder)
    services = app.context.services
    request = services.requests.register(
        NewRequest(Applicant("Pseudo Peeter", phone="5"), RequestSubject.SALARY, "Peeter")
    )
    problems: list[str] = []
    win = app.window
    # the archive with a search result and a record's detail
    app.window.show_page("archive")
    with qtbot.waitSignal(app.archive.search_finished, timeout=15_000):
        app.archive.search.setText("Ivanov")
        app.archive.run_search()
    qtbot.waitUntil(lambda: app.archive.detail.detail() is not None, timeout=10_000)
    app.archive.filters.born_from.setText("12")  # a filter error message
    app.archive.set_target((request.uid, request.reg_number))
    # the register with the request open and its detail shown
    app.window.show_page("requests")
    app.requests.reload()
    qtbot.waitUntil(lambda: app.requests.select(request.uid), timeout=10_000)
    qtbot.waitUntil(lambda: app.requests.detail.request() is not None, timeout=10_000)
    for page in win.pages:
        win.show_page(page.page_id)
        problems += _unmarked(win)
    # every dialog, including field messages after a refused submit
    app.new_request()
    dialog = app.requests.dialog
    dialog.submit()
    problems += _unmarked(dialog)
    dialog.reject()
    app.requests.change_status()
    dialog = app.requests.dialog
    dialog.status.setCurrentIndex(dialog.status.findData("refused"))
    dialog.submit()  # refused without a reason: a message next to the field
    assert dialog.error_for("reason")
    problems += _unmarked(dialog)
    dialog.reject()
    app.requests.extend()
    dialog = app.requests.dialog
    dialog.submit()  # no notice: a message next to the field
    assert dialog.error_for("notice")
    problems += _unmarked(dialog)
    dialog.reject()
    app.requests.assign()
    problems += _unmarked(app.requests.dialog)
    app.requests.dialog.reject()
    app.requests.attach_records(["x"])
    qtbot.waitUntil(lambda: app.requests.dialog is not None, timeout=10_000)
    problems += _unmarked(app.requests.dialog)
    app.requests.dialog.reject()
    app.demo.offer()
    problems += [p for p in _unmarked(app.demo.box) if "qt_msgbox" not in p]
    app.demo.box.reject()
    from clerk_app.core.data_at_rest import AtRestError, AtRestRefused
    from clerk_app.ui.passphrase import PassphraseDialog

    for new in (True, False):
        dialog = PassphraseDialog(new, app.window)
        dialog.submit()  # empty: a message next to the field
        assert dialog.error_for("passphrase")
        problems += _unmarked(dialog)
        dialog.reject()
    app._open_failed(AtRestRefused(AtRestError.WRONG_PASSPHRASE))
    problems += [p for p in _unmarked(app.open_box) if "qt_msgbox" not in p]
    app.open_box.done(0)
    assert not problems, "\n".join(sorted(set(problems)))


def test_pseudo_walk_catches_a_literal(qtbot, make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The walk above can fail: a label set without tr() is reported."""
    folder = _pseudo_catalog(tmp_path)
    app = make_app(lang="en", translations_dir=folder)
    app.archive.status.setText("Searching...")
    assert any("Searching..." in p for p in _unmarked(app.window))


def test_language_switches_live_and_is_remembered(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang="en")
    win = app.window
    archive_row = [p.page_id for p in win.pages].index("archive")
    assert win.nav.item(archive_row).text() == "Archive"
    win.language_actions["et"].trigger()
    assert win.nav.item(archive_row).text() == "Arhiiv"
    assert win.windowTitle() == "Clerk — arhiivipäringud ja -teatised"
    assert app.archive.search_label.text() == "&Otsi"
    assert app.archive.table.model().headerData(0, Qt.Orientation.Horizontal) == "Nimi"
    assert win.language_actions["et"].isChecked()
    assert QLocale().name() == "et_EE"
    settings = app.workstation.home.settings
    win.language_actions["ru"].trigger()
    qtbot.waitUntil(
        lambda: settings.exists() and json.loads(settings.read_text())["ui_language"] == "ru"
    )
    assert win.nav.item(archive_row).text() == "Архив"
    assert app.status.sync.text() == "Последняя синхронизация: никогда"
    win.language_actions["lv"].trigger()
    assert win.nav.item(archive_row).text() == "Arhīvs"
    qtbot.waitUntil(lambda: json.loads(settings.read_text())["ui_language"] == "lv")
    # a new start comes up in the remembered language
    from clerk_app.bootstrap import Workstation

    assert Workstation(str(app.workstation.home.root)).settings.ui_language == "lv"


def test_dates_are_written_as_the_ui_locale_writes_them() -> None:
    d = date(1978, 3, 12)
    assert format_date(d, ui_locale("et")) == "12.03.1978"  # four digits, not et's 12.03.78
    assert format_date(d, ui_locale("lv")) == "12.03.1978"
    assert format_date(d, ui_locale("ru")) == "12.03.1978"
    assert format_date(d, ui_locale("en")) == "12/03/1978"
    assert format_partial("1978-03", ui_locale("en")) == "03/1978"
    assert format_partial("1978", ui_locale("et")) == "1978"

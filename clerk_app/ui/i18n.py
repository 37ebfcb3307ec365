"""UI languages: translator install and live switch, the collator, dates as the locale writes.

Two QTranslators per language (qt-practice §5): ours (`clerk_<lang>.qm`) and Qt's own
(`qtbase_<lang>.qm`, from Qt's translations folder for ru/lv, ours for et because Qt ships none).
Switching removes and installs them; Qt then sends `LanguageChange` to every widget, whose
`changeEvent` calls its `retranslate()`.

Sorting and dates follow the UI language, never the OS locale (pitfall 2): `collator()` is a
QCollator built for the UI language, `QLocale.setDefault` makes spin boxes and date edits follow.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QDate,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from clerk_app.core.records import PartialDate

LANGUAGES = ("et", "ru", "lv", "en")
# Each language is offered under its own name (an endonym is never translated).
ENDONYMS = {"et": "Eesti", "ru": "Русский", "lv": "Latviešu", "en": "English"}
LOCALE_NAMES = {"et": "et_EE", "ru": "ru_RU", "lv": "lv_LV", "en": "en_GB"}
TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"


def ui_locale(lang: str) -> QLocale:
    return QLocale(LOCALE_NAMES.get(lang, "en_GB"))


class Translations(QObject):
    """Owns the installed translators; `language_changed(lang)` after every switch."""

    language_changed = Signal(str)

    def __init__(
        self,
        app: QCoreApplication,
        directory: Path = TRANSLATIONS_DIR,
        catalog: str = "clerk",
    ) -> None:
        super().__init__(app)
        self._app = app
        self._dir = directory
        self._catalog = catalog
        self._installed: list[QTranslator] = []
        self._lang = ""

    @property
    def language(self) -> str:
        return self._lang

    def locale(self) -> QLocale:
        return ui_locale(self._lang)

    def collator(self) -> QCollator:
        return make_collator(self._lang)

    def switch(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown UI language {lang!r}")
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed = []
        for tr in self._load(lang):
            self._app.installTranslator(tr)
            self._installed.append(tr)
        QLocale.setDefault(ui_locale(lang))
        # Qt posts LanguageChange to the windows; deliver it now, so the switch is complete
        # when this returns (menus, pages and open dialogs retranslate in one go)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        changed = lang != self._lang
        self._lang = lang
        if changed:
            self.language_changed.emit(lang)

    def uninstall(self) -> None:
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed = []

    def _load(self, lang: str) -> list[QTranslator]:
        out: list[QTranslator] = []
        ours = QTranslator(self)
        if ours.load(str(self._dir / f"{self._catalog}_{lang}.qm")):
            out.append(ours)
        qt_dirs = [self._dir, Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
        for folder in qt_dirs:
            qt = QTranslator(self)
            if (folder / f"qtbase_{lang}.qm").exists() and qt.load(
                str(folder / f"qtbase_{lang}.qm")
            ):
                out.append(qt)
                break
        return out


def make_collator(lang: str) -> QCollator:
    collator = QCollator(ui_locale(lang))
    collator.setNumericMode(True)  # "RU-10" after "RU-9"
    collator.setCaseSensitivity(collator.caseSensitivity().CaseInsensitive)
    return collator


def _full_year(fmt: str) -> str:
    """et/lv short formats write a two-digit year (pitfall in §5): always write four."""
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", fmt)


def date_format(locale: QLocale) -> str:
    return _full_year(locale.dateFormat(QLocale.FormatType.ShortFormat))


def month_format(locale: QLocale) -> str:
    """The short date format without its day: 03.1978, 03/1978."""
    fmt = date_format(locale)
    fmt = re.sub(r"d+[^\w']*", "", fmt, count=1) if fmt.startswith("d") else fmt
    return re.sub(r"[^\w']*d+", "", fmt)


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(QDate(value.year, value.month, value.day), date_format(loc))


def format_partial(iso: str | None, locale: QLocale | None = None) -> str:
    """An archive date known to the year, month or day (YYYY, YYYY-MM, YYYY-MM-DD)."""
    if not iso:
        return ""
    loc = locale or QLocale()
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return loc.toString(QDate(parts[0], parts[1], 1), month_format(loc))
    return format_date(date(*parts), loc)


def parse_date(text: str, locale: QLocale | None = None) -> date | None:
    """A date typed by the clerk: the locale's short form, or ISO; None if it is no date."""
    text = text.strip()
    if not text:
        return None
    loc = locale or QLocale()
    loose = re.sub(r"d+", "d", re.sub(r"M+", "M", date_format(loc)))  # 1.3.1978 too
    for fmt in (loose, "yyyy-M-d"):  # never a two-digit year: 12.03.25 is refused
        qd = loc.toDate(text, fmt)
        if qd.isValid():
            return date(qd.year(), qd.month(), qd.day())
    return None


_YEAR = re.compile(r"^\d{4}$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[./-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_partial(text: str, locale: QLocale | None = None) -> PartialDate | None:
    """A date known to the year, the month or the day, as the clerk types it: 1931, 03.1931,
    1931-03, or a full date. None for empty input; ValueError when it is no such date."""
    text = text.strip()
    if not text:
        return None
    if _YEAR.match(text):
        return PartialDate(int(text))
    m = _MONTH_YEAR.match(text) or _YEAR_MONTH.match(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        year, month = (b, a) if _MONTH_YEAR.match(text) else (a, b)
        return PartialDate(year, month)  # raises ValueError for month 13
    full = parse_date(text, locale)
    if full is None:
        raise ValueError(f"not a date: {text!r}")
    return PartialDate(full.year, full.month, full.day)

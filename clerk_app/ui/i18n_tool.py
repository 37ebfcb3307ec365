"""Refresh and compile the UI translations: `python -m clerk_app.ui.i18n_tool update|release`.

`update` runs pyside6-lupdate over every `clerk_app/ui/**/*.py` into
`clerk_app/translations/clerk_{et,ru,lv,en}.ts` (new strings come in unfinished; strings no
longer in the code are dropped). `release` compiles every `.ts` there, including our own
`qtbase_et.ts`, to the `.qm` files the app loads. Run `update` after adding a `tr()` string,
translate it (pyside6-linguist, or any .ts editor), then `release`; the tests fail until both
are done.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
UI_DIR = PACKAGE / "ui"
TRANSLATIONS = PACKAGE / "translations"
CATALOG = "clerk"
LANGUAGES = ("et", "ru", "lv", "en")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the PySide6 wheel, next to this Python first."""
    here = Path(sys.executable).with_name(name)
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def catalog_files(directory: Path = TRANSLATIONS) -> list[Path]:
    return [directory / f"{CATALOG}_{lang}.ts" for lang in LANGUAGES]


def lupdate(ts_files: Sequence[Path], extra: Sequence[str] = ()) -> str:
    """Run lupdate over the UI sources into `ts_files`; returns its report."""
    cmd = [
        tool("pyside6-lupdate"),
        *[str(p) for p in sources()],
        "-no-obsolete",
        "-locations",
        "none",
        *extra,
        "-ts",
        *[str(p) for p in ts_files],
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return out.stdout + out.stderr


def lrelease(ts: Path, qm: Path | None = None) -> str:
    qm = qm or ts.with_suffix(".qm")
    out = subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout + out.stderr


def update() -> None:
    TRANSLATIONS.mkdir(exist_ok=True)
    print(lupdate(catalog_files()))


def release() -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        print(lrelease(ts).strip())


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m clerk_app.ui.i18n_tool")
    p.add_argument("action", choices=["update", "release"])
    args = p.parse_args(argv)
    update() if args.action == "update" else release()
    return 0


if __name__ == "__main__":
    sys.exit(main())

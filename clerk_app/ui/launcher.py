"""`clerk-app`: parse the options, check there is a display, start the desktop app.

Without DISPLAY (and no QT_QPA_PLATFORM) Qt aborts with a misleading message about
libxcb-cursor0 (qt-practice pitfall 5), so the launcher checks first and says what is wrong.
`--smoke-test` opens the main window offscreen on a fresh data folder and exits 0 when the
window is shown and the database is ready (the installer checks its bundle with it).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from collections.abc import Sequence

LANGS = ("et", "ru", "lv", "en")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clerk-app", description="Clerk desktop app")
    p.add_argument("--home", help="data folder (default: $CLERK_HOME or the user data dir)")
    p.add_argument("--db", help="database URL (default: $CLERK_DB or SQLite in the data folder)")
    p.add_argument(
        "--demo", action="store_true", help="fill an empty archive with the demo archive"
    )
    p.add_argument("--lang", choices=LANGS, help="UI language for this session")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window offscreen on a fresh data folder, exit 0 when it works",
    )
    p.add_argument("--report-shown", action="store_true", help=argparse.SUPPRESS)  # bench
    return p


def display_problem(environ: os._Environ[str] | dict[str, str], platform: str) -> str | None:
    """Why Qt could not open a window here, or None."""
    if environ.get("QT_QPA_PLATFORM"):
        return None
    if not platform.startswith("linux"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "clerk-app needs a graphical desktop: neither DISPLAY nor WAYLAND_DISPLAY is set.\n"
        "Start it from a desktop session, or run it headless with QT_QPA_PLATFORM=offscreen "
        "(for example: clerk-app --smoke-test)."
    )


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the search child process in a frozen bundle
    args = build_parser().parse_args(argv)
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from clerk_app.ui.app import Options, run

    options = Options(demo=args.demo, offer_demo=not args.smoke_test, language=args.lang)
    if args.smoke_test:
        # a fresh database is encrypted; without an OS key store it gets a throwaway passphrase
        # (no dialog offscreen), so the smoke test opens SQLCipher like a first start does
        secret = secrets.token_urlsafe(24)

        def passphrase(_new: bool) -> str:
            return os.environ.get("CLERK_DB_PASSPHRASE") or secret

        if not args.home and not args.db:
            with tempfile.TemporaryDirectory(prefix="clerk-smoke-") as home:
                db = f"sqlite:///{home}/clerk.db"
                return run(home, db, options, smoke_test=True, passphrase=passphrase)
        return run(args.home, args.db, options, True, args.report_shown, passphrase)
    return run(args.home, args.db, options, args.smoke_test, args.report_shown)


if __name__ == "__main__":
    sys.exit(main())

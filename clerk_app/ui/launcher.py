"""Entry point reserved for the desktop app (`clerk-app`); the window arrives with issue 3."""

from __future__ import annotations

import sys


def main() -> int:
    print(
        "The Clerk desktop app is not built yet. Use the command line meanwhile:\n"
        "  clerk demo --persons 2000\n"
        '  clerk search "Ivanov Pjotr"',
        file=sys.stderr,
    )
    return 2

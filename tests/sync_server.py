"""Runs the sync hub for tests, optionally freezing at a named moment so a test can SIGKILL it
there: `--pause-at push_before_commit|push_committed|pull_ready --marker FILE` writes FILE and
sleeps at that moment (the first time it happens)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.server.sync_app import main

p = argparse.ArgumentParser()
p.add_argument("--pause-at")
p.add_argument("--marker", type=Path)
args, rest = p.parse_known_args()


def hook(event: str) -> None:
    if args.pause_at == event and args.marker is not None and not args.marker.exists():
        args.marker.write_text(event)
        time.sleep(3600)


main(rest, on_event=hook)

"""Start a real pcscd with the vpcd reader driver for one test session (or benchmark run).

Preferred: a private pcscd of our own. pcscd 1.9.9 always creates /run/pcscd/pcscd.comm and
ignores PCSCLITE_CSOCK_NAME, so a second daemon on the machine refuses to start; run as root we
give ours its own mount namespace in which a folder of ours is bind-mounted on /run/pcscd (and an
empty one on the USB driver folder, so it never touches a real reader), and its own
reader.conf.d with vpcd on two free TCP ports. Clients (pyscard, OpenSC, pcsc_scan) find
it through PCSCLITE_CSOCK_NAME, which libpcsclite's client side honours. Nothing is shared with
a system pcscd or with other test sessions running at the same time.

Fallback (no root / no unshare): reuse the system's running pcscd and the Debian vpcd
configuration (ports 35963/35964), and never stop it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

SYSTEM_SOCKET = "/run/pcscd/pcscd.comm"
VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
USB_DRIVERS = "/usr/lib/pcsc/drivers"  # pcscd's compiled-in USB bundle folder
READERS = ("Virtual PCD 00 00", "Virtual PCD 00 01")


@dataclass
class Pcscd:
    """A running pcscd: the socket clients use and the vpcd port of each reader."""

    socket_path: str
    ports: dict[str, int]
    pid: int | None = None  # None: not ours (reused), never stopped by us
    log_path: Path | None = None
    _proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def env(self) -> dict[str, str]:
        return {"PCSCLITE_CSOCK_NAME": self.socket_path}

    def stop(self) -> None:
        """SIGTERM our own daemon and wait for it (reference pitfall 8)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as a:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
        if port >= 65535:
            continue
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("0.0.0.0", port))
                b.bind(("0.0.0.0", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no two consecutive free TCP ports")


def _wait_socket(path: str, proc: subprocess.Popen[bytes] | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as s:
                s.connect(path)
                return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"pcscd exited with {proc.returncode} before its socket appeared")
        time.sleep(0.02)
    raise TimeoutError(f"pcscd socket {path} did not appear")


def start_private(folder: Path, *, readers: bool = True, debug: bool = False) -> Pcscd:
    """Our own pcscd in a private mount namespace; `readers=False` gives one with no reader."""
    if os.geteuid() != 0 or shutil.which("unshare") is None or shutil.which("pcscd") is None:
        raise PermissionError("a private pcscd needs root, unshare(1) and pcscd")
    run = folder / "run"
    conf = folder / "reader.conf.d"
    no_usb = folder / "no-usb-drivers"
    for d in (run, conf, no_usb):
        d.mkdir(parents=True, exist_ok=True)
    # our copy of the vpcd driver, so the USB driver folder can be hidden: this pcscd must not
    # grab a developer's real USB reader from under the system pcscd
    driver = folder / "libifdvpcd.so"
    shutil.copyfile(VPCD_DRIVER, driver)
    ports: dict[str, int] = {}
    if readers:
        base = _free_port_pair()
        ports = {READERS[0]: base, READERS[1]: base + 1}
        (conf / "vpcd").write_text(
            f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:0x{base:04X}\n'
            f"LIBPATH      {driver}\nCHANNELID    0x{base:04X}\n"
        )
    log_path = folder / "pcscd.log"
    args = ["pcscd", "--foreground", "--config", str(conf)]
    if debug:
        args += ["--debug", "--apdu"]
    script = (
        'mkdir -p /run/pcscd && mount --bind "$1" /run/pcscd'
        ' && { [ ! -d "$3" ] || mount --bind "$2" "$3"; } && shift 3 && exec "$@"'
    )
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                script,
                "sh",
                str(run),
                str(no_usb),
                USB_DRIVERS,
                *args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    sock = str(run / "pcscd.comm")
    try:
        _wait_socket(sock, proc, 10)
    except Exception:
        proc.kill()
        proc.wait()
        raise RuntimeError(log_path.read_text(errors="replace")[-2000:]) from None
    return Pcscd(sock, ports, proc.pid, log_path, proc)


def reuse_system() -> Pcscd:
    """The machine's running pcscd with Debian's vpcd configuration; never stopped by us."""
    _wait_socket(SYSTEM_SOCKET, None, 1)
    return Pcscd(SYSTEM_SOCKET, {READERS[0]: 35963, READERS[1]: 35964})


def start(folder: Path, *, debug: bool = False) -> Pcscd:
    try:
        return start_private(folder, debug=debug)
    except PermissionError:
        return reuse_system()

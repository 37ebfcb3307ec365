"""Checks on signed files with independent tools (poppler, qpdf) and pyHanko's reader."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import datetime
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader


def pdfsig(path: Path, nss: str) -> str:
    out = subprocess.run(["pdfsig", "-nssdir", nss, str(path)], capture_output=True, text=True)
    return out.stdout + out.stderr


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pdf_date(s: str) -> datetime:
    s = s[2:] if s.startswith("D:") else s
    s = s.replace("'", "")
    if s.endswith("Z"):
        s = s[:-1] + "+0000"
    return datetime.strptime(s, "%Y%m%d%H%M%S%z")


def assert_still_pdfa(data: bytes, path: Path) -> None:
    """PDF/A-2b facts signing must not break (signing.md §7), checked on the signed file."""
    assert data.startswith(b"%PDF-1."), data[:16]  # reportlab writes 1.4 or 1.7
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    root = reader.root
    version = root.get("/Version")  # PAdES needs 1.7: pyHanko may raise a 1.4 header so
    assert version in (None, "/1.7"), version  # never to 2.0 (ISO 32002), which PDF/A-2 forbids
    if version is None:
        assert data.startswith(b"%PDF-1.7")
    extensions = root.get("/Extensions")
    assert extensions is not None and set(extensions.keys()) == {"/ESIC"}, extensions
    meta = root["/Metadata"].get_object().data.decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")2", meta), meta[:400]
    assert re.search(r"pdfaid:conformance(>|=\")B", meta)
    info = reader.trailer["/Info"]
    xmp_producer = re.search(r"pdf:Producer(?:>|=\")([^<\"]+)", meta)
    assert xmp_producer and xmp_producer.group(1) == str(info["/Producer"])
    xmp_modify = re.search(r"xmp:ModifyDate(?:>|=\")([^<\"]+)", meta)
    assert xmp_modify is not None
    assert datetime.fromisoformat(xmp_modify.group(1)) == _pdf_date(str(info["/ModDate"]))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows, fonts.stdout
    embedded = [r for r in rows if re.search(r"\byes\s+yes\s+yes\b", r)]
    assert len(embedded) == len(rows), fonts.stdout
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr

"""Reading certificates back with the real PDF tools: poppler, qpdf, zbarimg."""

from __future__ import annotations

import subprocess
from pathlib import Path
from xml.etree import ElementTree

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}


def run(*cmd: str | Path) -> str:
    out = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    assert out.returncode == 0, f"{cmd[0]} failed: {out.stderr}"
    return out.stdout


def text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-enc", "UTF-8", *pages, pdf, "-")


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts rows: name, type, emb (yes/no)."""
    lines = run("pdffonts", pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [subtype words] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "type": parts[1]})
    return rows


def info(pdf: Path) -> dict[str, str]:
    out = {}
    for line in run("pdfinfo", "-isodates", pdf).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def xmp(pdf: Path) -> ElementTree.Element:
    return ElementTree.fromstring(run("pdfinfo", "-meta", pdf).strip())


def qr_code(png: Path) -> str:
    """The text of the (one) QR code on a page image."""
    out = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, f"no QR code found in {png}: {out.stderr}"
    return out.stdout.strip()


def render(pdf: Path, out_prefix: Path, dpi: int = 80, page: int | None = None) -> list[Path]:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    run("pdftoppm", "-png", "-r", str(dpi), *pages, pdf, out_prefix)
    return sorted(out_prefix.parent.glob(out_prefix.name + "-*.png"))

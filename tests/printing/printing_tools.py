"""Helpers for the printing tests: poppler's pdftotext/pdftoppm and zbar's zbarimg.

Locally a missing tool skips the test with the apt package to install; in CI (CI set) the
tools are installed by `bash dev test`, so a missing one fails instead of hiding the test.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ics2desk.checkdigits import make_mrn

MRN_A = make_mrn(26, "FR", "A1B2C3D4E5F")
MRN_B = make_mrn(26, "FR", "ZX9Y8W7V6U5")
PACKAGES = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils", "pdfinfo": "poppler-utils",
            "zbarimg": "zbar-tools"}


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} not installed (apt-get install -y {PACKAGES[tool]})"
    if os.environ.get("CI"):
        pytest.fail(message + ": CI must install it")
    pytest.skip(message)


def _file(pdf: bytes | Path, tmp: Path) -> Path:
    if isinstance(pdf, Path):
        return pdf
    path = tmp / f"doc{len(list(tmp.glob('doc*.pdf')))}.pdf"
    path.write_bytes(pdf)
    return path


def pdf_text(pdf: bytes | Path, tmp: Path, page: int | None = None) -> str:
    args = [need("pdftotext"), "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(_file(pdf, tmp)), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def page_count(pdf: bytes | Path, tmp: Path) -> int:
    out = subprocess.run([need("pdfinfo"), str(_file(pdf, tmp))], check=True, capture_output=True, text=True,
                         timeout=30).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def barcodes(pdf: bytes | Path, tmp: Path, page: int = 1, dpi: int = 200) -> list[str]:
    """Every barcode a real decoder (zbarimg) reads on `page` rendered at `dpi`, as 'TYPE:text'.

    200 dpi gives the summary's 0.3 mm modules under 2.4 px: harsher than any office printer (600 dpi).
    """
    src = _file(pdf, tmp)
    need("zbarimg")
    prefix = tmp / f"{src.stem}-p{page}"
    subprocess.run([need("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(src), str(prefix)], check=True, timeout=60)
    res = subprocess.run([need("zbarimg"), "-q", f"{prefix}.png"], capture_output=True, text=True, timeout=60)
    if res.returncode not in (0, 4):  # 4: no barcode found
        raise AssertionError(f"zbarimg failed: {res.stderr}")
    return [line.strip() for line in res.stdout.splitlines() if line.strip()]


# --- filings in a given lifecycle state, reached the way ICS2 gets them there -----------------
STOPPED_STATES = ("do_not_load", "dnl_then_amended", "invalidated", "invalidating", "rejected", "draft")


def filing_in(store, doc, state: str, mrn: str):
    """Import `doc` and drive it to `state` with the replies ICS2 sends (built by the simulator),
    through the store's own API: "dnl_then_amended" is a Do Not Load followed by an accepted
    amendment, so the state says registered and only the sticky flag remembers the stop."""
    from ics2desk.simulator import replies as r

    lrn = doc.lrn
    store.import_document(doc, user="agent")
    if state == "draft":
        return store.get(lrn)
    store.queue(lrn, user="agent")
    if state == "rejected":
        store.apply_reply(r.errors(lrn, [("15", "/IE3F50/LRN", "refused for the test")]))
        return store.get(lrn)
    store.apply_reply(r.registered(lrn, mrn, doc))
    if state in ("do_not_load", "dnl_then_amended"):
        store.apply_reply(r.do_not_load(mrn, doc))
    if state == "dnl_then_amended":
        store.amend(lrn, store.document(lrn), user="agent")
        store.apply_reply(r.amendment_accepted(mrn, doc))
    if state in ("invalidated", "invalidating"):
        store.invalidate(lrn, user="agent")
    if state == "invalidated":
        store.apply_reply(r.invalidation_accepted(mrn, doc.declarant_eori))
    f = store.get(lrn)
    assert f.state == {"dnl_then_amended": "registered"}.get(state, state), f.state
    return f

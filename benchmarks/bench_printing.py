"""Benchmark: render a 50-goods-item ENS summary vs a bare reportlab canvas writing the same number
of text lines, in the same run (target: summary < 300 ms). Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_printing.py [items] [repeats]
"""
from __future__ import annotations

import statistics
import sys
import time
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ics2desk.checkdigits import make_mrn
from ics2desk.printing import PrintMeta, render_summary
from ics2desk.printing.fonts import REGULAR, register
from ics2desk.samples import ferry_filing

TARGET_MS = 300


def bare_canvas(lines: int) -> bytes:
    """The floor: same embedded font, one line of text per goods-table cell, no layout engine."""
    buf = BytesIO()
    c = Canvas(buf, pagesize=A4)
    y = 800
    for i in range(lines):
        if y < 40:
            c.showPage()
            y = 800
        c.setFont(REGULAR, 8)
        c.drawString(40, y, f"{i:05d} Frozen potato chips 200410 14 PX 8,400.000")
        y -= 10
    c.save()
    return buf.getvalue()


def timed(fn, repeats: int) -> list[float]:
    fn()  # warm-up: font registration, code lists, imports
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> int:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    register()
    doc = ferry_filing(items=items)
    meta = PrintMeta(state="registered", mrn=make_mrn(26, "FR", "BENCH000001"), version=1)
    summary = timed(lambda: render_summary(doc, meta, "fr"), repeats)
    lines = 60 + items * 6  # header/parties lines + six cells per goods row
    bare = timed(lambda: bare_canvas(lines), repeats)
    s, b = statistics.median(summary), statistics.median(bare)
    print(f"summary, {items} goods items: median {s:.1f} ms (min {min(summary):.1f}, max {max(summary):.1f})")
    print(f"bare canvas, {lines} text lines: median {b:.1f} ms")
    print(f"ratio summary / bare canvas: {s / b:.1f}x")
    print(f"target < {TARGET_MS} ms: {'met' if s < TARGET_MS else 'MISSED'}")
    return 0 if s < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())

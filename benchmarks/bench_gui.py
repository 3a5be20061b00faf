"""GUI benchmark: cold start vs a bare PySide6 window, list opening on 100,000 filings, search.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--rows 100000]

Targets (issue 4): cold start <= 2x a bare window; list opens < 200 ms; search < 50 ms.
The 100,000 filings are written straight into the store's tables (list columns + FTS row),
which is what the list reads; making 100,000 full XML filings would only time the generator.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = r"""
import time, sys
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1280, 820); w.show()
QTimer.singleShot(0, lambda: (print(time.perf_counter() - t0), app.quit()))
app.exec()
"""

DESK = r"""
import time, sys
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ics2desk.gui.main_window import MainWindow
from ics2desk.store import open_store
app = QApplication(sys.argv[:1])
store = open_store(sys.argv[1])
m = MainWindow(store, sys.argv[1], "en")
m.window.resize(1280, 820); m.window.show()
QTimer.singleShot(0, lambda: (print(time.perf_counter() - t0), app.quit()))
app.exec()
m.shutdown(); store.close()
"""


def cold_start(code: str, *args: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
        times.append(wall)
        _ = out.stdout
    return statistics.median(times)


def fill(data_dir: Path, rows: int) -> None:
    from ics2desk.store import open_store

    store = open_store(data_dir)
    states = ["draft", "queued", "registered", "assessment_complete", "rejected", "do_not_load", "info_requested"]
    trucks = ["AB12CDE", "GX70KLM", "NL-45-TR", "FR-123-AB", "PL9876X"]
    goods = ["frozen potato chips", "cheddar cheese", "shortbread biscuits", "car parts", "paper reels"]
    conn = store.conn
    conn.execute("BEGIN")
    for i in range(rows):
        lrn = f"BEN{i:011d}"
        state = states[i % len(states)]
        mrn = f"26FR{i:012d}A1" if state not in ("draft", "queued", "rejected") else None
        truck = trucks[i % len(trucks)]
        crossing = "ferry GBDVR-FRCQF" if i % 2 else "shuttle GBFOL-FRCQS"
        ts = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
        cur = conn.execute("INSERT INTO filings(lrn, declarant, state, mrn, truck, crossing, arrival, office, "
                           "message_type, created_at, updated_at, version) VALUES(?,?,?,?,?,?,?,?,?,?,?,1)",
                           (lrn, "NL812345678", state, mrn, truck, crossing, ts, "FR620001", "IE3F50", ts, ts))
        conn.execute("INSERT INTO filings_fts(rowid, lrn, mrn, declarant, truck, crossing, body) VALUES(?,?,?,?,?,?,?)",
                     (cur.lastrowid, lrn, mrn or "", "NL812345678", truck, crossing, goods[i % len(goods)]))
    conn.execute("COMMIT")
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="ics2desk-bench-"))

    bare = cold_start(BARE)
    desk = cold_start(DESK, str(data_dir))
    print(f"cold start to first shown window: bare PySide6 {bare * 1000:.0f} ms, ics2desk {desk * 1000:.0f} ms, "
          f"ratio {desk / bare:.2f} (target <= 2)")

    t0 = time.perf_counter()
    fill(data_dir, args.rows)
    print(f"filled {args.rows} filings in {time.perf_counter() - t0:.1f} s")

    from PySide6.QtWidgets import QApplication, QTableView

    from ics2desk.gui.filings.model import FilingsModel
    from ics2desk.store import open_store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = open_store(data_dir)
    opens, searches = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        model = FilingsModel(store)
        view = QTableView()
        view.setModel(model)
        view.resize(1200, 700)
        view.show()
        app.processEvents()
        opens.append(time.perf_counter() - t0)
        model._tick.stop()
        view.close()
    for text in ("GX70KLM", "cheddar", "BEN00000012345", "26FR000000099"):
        t0 = time.perf_counter()
        model.set_query(text)
        app.processEvents()
        searches.append(time.perf_counter() - t0)
    print(f"list opens on {model.store.count_filings(__import__('ics2desk.store', fromlist=['FilingQuery']).FilingQuery())}"
          f" filings: median {statistics.median(opens) * 1000:.1f} ms (target < 200 ms)")
    print(f"search (FTS, first page + count): median {statistics.median(searches) * 1000:.1f} ms, "
          f"max {max(searches) * 1000:.1f} ms (target < 50 ms)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The GUI's list stays fast with 100,000 filings (paged, sorted, filtered, counted)."""
from __future__ import annotations

import time

from ics2desk.store import FilingQuery, open_store


def test_list_and_count_at_100k(data_dir):
    store = open_store()
    states = ["draft", "queued", "registered", "rejected", "assessment_complete"]
    rows = [(f"LRN{i:08d}", "NL812345678", states[i % 5], f"TRK{i % 997}", f"2026-11-{1 + i % 28:02d}T10:00:00Z",
             "IE3F50", f"2026-01-01T00:00:{i % 60:02d}.{i:06d}Z") for i in range(100_000)]
    with store.transaction() as c:
        c.executemany("INSERT INTO filings(lrn, declarant, state, truck, arrival, message_type, created_at, updated_at)"
                      " VALUES(?,?,?,?,?,?,?,?)", [r + (r[-1],) for r in rows])
        c.executemany("INSERT INTO filings_fts(rowid, lrn, mrn, declarant, truck, crossing, body) "
                      "VALUES(?,?,'',?,?,'','')", [(i + 1, r[0], r[1], r[3]) for i, r in enumerate(rows)])
    c.execute("ANALYZE")
    t = time.perf_counter()
    page = store.list_filings(FilingQuery(states=["queued"], sort="updated_at", descending=True, offset=500, limit=100))
    n = store.count_filings(FilingQuery(states=["queued"]))
    by_arrival = store.list_filings(FilingQuery(sort="arrival", limit=100))
    hits = store.count_filings(FilingQuery(text="TRK42"))
    elapsed = time.perf_counter() - t
    assert len(page) == 100 and all(f.state == "queued" for f in page)
    assert n == 20_000 and len(by_arrival) == 100
    assert hits == len([r for r in rows if r[3].startswith("TRK42")])  # prefix search
    assert elapsed < 0.5, f"list/count took {elapsed:.3f}s"
    store.close()

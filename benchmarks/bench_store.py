"""Store cost against store size: import, queue and drain rates with 1,000 and with 100,000
filings already in the store, side by side, next to bare baselines from the same run (issue 11:
the 100k rates within 20 % of the 1k ones).

    .venv/bin/python benchmarks/bench_store.py [--sizes 1000,100000] [--n 1000] [--quick]

For each size S a fresh SQLite data dir (temp dir) is filled with S filings that have been through
a whole exchange: registered, with their version XML, an IE3F50 sent and its IE3R01 received, a
done outbox item, its attempt, five audit rows and their full-text row. They are written with SQL
(executemany in one transaction, not through the Store API: 100,000 imports one by one would take
minutes and measure nothing more). Then, in that store:

- import: N new filings (`store.import_document(new_lrn=True)`, one transaction each, as the CLI
  and the GUI do); bare: a raw sqlite3 INSERT of the same XML bytes into a table of S rows with
  an LRN unique key, one transaction each, same pragmas (WAL, synchronous=FULL).
- queue: `store.queue` of those N (validation included); bare: one UPDATE + one INSERT per
  filing, one transaction each, in the same bare file.
- drain: `Sender.drain(until_empty=True)` of the N into a fresh simulator; bare: a plain httpx
  POST loop of the same N payloads into another fresh simulator. The simulator runs in its own
  process (`ics2desk simulator`, a SimulatorServer on 127.0.0.1), so its CPU does not dilute
  the store's share; each run checks that the simulator registered N filings.

Nothing is asserted: the table says how far the largest size is from the smallest.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OPS = ("import", "queue", "drain")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Simulator:
    """`ics2desk simulator` in its own process; IE3N03 held back (assessment in an hour)."""

    def __enter__(self):
        port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "ics2desk.cli", "simulator", "--port", str(port),
                                      "--admin-port", str(free_port()), "--assessment-delay", "3600"],
                                     stdout=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}"
        for _ in range(400):
            try:
                httpx.get(f"{self.url}/ics2/replies", timeout=0.5)
                return self
            except httpx.HTTPError:
                time.sleep(0.05)
        self.proc.kill()
        raise SystemExit("simulator did not start")

    def registrations(self) -> int:
        return httpx.get(f"{self.url}/admin/state", timeout=10).json()["registrations"]

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()


def fill(store, size: int) -> float:
    """`size` registered filings with their whole history, written with SQL in one transaction."""
    from ics2desk import samples
    from ics2desk.simulator.replies import registered
    from ics2desk.xml import schemaset, writer

    doc = samples.ferry_filing("OLD")
    xml = writer.to_bytes(doc)
    r01 = registered("OLD", "26FR0000000000XCT0", doc)
    declarant = doc.declarant_eori or ""
    version = schemaset.message_version()
    body = "Calais Transit SARL Frais du Nord SAS frozen potato chips cheddar cheese shortbread biscuits"
    t0 = time.perf_counter()
    c = store.conn
    c.execute("BEGIN IMMEDIATE")
    for lo in range(0, size, 10_000):
        rng = range(lo + 1, min(size, lo + 10_000) + 1)
        day = [f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00.000000Z" for i in range(lo, lo + len(rng))]
        lrn = {i: f"OLD{i:011d}" for i in rng}
        mrn = {i: f"26FR{i:012d}A1" for i in rng}
        truck = {i: f"B{i % 9000:04d}XYZ" for i in rng}
        ts = {i: day[i - lo - 1] for i in rng}
        c.executemany("INSERT INTO filings(id, lrn, declarant, state, mrn, truck, crossing, arrival, office, "
                      "message_type, created_at, updated_at, version, transport_document) "
                      "VALUES(?,?,?,'registered',?,?,'ferry GBDVR-FRCQF',?,'FR620001','IE3F50',?,?,1,?)",
                      [(i, lrn[i], declarant, mrn[i], truck[i], ts[i], ts[i], ts[i], f"CMR-OLD{i}") for i in rng])
        c.executemany("INSERT INTO used_lrns(declarant, lrn) VALUES(?,?)", [(declarant, lrn[i]) for i in rng])
        c.executemany("INSERT INTO filings_fts(rowid, lrn, mrn, declarant, truck, crossing, body) "
                      "VALUES(?,?,?,?,?,'ferry GBDVR-FRCQF',?)",
                      [(i, lrn[i], mrn[i], declarant, truck[i], body) for i in rng])
        c.executemany("INSERT INTO versions(id, filing_id, number, message_type, xml, created_at, author, "
                      "message_version) VALUES(?,?,1,'IE3F50',?,?,'bench',?)",
                      [(i, i, xml, ts[i], version) for i in rng])
        c.executemany("INSERT INTO messages(id, filing_id, direction, message_type, lrn, mrn, transport_id, xml, "
                      "created_at, message_version) VALUES(?,?,?,?,?,?,?,?,?,?)",
                      [row for i in rng for row in (
                          (2 * i - 1, i, "out", "IE3F50", lrn[i], None, f"OLD-OUT-{i}", xml, ts[i], version),
                          (2 * i, i, "in", "IE3R01", lrn[i], mrn[i], f"OLD-IN-{i}", r01, ts[i], version))])
        c.executemany("INSERT INTO received(transport_id, message_id) VALUES(?,?)",
                      [(f"OLD-IN-{i}", 2 * i) for i in rng])
        c.executemany("INSERT INTO outbox(id, filing_id, version_id, message_type, state, attempts, created_at, "
                      "updated_at) VALUES(?,?,?,'IE3F50','done',1,?,?)", [(i, i, i, ts[i], ts[i]) for i in rng])
        c.executemany("INSERT INTO attempts(id, outbox_id, started_at, finished_at, outcome) VALUES(?,?,?,?,'ok')",
                      [(i, i, 1.7e9 + i, 1.7e9 + i + 0.1) for i in rng])
        c.executemany("INSERT INTO audit(at, user, action, lrn, detail) VALUES(?,?,?,?,?)",
                      [row for i in rng for row in (
                          (ts[i], "bench", "import", lrn[i], "IE3F50 stored as draft"),
                          (ts[i], "bench", "validated", lrn[i], "draft -> ready"),
                          (ts[i], "bench", "queue", lrn[i], f"ready -> queued; outbox item {i}"),
                          (ts[i], "sender", "send", lrn[i], f"queued -> sent; OLD-OUT-{i}"),
                          (ts[i], "sender", "IE3R01", lrn[i], "sent -> registered"))])
    c.execute("INSERT INTO lrn_counters(declarant, next) VALUES(?, 1) ON CONFLICT(declarant) DO NOTHING",
              (declarant,))
    c.execute("COMMIT")
    # no ANALYZE: a desk never runs one (with statistics saying nearly every outbox row is 'done',
    # SQLite would scan the outbox for state='awaiting_reply' instead of using its index)
    # the fill went through the WAL: fold it into the file now, not during the measured imports
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - t0


def store_run(data: Path, sim_url: str, n: int, concurrency: int, tag: str) -> tuple[dict[str, float], str]:
    from ics2desk import samples
    from ics2desk.outbox import Sender
    from ics2desk.settings import Settings
    from ics2desk.store import open_store

    rates = {}
    docs = [samples.ferry_filing() for _ in range(n)]
    for i, d in enumerate(docs):
        d.data["consignmentMasterLevel"]["transportDocumentMasterLevel"]["documentNumber"] = f"CMR-{tag}-{i}"
    with open_store(data) as store:
        t = time.perf_counter()
        lrns = [store.import_document(d, new_lrn=True, lrn_prefix="BEN").lrn for d in docs]
        rates["import"] = n / (time.perf_counter() - t)
        t = time.perf_counter()
        for lrn in lrns:
            store.queue(lrn)
        rates["queue"] = n / (time.perf_counter() - t)
    Settings(simulator_url=sim_url, send_concurrency=concurrency).save(data)
    sender = Sender.open(data)
    try:
        t = time.perf_counter()
        res = sender.drain(until_empty=True, timeout=1800)
        rates["drain"] = n / (time.perf_counter() - t)
    finally:
        sender.close()
    return rates, f"sent {res.sent}, open {res.open_items}"


def bare_fill(path: Path, size: int, xml: bytes) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE f (id INTEGER PRIMARY KEY, lrn TEXT NOT NULL UNIQUE, state TEXT, xml BLOB)")
    conn.execute("CREATE TABLE o (id INTEGER PRIMARY KEY, f INTEGER, state TEXT, at REAL)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO f(lrn, state, xml) VALUES(?, 'registered', ?)",
                     ((f"OLD{i:011d}", xml) for i in range(size)))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return conn


def bare_run(conn: sqlite3.Connection, payloads: list[bytes], sim_url: str, tag: str) -> dict[str, float]:
    n = len(payloads)
    rates = {}
    t = time.perf_counter()
    ids = []
    for i, xml in enumerate(payloads):
        conn.execute("BEGIN IMMEDIATE")
        ids.append(conn.execute("INSERT INTO f(lrn, state, xml) VALUES(?, 'draft', ?)",
                                (f"NEW{tag}-{i:011d}", xml)).lastrowid)
        conn.execute("COMMIT")
    rates["import"] = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for fid in ids:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE f SET state='queued' WHERE id=?", (fid,))
        conn.execute("INSERT INTO o(f, state, at) VALUES(?, 'pending', ?)", (fid, time.time()))
        conn.execute("COMMIT")
    rates["queue"] = n / (time.perf_counter() - t)
    with httpx.Client(timeout=30) as client:
        t = time.perf_counter()
        for body in payloads:
            r = client.post(f"{sim_url}/ics2/messages", content=body, headers={"Content-Type": "application/xml"})
            if r.status_code != 200 or b"IE3R01" not in r.content:
                raise SystemExit(f"bare loop: unexpected answer {r.status_code} {r.content[:200]!r}")
        rates["drain"] = n / (time.perf_counter() - t)
    return rates


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,100000", help="filings already in the store, comma-separated")
    ap.add_argument("--n", type=int, default=1000, help="filings imported, queued and drained at each size")
    ap.add_argument("--concurrency", type=int, default=3, help="settings.send_concurrency for the drain")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; each rate is the best of them")
    ap.add_argument("--quick", action="store_true", help="sizes 1000,10000, n 300, 2 rounds")
    opts = ap.parse_args()
    if opts.quick:
        opts.sizes, opts.n, opts.repeat = "1000,10000", 300, 2
    sizes = [int(s) for s in opts.sizes.split(",")]
    n = opts.n
    from ics2desk import samples
    from ics2desk.store import open_store
    from ics2desk.xml import writer

    payloads = [writer.to_bytes(samples.ferry_filing(f"BARE{i:010d}")) for i in range(n)]
    warm = Path(tempfile.mkdtemp(prefix="ics2desk-bench-warm-"))
    with open_store(warm) as store:  # schema sets and validators load once per process: not throughput
        store.queue(store.import_document(samples.ferry_filing(), new_lrn=True).lrn)
    shutil.rmtree(warm, ignore_errors=True)
    from ics2desk.replies import parse_reply
    from ics2desk.simulator.replies import registered

    parse_reply(registered("WARMUP", "26FR0000000000XCT0", samples.ferry_filing("WARMUP")))
    store_rates: dict[int, dict[str, float]] = {s: {} for s in sizes}
    bare_rates: dict[int, dict[str, float]] = {s: {} for s in sizes}
    notes: list[str] = []
    rounds: dict[tuple[int, str], list[float]] = {}
    folders = {s: Path(tempfile.mkdtemp(prefix="ics2desk-bench-store-")) for s in sizes}
    bare_conns = {}
    try:
        for size in sizes:
            data = folders[size] / "data"
            with open_store(data) as store:
                took = fill(store, size)
            os.sync()  # the fill's writes are on disk before anything is timed
            mb = sum(p.stat().st_size for p in data.glob("ics2desk.sqlite3*")) / 1e6
            print(f"filled {size:,} filings with SQL in {took:.1f} s ({mb:,.0f} MB)", flush=True)
            bare_conns[size] = bare_fill(folders[size] / "bare.sqlite3", size, payloads[0])
        os.sync()
        # sizes take turns, round after round, so a busy spell of the machine does not fall on one
        # size only; each rate is the best of the rounds
        for r in range(opts.repeat):
            for size in sizes:
                data = folders[size] / "data"
                os.environ["ICS2DESK_DATA"] = str(data)
                with Simulator() as sim:
                    rates, note = store_run(data, sim.url, n, opts.concurrency, f"R{r}")
                    got = sim.registrations()
                notes.append(f"{size:,} round {r + 1}: drain {note}; simulator registered {got} of {n}")
                with Simulator() as sim:
                    bare = bare_run(bare_conns[size], payloads, sim.url, f"R{r}")
                for op in OPS:
                    rounds.setdefault((size, op), []).append(rates[op])
                    store_rates[size][op] = max(store_rates[size].get(op, 0.0), rates[op])
                    bare_rates[size][op] = max(bare_rates[size].get(op, 0.0), bare[op])
                print(f"  round {r + 1}, {size:,}: " + ", ".join(f"{op} {rates[op]:.1f}/s (bare {bare[op]:.1f})"
                                                           for op in OPS), flush=True)
    finally:
        for conn in bare_conns.values():
            conn.close()
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)

    first, last = sizes[0], sizes[-1]
    head = f"{'filings/s, ' + str(n) + ' per op':<30}" + "".join(f"{f'{s:,} in store':>17}" for s in sizes)
    head += f"{f'{last // 1000}k/{first // 1000}k' if first >= 1000 else 'last/first':>12}"
    print()
    print(head)
    print("-" * len(head))
    bare_name = {"import": "bare sqlite3 INSERT", "queue": "bare UPDATE+INSERT", "drain": "bare httpx POST loop"}
    for op in OPS:
        row = [store_rates[s][op] for s in sizes]
        bare = [bare_rates[s][op] for s in sizes]
        print(f"{op + ' (store)':<30}" + "".join(f"{r:>17.1f}" for r in row) + f"{row[-1] / row[0]:>12.2f}")
        print(f"{'  ' + bare_name[op]:<30}" + "".join(f"{r:>17.1f}" for r in bare) + f"{bare[-1] / bare[0]:>12.2f}")
        print(f"{'  store / bare':<30}" + "".join(f"{r / b:>17.2f}" for r, b in zip(row, bare)))
    print()
    print(f"target (issue 11): {last:,}-filing rates within 20 % of the {first:,}-filing ones (ratio >= 0.80): "
          + ", ".join(f"{op} {store_rates[last][op] / store_rates[first][op]:.2f}" for op in OPS))
    print("the same with the median of the rounds instead of the best: "
          + ", ".join(f"{op} {statistics.median(rounds[last, op]) / statistics.median(rounds[first, op]):.2f}"
                      for op in OPS))
    print("background filings written with SQL (executemany, one transaction), not the Store API; "
          f"drain with send_concurrency {opts.concurrency}; best of {opts.repeat} rounds, the store growing by "
          f"{n:,} filings a round")
    for line in notes:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The agency database (PostgreSQL) against a single desk's SQLite, measured in the same run
(issue 12): several desks draining one outbox, and the filings list at agency size.

    .venv/bin/python benchmarks/bench_agency.py [--filings 1000] [--list-size 100000] [--quick]

PostgreSQL is a throw-away cluster started here (tests/pgcluster.py: initdb into a temp dir,
127.0.0.1, fsync off as in the tests; as root it runs as the `postgres` user).

- drain: N filings queued (through the Store API, as a declarant) in a fresh agency database, then
  1, 2 and 3 desks (separate processes: `ics2desk --database URL outbox drain --until-empty`, each
  with its own data dir and settings) drain them together into one simulator running in this
  process; timed from the launch of the desks to the last one's exit (interpreter start
  included: an empty drain is timed too, so it can be told apart). Next to it, the single desk
  on SQLite (the same command without --database) draining N; and a bare httpx POST loop of
  the same N payloads, in a process of its own. Each run checks in the simulator's
  registration_log that every queued filing was registered exactly once.
- list: M filings (rows of the list and their full-text entries, written with SQL: COPY on
  PostgreSQL, executemany on SQLite; same rows in both) opened as the desk does (first page of
  `list_filings(FilingQuery())` + `count_filings`) and searched (`FilingQuery(text=...)`, first
  page + count), median of 5, through the Store on both; and the same SQL on a bare psycopg
  connection (the database owner: no row-level security, no desk layer).

Nothing is asserted; timings on a shared machine vary by some 10-20 % from run to run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pgcluster import Cluster


def searches(m: int) -> tuple[str, ...]:
    """A truck plate (a fifth of the rows), a word of the goods (a fifth), one LRN, an MRN prefix
    (the registered filings among the last thousand ids)."""
    return "GX70KLM", "cheddar", f"BEN{min(12345, m // 2):011d}", f"26FR{max(0, m // 1000 - 1):09d}"

BARE_LOOP = """
import sys, time, httpx
url, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
bodies = [open(f"{folder}/{i}.xml", "rb").read() for i in range(n)]
with httpx.Client(timeout=30) as client:
    t = time.perf_counter()
    for body in bodies:
        r = client.post(f"{url}/ics2/messages", content=body, headers={"Content-Type": "application/xml"})
        assert r.status_code == 200 and b"IE3R01" in r.content, r.content[:200]
    print(time.perf_counter() - t)
"""


def new_agency(cluster: Cluster) -> tuple[str, str]:
    """A fresh agency database set up by `db init`'s code; (owner URL, a declarant's URL)."""
    from ics2desk.store import agency, pg

    dbname = cluster.new_database()
    owner = cluster.url(dbname=dbname)
    agency.init(owner)
    name, password = f"declarant_{uuid.uuid4().hex[:6]}", "pw-" + uuid.uuid4().hex[:10]
    conn = pg.connect(owner, listen=False)
    try:
        agency.add_user(conn, name, "declarant", password)
    finally:
        conn.close()
    return owner, cluster.url(name, password, dbname)


def queue_filings(data: Path, url: str | None, n: int) -> tuple[list[str], float]:
    from ics2desk import samples
    from ics2desk.store import open_store

    lrns = []
    t = time.perf_counter()
    with open_store(data, url=url) as store:
        for i in range(n):
            doc = samples.ferry_filing()
            doc.data["consignmentMasterLevel"]["transportDocumentMasterLevel"]["documentNumber"] = f"CMR-B{i}"
            lrn = store.import_document(doc, new_lrn=True, lrn_prefix="BEN").lrn
            store.queue(lrn)
            lrns.append(lrn)
    return lrns, n / (time.perf_counter() - t)


def desk_env(folder: Path, name: str, sim_url: str) -> dict:
    from ics2desk.settings import Settings

    data = folder / name
    Settings(simulator_url=sim_url).save(data)
    env = {k: v for k, v in os.environ.items() if k not in ("ICS2DESK_DATABASE", "PGPASSWORD")}
    env["ICS2DESK_DATA"] = str(data)
    return env


def run_desks(envs: list[dict], url: str | None, timeout: float) -> tuple[float, list[int]]:
    """Launch one drain per env at once; (seconds to the last exit, what each one sent)."""
    argv = [sys.executable, "-m", "ics2desk.cli"] + (["--database", url] if url else [])
    argv += ["outbox", "drain", "--until-empty", "--timeout", str(timeout)]
    t = time.perf_counter()
    procs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for env in envs]
    outs = [p.communicate(timeout=timeout + 120) for p in procs]
    took = time.perf_counter() - t
    sent = []
    for (out, err), p in zip(outs, procs):
        if p.returncode != 0 or "Traceback" in err:
            raise SystemExit(f"a desk's drain failed (exit {p.returncode}): {err[-2000:]}")
        sent.append(int(out.split("sent ")[1].split(",")[0]))
    return took, sent


def once_check(log: list[tuple[str, str]], lrns: list[str]) -> str:
    seen = Counter(lrn for lrn, _ in log)
    twice = sum(1 for c in seen.values() if c > 1)
    missing = len(set(lrns) - set(seen))
    extra = len(set(seen) - set(lrns))
    ok = not twice and not missing and not extra
    return (f"{'ok' if ok else 'WRONG'}: {len(seen)} of {len(lrns)} registered"
            + (f", {twice} twice" if twice else ", none twice") + (f", {missing} missing" if missing else "")
            + (f", {extra} not ours" if extra else ""))


def _row(what: str, backend: str, seconds: float, rate: float | None = None, sent: str = "-", check: str = "-",
         queue: float | None = None) -> dict:
    return {"what": what, "backend": backend, "seconds": seconds, "rate": rate, "sent": sent, "check": check,
            "queue": queue}


def drains(cluster: Cluster, folder: Path, n: int, desks: list[int], timeout: float) -> list[dict]:
    from ics2desk import samples
    from ics2desk.simulator.engine import Ics2Simulator
    from ics2desk.simulator.server import SimulatorServer
    from ics2desk.xml import writer

    rows = []
    # interpreter start, imports, connection and an empty outbox: what every desk pays before sending
    _, url = new_agency(cluster)
    with SimulatorServer(Ics2Simulator(assessment_delay_s=3600), port=0) as server:
        took, _ = run_desks([desk_env(folder, "empty-pg", server.url)], url, timeout)
        rows.append(_row(what="empty drain, 1 desk (start-up)", backend="PostgreSQL", seconds=took, rate=None,
                         sent="-", check="-", queue=None))
        took, _ = run_desks([desk_env(folder, "empty-sqlite", server.url)], None, timeout)
        rows.append(_row(what="empty drain, 1 desk (start-up)", backend="SQLite", seconds=took, rate=None,
                         sent="-", check="-", queue=None))

    bodies = folder / "bare"
    bodies.mkdir()
    for i in range(n):
        (bodies / f"{i}.xml").write_bytes(writer.to_bytes(samples.ferry_filing(f"BARE{i:010d}")))
    sim = Ics2Simulator(assessment_delay_s=3600)
    with SimulatorServer(sim, port=0) as server:
        out = subprocess.run([sys.executable, "-c", BARE_LOOP, server.url, str(bodies), str(n)], capture_output=True,
                             text=True, check=True, timeout=timeout)
        took = float(out.stdout.strip())
    rows.append(_row(what="bare httpx POST loop (own process)", backend="-", seconds=took, rate=n / took, sent=str(n),
                     check=once_check(sim.registration_log, [f"BARE{i:010d}" for i in range(n)]), queue=None))

    lrns, queue_rate = queue_filings(folder / "filer-sqlite", None, n)
    sim = Ics2Simulator(assessment_delay_s=3600)
    with SimulatorServer(sim, port=0) as server:
        # the single desk drains the data dir it queued into
        env = desk_env(folder, "filer-sqlite", server.url)
        took, sent = run_desks([env], None, timeout)
    rows.append(_row(what="1 desk", backend="SQLite", seconds=took, rate=n / took, sent="+".join(map(str, sent)),
                     check=once_check(sim.registration_log, lrns), queue=queue_rate))
    print(f"  SQLite, 1 desk: {took:.1f} s", flush=True)

    for k in desks:
        _, url = new_agency(cluster)
        lrns, queue_rate = queue_filings(folder / f"filer-{k}", url, n)
        sim = Ics2Simulator(assessment_delay_s=3600)
        with SimulatorServer(sim, port=0) as server:
            envs = [desk_env(folder, f"desk{k}-{i}", server.url) for i in range(k)]
            took, sent = run_desks(envs, url, timeout)
        rows.append(_row(what=f"{k} desk{'s' if k > 1 else ''}", backend="PostgreSQL", seconds=took, rate=n / took,
                         sent="+".join(map(str, sent)), check=once_check(sim.registration_log, lrns),
                         queue=queue_rate))
        print(f"  PostgreSQL, {k} desk(s): {took:.1f} s", flush=True)
    return rows


# --- the list at agency size ------------------------------------------------------------------
STATES = ["draft", "queued", "registered", "assessment_complete", "rejected", "do_not_load", "info_requested"]
TRUCKS = ["AB12CDE", "GX70KLM", "NL-45-TR", "FR-123-AB", "PL9876X"]
GOODS = ["frozen potato chips", "cheddar cheese", "shortbread biscuits", "car parts", "paper reels"]


def list_rows(m: int):
    for i in range(1, m + 1):
        lrn = f"BEN{i:011d}"
        state = STATES[i % len(STATES)]
        mrn = f"26FR{i:012d}A1" if state not in ("draft", "queued", "rejected") else None
        crossing = "ferry GBDVR-FRCQF" if i % 2 else "shuttle GBFOL-FRCQS"
        ts = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00.000000Z"
        yield (i, lrn, "NL812345678", state, mrn, TRUCKS[i % len(TRUCKS)], crossing, ts, "FR620001", "IE3F50", ts,
               ts, 1), GOODS[i % len(GOODS)]


FILING_COLS = ("id, lrn, declarant, state, mrn, truck, crossing, arrival, office, message_type, created_at, "
               "updated_at, version")
FTS_COLS = "rowid, lrn, mrn, declarant, truck, crossing, body"


def fill_sqlite(data: Path, m: int) -> float:
    from ics2desk.store import open_store

    t = time.perf_counter()
    with open_store(data) as store:
        c = store.conn
        c.execute("BEGIN IMMEDIATE")
        rows = list(list_rows(m))
        c.executemany(f"INSERT INTO filings({FILING_COLS}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", [r for r, _ in rows])
        c.executemany(f"INSERT INTO filings_fts({FTS_COLS}) VALUES(?,?,?,?,?,?,?)",
                      [(r[0], r[1], r[4] or "", r[2], r[5], r[6], g) for r, g in rows])
        c.execute("COMMIT")
        c.execute("ANALYZE")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - t


def fill_pg(owner: str, m: int) -> float:
    import psycopg

    t = time.perf_counter()
    with psycopg.connect(owner) as conn:
        conn.execute("SET session_replication_role = replica")  # no change notification per filled row
        with conn.cursor() as cur:
            rows = list(list_rows(m))
            with cur.copy(f"COPY filings ({FILING_COLS}) FROM STDIN") as cp:
                for r, _ in rows:
                    cp.write_row(r)
            with cur.copy(f"COPY filings_fts ({FTS_COLS}) FROM STDIN") as cp:
                for r, g in rows:
                    cp.write_row((r[0], r[1], r[4] or "", r[2], r[5], r[6], g))
        conn.execute("SELECT setval(pg_get_serial_sequence('filings', 'id'), (SELECT MAX(id) FROM filings))")
        conn.commit()
    with psycopg.connect(owner, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE filings")
        conn.execute("VACUUM ANALYZE filings_fts")
    return time.perf_counter() - t


def median_ms(fn, runs: int = 5) -> float:
    fn()  # the first call pays for cold caches and statement preparation
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def list_timings(store, query_cls, searches_) -> dict[str, float]:
    out = {"open": median_ms(lambda: (store.list_filings(query_cls()), store.count_filings(query_cls())))}
    for text in searches_:
        q = query_cls(text=text)
        out[f"search {text!r}"] = median_ms(lambda q=q: (store.list_filings(q), store.count_filings(q)))
    out["_hits"] = {text: store.count_filings(query_cls(text=text)) for text in searches_}
    return out


def bare_pg_timings(owner: str, searches_) -> dict[str, float]:
    import psycopg

    out = {}
    with psycopg.connect(owner, autocommit=True) as conn:
        page = "SELECT f.* FROM filings f{} ORDER BY f.updated_at DESC, f.id DESC LIMIT 100 OFFSET 0"
        count = "SELECT COUNT(*) FROM filings f{}"
        out["open"] = median_ms(lambda: (conn.execute(page.format("")).fetchall(),
                                         conn.execute(count.format("")).fetchone()))
        where = " WHERE f.id IN (SELECT rowid FROM filings_fts WHERE tsv @@ to_tsquery('simple', %s))"
        for text in searches_:
            arg = (f"{text.lower()}:*",)
            out[f"search {text!r}"] = median_ms(lambda arg=arg: (conn.execute(page.format(where), arg).fetchall(),
                                                                  conn.execute(count.format(where), arg).fetchone()))
    return out


def bare_sqlite_timings(data: Path, searches_) -> dict[str, float]:
    out = {}
    conn = sqlite3.connect(str(data / "ics2desk.sqlite3"))
    page = "SELECT f.* FROM filings f{} ORDER BY f.updated_at DESC, f.id DESC LIMIT 100 OFFSET 0"
    count = "SELECT COUNT(*) FROM filings f{}"
    out["open"] = median_ms(lambda: (conn.execute(page.format("")).fetchall(),
                                     conn.execute(count.format("")).fetchone()))
    where = " WHERE f.id IN (SELECT rowid FROM filings_fts WHERE filings_fts MATCH ?)"
    for text in searches_:
        arg = (f'"{text}"*',)
        out[f"search {text!r}"] = median_ms(lambda arg=arg: (conn.execute(page.format(where), arg).fetchall(),
                                                              conn.execute(count.format(where), arg).fetchone()))
    conn.close()
    return out


def lists(cluster: Cluster, folder: Path, m: int):
    from ics2desk.store import FilingQuery, open_store

    owner, url = new_agency(cluster)
    took_pg = fill_pg(owner, m)
    data = folder / "list-sqlite"
    took_sqlite = fill_sqlite(data, m)
    print(f"  filled {m:,} list rows: PostgreSQL {took_pg:.1f} s (COPY), SQLite {took_sqlite:.1f} s (executemany)",
          flush=True)
    with open_store(folder / "list-pg-desk", url=url) as store:
        pg_store = list_timings(store, FilingQuery, searches(m))
    with open_store(data) as store:
        sqlite_store = list_timings(store, FilingQuery, searches(m))
    return sqlite_store, pg_store, bare_sqlite_timings(data, searches(m)), bare_pg_timings(owner, searches(m))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--filings", type=int, default=1000, help="queued filings each drain sends")
    ap.add_argument("--list-size", type=int, default=100_000, help="filings in the list that is opened and searched")
    ap.add_argument("--desks", default="1,2,3", help="numbers of desks draining one agency outbox")
    ap.add_argument("--timeout", type=float, default=900, help="--timeout of each desk's drain")
    ap.add_argument("--quick", action="store_true", help="200 filings, a 10,000-filing list")
    opts = ap.parse_args()
    if opts.quick:
        opts.filings, opts.list_size = 200, 10_000
    n, m = opts.filings, opts.list_size
    folder = Path(tempfile.mkdtemp(prefix="ics2desk-bench-agency-"))
    os.chmod(folder, 0o755)
    cluster = Cluster().start()
    try:
        print(f"PostgreSQL cluster from {cluster.bin} on 127.0.0.1:{cluster.port}", flush=True)
        rows = drains(cluster, folder, n, [int(k) for k in opts.desks.split(",")], opts.timeout)
        sqlite_store, pg_store, sqlite_bare, pg_bare = lists(cluster, folder, m)
    finally:
        cluster.destroy()
        shutil.rmtree(folder, ignore_errors=True)

    sqlite_one = next(r for r in rows if r["backend"] == "SQLite" and r["rate"])
    print()
    head = (f"{f'drain {n:,} queued filings':<36}{'backend':<12}{'wall s':>8}{'filings/s':>11}{'vs SQLite':>11}"
            f"{'queue/s':>9}  {'sent by each':<14}registered once?")
    print(head)
    print("-" * (len(head) + 24))
    for r in rows:
        rate = f"{r['rate']:.1f}" if r["rate"] else "-"
        vs = f"{r['rate'] / sqlite_one['rate']:.2f}" if r["rate"] else "-"
        queue = f"{r['queue']:.0f}" if r["queue"] else "-"
        print(f"{r['what']:<36}{r['backend']:<12}{r['seconds']:>8.1f}{rate:>11}{vs:>11}{queue:>9}  {r['sent']:<14}"
              f"{r['check']}")
    print("(wall s: launch of the desks to the last exit, start-up included; queue/s: import + queue through the "
          "Store before the drain)")

    print()
    head = (f"{f'list of {m:,} filings, median ms':<36}{'SQLite':>9}{'PostgreSQL':>12}{'PG/SQLite':>11}"
            f"{'bare sqlite3':>14}{'bare psycopg':>14}{'hits':>8}")
    print(head)
    print("-" * len(head))
    for key in ["open"] + [f"search {t!r}" for t in searches(m)]:
        hits = "all" if key == "open" else f"{sqlite_store['_hits'][key[8:-1]]}"
        if key != "open" and sqlite_store["_hits"][key[8:-1]] != pg_store["_hits"][key[8:-1]]:
            hits += f"/{pg_store['_hits'][key[8:-1]]} (PG)"
        label = "open (first page + count)" if key == "open" else key + " (page + count)"
        print(f"{label:<36}{sqlite_store[key]:>9.1f}{pg_store[key]:>12.1f}{pg_store[key] / sqlite_store[key]:>11.2f}"
              f"{sqlite_bare[key]:>14.1f}{pg_bare[key]:>14.1f}{hits:>8}")
    print("(Store: a declarant's desk connection on PostgreSQL, row-level security on; bare: the same SQL on a raw "
          "connection, the owner's on PostgreSQL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

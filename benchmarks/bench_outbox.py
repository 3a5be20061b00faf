"""Outbox drain vs a bare httpx loop against the same local simulator.

    .venv/bin/python benchmarks/bench_outbox.py [--n 1000]

Queues N filings in a fresh store, then (1) POSTs the same N payloads in a bare httpx loop to
a fresh simulator, (2) drains the outbox into another fresh simulator. Prints both rates, the
ratio (target >= 0.5) and peak memory (max RSS). The simulator runs in its own process, as in use.
"""
from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_simulator() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ics2desk.cli", "simulator", "--port", str(port),
                             "--admin-port", str(free_port()), "--assessment-delay", "3600"],
                            stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{url}/ics2/replies", timeout=0.5)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("simulator did not start")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=3, help="settings.send_concurrency for the drain")
    opts = ap.parse_args()
    n = opts.n
    data = tempfile.mkdtemp(prefix="ics2desk-bench-")
    os.environ["ICS2DESK_DATA"] = data
    from ics2desk.outbox import Sender
    from ics2desk.samples import ferry_filing
    from ics2desk.settings import Settings
    from ics2desk.store import open_store

    t = time.perf_counter()
    store = open_store()
    for i in range(n):
        store.import_document(ferry_filing(f"BENCH{i:06d}"))
        store.queue(f"BENCH{i:06d}")
    from ics2desk.store import FilingQuery

    payloads = [store.versions(f.lrn)[0].xml for f in store.list_filings(FilingQuery(limit=n))]
    assert len(payloads) == n
    print(f"queued {n} filings in {time.perf_counter() - t:.1f}s")

    proc, url = start_simulator()
    try:
        with httpx.Client(timeout=30) as client:
            t = time.perf_counter()
            for body in payloads:
                r = client.post(f"{url}/ics2/messages", content=body, headers={"Content-Type": "application/xml"})
                if r.status_code != 200 or b"IE3R01" not in r.content:
                    raise SystemExit(f"bare loop: unexpected answer {r.status_code} {r.content[:200]!r}")
            bare = n / (time.perf_counter() - t)
            assert client.get(f"{url}/admin/state").json()["registrations"] == n
    finally:
        proc.kill()
        proc.wait()

    proc, url = start_simulator()
    try:
        Settings(simulator_url=url, send_concurrency=opts.concurrency).save(data)
        sender = Sender.open()
        # one-off start-up costs (XSD loading for reply checks) are not throughput
        from ics2desk.replies import parse_reply
        from ics2desk.simulator.replies import registered

        parse_reply(registered("WARMUP", "26FR0000000000XCT0", ferry_filing("WARMUP")))
        t = time.perf_counter()
        res = sender.drain(until_empty=True, timeout=600)
        drain = n / (time.perf_counter() - t)
        sender.close()
    finally:
        proc.kill()
        proc.wait()
    states = store.state_counts()
    store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bare httpx loop : {bare:8.1f} msg/s")
    print(f"outbox drain    : {drain:8.1f} msg/s  (sent {res.sent}, open {res.open_items}, states {states})")
    print(f"ratio           : {drain / bare:8.2f}  (target >= 0.5; drain with {opts.concurrency} in flight)")
    print(f"peak memory     : {peak_mb:8.1f} MB max RSS (this process)")
    return 0 if drain / bare >= 0.5 and states.get("registered") == n else 1


if __name__ == "__main__":
    sys.exit(main())

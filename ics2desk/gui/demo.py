"""`ics2desk --demo`: sample filings in every state the store can reach without a network."""
from __future__ import annotations

from .. import samples


def fill_demo(store, count: int = 12) -> None:
    makers = [samples.ferry_filing, samples.shuttle_filing]
    for i in range(count):
        doc = makers[i % 2](f"DEMO2611{i:06d}")
        store.import_document(doc, user="demo")
    # queue a few so the outbox and the status bar have something to show
    for i in (0, 1, 2):
        try:
            store.queue(f"DEMO2611{i:06d}", user="demo")
        except Exception:  # noqa: BLE001 - the demo must start even if a rule changed
            pass


def start_simulator(data_dir):
    """The built-in ICS2 simulator on a free 127.0.0.1 port, and the desk pointed at it."""
    from ..settings import Settings
    from ..simulator.server import SimulatorServer

    server = SimulatorServer(port=0, admin_port=0)
    settings = Settings.load(data_dir)
    settings.transport = "simulator"
    settings.simulator_url = server.url
    settings.poll_interval_s = 1.0
    settings.save(data_dir)
    return server

"""`ics2desk --demo`: a throwaway data dir, sample filings, and the built-in simulator.

Filings are made in the states the desk reaches by itself (draft, ready) and queued ones whose
goods descriptions carry the simulator's drill words, so the running simulator answers them
with a registration, an assessment, a Do Not Load and a request for information."""
from __future__ import annotations

from .. import samples


def _doc(i: int, drill: str = ""):
    doc = (samples.ferry_filing if i % 2 == 0 else samples.shuttle_filing)(f"DEMO2611{i:06d}")
    if drill:
        item = doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]
        item["commodity"]["descriptionOfGoods"] += f" {drill}"
    return doc


def fill_demo(store) -> None:
    plan = ([("", False)] * 4 + [("", True)] * 3 + [("DNL-DRILL", True), ("RFI-DRILL", True)]
            + [("N99-DRILL", True)])  # customs reject its vague goods description
    for i, (drill, queue) in enumerate(plan):
        doc = _doc(i, drill)
        if i == 3:  # one filing started at the desk, still incomplete
            del doc.data["consignmentMasterLevel"]["transportDocumentMasterLevel"]
        store.import_document(doc, user="demo")
        if queue:
            store.queue(doc.lrn, user="demo")


def start_simulator(data_dir):
    """The built-in ICS2 simulator on a free 127.0.0.1 port, and the desk pointed at it."""
    from ..settings import Settings
    from ..simulator.server import SimulatorServer

    server = SimulatorServer(port=0, admin_port=0)
    settings = Settings.load(data_dir)
    settings.transport = "simulator"
    settings.simulator_url = server.url
    settings.poll_interval_s = 1.0
    # Drills: a held reply should show as "no functional reply" within a minute, not ten.
    settings.reply_timeout_s = 30.0
    settings.save(data_dir)
    return server


def ensure_builtin_simulator(data_dir):
    """On the embedded defaults (transport = simulator), start the built-in ICS2 simulator
    in-process at the configured 127.0.0.1 address unless one is already listening there.
    Returns the server to close, or None when nothing was started."""
    import socket
    from urllib.parse import urlparse

    from ..settings import Settings
    from ..simulator.server import SimulatorServer

    settings = Settings.load(data_dir)
    if settings.transport != "simulator":
        return None
    url = urlparse(settings.simulator_url)
    if url.hostname not in ("127.0.0.1", "localhost"):
        return None  # a simulator elsewhere is the office's own choice
    port = url.port or 80
    with socket.socket() as probe:
        probe.settimeout(0.3)
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            return None  # `ics2desk simulator` already runs there
    try:
        return SimulatorServer(port=port)
    except OSError:
        return None  # the port is taken by something else; the status bar will say "not connected"

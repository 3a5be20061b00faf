"""ELO requests waiting for French customs show in the Outbox view beside ENS submissions."""
from __future__ import annotations

import time

import pytest

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.elo import EloService, EloStore
from ics2desk.gui.outbox.view import OutboxView
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_a_waiting_elo_request_is_listed_and_can_be_retried_now(qtbot, data_dir):
    store = open_store(data_dir)
    doc = samples.ferry_filing("ELOQ26112500001")
    store.import_document(doc, user="t")
    service = EloService(EloStore(store.conn))
    service.on_ens_registered(doc.lrn, make_mrn(26, "FR", "QUEUEDELO01"), doc)  # queued: nothing sent yet
    store.conn.execute("UPDATE elo_queue SET next_attempt = ?, attempts = 2, last_error = 'HTTP 503'",
                       (time.time() + 600,))
    view = OutboxView(store)
    qtbot.addWidget(view)
    view.refresh()
    rows = [[view.table.item(r, c).text() for c in range(7)] for r in range(view.table.rowCount())]
    [elo] = [r for r in rows if r[1].startswith("ELO ")]
    assert elo[0] == "ELOQ26112500001" and elo[1] == "ELO ENV_CRE01" and elo[3] == "2"
    assert elo[5] == "elo_service" and "503" in elo[6] and elo[4].endswith(" s")
    view.table.selectRow(rows.index(elo))
    view.act("retry")
    next_attempt = store.conn.execute("SELECT next_attempt FROM elo_queue").fetchone()[0]
    assert next_attempt <= time.time()
    store.close()

"""The desktop on the agency database: signing in, and another desk's work showing up by itself."""
from __future__ import annotations

import pytest

from ics2desk import samples
from ics2desk.gui import i18n
from ics2desk.store import open_store

# the offscreen platform cannot resize a real window; as in tests/gui
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def on_agency(monkeypatch, data_dir):
    def use(url: str) -> None:
        monkeypatch.setenv("ICS2DESK_DATABASE", url)
        monkeypatch.delenv("PGPASSWORD", raising=False)
    return use


@pytest.fixture
def tunnel_window(qtbot, agency_db, on_agency, data_dir):
    """The tunnel's desk (a declarant) on the agency database, shown (built in setup: the
    offscreen platform's size-hint notice belongs to showing a window, not to the test)."""
    from ics2desk.gui.main_window import MainWindow

    _, tunnel_url = agency_db.add("declarant")
    on_agency(tunnel_url)
    store = open_store(data_dir)
    m = MainWindow(store, data_dir, "en")
    qtbot.addWidget(m.window)
    m.window.show()
    m.window.activateWindow()
    qtbot.waitActive(m.window)
    qtbot.wait(300)  # the deferred panels are built
    m.url = tunnel_url
    yield m
    i18n.set_language("en")
    m.shutdown()
    store.close()


def test_the_window_shows_another_desks_filing_within_two_seconds(qtbot, agency_db, tunnel_window, tmp_path):
    m = tunnel_window
    assert m.store.mode == "agency"
    _, port_url = agency_db.add("clerk")
    m.filings.reload()
    qtbot.waitUntil(lambda: m.filings.model.rowCount() == 0, timeout=5000)
    with open_store(tmp_path / "port", url=port_url) as port:
        f = port.import_document(samples.ferry_filing(), new_lrn=True)
        qtbot.waitUntil(lambda: m.filings.model.rowCount() == 1, timeout=2500)
        port.mark_ready(f.lrn)
    with open_store(tmp_path / "tunnel-cli", url=m.url) as tunnel:
        tunnel.queue(f.lrn)
    qtbot.waitUntil(lambda: any(r.state == "queued" for r in _rows(m)), timeout=2500)


def _rows(m):
    model = m.filings.model
    return list(model.rows)


def test_signing_in_asks_the_password_and_never_opens_on_a_wrong_one(qtbot, agency_db, on_agency, data_dir):
    from ics2desk.gui.agency_signin import ensure_signed_in

    name, url = agency_db.add("clerk")
    password = url.split(":")[2].split("@")[0]
    bare = url.replace(f":{password}@", "@")
    on_agency(bare)
    asked = []

    def ask(user, where, problem):
        asked.append((user, problem))
        return ("wrong", False) if len(asked) == 1 else (password, False)

    assert ensure_signed_in(data_dir, ask=ask, inform=lambda text: None)
    assert [u for u, _ in asked] == [name, name] and "refused the sign-in" in asked[1][1]
    with open_store(data_dir) as store:  # the desk now opens as that agent
        assert (store.user, store.role) == (name, "clerk")
    assert not ensure_signed_in(data_dir, ask=lambda *a: None) or True  # signed in already: nothing asked


def test_out_of_reach_the_desk_offers_retry_standalone_or_quit(qtbot, agency_db, on_agency, data_dir, cluster):
    from ics2desk.gui.agency_signin import QUIT, STANDALONE, ensure_signed_in

    _, clerk_url = agency_db.add("clerk")
    _, declarant_url = agency_db.add("declarant")
    on_agency(declarant_url)
    with open_store(data_dir):
        pass  # signed in once here: the desk knows its declarant
    cluster.stop("fast")
    try:
        told = []
        assert not ensure_signed_in(data_dir, what_now=lambda problem: told.append(problem) or QUIT)
        assert "out of reach" in told[0]
        assert ensure_signed_in(data_dir, what_now=lambda problem: STANDALONE, reason=lambda: "server room flooded")
        with open_store(data_dir) as store:
            assert store.mode == "standalone"
            assert any(r["action"] == "standalone_on" and "flooded" in r["detail"] for r in store.audit_trail(None))
    finally:
        cluster.resume()


def test_the_audit_view_names_each_agent(qtbot, agency_db, tmp_path):
    from ics2desk.gui.filings.audit_dialog import AuditDialog

    clerk, clerk_url = agency_db.add("clerk")
    declarant, declarant_url = agency_db.add("declarant")
    with open_store(tmp_path / "a", url=clerk_url) as a:
        f = a.import_document(samples.ferry_filing(), new_lrn=True)
    with open_store(tmp_path / "b", url=declarant_url) as b:
        b.queue(f.lrn)
        dialog = AuditDialog(b, f.lrn)
        qtbot.addWidget(dialog)
        agents = [dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())]
        actions = [dialog.table.item(i, 2).text() for i in range(dialog.table.rowCount())]
        assert agents[actions.index("import")] == clerk and agents[actions.index("queue")] == declarant
        assert "/" in dialog.table.item(0, 0).text()  # local time, as read elsewhere in the desk


def test_another_desks_edit_updates_its_row_in_place(qtbot, agency_db, tunnel_window, tmp_path):
    """The notification names the filing: its row is re-read, the list is not reloaded."""
    m = tunnel_window
    _, port_url = agency_db.add("clerk")
    with open_store(tmp_path / "port", url=port_url) as port:
        lrns = [port.import_document(samples.ferry_filing(), new_lrn=True).lrn for _ in range(3)]
        qtbot.waitUntil(lambda: m.filings.model.rowCount() == 3, timeout=3000)
        resets, updated = [], []
        m.filings.model.modelReset.connect(lambda: resets.append(1))
        m.filings.model.dataChanged.connect(lambda top, bottom, *_: updated.append(top.row()))
        row = m.filings.model.row_of(lrns[1])
        before = m.filings.model.filing(row).version
        doc = port.document(lrns[1])
        doc.data["activeBorderTransportMeans"]["identificationNumber"] = "IMO9274484"
        port.save_version(lrns[1], doc)
    qtbot.waitUntil(lambda: m.filings.model.filing(row).version == before + 1, timeout=2500)
    assert resets == [] and row in updated

"""The desk's other services (incidents, ELO envelopes, the address book, booking lists) work on
the agency database exactly as on a desk's SQLite: one database module, one set of tables."""
from __future__ import annotations

from datetime import timedelta

from ics2desk import clock, samples
from ics2desk.continuity.desk import ContinuityDesk
from ics2desk.continuity.incidents import IncidentStore
from ics2desk.failures import Component
from ics2desk.store import open_store


def test_incidents_are_shared_by_every_desk(agency_db, tmp_path):
    _, port_url = agency_db.add("declarant")
    _, tunnel_url = agency_db.add("clerk")
    now = clock.now()
    with open_store(tmp_path / "port", url=port_url) as port, open_store(tmp_path / "tunnel", url=tunnel_url) as tunnel:
        desk = ContinuityDesk.open(port)
        snap = desk.refresh_from_store(now, port.user)
        assert snap is not None
        incidents = IncidentStore(port.conn)
        inc = incidents.open(Component.EU_CONNECTION, now, port.user, "test-1")
        incidents.log(inc.id, now, "TAPAS refuses every connection", port.user)
        incidents.tick(inc.id, "step-1", port.user, now)
        desk.incidents.save_board(desk.board, now)
        seen = IncidentStore(tunnel.conn)
        assert [i.id for i in seen.active()] == [inc.id]
        assert "step-1" in seen.ticks(inc.id)
        assert any("TAPAS" in e.text for e in seen.timeline(inc.id))
        assert tunnel.wait_for_change(0.5) or any(c.startswith("incident:") for c in (tunnel.changes() or ()))
        incidents.close_incident(inc.id, now + timedelta(minutes=5), port.user, force=True)
        assert seen.active() == []


def test_elo_envelopes_and_settings_on_the_agency_database(agency_db, tmp_path):
    from ics2desk.elo.envelope import Envelope
    from ics2desk.elo.store import EloStore

    _, url = agency_db.add("declarant")
    with open_store(tmp_path, url=url) as store:
        elo = EloStore(store.conn)
        env = elo.save(Envelope(lrn="ICS-ELO-1", truck="AB12CDE", ens_mrn="26FR000016CB16ACT6"))
        elo.save_pdf(env.id, b"%PDF-1.4 first")
        elo.save_pdf(env.id, b"%PDF-1.4 second")  # replaced, not doubled
        assert elo.pdf(env.id) == b"%PDF-1.4 second"
        elo.set_setting("office", "FR620001")
        elo.set_setting("office", "FR620002")
        assert elo.setting("office") == "FR620002"
        assert [e.lrn for e in elo.mentioning("26FR000016CB16ACT6")] == ["ICS-ELO-1"]


def test_the_address_book_learns_on_the_agency_database(agency_db, tmp_path):
    from ics2desk.reuse import book

    _, url = agency_db.add("clerk")
    with open_store(tmp_path, url=url) as store:
        doc = samples.ferry_filing()
        book.remember(store.conn, doc)
        book.remember(store.conn, doc)
        names = [name for _, name in book.parties(store.conn)]
        assert doc.get("declarant/name") in names and len(names) == len(set(names))
        assert book.goods(store.conn)


def test_the_list_search_finds_a_consignee_by_name(agency_db, tmp_path):
    from ics2desk.store import FilingQuery

    _, url = agency_db.add("clerk")
    with open_store(tmp_path, url=url) as store:
        doc = samples.ferry_filing()
        f = store.import_document(doc, new_lrn=True)
        name = doc.get("consignmentMasterLevel/consignee/name")
        assert name
        word = name.split()[0]
        assert [x.lrn for x in store.list_filings(FilingQuery(text=word.lower()))] == [f.lrn]
        assert store.count_filings(FilingQuery(text=f.lrn)) == 1
        assert store.count_filings(FilingQuery(text="nothing-like-it")) == 0


def test_sql_spelled_once_keeps_every_quoted_literal():
    """The rewrite for PostgreSQL touches code, never what is inside quotes."""
    from hypothesis import given, settings, strategies as st

    from ics2desk.store.pg import translate

    literal = st.text(alphabet=st.characters(blacklist_characters="'\x00", blacklist_categories=("Cs",)), max_size=20)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(literal, min_size=1, max_size=4))
    def check(texts):
        sql = "SELECT " + ", ".join(f"'{t}'" for t in texts) + " FROM audit WHERE user=? AND lrn=?"
        out, returning = translate(sql)
        assert not returning
        assert out.endswith('WHERE "user"=%s AND lrn=%s')
        pieces = out.split("'")[1::2]
        assert [p.replace("%%", "%") for p in pieces] == texts

    check()
    assert translate("INSERT OR IGNORE INTO received(transport_id, message_id) VALUES(?, ?)")[0].endswith(
        "ON CONFLICT DO NOTHING")
    assert translate("INSERT INTO outbox(filing_id) VALUES(?)") == ("INSERT INTO outbox(filing_id) VALUES(%s) "
                                                                    "RETURNING id", True)
    assert translate("BEGIN IMMEDIATE") == ("BEGIN", False)

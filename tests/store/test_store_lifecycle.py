"""The store keeps filings, versions and the lifecycle; illegal steps are refused."""
from __future__ import annotations


import pytest

from ics2desk.errors import BadInputError, IllegalTransitionError
from ics2desk.samples import ferry_filing, shuttle_filing
from ics2desk.store import FilingQuery, State, next_state, open_store


@pytest.fixture
def store(data_dir):
    s = open_store()
    yield s
    s.close()


def test_store_lives_in_the_data_dir_with_wal_and_full_sync(store, data_dir):
    assert (data_dir / "ics2desk.sqlite3").exists()
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_import_keeps_lrn_and_refuses_reuse(store):
    f = store.import_document(ferry_filing("TCO26112500001"), user="marie")
    assert (f.lrn, f.state, f.truck) == ("TCO26112500001", "draft", "AB12CDE")
    assert f.crossing.startswith("ferry")
    with pytest.raises(BadInputError, match="never reused"):
        store.import_document(ferry_filing("TCO26112500001"))
    again = store.import_document(ferry_filing("TCO26112500001"), new_lrn=True)
    assert again.lrn != f.lrn


def test_generated_lrns_are_unique_per_declarant(store):
    lrns = {store.new_lrn("NL812345678") for _ in range(50)}
    assert len(lrns) == 50
    assert all(len(lrn) <= 22 for lrn in lrns)
    docs = [ferry_filing("") for _ in range(3)]
    for d in docs:
        del d.data["LRN"]
    got = {store.import_document(d).lrn for d in docs}
    assert len(got) == 3 and not (got & lrns)


def test_versions_are_all_kept(store):
    f = store.import_document(ferry_filing("TCO1"))
    doc = store.document("TCO1")
    doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]["commodity"][
        "descriptionOfGoods"] = "Frozen peas"
    assert store.save_version(f.lrn, doc, user="marie") == 2
    assert [v.number for v in store.versions("TCO1")] == [1, 2]
    assert b"Frozen peas" in store.versions("TCO1")[1].xml
    assert store.document("TCO1").houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] == "Frozen peas"


def test_queue_writes_outbox_row_and_state_together(store):
    store.import_document(ferry_filing("TCO2"))
    item = store.queue("TCO2", user="marie")
    assert store.get("TCO2").state == "queued"
    (row,) = store.outbox_items()
    assert (row.id, row.lrn, row.state, row.message_type) == (item, "TCO2", "pending", "IE3F50")
    actions = [a["action"] for a in store.audit_trail("TCO2")]
    assert actions == ["import", "validated", "queue"]
    assert store.audit_trail("TCO2")[-1]["user"] == "marie"


def test_invalid_filing_cannot_be_queued(store):
    doc = ferry_filing("TCO3")
    del doc.data["declarant"]
    store.import_document(doc)
    with pytest.raises(BadInputError, match="not valid"):
        store.queue("TCO3")
    assert store.get("TCO3").state == "draft"
    assert store.outbox_items() == []


def test_illegal_transitions_are_refused_with_a_clear_message(store):
    store.import_document(ferry_filing("TCO4"))
    with pytest.raises(IllegalTransitionError, match="before the ENS is registered"):
        store.amend("TCO4", ferry_filing("TCO4"))
    with pytest.raises(IllegalTransitionError, match="before the ENS is registered"):
        store.invalidate("TCO4")
    store.queue("TCO4")
    with pytest.raises(IllegalTransitionError, match="while it is queued"):
        store.save_version("TCO4", ferry_filing("TCO4"))
    with pytest.raises(IllegalTransitionError, match="already used|while it is queued|allowed now"):
        store.queue("TCO4")
    assert store.get("TCO4").state == "queued"
    assert len(store.outbox_items()) == 1


@pytest.mark.parametrize("state,event,expected", [
    ("sent", "IE3R01", State.REGISTERED), ("sent", "IE3N99", State.REJECTED),
    ("registered", "IE3N03", State.ASSESSMENT_COMPLETE), ("registered", "IE3Q01", State.DO_NOT_LOAD),
    ("registered", "IE3Q02", State.INFO_REQUESTED), ("info_requested", "answer_rfi", State.INFO_ANSWERED),
    ("registered", "IE3N02", State.NOT_COMPLETE), ("assessment_complete", "amend", State.AMENDING),
    ("amending", "IE3N10", State.REGISTERED), ("registered", "invalidate", State.INVALIDATING),
    ("invalidating", "IE3R07", State.INVALIDATED),
])
def test_lifecycle_table(state, event, expected):
    assert next_state(state, event, mrn="26FR000000000001CT0") is expected


@pytest.mark.parametrize("state,event", [("draft", "queue"), ("draft", "IE3R01"), ("invalidated", "amend"),
                                         ("rejected", "IE3N03"), ("registered", "queue"), ("sent", "cancel")])
def test_lifecycle_refusals(state, event):
    with pytest.raises(IllegalTransitionError, match="cannot"):
        next_state(state, event, mrn="26FR000000000001CT0")


def test_outbox_pause_resume_cancel_are_audited(store):
    store.import_document(ferry_filing("TCO5"))
    item = store.queue("TCO5")
    store.pause(item, user="paul")
    assert store.outbox_item(item).state == "paused"
    store.resume(item, user="paul")
    store.cancel(item, user="paul")
    assert store.outbox_item(item).state == "cancelled"
    assert store.get("TCO5").state == "ready"
    assert [a["action"] for a in store.audit_trail("TCO5")][-3:] == ["pause", "resume", "cancel"]
    with pytest.raises(IllegalTransitionError):
        store.retry_now(item)


def test_search_sort_filter_and_count(store):
    for i in range(5):
        store.import_document(ferry_filing(f"FER{i}"))
    doc = shuttle_filing("SHU1")
    doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]["commodity"][
        "descriptionOfGoods"] = "Lawn mowers"
    store.import_document(doc)
    store.queue("FER2")
    assert [f.lrn for f in store.list_filings(FilingQuery(text="lawn"))] == ["SHU1"]
    assert store.count_filings(FilingQuery(text="shuttle")) == 1
    assert store.count_filings(FilingQuery(states=["queued"])) == 1
    rows = store.list_filings(FilingQuery(sort="lrn", descending=False, offset=1, limit=2))
    assert [r.lrn for r in rows] == ["FER1", "FER2"]
    assert store.count_filings() == 6
    with pytest.raises(BadInputError):
        store.list_filings(FilingQuery(sort="lrn; DROP TABLE filings"))


def test_list_queries_use_indexes(store):
    plan = store.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM filings f WHERE f.state IN ('queued') "
                              "ORDER BY f.updated_at DESC LIMIT 100").fetchall()
    assert any("INDEX" in str(tuple(r)) for r in plan)

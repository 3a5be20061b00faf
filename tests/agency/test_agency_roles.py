"""Roles are the database's, not the buttons': what a clerk's own SQL cannot do, who the audit
trail names, and the agency-wide guards (R3003, transport document reuse, edit conflicts)."""
from __future__ import annotations

import psycopg
import pytest

from ics2desk import samples
from ics2desk.errors import BadInputError, IllegalTransitionError, PermissionDeniedError
from ics2desk.store import open_store
from ics2desk.store.store import EditConflictError


def _raw(url: str) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=True)


def test_a_clerks_raw_sql_cannot_queue_delete_or_move_outbox_rows(agency_db, tmp_path):
    clerk, clerk_url = agency_db.add("clerk")
    _, declarant_url = agency_db.add("declarant")
    with open_store(tmp_path / "port", url=clerk_url) as store:
        draft = store.import_document(samples.ferry_filing(), new_lrn=True)
    with open_store(tmp_path / "tunnel", url=declarant_url) as store:
        other = store.import_document(samples.ferry_filing(), new_lrn=True)
        store.queue(other.lrn)
    with _raw(clerk_url) as conn:
        fid, vid = conn.execute("SELECT f.id, v.id FROM filings f JOIN versions v ON v.filing_id=f.id "
                                "WHERE f.lrn=%s", (draft.lrn,)).fetchone()
        refused = [
            ("INSERT INTO outbox(filing_id, version_id, message_type, state, created_at, updated_at) "
             "VALUES(%s, %s, 'IE3F50', 'pending', 'x', 'x')", (fid, vid)),
            ("DELETE FROM outbox", ()),
            ("UPDATE outbox SET state='cancelled'", ()),
            ("DELETE FROM filings WHERE lrn=%s", (draft.lrn,)),
            ("DELETE FROM audit", ()),
            ("UPDATE audit SET detail='nothing happened'", ()),
        ]
        for sql, args in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql, args)
        # row security: a clerk cannot move its own draft on, nor touch a queued filing
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE filings SET state='queued' WHERE lrn=%s", (draft.lrn,))
        moved = conn.execute("UPDATE filings SET state='draft' WHERE lrn=%s", (other.lrn,)).rowcount
        assert moved == 0  # a queued filing is not the clerk's to change: no row matches for it
    with open_store(tmp_path / "tunnel", url=declarant_url) as store:
        assert store.get(other.lrn).state == "queued"
        assert [i.state for i in store.outbox_items(lrn=other.lrn)] == ["pending"]
        assert store.get(draft.lrn).state == "draft"


def test_a_clerk_edits_drafts_and_is_told_who_may_queue(agency_db, tmp_path):
    clerk, clerk_url = agency_db.add("clerk")
    with open_store(tmp_path, url=clerk_url) as store:
        assert (store.user, store.role) == (clerk, "clerk")
        f = store.import_document(samples.ferry_filing(), new_lrn=True)
        doc = store.document(f.lrn)
        doc.data["activeBorderTransportMeans"]["identificationNumber"] = "IMO9274484"
        assert store.save_version(f.lrn, doc) == 2
        with pytest.raises(PermissionDeniedError) as err:
            store.queue(f.lrn)
        assert "only a declarant may queue" in str(err.value) and clerk in str(err.value)
        assert store.outbox_items(lrn=f.lrn) == []


def test_every_audit_row_names_the_signed_in_agent_whatever_the_desk_claims(agency_db, tmp_path):
    clerk, clerk_url = agency_db.add("clerk")
    declarant, declarant_url = agency_db.add("declarant")
    with open_store(tmp_path / "a", user="somebody-else", url=clerk_url) as store:
        f = store.import_document(samples.ferry_filing(), user="desk", new_lrn=True)
        store.note(f.lrn, "looked", "a note", user="sender")
    with open_store(tmp_path / "b", url=declarant_url) as store:
        store.queue(f.lrn, user="desk")
        trail = store.audit_trail(f.lrn)
    by_action = {}
    for row in trail:
        by_action.setdefault(row["action"], set()).add(row["user"])
    assert by_action["import"] == {clerk} and by_action["looked"] == {clerk}
    assert by_action["queue"] == {declarant}
    with _raw(clerk_url) as conn:  # even raw SQL cannot sign for someone else
        conn.execute("INSERT INTO audit(at, \"user\", action, lrn, detail) VALUES('t', 'the-boss', 'x', %s, '')",
                     (f.lrn,))
        assert conn.execute("SELECT \"user\" FROM audit WHERE action='x'").fetchone()[0] == clerk


def test_an_lrn_is_unique_across_every_desk_of_the_agency(agency_db, tmp_path):
    _, port = agency_db.add("declarant")
    _, tunnel = agency_db.add("declarant")
    doc = samples.ferry_filing("TCO26112500777")
    with open_store(tmp_path / "port", url=port) as a, open_store(tmp_path / "tunnel", url=tunnel) as b:
        a.import_document(doc)
        with pytest.raises(BadInputError, match="R3003"):
            b.import_document(doc)
        # fresh LRNs drawn at two desks never collide
        drawn = [a.import_document(doc, new_lrn=True).lrn for _ in range(5)]
        drawn += [b.import_document(doc, new_lrn=True).lrn for _ in range(5)]
        assert len(set(drawn)) == 10


def test_a_reused_transport_document_is_flagged_before_sending(agency_db, tmp_path):
    _, url = agency_db.add("declarant")
    with open_store(tmp_path, url=url) as store:
        first = store.import_document(samples.ferry_filing(), new_lrn=True)
        store.queue(first.lrn)
        second = store.import_document(samples.ferry_filing(), new_lrn=True)
        assert [lrn for lrn, _ in store.transport_document_reuse(second.lrn)] == [first.lrn]
        third = samples.ferry_filing()
        third.data["consignmentMasterLevel"]["transportDocumentMasterLevel"]["documentNumber"] = "CMR-OTHER-1"
        fresh = store.import_document(third, new_lrn=True)
        assert store.transport_document_reuse(fresh.lrn) == []


def test_an_amendment_before_the_registration_reply_is_refused(agency_db, tmp_path):
    _, url = agency_db.add("declarant")
    with open_store(tmp_path, url=url) as store:
        f = store.import_document(samples.ferry_filing(), new_lrn=True)
        store.queue(f.lrn)
        with pytest.raises(IllegalTransitionError):
            store.amend(f.lrn, store.document(f.lrn))


def test_two_agents_on_one_draft_the_later_save_does_not_overwrite(agency_db, tmp_path):
    _, first_url = agency_db.add("clerk")
    second, second_url = agency_db.add("clerk")
    with open_store(tmp_path / "a", url=first_url) as a, open_store(tmp_path / "b", url=second_url) as b:
        f = a.import_document(samples.ferry_filing(), new_lrn=True)
        opened_a, opened_b = a.get(f.lrn).version, b.get(f.lrn).version
        doc_b = b.document(f.lrn)
        doc_b.data["activeBorderTransportMeans"]["identificationNumber"] = "IMO9321483"
        b.save_version(f.lrn, doc_b, expected_version=opened_b)
        doc_a = a.document(f.lrn)
        with pytest.raises(EditConflictError) as err:
            a.save_version(f.lrn, doc_a, expected_version=opened_a)
        assert second in str(err.value)
        assert a.document(f.lrn).get("activeBorderTransportMeans/identificationNumber") == "IMO9321483"

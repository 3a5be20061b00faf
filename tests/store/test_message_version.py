"""The ICS2 message version as data: the schema set names it, every stored filing version and
message records it, an ENS lodged under an older version cannot be amended (the agent is told
why) and is invalidated and re-filed in one guided step."""
from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from v3set import renamed_schema_set

from ics2desk import samples
from ics2desk.cli import main
from ics2desk.errors import IllegalTransitionError, LodgedUnderOlderVersionError
from ics2desk.outbox import Sender
from ics2desk.refile import refile, refile_details
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store
from ics2desk.store.db import DB_NAME
from ics2desk.store.migrations import migrate
from ics2desk.transport.http_simulator import SimulatorTransport
from ics2desk.xml import schemaset


def _sender(url, data_dir):
    settings = Settings(simulator_url=url, retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=2,
                        poll_interval_s=0.05)
    settings.save(data_dir)  # the CLI reads the same settings
    return Sender(open_store(), SimulatorTransport(url, timeout=2), settings)


@pytest.fixture
def sender(data_dir):
    with SimulatorServer(Ics2Simulator(assessment_delay_s=60), port=0) as sim:
        s = _sender(sim.url, data_dir)
        yield s
        s.close()


@pytest.fixture
def v3(tmp_path, monkeypatch):
    """Switch the desk to the renamed 'version 3' set, the documented way; returns the switch."""
    folder = renamed_schema_set(tmp_path / "official-v3")
    return lambda: monkeypatch.setenv("ICS2DESK_SCHEMA_DIR", str(folder))


def registered(sender, doc):
    sender.store.import_document(doc, user="marie")
    sender.store.queue(doc.lrn, user="marie")
    sender.drain(until_empty=True, timeout=5)
    assert sender.store.get(doc.lrn).state == "registered"
    return sender.store.document(doc.lrn)


def _cli(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- the set names its version --------------------------------------------------------------
def test_our_schema_set_says_which_version_it_is_honestly():
    assert schemaset.message_version() == "2"
    assert schemaset.agreement_ref() == "EU-ICS2-TI-V2.0"
    said = schemaset.settings()["implements"]
    assert "HTI-IE v2.02" in said and "ICD v3.30" in said and "Not version 3" in said


def test_a_set_that_names_no_version_is_a_setup_error(tmp_path, monkeypatch):
    folder = renamed_schema_set(tmp_path / "anon")
    data = json.loads((folder / "schemaset.json").read_text())
    del data["message_version"]
    (folder / "schemaset.json").write_text(json.dumps(data))
    monkeypatch.setenv("ICS2DESK_SCHEMA_DIR", str(folder))
    from ics2desk.errors import KnownError

    with pytest.raises(KnownError, match="does not say which ICS2 message version"):
        schemaset.message_version()


# --- recorded with every version and message ------------------------------------------------
def test_each_version_and_message_records_the_version_it_was_built_and_sent_with(sender, capsys):
    registered(sender, samples.ferry_filing("VER26112500001"))
    assert [v.message_version for v in sender.store.versions("VER26112500001")] == ["2"]
    assert [(m.direction, m.message_type, m.message_version) for m in sender.store.timeline("VER26112500001")] == [
        ("out", "IE3F50", "2"), ("in", "IE3R01", "2")]
    status = json.loads(_cli(capsys, "status", "VER26112500001", "--json")[1])
    assert status["message_version"] == "2"
    assert [m["message_version"] for m in status["messages"]] == ["2", "2"]
    assert "(ICS2 message version 2)" in _cli(capsys, "status", "VER26112500001")[1].splitlines()[0]


def test_rows_stored_before_the_migration_get_version_2(data_dir):
    conn = sqlite3.connect(str(data_dir / DB_NAME), isolation_level=None)
    assert migrate(conn, target=3) == 3
    conn.execute("INSERT INTO filings(lrn, declarant, state, message_type, created_at, updated_at, version) "
                 "VALUES('OLD1', 'NL812345678', 'draft', 'IE3F50', 'x', 'x', 1)")
    conn.execute("INSERT INTO versions(filing_id, number, message_type, xml, created_at, author) "
                 "VALUES(1, 1, 'IE3F50', X'3c782f3e', 'x', 'marie')")
    conn.execute("INSERT INTO messages(filing_id, direction, message_type, lrn, xml, created_at) "
                 "VALUES(1, 'out', 'IE3F50', 'OLD1', X'3c782f3e', 'x')")
    conn.close()
    with open_store() as store:
        assert [v.message_version for v in store.versions("OLD1")] == ["2"]
        assert [m.message_version for m in store.timeline("OLD1")] == ["2"]
        assert store.lodged_version("OLD1") == "2"


# --- an ENS lodged under an older version ---------------------------------------------------
def test_amending_an_ens_lodged_under_version_2_is_refused_and_says_why(sender, v3):
    doc = registered(sender, samples.ferry_filing("VER26112500002"))
    assert sender.store.version_refusal("VER26112500002") is None
    v3()
    assert sender.store.version_refusal("VER26112500002").remedy == "refile"  # known before typing anything
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = samples.departure_plus(
        doc.data, timedelta(hours=3))
    with pytest.raises(LodgedUnderOlderVersionError) as refused:
        sender.store.amend("VER26112500002", doc, user="marie")
    exc = refused.value
    assert isinstance(exc, IllegalTransitionError) and exc.remedy == "refile"
    assert str(exc) == exc.message("en") == (
        "VER26112500002 cannot be amended: its ENS was lodged under ICS2 message version 2 and the desk now files "
        "version 3. ICS2 no longer accepts amendments to an ENS lodged under an earlier version: invalidate it and "
        "lodge it again as a new ENS (Re-file: one step that queues the invalidation and opens a copy under a new "
        "LRN; command line: ics2desk refile VER26112500002)")
    assert exc.message("fr").startswith("VER26112500002 ne peut pas être modifiée : son ENS a été déposée en "
                                        "version 2 des messages ICS2")
    assert sender.store.get("VER26112500002").state == "registered"
    assert [i.message_type for i in sender.store.outbox_items(lrn="VER26112500002")] == ["IE3F50"]  # nothing queued


def test_an_ens_lodged_under_the_active_version_is_amended_as_usual(sender, v3):
    v3()
    doc = registered(sender, samples.ferry_filing("VER26112500003"))
    assert sender.store.lodged_version("VER26112500003") == "3"
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = samples.departure_plus(
        doc.data, timedelta(hours=3))
    sender.store.amend("VER26112500003", doc)
    sender.drain(until_empty=True, timeout=5)
    assert [(m.message_type, m.message_version) for m in sender.store.timeline("VER26112500003")
            if m.direction == "out"] == [("IE3F50", "3"), ("IE3A50", "3")]
    assert sender.store.get("VER26112500003").state == "registered"  # IE3N10 came back


def test_refile_invalidates_and_opens_a_copy_under_a_new_lrn_in_one_step(sender, v3):
    old_doc = registered(sender, samples.ferry_filing("VER26112500004"))
    old_mrn = sender.store.get("VER26112500004").mrn
    v3()
    done = refile_details(sender.store, "VER26112500004", user="marie")
    new = done.new_lrn
    assert new != "VER26112500004" and (done.lodged_version, done.message_version) == ("2", "3")
    old = sender.store.get("VER26112500004")
    assert old.state == "invalidating"
    (q04,) = [i for i in sender.store.outbox_items(lrn="VER26112500004") if i.message_type == "IE3Q04"]
    assert q04.id == done.invalidation_item and q04.state == "pending"
    draft = sender.store.get(new)
    assert draft.state == "draft" and sender.store.lodged_version(new) == "3"
    copy = sender.store.document(new)
    assert copy.lrn == new and copy.mrn is None
    assert copy.data["consignmentMasterLevel"] == old_doc.data["consignmentMasterLevel"]
    assert copy.declarant_eori == old_doc.declarant_eori
    # both audited by the agent, each naming the other
    (old_line,) = [a for a in sender.store.audit_trail("VER26112500004") if a["action"] == "refile"]
    (new_line,) = [a for a in sender.store.audit_trail(new) if a["action"] == "refile"]
    assert old_line["user"] == new_line["user"] == "marie"
    assert f"re-filed as {new}" in old_line["detail"] and f"outbox item {q04.id}" in old_line["detail"]
    assert f"re-filing of VER26112500004 (MRN {old_mrn}" in new_line["detail"]
    # the invalidation goes out (built as version 3), then the new ENS is lodged under version 3
    sender.drain(until_empty=True, timeout=5)
    assert sender.store.get("VER26112500004").state == "invalidated"
    sender.store.queue(new, user="marie")
    sender.drain(until_empty=True, timeout=5)
    assert sender.store.get(new).state == "registered" and sender.store.get(new).mrn != old_mrn
    out = [(m.message_type, m.message_version) for m in sender.store.timeline("VER26112500004")
           if m.direction == "out"]
    assert out == [("IE3F50", "2"), ("IE3Q04", "3")]


def test_refile_copies_the_latest_dataset_an_amendment_included(sender, v3):
    doc = registered(sender, samples.ferry_filing("VER26112500005"))
    later = samples.departure_plus(doc.data, timedelta(hours=3))
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = later
    sender.store.amend("VER26112500005", doc)
    sender.drain(until_empty=True, timeout=5)
    v3()
    new = refile(sender.store, "VER26112500005", user="marie")
    copy = sender.store.document(new)
    assert copy.message_id == "IE3F50" and copy.lrn == new
    assert copy.get("activeBorderTransportMeans/estimatedDateAndTimeOfArrival") == later


def test_refile_from_the_command_line(sender, v3, capsys):
    registered(sender, samples.rail_filing("VER26112500006"))
    v3()
    code, out, err = _cli(capsys, "refile", "VER26112500006")
    assert code == 0, err
    new = out.strip()
    assert sender.store.get(new).message_type == "IE3F51" and sender.store.get(new).state == "draft"
    assert f"then ics2desk submit {new}" in err and "invalidation (IE3Q04) queued" in err
    # a second time: the ENS is being invalidated already, refused (exit 1) with what is allowed
    code, _, err = _cli(capsys, "refile", "VER26112500006", "--json")
    assert code == 1 and "invalidating" in err


def test_refile_json(sender, capsys):
    registered(sender, samples.ferry_filing("VER26112500007"))
    code, out, _ = _cli(capsys, "refile", "VER26112500007", "--json")
    done = json.loads(out)
    assert code == 0 and done["old_lrn"] == "VER26112500007" and done["new_lrn"] != "VER26112500007"
    assert (done["lodged_version"], done["message_version"]) == ("2", "2")


def test_a_draft_never_refiled_is_not_refiled_a_truck_under_do_not_load_neither(data_dir):
    with SimulatorServer(Ics2Simulator(assessment_delay_s=0.0), port=0) as sim:
        s = _sender(sim.url, data_dir)
        try:
            s.store.import_document(samples.ferry_filing("VER26112500008"))
            with pytest.raises(IllegalTransitionError, match="before the ENS is registered"):
                refile(s.store, "VER26112500008")
            assert s.store.count_filings() == 1  # nothing half done
            doc = samples.ferry_filing("VER26112500009")
            doc.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] += " DNL-DRILL"
            s.store.import_document(doc)
            s.store.queue("VER26112500009")
            for _ in range(50):
                s.drain(until_empty=True, timeout=5)
                s.poll_replies()
                if s.store.get("VER26112500009").do_not_load_at:
                    break
            with pytest.raises(IllegalTransitionError, match="Do Not Load"):
                refile(s.store, "VER26112500009")
            assert s.store.count_filings() == 2 and s.store.get("VER26112500009").state == "do_not_load"
        finally:
            s.close()


def test_a_draft_saved_under_version_2_goes_out_as_version_3(sender, v3):
    sender.store.import_document(samples.ferry_filing("VER26112500010"))
    v3()
    sender.store.queue("VER26112500010")
    versions = sender.store.versions("VER26112500010")
    assert [v.message_version for v in versions] == ["2", "3"]
    assert schemaset.namespace().encode() in versions[-1].xml
    sender.drain(until_empty=True, timeout=5)
    assert sender.store.get("VER26112500010").state == "registered"
    (out,) = [m for m in sender.store.timeline("VER26112500010") if m.direction == "out"]
    assert out.message_version == "3"
    queued = [a["detail"] for a in sender.store.audit_trail("VER26112500010") if a["action"] == "queue"]
    assert "rebuilt as version 2 in ICS2 message version 3 (saved under 2)" in queued[0]

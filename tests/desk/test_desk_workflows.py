"""The desk's workflows without Qt: what each step does to the store, the LRN it assigns, the
user the audit trail names, and the event that tells a front end what changed."""
from __future__ import annotations

import pytest
from desk_tools import AGENT, registered

from ics2desk import samples
from ics2desk.desk import Changed, Desk, LodgingProfile
from ics2desk.errors import BadInputError, IllegalTransitionError
from ics2desk.model import EnsDocument
from ics2desk.settings import Settings
from ics2desk.simulator import replies as sim_replies


def without_lrn(doc: EnsDocument) -> EnsDocument:
    del doc.data["LRN"]
    return doc


def test_a_first_save_assigns_an_lrn_with_the_settings_prefix_read_at_that_moment(desk, data_dir):
    settings = Settings.load(data_dir)
    settings.lrn_prefix = "TCO"
    settings.save(data_dir)  # after the desk was built: the next save takes it
    lrn = desk.save(without_lrn(samples.ferry_filing()))
    assert lrn.startswith("TCO") and desk.store.get(lrn).state == "draft"
    assert desk.changes == [Changed(lrns=(lrn,), created=(lrn,))]
    settings.lrn_prefix = "CAL"
    settings.save(data_dir)
    assert desk.save(without_lrn(samples.ferry_filing())).startswith("CAL")


def test_a_desk_given_its_settings_uses_their_prefix_and_a_typed_lrn_is_kept(store):
    desk = Desk(store, Settings(lrn_prefix="XYZ"), "agent")
    assert desk.save(without_lrn(samples.ferry_filing())).startswith("XYZ")
    assert desk.save(samples.ferry_filing("DUPONT2611250001")) == "DUPONT2611250001"


def test_saving_again_makes_a_version_and_the_book_learns_the_parties(desk):
    doc = samples.ferry_filing("SAVE26112500001")
    desk.save(doc)
    doc.data["representative"]["name"] = "Transit Opale (nouveau nom)"
    assert desk.save(doc, "SAVE26112500001") == "SAVE26112500001"
    assert desk.store.get("SAVE26112500001").version == 2
    assert desk.changes[-1] == Changed(lrns=("SAVE26112500001",))  # not created again
    from ics2desk.reuse import book

    eori = doc.data["representative"]["identificationNumber"]
    assert book.party(desk.store.conn, eori)["name"] == "Transit Opale (nouveau nom)"


def test_queue_validates_and_says_the_outbox_moved(desk):
    lrn = desk.save(samples.ferry_filing("QUEUE2611250001"))
    item = desk.queue(lrn)
    assert desk.store.get(lrn).state == "queued" and desk.store.outbox_item(item).lrn == lrn
    assert desk.changes[-1] == Changed(lrns=(lrn,), outbox=True)


def test_a_blank_filing_gets_the_lodging_profile_as_declarant_or_representative(store):
    desk = Desk(store, Settings(), "agent", profile=LodgingProfile("FR12345678901234", "Transit Opale",
                                                                    "desk@opale.fr"))
    doc = desk.blank()
    assert doc.data["declarant"] == {"identificationNumber": "FR12345678901234", "name": "Transit Opale",
                                     "communication": [{"identifier": "desk@opale.fr", "type": "EM"}]}

    class Prefs:  # shaped like ics2desk.gui.prefs.Prefs (desk.json)
        eori, name, contact = "FR99999999999999", "Agence", "+33 3 21 00 00 00"
        extra = {"lodging_role": "representative"}

    desk.profile = lambda: LodgingProfile.from_prefs(Prefs())
    doc = desk.blank()
    assert "declarant" not in doc.data
    assert doc.data["representative"] == {"identificationNumber": "FR99999999999999", "name": "Agence",
                                          "status": "2",
                                          "communication": [{"identifier": "+33 3 21 00 00 00", "type": "TE"}]}
    named = samples.ferry_filing()  # a filing that names its representative keeps it
    before = dict(named.data["representative"])
    assert desk.with_profile(named).data["representative"] == before


def test_a_copy_drops_what_belongs_to_one_truck(desk):
    desk.save(samples.ferry_filing("COPY26112500001"))
    copy = desk.copy_of("COPY26112500001")
    for path in ("LRN", "documentIssueDate", "activeBorderTransportMeans/estimatedDateAndTimeOfArrival"):
        assert not copy.get(path), path
    assert copy.get("activeBorderTransportMeans/identificationNumber")  # a ferry's IMO stays
    original = desk.store.document("COPY26112500001")
    assert copy.data["consignmentMasterLevel"]["consignee"] == original.data["consignmentMasterLevel"]["consignee"]


def test_a_template_saved_from_a_filing_starts_the_next_one(desk):
    doc = samples.ferry_filing("TPL26112500001")
    with pytest.raises(BadInputError):
        desk.save_template("  ", doc)
    template = desk.save_template("Dupont Dover-Calais", doc)
    assert [t.name for t in desk.templates()] == ["Dupont Dover-Calais"]
    new = desk.from_template(template)
    assert not new.lrn and new.get("consignmentMasterLevel/placeOfUnloading/UNLOCODE") == "FRCQF"


def test_invalidate_needs_a_reason_and_keeps_it_with_the_step(desk, store):
    registered(store, "INV26112500001")
    with pytest.raises(BadInputError):
        desk.invalidate("INV26112500001", "   ")
    assert store.get("INV26112500001").state == "registered"
    desk.invalidate("INV26112500001", "truck cancelled\n by the haulier")
    assert store.get("INV26112500001").state == "invalidating"
    [reason] = [a for a in store.audit_trail("INV26112500001") if a["action"] == "invalidate_reason"]
    assert reason["detail"] == "truck cancelled by the haulier" and reason["user"] == AGENT
    assert desk.changes[-1] == Changed(lrns=("INV26112500001",), outbox=True)


def test_amend_a_registered_filing_but_not_a_draft(desk, store):
    lodged = registered(store, "AMD26112500001")
    desk.save(samples.ferry_filing("AMD26112500002"))
    with pytest.raises(IllegalTransitionError):
        desk.amend("AMD26112500002", desk.store.document("AMD26112500002"))
    desk.amend("AMD26112500001", lodged.doc)
    assert store.get("AMD26112500001").state == "amending"


def test_refile_invalidates_and_opens_a_copy_under_a_new_lrn_with_the_prefix(store):
    registered(store, "RFL26112500001")
    desk = Desk(store, Settings(lrn_prefix="NEW"), AGENT)
    new = desk.refile("RFL26112500001")
    assert new.startswith("NEW") and store.get(new).state == "draft"
    assert store.get("RFL26112500001").state == "invalidating"


def test_answer_a_request_for_information(desk, store):
    from ics2desk.desk.rfi import build_answer, latest_request, schema_problems

    lodged = registered(store, "RFI26112500001")
    store.apply_reply(sim_replies.information_request(lodged.mrn, lodged.doc, "REF-1"), "tid-q02")
    request = latest_request(store, "RFI26112500001")
    answer = build_answer(request, {"REF-1": "Invoice 4711 attached"})
    assert schema_problems(answer) == []
    desk.answer_rfi("RFI26112500001", answer)
    assert store.get("RFI26112500001").state == "info_answered"
    assert desk.changes[-1] == Changed(lrns=("RFI26112500001",), outbox=True)


def test_outbox_actions_are_audited_and_an_unknown_one_refused(desk, store):
    lrn = desk.save(samples.ferry_filing("OBX26112500001"))
    item = desk.queue(lrn)
    desk.outbox_action("pause", item)
    assert store.outbox_item(item).state == "paused"
    desk.outbox_action("cancel", item)
    assert store.get(lrn).state == "ready" and desk.changes[-1] == Changed(lrns=(lrn,), outbox=True)
    with pytest.raises(BadInputError):
        desk.outbox_action("delete", item)


def test_every_audit_row_of_one_session_names_the_desk_user(desk, store):
    """Filing steps, outbox steps and the continuity desk's: one name, the desk's, although the
    store was opened under another (the old GUI wrote "desk", $USER and the login name)."""
    from ics2desk import clock
    from ics2desk.desk.rfi import build_answer, latest_request
    from ics2desk.failures import Component

    def trail():
        return [tuple(a.values()) for lrn_ in lrns for a in store.audit_trail(lrn_)]

    lrns = ["AUD26112500001", "AUD26112500002"]
    lodged = registered(store, lrns[0])  # another process lodges; the sender applies the replies
    store.apply_reply(sim_replies.information_request(lodged.mrn, lodged.doc, "REF-9"), "tid-q02-aud")
    registered(store, lrns[1], "DESK0000002")
    others = set(trail())
    lrn = desk.save(without_lrn(samples.ferry_filing()))
    lrns.append(lrn)
    desk.save(desk.store.document(lrn), lrn)
    item = desk.queue(lrn)
    desk.outbox_action("cancel", item)
    desk.queue(lrn)
    desk.answer_rfi(lrns[0], build_answer(latest_request(store, lrns[0]), {"REF-9": "ok"}))
    desk.invalidate(lrns[1], "filed twice")
    continuity = desk.continuity()  # the incidents steps, with the desk's user
    now = clock.now()
    continuity.declare(Component.COMMON_REPOSITORY, None, desk.user, now)
    continuity.recover(Component.COMMON_REPOSITORY, desk.user, now)  # makes the queued item due: audited
    ours = [dict(zip(("at", "user", "action", "lrn", "detail"), row)) for row in trail() if row not in others]
    assert {a["action"] for a in ours} >= {"import", "save", "queue", "cancel", "answer_rfi", "invalidate",
                                          "invalidate_reason", "retry_now"}
    assert {a["user"] for a in ours} == {AGENT}
    timeline = continuity.incidents.timeline(continuity.incidents.active_for(Component.COMMON_REPOSITORY).id)
    assert {e.user for e in timeline} == {AGENT}

"""A booking list becomes checked draft ENS: grouped goods rows, French decimals, a Windows-1252
file, a row breaking a rule (the finding names the cell), re-imports without duplicates, all or
nothing on a broken file or a failure, cancellation, queueing."""
from __future__ import annotations

import threading

import pytest

from ics2desk.errors import KnownError
from ics2desk.intake import Options, import_list
from ics2desk.intake.reader import ListFileError
from ics2desk.store import Store
from ics2desk.validate import validate_document

from intake_files import HEADER_FR, filings, goods_row, truck_row, used_lrns, write_csv, write_xlsx

COL = {h: i for i, h in enumerate(HEADER_FR)}


def three_trucks() -> list[list[str]]:
    return [
        truck_row("AB12 CDE", "CMR-2611-1001", "Frites surgelées", "200410", "12 450,75", "14", "MF-001"),
        goods_row("Cheddar en blocs", "0406 90", "3 100,5", "6", "MF-002"),
        goods_row("Sablés au beurre", "190531", "950,25", "4", "MF-003"),
        truck_row("CD34 EFG", "CMR-2611-1002", "Pommes", "080810", "8 000", "20", "MF-010", trailer="D654321",
                  time="12:00"),
        truck_row("CD34 EFG", "CMR-2611-1002", "Poires", "080830", "2 000,5", "5", "MF-011", trailer="D654321",
                  time="12:00"),  # the same truck again on its second goods row
        truck_row("GH56 IJK", "CMR-2611-1003", "Chocolat", "180632", "1 200", "8", "MF-020", trailer="",
                  crossing="Navette", time="14:05"),
    ]


def test_grouped_rows_become_one_filing_per_truck_with_french_decimals(tmp_path, data_dir, template, store):
    path = write_csv(tmp_path / "bookings.csv", three_trucks())
    summary = import_list(path, data_dir, Options(template=str(template)))
    assert [o.rows for o in summary.outcomes] == [[2, 3, 4], [5, 6], [7]]
    ab, cd, _ = summary.outcomes
    assert (ab.status, cd.status) == ("draft", "draft"), [f.message() for f in summary.to_fix]
    doc = store.document(ab.lrn)
    items = [i for _, _, i in doc.goods_items()]
    assert [i["commodity"]["descriptionOfGoods"] for i in items] == ["Frites surgelées", "Cheddar en blocs",
                                                                     "Sablés au beurre"]
    assert [i["weight"]["grossMass"] for i in items] == ["12450.75", "3100.5", "950.25"]
    assert [i["goodsItemNumber"] for i in items] == ["1", "2", "3"]
    assert items[1]["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"] == "040690"
    assert items[1]["packaging"][0]["typeOfPackages"] == "CT"  # "cartons"
    assert doc.houses()[0]["totalGrossMass"] == "16501.5"
    assert doc.vehicle_registrations() == ["AB12CDE", "C123456"]  # the truck on the ferry is passive means
    assert doc.get("consignmentMasterLevel/transportDocumentMasterLevel/documentNumber") == "CMR-2611-1001"
    assert doc.get("activeBorderTransportMeans/estimatedDateAndTimeOfDeparture") == "2026-11-25T09:30:00Z"
    assert doc.get("activeBorderTransportMeans/estimatedDateAndTimeOfArrival") == "2026-11-25T11:00:00Z"  # +90 min
    assert doc.get("declarant/identificationNumber") == "NL812345678"  # from the template
    assert validate_document(doc).valid
    assert len(store.document(cd.lrn).data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"]) == 2
    # R3003: every LRN from the store, none twice
    assert len({f.lrn for f in filings(store)}) == len(filings(store)) == 2


def test_shuttle_row_puts_the_truck_as_active_means_and_names_the_missing_trailer(tmp_path, data_dir, template):
    path = write_csv(tmp_path / "bookings.csv", three_trucks())
    gh = import_list(path, data_dir, Options(template=str(template), dry_run=True)).outcomes[2]
    assert gh.doc.get("activeBorderTransportMeans/identificationNumber") == "GH56IJK"
    assert gh.doc.get("activeBorderTransportMeans/ModeOfTransport") == "3"
    assert gh.doc.get("consignmentMasterLevel/placeOfUnloading/UNLOCODE") == "FRCQS"
    (finding,) = gh.errors
    assert (finding.row, finding.column_letter, finding.header) == (7, "B", "Remorque")
    assert finding.rule == "XSD" and "passiveBorderTransportMeans" in finding.path


def test_a_row_breaking_a_rule_points_at_its_cell_and_is_not_saved(tmp_path, data_dir, template, store):
    rows = three_trucks()
    rows[3][COL["Code SH"]] = "08 08"  # row 5: four digits
    rows.append(truck_row("KL78 MNO", "CMR-2611-1004", "Eau minérale", "220110", "21 000", "22", "MF-030",
                          time="25/11/2026 16:00"))
    # an arrival column (S), filled only for the last truck (row 8): before its departure, R3053
    header = HEADER_FR + ["Arrivée"]
    rows = [r + [""] for r in rows]
    rows[-1][-1] = "25/11/2026 15:00"
    path = write_csv(tmp_path / "bookings.csv", rows, header=header)
    summary = import_list(path, data_dir, Options(template=str(template)))
    ab, cd, _, kl = summary.outcomes
    assert ab.status == "draft" and cd.status == "invalid" and kl.status == "invalid"
    (hs,) = cd.errors
    assert (hs.row, hs.column_letter, hs.header, hs.rule) == (5, "N", "Code SH", "XSD")
    assert "6" in hs.en and "6" in hs.fr  # the format allows exactly 6 characters
    assert hs.message("fr").startswith("ligne 5, colonne N (Code SH): XSD ")
    (late,) = kl.errors
    assert (late.row, late.column_letter, late.header, late.rule) == (8, "S", "Arrivée", "R3053")
    assert "2026-11-25T14:00:00Z" in late.en  # what the agent typed, in the UTC the message speaks
    assert summary.need_attention == 3 and summary.drafts == 1
    assert [f.row for f in summary.to_fix] == [5, 7, 8]
    assert [f.lrn for f in filings(store)] == [ab.lrn]  # the failing trucks are not stored


def test_keep_invalid_stores_failing_trucks_as_drafts(tmp_path, data_dir, template, store):
    rows = three_trucks()
    rows[0][COL["Poids brut (kg)"]] = "douze tonnes"
    path = write_csv(tmp_path / "bookings.csv", rows)
    summary = import_list(path, data_dir, Options(template=str(template), keep_invalid=True))
    assert [o.status for o in summary.outcomes] == ["kept_invalid", "draft", "kept_invalid"]
    (mass,) = summary.outcomes[0].errors
    assert (mass.row, mass.column_letter) == (2, "O")
    assert "douze tonnes" in mass.en
    assert {f.state for f in filings(store)} == {"draft"} and len(filings(store)) == 3
    assert summary.text() == "3 truck(s) from 6 row(s), 1 draft(s), 2 need attention (2 kept as drafts)"


def test_windows_1252_list_with_a_semicolon_and_french_words(tmp_path, data_dir, template, store):
    rows = [truck_row("AB12CDE", "CMR-é-1", "Pâtés & rillettes", "160100", "1 250,5", "12", "Côte-1")]
    rows[0][COL["Destinataire"]] = "Société Générale de Salaisons"
    rows[0][COL["Ville destinataire"]] = "Saint-Étienne"
    rows[0][COL["Pays destinataire"]] = "France"
    path = write_csv(tmp_path / "ansi.csv", rows, encoding="cp1252")
    (o,) = import_list(path, data_dir, Options(template=str(template))).outcomes
    assert o.status == "draft", [f.message() for f in o.findings]
    doc = store.document(o.lrn)
    assert doc.get("consignmentMasterLevel/consignee/name") == "Société Générale de Salaisons"
    assert doc.get("consignmentMasterLevel/consignee/address/city") == "Saint-Étienne"
    assert doc.get("consignmentMasterLevel/consignee/address/country") == "FR"
    item = next(doc.goods_items())[2]
    assert item["commodity"]["descriptionOfGoods"] == "Pâtés & rillettes"
    assert item["weight"]["grossMass"] == "1250.5"
    assert item["packaging"][0]["shippingMarks"] == "Côte-1"
    # the template's buyer was its consignee: the list's consignee is the buyer too
    assert doc.get("consignmentMasterLevel/consignmentHouseLevel/goodsShipment/buyer/name") == \
        "Société Générale de Salaisons"


def test_xlsx_list_with_number_and_date_cells(tmp_path, data_dir, template, store):
    from datetime import datetime

    first = truck_row("AB12CDE", "CMR-1", "Cheddar", "", "", day="", time="")
    first[COL["Code SH"]] = 40690
    first[COL["Poids brut (kg)"]] = 3100.5
    first[COL["Nb colis"]] = 6
    first[COL["Date"]] = datetime(2026, 11, 25)
    first[COL["Heure départ"]] = datetime(2026, 11, 25, 10, 30)
    path = write_xlsx(tmp_path / "bookings.xlsx", [first, goods_row("Biscuits", "190531", "950,25")],
                      title="Van Dijk — 25/11")
    (o,) = import_list(path, data_dir, Options(template=str(template))).outcomes
    assert o.status == "draft" and o.rows == [4, 5], [f.message() for f in o.findings]
    doc = store.document(o.lrn)
    items = [i for _, _, i in doc.goods_items()]
    assert items[0]["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"] == "040690"
    assert [i["weight"]["grossMass"] for i in items] == ["3100.5", "950.25"]
    assert items[0]["packaging"][0]["numberOfPackages"] == "6"
    assert doc.get("activeBorderTransportMeans/estimatedDateAndTimeOfDeparture") == "2026-11-25T09:30:00Z"


def test_reimporting_the_same_list_creates_no_duplicates_and_updates_changed_drafts(tmp_path, data_dir, template,
                                                                                   store):
    rows = three_trucks()
    path = write_csv(tmp_path / "bookings.csv", rows)
    first = import_list(path, data_dir, Options(template=str(template)))
    lrns = [o.lrn for o in first.outcomes[:2]]
    counted = used_lrns(store)

    again = import_list(path, data_dir, Options(template=str(template)))
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged", "invalid"]
    assert [o.lrn for o in again.outcomes[:2]] == lrns
    assert len(filings(store)) == 2 and used_lrns(store) == counted  # no new filing, no LRN spent
    assert again.already == 2 and again.drafts == 0

    # the haulier corrects a weight and sends the list again: the draft gets a new version
    rows[1][COL["Poids brut (kg)"]] = "3 200"
    write_csv(path, rows)
    third = import_list(path, data_dir, Options(template=str(template)))
    assert [o.status for o in third.outcomes[:2]] == ["updated", "unchanged"]
    assert len(filings(store)) == 2 and len(store.versions(lrns[0])) == 2
    assert [i["weight"]["grossMass"] for _, _, i in store.document(lrns[0]).goods_items()][1] == "3200"

    # once queued, a re-import leaves the filing alone
    store.queue(lrns[0])
    rows[1][COL["Poids brut (kg)"]] = "3 300"
    write_csv(path, rows)
    fourth = import_list(path, data_dir, Options(template=str(template)))
    assert fourth.outcomes[0].status == "lodged" and fourth.outcomes[0].existing_state == "queued"
    assert len(store.versions(lrns[0])) == 2


def test_a_broken_file_imports_nothing(tmp_path, data_dir, template, store):
    rows = three_trucks()
    rows[4] = rows[4] + ["", "stray;value"]  # row 6 spills past the header (an unquoted delimiter)
    path = tmp_path / "bookings.csv"
    path.write_bytes(("\r\n".join(";".join(r) for r in [HEADER_FR, *rows]) + "\r\n").encode())
    with pytest.raises(ListFileError, match="row 6 has a value in column U, beyond the last header .R."):
        import_list(path, data_dir, Options(template=str(template)))
    assert filings(store) == [] and used_lrns(store) == 0


def test_a_failure_while_saving_rolls_the_whole_list_back(tmp_path, data_dir, template, store, monkeypatch):
    real = Store.import_document
    calls = []

    def failing(self, doc, **kw):
        calls.append(doc)
        if len(calls) == 2:
            raise KnownError("disk trouble on the second truck")
        return real(self, doc, **kw)

    monkeypatch.setattr(Store, "import_document", failing)
    path = write_csv(tmp_path / "bookings.csv", three_trucks())
    with pytest.raises(KnownError, match="second truck"):
        import_list(path, data_dir, Options(template=str(template)))
    assert len(calls) == 2
    assert filings(store) == [] and used_lrns(store) == 0
    assert store.conn.execute("SELECT COUNT(*) FROM intake_keys").fetchone()[0] == 0


@pytest.mark.parametrize("phase", ["check", "save"])
def test_cancel_stops_and_saves_nothing(tmp_path, data_dir, template, store, phase):
    rows = []
    for n in range(12):
        rows.append(truck_row(f"AA{n:02d}AAA", f"CMR-{n}", "Frites", "200410", "1 000", "2", f"M{n}"))
    path = write_csv(tmp_path / "bookings.csv", rows)
    cancel = threading.Event()
    seen = []

    def progress(step, done, total):
        seen.append((step, done, total))
        if step == phase and done == 3:
            cancel.set()  # the agent presses Stop after the third truck

    summary = import_list(path, data_dir, Options(template=str(template)), progress=progress, cancel=cancel)
    assert summary.cancelled and summary.text() == "Import stopped: nothing was saved"
    assert seen[-1] == (phase, 3, 12)
    assert filings(store) == [] and used_lrns(store) == 0
    if phase == "save":
        assert [s for s in seen if s[0] == "check"][-1] == ("check", 12, 12)  # all checked before any save


def test_dry_run_checks_everything_and_stores_nothing(tmp_path, data_dir, template, store):
    summary = import_list(write_csv(tmp_path / "b.csv", three_trucks()), data_dir,
                          Options(template=str(template), dry_run=True, customer="Van Dijk"))
    assert [o.status for o in summary.outcomes] == ["new", "new", "invalid"]
    assert summary.text().startswith("Check only: 3 truck(s) from 6 row(s), 2 draft(s) possible, 1 need attention")
    assert filings(store) == [] and used_lrns(store) == 0
    assert summary.mapping_saved is None  # a check changes nothing, not even the saved mapping


def test_queue_sends_the_valid_trucks_to_the_outbox(tmp_path, data_dir, template, store):
    summary = import_list(write_csv(tmp_path / "b.csv", three_trucks()), data_dir,
                          Options(template=str(template), queue=True))
    assert [o.status for o in summary.outcomes] == ["queued", "queued", "invalid"]
    assert {i.lrn for i in store.outbox_items()} == {o.lrn for o in summary.outcomes[:2]}
    assert {f.state for f in filings(store)} == {"queued"}
    assert summary.text() == "3 truck(s) from 6 row(s), 0 draft(s), 2 queued for sending, 1 need attention"
    audit = [a for a in store.audit_trail() if a["action"] == "import_list"]
    assert audit and "2 queued" in audit[-1]["detail"]


def test_without_a_template_the_sample_base_is_never_queued(tmp_path, data_dir, store):
    path = write_csv(tmp_path / "b.csv", three_trucks())
    with pytest.raises(KnownError, match="queueing needs a template"):
        import_list(path, data_dir, Options(queue=True))
    summary = import_list(path, data_dir, Options())
    assert summary.base == "built-in sample" and summary.drafts == 2


def test_the_lodging_profile_replaces_the_samples_party(tmp_path, data_dir, store):
    import json

    (data_dir / "desk.json").write_text(json.dumps({"eori": "FR12345678901234", "name": "Transit Opale",
                                                     "contact": "ens@opale.example",
                                                     "extra": {"lodging_role": "representative"}}))
    (o, *_) = import_list(write_csv(tmp_path / "b.csv", three_trucks()), data_dir, Options(dry_run=True)).outcomes
    assert o.doc.get("representative/identificationNumber") == "FR12345678901234"
    assert o.doc.get("representative/name") == "Transit Opale"
    assert o.doc.get("representative/communication/identifier") == "ens@opale.example"


def test_unknown_crossing_and_two_values_for_one_truck(tmp_path, data_dir, template):
    rows = three_trucks()
    rows[0][COL["Traversée"]] = "Hovercraft"
    rows[4][COL["Destinataire"]] = "Autre Client SA"  # row 6 names another consignee for truck CD34EFG
    summary = import_list(write_csv(tmp_path / "b.csv", rows), data_dir, Options(template=str(template),
                                                                                  dry_run=True))
    ab, cd, _ = summary.outcomes
    (crossing,) = [f for f in ab.errors if f.rule == "INTAKE"]
    assert (crossing.row, crossing.column_letter) == (2, "F")
    assert "Hovercraft" in crossing.en and "Hovercraft" in crossing.fr
    (twice,) = cd.errors
    assert (twice.row, twice.column_letter, twice.rule) == (6, "G", "INTAKE")
    assert "row 5" in twice.en and "ligne 5" in twice.fr


def test_two_desks_importing_the_same_list_file_each_truck_once(tmp_path, data_dir, template, store):
    """Desk 1 checks the list; desk 2 imports it meanwhile; desk 1's save finds the trucks taken."""
    from ics2desk.intake import batch
    from ics2desk.reuse import presets

    path = write_csv(tmp_path / "bookings.csv", three_trucks())
    options = Options(template=str(template))
    table, mapping = batch.load(path, data_dir, options)
    p = presets.load(data_dir)
    base = batch.load_base(data_dir, str(template), p)
    outcomes = batch.check(table, mapping, base, p, store)  # desk 1: nothing imported yet
    assert [o.status for o in outcomes] == ["new", "new", "invalid"]
    other = import_list(path, data_dir, options)  # desk 2
    batch.commit(outcomes, store, table, options)  # desk 1 saves
    assert [o.status for o in outcomes[:2]] == ["unchanged", "unchanged"]
    assert [o.lrn for o in outcomes[:2]] == [o.lrn for o in other.outcomes[:2]]
    assert len(filings(store)) == 2

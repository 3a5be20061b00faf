"""Columns matched to fields by their header (FR and EN), corrected by the agent, saved per
customer and reused; a mapping that cannot work is refused before anything is read into filings."""
from __future__ import annotations

import json

import pytest

from ics2desk.intake import Options, import_list, load, mapping as mapping_mod
from ics2desk.intake.fields import field_for_header
from ics2desk.intake.mapping import MappingError

from intake_files import HEADER_FR, filings, truck_row, write_csv


def test_french_headers_map_to_fields(tmp_path, data_dir):
    _, mapping = load(write_csv(tmp_path / "l.csv", [truck_row("AB12CDE", "CMR-1", "Frites", "200410", "10")]),
                      data_dir)
    assert dict(zip(HEADER_FR, mapping.columns)) == {
        "Immatriculation": "plate", "Remorque": "trailer", "N° CMR": "cmr", "Date": "date",
        "Heure départ": "departure", "Traversée": "crossing", "Destinataire": "consignee_name",
        "Adresse destinataire": "consignee_street", "Numéro destinataire": "consignee_number",
        "Code postal destinataire": "consignee_postcode", "Ville destinataire": "consignee_city",
        "Pays destinataire": "consignee_country", "Désignation": "description", "Code SH": "hs",
        "Poids brut (kg)": "gross_mass", "Nb colis": "packages", "Type de colis": "package_type",
        "Marques": "marks"}


@pytest.mark.parametrize("header, field", [
    ("Truck reg", "plate"), ("Trailer No", "trailer"), ("CMR number", "cmr"), ("ETD", "departure"),
    ("ETA", "arrival"), ("Gross weight (kg)", "gross_mass"), ("Commodity code", "hs"), ("No of packages", "packages"),
    ("Consignee", "consignee_name"), ("Consignee city", "consignee_city"), ("Shipper", "consignor_name"),
    ("Shipper country", "consignor_country"), ("Goods description", "description"), ("Seal numbers", "seals"),
    ("Container No", "container"), ("Vessel", "ship"), ("Route", "crossing"), ("Poids brut en kg", "gross_mass"),
    ("Expéditeur", "consignor_name"), ("Pays expéditeur", "consignor_country"), ("Lettre de voiture", "cmr"),
    ("Commentaire", None), ("Poids net", None), ("", None),
])
def test_english_and_french_synonyms(header, field):
    assert field_for_header(header) == field


def test_the_agents_correction_is_saved_per_customer_and_reused(tmp_path, data_dir, template):
    header = ["Unité motrice", "CMR", "Marchandise", "SH", "Kilos", "Colis", "Marques", "Heure départ", "Date"]
    rows = [["AB12CDE", "CMR-1", "Frites", "200410", "8 400", "14", "M-1", "10:30", "25/11/2026"]]
    path = write_csv(tmp_path / "vandijk.csv", rows, header=header)
    table, mapping = load(path, data_dir, Options(customer="Van Dijk Transport"))
    assert mapping.columns[0] is None  # "Unité motrice" is nobody's synonym
    with pytest.raises(MappingError, match="no column gives the truck plate"):
        mapping.check(table)
    mapping.columns[0] = "plate"  # what the agent picks in the preview
    mapping.columns[4] = "gross_mass"
    summary = import_list(None, data_dir, Options(customer="Van Dijk Transport", template=str(template)),
                          table=table, mapping=mapping)
    assert summary.drafts == 1, [f.message() for f in summary.to_fix]
    saved = json.loads(mapping_mod.customer_file(data_dir, "Van Dijk Transport").read_text("utf-8"))
    assert saved["customer"] == "Van Dijk Transport"
    assert saved["columns"]["Unité motrice"] == "plate" and saved["columns"]["Kilos"] == "gross_mass"
    assert saved["template"] == str(template.resolve())  # the customer's template is remembered too

    # next day's list from the same customer: the mapping and the template come back by themselves
    rows2 = [["ZZ99XYZ", "CMR-2", "Biscuits", "190531", "950,25", "4", "M-2", "11:00", "26/11/2026"]]
    _, mapping2 = load(write_csv(tmp_path / "vandijk-2.csv", rows2, header=header), data_dir,
                            Options(customer="van dijk transport"))
    assert mapping2.columns[0] == "plate" and mapping2.columns[4] == "gross_mass"
    assert mapping2.template == str(template.resolve())
    assert mapping_mod.customers(data_dir) == ["Van Dijk Transport"]


def test_an_explicit_mapping_file(tmp_path, data_dir):
    path = write_csv(tmp_path / "l.csv", [["AB12CDE", "CMR-1", "Frites", "9"]], header=["A1", "B1", "C1", "D1"])
    mapfile = tmp_path / "map.json"
    mapfile.write_text(json.dumps({"columns": {"A1": "plate", "B1": "cmr", "C1": "description", "D1": None}}))
    _, mapping = load(path, data_dir, Options(mapping_file=str(mapfile)))
    assert mapping.columns == ["plate", "cmr", "description", None]
    mapfile.write_text(json.dumps({"columns": {"A1": "truck_plate"}}))
    with pytest.raises(MappingError, match="unknown fields 'truck_plate'"):
        load(path, data_dir, Options(mapping_file=str(mapfile)))


def test_two_columns_for_one_field_are_refused_before_anything_is_stored(tmp_path, data_dir, store):
    header = ["Immatriculation", "Plaque", "CMR", "Désignation"]
    path = write_csv(tmp_path / "l.csv", [["AB12CDE", "AB12CDE", "CMR-1", "Frites"]], header=header)
    table, mapping = load(path, data_dir)
    assert mapping.columns[:2] == ["plate", None]  # a guess never gives one field twice
    mapping.columns[1] = "plate"
    with pytest.raises(MappingError, match="both fill 'Truck plate'"):
        import_list(None, data_dir, Options(), table=table, mapping=mapping)
    assert filings(store) == []

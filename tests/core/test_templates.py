"""Templates (issue 15 point 3): per-truck fields left empty, buyer = consignee, stored by name
with a format version."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from ics2desk import clock, samples, templates
from ics2desk.errors import BadInputError


def _house(data):
    return data["consignmentMasterLevel"]["consignmentHouseLevel"][0]


def test_ferry_template_keeps_the_ship_and_drops_the_truck():
    data = templates.clear_per_truck(samples.ferry_filing(items=2).data)
    active = data["activeBorderTransportMeans"]
    assert active["identificationNumber"] == "IMO9524231"  # the ship belongs to the crossing
    assert "estimatedDateAndTimeOfArrival" not in active and "estimatedDateAndTimeOfDeparture" not in active
    for key in ("LRN", "documentIssueDate"):
        assert key not in data
    master = data["consignmentMasterLevel"]
    assert "documentNumber" not in master["transportDocumentMasterLevel"]
    assert master["transportDocumentMasterLevel"]["type"] == "N730"
    house = _house(data)
    assert "documentNumber" not in house["transportDocumentHouseLevel"]
    passive = house["goodsItem"][0]["passiveBorderTransportMeans"][0]
    assert "identificationNumber" not in passive and passive["typeOfIdentification"] == "30"
    # parties, goods and packaging stay
    assert master["consignee"]["name"] == "Frais du Nord SAS"
    assert house["goodsItem"][0]["commodity"]["descriptionOfGoods"] == "Frozen potato chips"
    assert house["goodsItem"][0]["packaging"][0]["typeOfPackages"] == "PX"


def test_shuttle_template_drops_the_truck_plate_container_and_seals():
    original = samples.shuttle_filing().data
    data = templates.clear_per_truck(original)
    assert "identificationNumber" not in data["activeBorderTransportMeans"]  # road vehicle
    eq = _house(data)["transportEquipment"][0]
    assert "containerIdentificationNumber" not in eq and "numberOfSeals" not in eq
    assert eq["seal"] == [{}] and eq["containerSizeAndType"] == "45"
    assert original["activeBorderTransportMeans"]["identificationNumber"] == "AB12CDE"  # a copy


def test_buyer_is_consignee_and_seller_is_consignor():
    data = samples.ferry_filing(items=1).data
    _house(data).pop("goodsShipment")
    data["consignmentMasterLevel"]["consignee"]["name"] = "Nouveau client"
    assert templates.buyer_is_consignee(data)
    shipment = _house(data)["goodsShipment"]
    assert shipment["buyer"]["name"] == "Nouveau client" and "seller" not in shipment
    assert templates.seller_is_consignor(data)
    assert shipment["seller"] == data["consignmentMasterLevel"]["consignor"]
    shipment["seller"]["name"] = "changed"  # a copy, not the same dict
    assert data["consignmentMasterLevel"]["consignor"]["name"] == "Midlands Foods Ltd"
    assert not templates.buyer_is_consignee({"consignmentMasterLevel": {"consignmentHouseLevel": [{}]}})


def test_saved_templates_come_back_by_name_with_a_version(tmp_path):
    t0 = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)
    with clock.using(clock.FixedClock(t0)):
        t = templates.from_filing("Midlands → Lille (ferry)", "IE3F50", samples.ferry_filing(items=1).data)
    assert t.customer == "Midlands Foods Ltd" and t.route == "GBDVR–FRCQF"
    path = templates.save(t, tmp_path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == templates.VERSION and raw["created"].startswith("2026-12-01T21:00")
    assert "LRN" not in raw["data"]
    (tmp_path / "templates" / "broken.json").write_text("{", encoding="utf-8")
    [back] = templates.all_templates(tmp_path)
    assert back.name == t.name and back.data == t.data
    assert back.matches("midl lille") and back.matches("FRCQF") and not back.matches("rotterdam")
    assert "IMO9524231" in json.dumps(back.new_filing())


def test_a_template_needs_a_name_and_a_known_version(tmp_path):
    with pytest.raises(BadInputError):
        templates.from_filing("  ", "IE3F50", {})
    d = tmp_path / "templates"
    d.mkdir()
    (d / "future.json").write_text(json.dumps({"version": 99, "name": "x", "data": {}}), encoding="utf-8")
    with pytest.raises(BadInputError):
        templates.load(d / "future.json")
    assert templates.all_templates(tmp_path) == []

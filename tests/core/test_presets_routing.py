"""Choosing a crossing on a blank form fills the consignment's routing too."""
from ics2desk.reuse import presets


def test_preset_fills_routing_rows_that_only_have_sequence_numbers():
    data = {"consignmentMasterLevel": {"consignmentHouseLevel": [
        {"countriesOfRoutingOfConsignment": [{"sequenceNumber": "1"}, {"sequenceNumber": "2"}]}]}}
    ferry = presets.load().by_id("dover-calais-ferry")
    presets.apply(data, ferry)
    routing = data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["countriesOfRoutingOfConsignment"]
    assert [(r["sequenceNumber"], r["country"]) for r in routing] == [("1", "GB"), ("2", "FR")]

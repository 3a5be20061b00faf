"""Drill: a vague goods description is rejected (IE3N99) and the error lands on that field."""
from ics2desk import samples
from ics2desk.replies import Rejected, parse_reply
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.xml.writer import to_bytes


def test_vague_description_drill_is_rejected_with_a_pointer():
    doc = samples.ferry_filing("REJ26112500001")
    item = doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][1]
    item["commodity"]["descriptionOfGoods"] = "General cargo N99-DRILL"
    sim = Ics2Simulator()
    [reply] = sim._process(to_bytes(doc))
    parsed = parse_reply(reply)
    assert isinstance(parsed, Rejected) and parsed.lrn == "REJ26112500001"
    [error] = parsed.errors
    assert error.code == "100"
    assert error.pointer == ("/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]"
                             "/commodity/descriptionOfGoods")
    assert parsed.schema_problems == []
    assert not sim.registration_log  # nothing registered

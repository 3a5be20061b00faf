"""What the form fills in by itself, without Qt: row numbers in row order, and the parties and
goods the book remembers from earlier saves (only where the agent left the field empty)."""
from __future__ import annotations

from ics2desk import samples
from ics2desk.desk.form_rules import auto_number, fill_goods_item, fill_party


def test_sequence_and_item_numbers_follow_the_rows():
    rows = [{"goodsItemNumber": "7"}, {}, {"goodsItemNumber": "1"}]
    auto_number(["goodsItemNumber", "commodity"], rows)
    assert [r["goodsItemNumber"] for r in rows] == ["1", "2", "3"]
    other = [{"x": 1}]
    auto_number(["commodity"], other)  # a group without a numbered field is left alone
    assert other == [{"x": 1}]


def test_a_known_eori_fills_an_empty_party_and_leaves_a_named_one(desk, store):
    doc = samples.ferry_filing("BOOK26112500001")
    desk.save(doc)  # the book learns from the save
    consignee = doc.data["consignmentMasterLevel"]["consignee"]
    typed = {"identificationNumber": consignee["identificationNumber"]}
    assert fill_party(store.conn, "consignee", typed)
    assert typed["name"] == consignee["name"] and typed["address"] == consignee["address"]
    named = {"identificationNumber": consignee["identificationNumber"], "name": "Typed by the agent"}
    assert not fill_party(store.conn, "consignee", named) and named["name"] == "Typed by the agent"
    short = {"identificationNumber": consignee["identificationNumber"][:5]}  # still typing
    assert not fill_party(store.conn, "consignee", short) and "name" not in short


def test_a_known_description_fills_hs_code_and_package_type_where_empty(desk, store):
    doc = samples.ferry_filing("BOOK26112500002")
    desk.save(doc)
    _, _, known = next(iter(doc.goods_items()))
    description = known["commodity"]["descriptionOfGoods"]
    item = {"commodity": {"descriptionOfGoods": description}, "packaging": [{}]}
    assert fill_goods_item(store.conn, description, item)
    assert item["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"] == \
        known["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"]
    assert item["packaging"][0]["typeOfPackages"] == known["packaging"][0]["typeOfPackages"]
    unknown = {"commodity": {"descriptionOfGoods": "nothing remembered"}}
    assert not fill_goods_item(store.conn, "nothing remembered", unknown)
    assert unknown == {"commodity": {"descriptionOfGoods": "nothing remembered"}}  # no empty groups added

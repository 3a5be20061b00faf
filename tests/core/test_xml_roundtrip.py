"""XML both ways: deterministic, XSD-valid, lossless, for hand-made and random filings."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ics2desk import codelists, samples
from ics2desk.hti.spec import ElementSpec, load_message
from ics2desk.model import EnsDocument
from ics2desk.validate import check_schema, check_values
from ics2desk.xml import reader, schemaset, writer

TEXT = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")


def value_strategy(el: ElementSpec, message_id: str):
    fmt = el.format
    if el.name == "SpecificCircumstanceIndicator":
        return st.just("F" + message_id[4:])  # the schema pins a filing to its own indicator
    if el.codelist and codelists.is_closed(el.codelist):
        return st.sampled_from(sorted(codelists.codes(el.codelist)))
    if fmt.kind == "timestamp":
        return st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")).filter(lambda s: len(s) == 20)
    if fmt.is_decimal:
        ints = fmt.max_length - fmt.fraction_digits
        return st.builds(lambda i, f: f"{i}.{f}" if f else str(i),
                         st.integers(0, 10 ** ints - 1), st.text("0123456789", max_size=fmt.fraction_digits))
    if fmt.kind == "n":
        return st.text("0123456789", min_size=fmt.min_length, max_size=fmt.max_length)
    if fmt.kind == "a":
        return st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=fmt.min_length, max_size=fmt.max_length)
    return st.text(TEXT, min_size=fmt.min_length, max_size=min(fmt.max_length, 40)).filter(
        lambda s: len(s) >= fmt.min_length)


def group_strategy(spec: ElementSpec, message_id: str):
    fields = {}
    for child in spec.children:
        one = group_strategy(child, message_id) if child.is_group else value_strategy(child, message_id)
        if child.repeats:
            fields[child.name] = st.lists(one, min_size=child.min, max_size=max(child.min, min(child.max, 2)))
        elif child.min == 0:
            fields[child.name] = st.one_of(st.none(), one)
        else:
            fields[child.name] = one
    return st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v not in (None, [])})


@pytest.mark.parametrize("message_id", ["IE3F50", "IE3A50", "IE3F51"])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_filings_round_trip_losslessly(message_id, data):
    doc = EnsDocument(message_id, data.draw(group_strategy(load_message(message_id).root, message_id)))
    root = writer.to_tree(doc)
    assert check_schema(root) == []
    assert check_values(doc, set()) == []  # the per-value check agrees with the XSD
    xml = writer.to_bytes(doc)
    back = reader.from_bytes(xml)
    assert back.message_id == message_id
    assert back.data == doc.data
    assert writer.to_bytes(back) == xml


def test_serialisation_is_deterministic_and_in_table_order():
    doc = samples.ferry_filing()
    shuffled = EnsDocument("IE3F50", json.loads(json.dumps(dict(reversed(list(doc.data.items()))))))
    assert writer.to_bytes(doc) == writer.to_bytes(shuffled)
    root = writer.to_tree(doc)
    names = [c.tag.rpartition("}")[2] for c in root]
    assert names[:4] == ["LRN", "documentIssueDate", "SpecificCircumstanceIndicator", "reEntryIndicator"]
    assert root.nsmap[None] == schemaset.namespace()


def test_examples_are_what_the_samples_produce(tmp_path):
    """examples/ are fixed documents: made by the samples with the clock fixed one hour after
    their issue date (tools/gen_examples.py). Read that instant back and make them again."""
    from datetime import datetime
    from pathlib import Path

    from ics2desk import clock
    from ics2desk.xml import reader

    examples = Path(__file__).resolve().parents[2] / "examples"
    for name, make in [("ferry-dover-calais-F50", samples.ferry_filing),
                       ("shuttle-folkestone-coquelles-container-F50", samples.shuttle_filing),
                       ("rail-channel-tunnel-F51", samples.rail_filing)]:
        stored = (examples / f"{name}.xml").read_bytes()
        issued = datetime.fromisoformat(reader.from_bytes(stored).data["documentIssueDate"].replace("Z", "+00:00"))
        with clock.using(clock.FixedClock(issued - samples.ISSUED)):
            assert writer.to_bytes(make()) == stored, name

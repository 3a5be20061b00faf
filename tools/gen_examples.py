"""Write examples/*.xml from ics2desk.samples (valid Calais filings).

The examples are documents, so they carry fixed dates: the samples are made at EXAMPLES_MADE_AT
(the clock is fixed for the run). tests/core/test_xml_roundtrip.py reads that instant back from
the files (issue date + 1 h) and checks the samples still produce them byte for byte."""
from datetime import datetime, timezone
from pathlib import Path

from ics2desk import clock, samples
from ics2desk.xml.writer import to_bytes

EXAMPLES_MADE_AT = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
OUT = Path(__file__).resolve().parent.parent / "examples"
with clock.using(clock.FixedClock(EXAMPLES_MADE_AT)):
    for name, doc in [("ferry-dover-calais-F50", samples.ferry_filing()),
                      ("shuttle-folkestone-coquelles-container-F50", samples.shuttle_filing()),
                      ("rail-channel-tunnel-F51", samples.rail_filing())]:
        (OUT / f"{name}.xml").write_bytes(to_bytes(doc))
        print("wrote", name)

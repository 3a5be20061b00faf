"""Write examples/*.xml from ics2desk.samples (valid Calais filings)."""
from pathlib import Path

from ics2desk import samples
from ics2desk.xml.writer import to_bytes

OUT = Path(__file__).resolve().parent.parent / "examples"
for name, doc in [("ferry-dover-calais-F50", samples.ferry_filing()),
                  ("shuttle-folkestone-coquelles-container-F50", samples.shuttle_filing()),
                  ("rail-channel-tunnel-F51", samples.rail_filing())]:
    (OUT / f"{name}.xml").write_bytes(to_bytes(doc))
    print("wrote", name)

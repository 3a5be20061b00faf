"""One source of truth: the shipped JSON and XSDs are exactly what the generators make."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ics2desk.hti.spec import load_message

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "ics2-hti"


def test_xsds_match_the_generator(tmp_path):
    copy = tmp_path / "repo"
    for part in ("ics2desk", "resources", "schemas", "tools"):
        shutil.copytree(ROOT / part, copy / part)
    subprocess.run([sys.executable, str(copy / "tools" / "gen_xsd.py")], check=True, cwd=copy)
    for xsd in sorted((ROOT / "schemas").glob("*.xsd")):
        assert (copy / "schemas" / xsd.name).read_text() == xsd.read_text(), xsd.name


@pytest.mark.skipif(not SPEC.exists(), reason="HTI tables (shared/spec) not present")
def test_json_tables_match_the_hti_markdown():
    sys.path.insert(0, str(ROOT / "tools"))
    import gen_hti

    shipped = json.loads((ROOT / "resources" / "hti" / "messages.json").read_text())
    for mid in ("IE3F50", "IE3A50", "IE3F51", "IE3R01", "IE3N99"):
        fresh = gen_hti.parse_message(SPEC / "messages" / f"{mid}.md")
        assert fresh["elements"] == shipped[mid]["elements"], mid


def test_f50_has_the_248_table_rows_in_order():
    spec = load_message("IE3F50")
    assert len(spec.by_path) + 1 == 248  # the root row plus 247 elements
    assert list(spec.by_path)[:3] == ["LRN", "documentIssueDate", "SpecificCircumstanceIndicator"]
    assert spec.element("consignmentMasterLevel/consignmentHouseLevel").max == 99999
    assert spec.element("consignmentMasterLevel/consignmentHouseLevel/goodsItem/weight/grossMass").format.text == "n..16,6"

"""`ics2desk validate`: exit codes, human and JSON output, French messages."""
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from ics2desk import samples
from ics2desk.xml.writer import to_bytes

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.xml"))


def run(*args):
    return subprocess.run([sys.executable, "-m", "ics2desk.cli", "validate", *map(str, args)],
                          capture_output=True, text=True)


def test_examples_are_valid_exit_0():
    assert len(EXAMPLES) == 3
    res = run(*EXAMPLES)
    assert res.returncode == 0, res.stdout + res.stderr


def test_json_output_names_rule_and_path_and_exit_1(tmp_path):
    doc = samples.ferry_filing("LATE26112500001")  # not the example's LRN: that would be R3003 too
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = samples.departure_plus(doc.data, timedelta(hours=-1))
    broken = tmp_path / "late.xml"
    broken.write_bytes(to_bytes(doc))
    res = run("--json", "--lang", "fr", EXAMPLES[0], broken)
    assert res.returncode == 1
    out = json.loads(res.stdout)
    assert [o["valid"] for o in out] == [True, False]
    assert out[0]["errors"] == []
    assert out[1]["errors"] == [{"rule": "R3053",
                                 "path": "/IE3F50/activeBorderTransportMeans/estimatedDateAndTimeOfArrival",
                                 "message": out[1]["errors"][0]["message"]}]
    assert "précède" in out[1]["errors"][0]["message"]


def test_human_output_and_exit_2_for_non_xml(tmp_path):
    junk = tmp_path / "junk.xml"
    junk.write_text("hello")
    res = run(junk)
    assert res.returncode == 2 and "not well-formed XML" in res.stdout


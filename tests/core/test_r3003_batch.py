"""R3003 (an LRN is unique per declarant) across the files of one `ics2desk validate` run: the
second occurrence is the error and names the first file, in the human and the JSON output."""
from __future__ import annotations

import json
import subprocess
import sys

from ics2desk import samples
from ics2desk.rules.batch import duplicate_lrns
from ics2desk.xml.writer import to_bytes


def run(*args):
    return subprocess.run([sys.executable, "-m", "ics2desk.cli", "validate", *map(str, args)],
                          capture_output=True, text=True)


def write(path, doc):
    path.write_bytes(to_bytes(doc))
    return path


def test_same_declarant_and_lrn_in_two_files_the_second_is_the_error(tmp_path):
    a = write(tmp_path / "a.xml", samples.ferry_filing("DUP26112500001"))
    other = write(tmp_path / "other.xml", samples.shuttle_filing("DUP26112500002"))
    b = write(tmp_path / "b.xml", samples.rail_filing("DUP26112500001"))  # rail, same declarant, same LRN
    res = run(a, other, b)
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    assert lines[:2] == [f"{a}: valid (IE3F50)", f"{other}: valid (IE3F50)"]
    assert lines[2] == (f"{b}: R3003 /IE3F51/LRN: LRN DUP26112500001 is already used by declarant NL812345678 "
                        f"in {a}: an LRN is unique per declarant; give this filing a new LRN")
    assert len(lines) == 3


def test_json_and_french(tmp_path):
    a = write(tmp_path / "a.xml", samples.ferry_filing("DUP26112500003"))
    b = write(tmp_path / "b.xml", samples.ferry_filing("DUP26112500003"))
    c = write(tmp_path / "c.xml", samples.ferry_filing("DUP26112500003"))
    res = run("--json", "--lang", "fr", a, b, c)
    assert res.returncode == 1
    out = json.loads(res.stdout)
    assert [o["valid"] for o in out] == [True, False, False]
    for o in out[1:]:  # each later one names the first file
        (e,) = o["errors"]
        assert (e["rule"], e["path"]) == ("R3003", "/IE3F50/LRN")
        assert e["message"] == (f"LRN DUP26112500003 est déjà utilisé par le déclarant NL812345678 dans {a} : "
                                f"un LRN est unique par déclarant ; donnez un nouveau LRN à ce dépôt")


def test_same_lrn_for_another_declarant_is_fine(tmp_path):
    a = write(tmp_path / "a.xml", samples.ferry_filing("DUP26112500004"))
    doc = samples.ferry_filing("DUP26112500004")
    doc.data["declarant"]["identificationNumber"] = "NL812345679"
    b = write(tmp_path / "b.xml", doc)
    res = run("--json", a, b)
    assert [o["valid"] for o in json.loads(res.stdout)] == [True, True], res.stdout
    assert res.returncode == 0


def test_a_file_given_twice_is_one_filing_not_a_clash(tmp_path):
    a = write(tmp_path / "a.xml", samples.ferry_filing("DUP26112500005"))
    res = run(a, tmp_path / "." / "a.xml")
    assert res.returncode == 0 and "R3003" not in res.stdout


def test_an_unreadable_file_in_the_batch_does_not_hide_the_clash(tmp_path):
    a = write(tmp_path / "a.xml", samples.ferry_filing("DUP26112500006"))
    junk = tmp_path / "junk.xml"
    junk.write_text("not xml")
    b = write(tmp_path / "b.xml", samples.ferry_filing("DUP26112500006"))
    res = run("--json", a, junk, b)
    assert res.returncode == 2  # unreadable wins the exit code
    out = json.loads(res.stdout)
    assert out[1]["errors"][0]["rule"] == "XML"
    assert [e["rule"] for e in out[2]["errors"]] == ["R3003"]


def test_the_reusable_helper_for_booking_lists():
    """What the CSV/XLSX intake calls: positions of the later filings, each finding naming the first."""
    rows = [("bookings.xlsx row 2", samples.ferry_filing("DUP26112500007")),
            ("bookings.xlsx row 3", None),  # a row that could not be read
            ("bookings.xlsx row 4", samples.shuttle_filing("DUP26112500008")),
            ("bookings.xlsx row 5", samples.ferry_filing("DUP26112500007"))]
    ((index, finding),) = duplicate_lrns(rows)
    assert index == 3 and (finding.rule, finding.path) == ("R3003", "/IE3F50/LRN")
    assert "in bookings.xlsx row 2" in finding.en and "dans bookings.xlsx row 2" in finding.fr

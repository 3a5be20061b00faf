"""`ics2desk import A.xml B.xml ...` is one batch: R3003 across its files (the second occurrence is
refused, naming the first file), the other files are stored."""
from __future__ import annotations

import json

from ics2desk import samples
from ics2desk.cli import main
from ics2desk.store import open_store
from ics2desk.xml.writer import to_bytes


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _write(path, doc):
    path.write_bytes(to_bytes(doc))
    return str(path)


def test_a_clash_in_the_batch_is_refused_naming_the_first_file(data_dir, tmp_path, capsys):
    a = _write(tmp_path / "a.xml", samples.ferry_filing("BAT26112500001"))
    b = _write(tmp_path / "b.xml", samples.shuttle_filing("BAT26112500002"))
    c = _write(tmp_path / "c.xml", samples.ferry_filing("BAT26112500001"))
    code, out, err = _run(capsys, "import", a, b, c)
    assert code == 2
    assert out.splitlines() == [f"{a}: BAT26112500001", f"{b}: BAT26112500002"]
    assert err.strip() == (f"{c}: not stored: R3003 /IE3F50/LRN: LRN BAT26112500001 is already used by declarant "
                           f"NL812345678 in {a}: an LRN is unique per declarant; give this filing a new LRN")
    with open_store() as store:
        assert store.count_filings() == 2


def test_json_lists_each_file(data_dir, tmp_path, capsys):
    a = _write(tmp_path / "a.xml", samples.ferry_filing("BAT26112500003"))
    b = _write(tmp_path / "b.xml", samples.ferry_filing("BAT26112500003"))
    missing = str(tmp_path / "missing.xml")
    code, out, _ = _run(capsys, "import", "--json", a, b, missing)
    assert code == 2
    first, second, third = json.loads(out)
    assert (first["file"], first["lrn"], first["state"], first["errors"]) == (a, "BAT26112500003", "draft", 0)
    assert second["file"] == b and "R3003" in second["error"] and f"in {a}" in second["error"]
    assert third["file"] == missing and "cannot read" in third["error"]


def test_with_new_lrns_nothing_clashes(data_dir, tmp_path, capsys):
    a = _write(tmp_path / "a.xml", samples.ferry_filing("BAT26112500004"))
    b = _write(tmp_path / "b.xml", samples.ferry_filing("BAT26112500004"))
    code, out, err = _run(capsys, "import", "--new-lrn", a, b)
    assert code == 0, err
    lrns = [line.split(": ")[1] for line in out.splitlines()]
    assert len(set(lrns)) == 2 and "BAT26112500004" not in lrns


def test_an_lrn_already_in_the_desk_is_still_refused_in_a_batch(data_dir, tmp_path, capsys):
    with open_store() as store:
        store.import_document(samples.ferry_filing("BAT26112500005"))
    a = _write(tmp_path / "a.xml", samples.ferry_filing("BAT26112500005"))
    b = _write(tmp_path / "b.xml", samples.ferry_filing("BAT26112500006"))
    code, out, err = _run(capsys, "import", a, b)
    assert code == 2 and out.splitlines() == [f"{b}: BAT26112500006"]
    assert "never reused (R3003)" in err

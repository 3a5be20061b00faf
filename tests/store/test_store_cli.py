"""The drill commands: import -> submit -> outbox drain -> status, against the simulator."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ics2desk.cli import main
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def sim(data_dir):
    with SimulatorServer(Ics2Simulator(assessment_delay_s=60), port=0) as server:
        Settings(simulator_url=server.url, retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=0.5,
                 poll_interval_s=0.05).save(data_dir)
        yield server


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_submit_drain_status(sim, capsys):
    code, out, _ = _run(capsys, "import", str(EXAMPLES / "ferry-dover-calais-F50.xml"))
    lrn = out.strip()
    assert code == 0 and lrn
    code, _, err = _run(capsys, "import", str(EXAMPLES / "ferry-dover-calais-F50.xml"))
    assert code == 2 and "never reused" in err
    assert _run(capsys, "submit", "--all-ready")[0] == 0
    code, out, _ = _run(capsys, "outbox", "list", "--json")
    (item,) = json.loads(out)["items"]
    assert item["lrn"] == lrn and item["state"] == "pending"
    sim.set_outage("common_repository", "503")
    code, out, _ = _run(capsys, "outbox", "drain", "--until-empty", "--timeout", "0.5")
    assert code == 3
    (item,) = json.loads(_run(capsys, "outbox", "list", "--json")[1])["items"]
    assert item["last_kind"] == "interface_error" and item["last_component"] == "common_repository"
    sim.recover()
    code, out, _ = _run(capsys, "outbox", "drain", "--until-empty", "--timeout", "5")
    assert code == 0
    code, out, _ = _run(capsys, "status", lrn, "--json")
    status = json.loads(out)
    assert status["state"] == "registered" and status["mrn"] == sim.sim.registration_log[0][1]
    assert [m["type"] for m in status["messages"]] == ["IE3F50", "IE3R01"]


def test_unknown_lrn_and_bad_file(sim, capsys, tmp_path):
    assert _run(capsys, "status", "NOPE")[0] == 2
    bad = tmp_path / "bad.xml"
    bad.write_text("<IE3F50>")
    assert _run(capsys, "import", str(bad))[0] == 2
    assert _run(capsys, "submit", "NOPE")[0] == 2


def test_outbox_list_pages_and_always_says_how_many(data_dir, capsys):
    from ics2desk.samples import ferry_filing
    from ics2desk.store import open_store

    with open_store() as store:
        for n in range(5):
            store.import_document(ferry_filing(f"PAGE{n}"))
            store.queue(f"PAGE{n}")
    code, out, err = _run(capsys, "outbox", "list", "--limit", "2", "--offset", "1")
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()] == ["PAGE1", "PAGE2"]
    assert err.strip() == "showing 2 of 5 open items, from #2; next page: --offset 3"
    page = json.loads(_run(capsys, "outbox", "list", "--json", "--limit", "2", "--offset", "4")[1])
    assert (page["total"], page["offset"], page["limit"]) == (5, 4, 2)
    assert [i["lrn"] for i in page["items"]] == ["PAGE4"]
    code, out, err = _run(capsys, "outbox", "list")
    assert len(out.splitlines()) == 5 and err.strip() == "showing 5 of 5 open items"
    with pytest.raises(SystemExit):
        main(["outbox", "list", "--limit", "-1"])
    assert "--limit" in capsys.readouterr().err


def test_a_do_not_load_truck_through_the_cli_gets_no_sheet(data_dir, tmp_path, capsys):
    """The drill an agent (or a harness) runs from a terminal: a DNL-DRILL truck is reported
    stopped by `status --json`, and `summary --sheet` refuses it with exit 1 and no barcode PDF."""
    from ics2desk import samples
    from ics2desk.xml.writer import to_bytes

    doc = samples.ferry_filing("CLIDNL000001")
    doc.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] += " DNL-DRILL"
    path = tmp_path / "dnl.xml"
    path.write_bytes(to_bytes(doc))
    with SimulatorServer(Ics2Simulator(assessment_delay_s=0.0), port=0) as server:
        Settings(simulator_url=server.url, retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=2,
                 poll_interval_s=0.0).save(data_dir)
        code, out, _ = _run(capsys, "import", "--new-lrn", str(path))
        lrn = out.strip()
        assert code == 0 and _run(capsys, "submit", lrn)[0] == 0
        status = {}
        for _ in range(50):  # the Do Not Load comes by polling, after the registration
            _run(capsys, "outbox", "drain", "--until-empty", "--timeout", "5")
            status = json.loads(_run(capsys, "status", lrn, "--json")[1])
            if status["do_not_load"]:
                break
    assert status["state"] == "do_not_load" and status["boarding"] == "do_not_load" and not status["may_board"]
    assert [a["kind"] for a in status["alerts"]] == ["do_not_load"]
    sheet = tmp_path / "sheet.pdf"
    code, _, err = _run(capsys, "summary", lrn, "--sheet", "-o", str(sheet))
    assert code == 1 and "DO NOT LOAD" in err.upper() and not sheet.exists()

"""One lodging deadline per filing, wherever the agent reads it: the filings list (the desk's
`deadline`, which FilingsPage hands its model), the Incidents panel (the continuity desk's
snapshot), `ics2desk status --json` and the printed summary — for each kind of crossing, after
a preset's cut-off was edited."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ics2desk import clock, samples
from ics2desk.cli import main as cli_main
from ics2desk.desk import Desk
from ics2desk.failures import Component
from ics2desk.printing import facts
from ics2desk.reuse import presets as presets_mod

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printing"))
from printing_tools import pdf_text  # noqa: E402

AT = datetime(2026, 11, 26, 6, 0, tzinfo=timezone.utc)


def test_list_panel_status_and_printout_give_one_deadline(data_dir, store, tmp_path, capsys):
    presets = presets_mod.load(data_dir)
    ferry = presets.by_id("dover-calais-ferry")
    presets.crossings[presets.crossings.index(ferry)] = replace(ferry, lodging_cutoff_hours=3)
    presets_mod.save(presets, data_dir)
    with clock.using(clock.FixedClock(AT)):
        desk = Desk(store, None, "agent")
        lrns = [desk.save(doc) for doc in (samples.ferry_filing("ONE26112500001", now=AT),
                                           samples.shuttle_filing("ONE26112500002", now=AT),
                                           samples.rail_filing("ONE26112500003", now=AT))]
        for lrn in lrns:
            desk.queue(lrn)
        continuity = desk.continuity()
        continuity.declare(Component.COMMON_REPOSITORY, None, desk.user, AT)  # the panel lists the queue
        panel = {a.lrn: a.deadline for a in continuity.refresh_from_store(AT, desk.user).affected}
        for lrn in lrns:
            deadline = desk.deadline(store.get(lrn))  # the list's
            assert deadline is not None and panel[lrn] == deadline, lrn
            assert cli_main(["status", lrn, "--json"]) == 0
            status = json.loads(capsys.readouterr().out)
            assert status["lodging_deadline"] == deadline.strftime("%Y-%m-%dT%H:%M:%SZ"), lrn
            out = tmp_path / f"{lrn}.pdf"
            assert cli_main(["summary", lrn, "-o", str(out)]) == 0
            capsys.readouterr()
            text = " ".join(pdf_text(out, tmp_path).split())
            # pdftotext reads the header table column by column: labels, then values in their order
            arrival = facts.when(store.document(lrn).estimated_arrival, "en")
            assert "Arrival (est.) Lodging deadline" in text, lrn
            assert f"{arrival} {facts.when(deadline.isoformat(), 'en')}" in text, lrn
        ferry_row = store.get("ONE26112500001")
        assert ferry_row.arrival and desk.deadline(ferry_row) == \
            datetime.fromisoformat(ferry_row.arrival.replace("Z", "+00:00")) - timedelta(hours=3)  # the edited preset


def test_the_desk_follows_a_preset_edited_in_settings(data_dir, store):
    desk = Desk(store, None, "agent")
    lrn = desk.save(samples.ferry_filing("TWO26112500001"))
    before = desk.deadline(store.get(lrn))
    presets = presets_mod.load(data_dir)
    ferry = presets.by_id("dover-calais-ferry")
    presets.crossings[presets.crossings.index(ferry)] = replace(ferry, lodging_cutoff_hours=ferry.lodging_cutoff_hours + 1)
    presets_mod.save(presets, data_dir)
    changes = []
    desk.listeners.append(changes.append)
    desk.settings_changed()  # what saving the Settings tab does
    assert before - desk.deadline(store.get(lrn)) == timedelta(hours=1)
    assert changes and changes[0].settings

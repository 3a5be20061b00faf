"""The filings list counts down to the same lodging deadline as the Incidents panel, and follows
an edited preset as soon as Settings are saved."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from ics2desk import samples
from ics2desk.continuity.adapters import cutoffs_from_settings
from ics2desk.reuse import presets as presets_mod
from ics2desk.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_list_deadline_is_the_panel_deadline(qtbot, main, data_dir):
    for doc in (samples.ferry_filing("DLN1"), samples.shuttle_filing("DLN2"), samples.rail_filing("DLN3")):
        main.store.import_document(doc)
    main.filings.reload()
    model = main.filings.model

    def list_deadline(lrn):
        return model._deadline(model.filing(model.row_of(lrn)))

    cutoffs = cutoffs_from_settings(Settings.load(data_dir), data_dir)
    for lrn in ("DLN1", "DLN2", "DLN3"):
        doc = main.store.document(lrn)
        arrival = main.store.get(lrn).arrival
        assert list_deadline(lrn) == presets_mod.parse_time(arrival) - cutoffs.for_document(doc), lrn
    before = list_deadline("DLN1")
    presets = presets_mod.load(data_dir)
    ferry = presets.by_id("dover-calais-ferry")
    presets.crossings[presets.crossings.index(ferry)] = replace(ferry, lodging_cutoff_hours=ferry.lodging_cutoff_hours + 1)
    presets_mod.save(presets, data_dir)
    main._settings_saved()  # what saving the Settings tab triggers
    assert before - list_deadline("DLN1") == timedelta(hours=1)


def test_file_menu_opens_the_booking_list_import(qtbot, main):
    """File → Import booking list… is there, in the agent's language, and opens the dialog."""
    from ics2desk.gui import i18n
    from ics2desk.gui.intake.dialog import IntakeDialog

    action = main.import_list_action
    assert action.text() == "Import booking list…"
    i18n.set_language("fr")
    try:
        qtbot.waitUntil(lambda: action.text() == "Importer une liste de réservations…")
    finally:
        i18n.set_language("en")
    dialog = main.import_booking_list()
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    dialog.close()

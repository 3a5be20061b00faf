"""A desk screen is 1366×768: with three alerts up (Do Not Load, request for information,
rejection) and every tab built, the window still fits, status bar included."""
from __future__ import annotations

import pytest

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.simulator import replies

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _three_alerts(store):
    lrns = []
    for i in range(3):
        f = store.import_document(samples.ferry_filing(), new_lrn=True)
        store.queue(f.lrn)
        lrns.append(f.lrn)
    doc = store.document(lrns[0])
    mrns = [make_mrn(26, "FR", f"FITS{i:06d}") for i in range(2)]
    for i, lrn in enumerate(lrns[:2]):
        store.apply_reply(replies.registered(lrn, mrns[i], doc), f"r01-{i}")
    store.apply_reply(replies.do_not_load(mrns[0], doc), "dnl")
    store.apply_reply(replies.information_request(mrns[1], doc, "RFI-1"), "rfi")
    store.apply_reply(replies.errors(lrns[2], [("90", "/IE3F50/x", "Goods description too vague")]), "n99")
    return lrns


def test_three_alerts_and_the_incidents_tab_still_fit_a_desk_screen(qtbot, main):
    _three_alerts(main.store)
    main.alerts.refresh()
    main.incidents  # noqa: B018  the widest tab, built
    qtbot.waitUntil(lambda: len(main.alerts.rows) == 3, timeout=3000)
    hint = main.window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    # the Incidents panel is the widest and tallest page (its button rows, the checklist; 1350 px
    # wide under Xvfb's fonts): it scrolls instead of setting the window's minimum
    from PySide6.QtWidgets import QWidget

    page = main.window.findChild(QWidget, "incidentsPage")
    panel = main.incidents
    assert page.minimumSizeHint().width() < panel.minimumSizeHint().width()
    assert page.minimumSizeHint().height() < panel.minimumSizeHint().height()

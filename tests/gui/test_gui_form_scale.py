"""Fits the desk at 125 % (issue 15 point 9): on a 1366x768 screen scaled 1.25, the ENS form in
French needs no more width than the screen gives, and every button of the form and of the
filing detail is whole inside it. Run in a child process: the scale is fixed when Qt starts."""
from __future__ import annotations

import json
import os
import subprocess
import sys

CHILD = r"""
import json
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QPushButton
app = QApplication([])
from ics2desk import samples
from ics2desk.gui import i18n
from ics2desk.gui.filings.detail import FilingDetail
from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.reuse import presets
i18n.set_language("fr")
# what a maximised window leaves the tab page on 1366x768 at 125 %: 1093x614 logical pixels,
# less the window's margins, menu, tab bar and status bar
width, height = 1366 / 1.25 - 40, 768 / 1.25 - 130
out = {}
form = EnsForm("IE3F50", "fr", presets.load())
form.load(samples.ferry_filing(items=2))
form.resize(int(width), int(height)); form.show(); app.processEvents()
out["form_min_width"] = form.minimumSizeHint().width()
def cut(root, widgets):
    area = root.rect()
    return [w.text() for w in widgets if w.isVisibleTo(root)
            and not area.contains(QRect(w.mapTo(root, QPoint(0, 0)), w.size()))
            or w.isVisibleTo(root) and w.width() < w.minimumSizeHint().width()]
out["form_cut"] = cut(form, [form.save_button, form.queue_button, form.print_button, form.template_button,
                             form.save_template_button, form.full])
detail = FilingDetail(); detail.resize(int(width / 2), 300); detail.show(); app.processEvents()
out["detail_min_width"] = detail.minimumSizeHint().width()
out["detail_cut"] = cut(detail, list(detail.buttons.values()) + [detail.show_xml])
out["width"] = width
print(json.dumps(out))
"""


def test_the_form_and_the_filing_detail_fit_1366x768_at_125_percent_in_french():
    env = dict(os.environ, QT_SCALE_FACTOR="1.25", QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["form_min_width"] <= out["width"], out
    assert out["form_cut"] == [], out
    # the detail shares the Filings tab with the ELO box: at most half the width
    assert out["detail_min_width"] <= out["width"] / 2, out
    assert out["detail_cut"] == [], out

"""The ENS form as the form tests use it: built, sized like the desk's, shown and active."""
from __future__ import annotations

from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.model import EnsDocument
from ics2desk.reuse import presets


def shown_form(qtbot, lang: str = "en", preset: str | None = None) -> EnsForm:
    """An empty IE3F50 form (with a crossing preset applied when given), shown and active."""
    form = EnsForm("IE3F50", lang, presets.load())
    qtbot.addWidget(form)
    form.resize(1300, 740)
    if preset:
        form.load(EnsDocument("IE3F50", {}))
        form.apply_preset(preset)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    return form

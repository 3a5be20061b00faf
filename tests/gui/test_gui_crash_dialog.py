"""A bug escaping a slot shows as a bug (a report saved in the data dir, a copy button), a
KnownError as a plain warning, and the app keeps running."""
from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication

from ics2desk.errors import BadInputError
from ics2desk.gui.crash_dialog import CrashDialog, ExceptHook


def _raise(exc):
    try:
        raise exc
    except BaseException:  # noqa: BLE001
        return sys.exc_info()


def test_a_bug_gets_a_saved_report_and_a_copy_button(qtbot, data_dir):
    hook = ExceptHook(data_dir, show=False)
    hook(*_raise(ZeroDivisionError("division by zero in a slot")))
    dialog = hook.last
    assert isinstance(dialog, CrashDialog)
    qtbot.addWidget(dialog)
    [saved] = (data_dir / "crash-reports").iterdir()
    assert "ZeroDivisionError: division by zero in a slot" in saved.read_text()
    dialog.copy.click()
    assert "Traceback" in QGuiApplication.clipboard().text()


def test_a_known_error_is_a_warning_not_a_crash_report(qtbot, data_dir):
    hook = ExceptHook(data_dir, show=False)
    hook(*_raise(BadInputError("LRN already used")))
    qtbot.addWidget(hook.last)
    assert not isinstance(hook.last, CrashDialog) and hook.last.text() == "LRN already used"
    assert not (data_dir / "crash-reports").exists()

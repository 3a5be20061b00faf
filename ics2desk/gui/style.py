"""One style sheet for the whole app: mandatory labels bold, problems red, state colours."""
from __future__ import annotations

STATE_COLOURS = {  # background of the state cell in the filings list (store.State values)
    "draft": "#eceff1", "ready": "#e8eaf6", "queued": "#fff3cd", "sent": "#e3f2fd",
    "registered": "#c8e6c9", "rejected": "#f8d7da", "assessment_complete": "#a5d6a7",
    "do_not_load": "#e53935", "info_requested": "#ffe0b2", "info_answered": "#ffecb3",
    "not_complete": "#ffccbc", "amending": "#e1f5fe", "invalidating": "#eeeeee", "invalidated": "#d6d8db",
}

STYLE = """
QLabel[mandatory="true"] { font-weight: bold; }
QLineEdit[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; background: #fff5f5; padding: 1px; }
QLabel#fieldError { color: #c62828; font-size: 9pt; }
QLineEdit[locked="true"] { background: #eceff1; color: #546e7a; border: 1px dashed #90a4ae; border-radius: 3px; }
QFrame#amendBanner { background: #e1f5fe; border: 2px solid #0277bd; border-radius: 4px; }
QFrame#amendBanner QLabel { color: #01579b; font-weight: bold; }
QLabel#sectionHeader { font-size: 13pt; font-weight: bold; color: #0d3c61; padding: 10px 0 4px 0;
                       border-bottom: 2px solid #0d3c61; }
QLabel#legend { color: #555; }
QLabel#formStatus[state="bad"] { color: #c62828; font-weight: bold; }
QLabel#formStatus[state="good"] { color: #2e7d32; font-weight: bold; }
QPushButton#primary { background: #0d3c61; color: white; padding: 4px 10px; border-radius: 3px; }
QPushButton#primary:disabled { background: #90a4ae; }
QListWidget#sectionNav { font-size: 10.5pt; }
QListWidget#sectionNav::item { padding: 6px 4px; }
QListWidget#findings { color: #8e1b1b; }
QFrame#dnlBanner { background: #b71c1c; border-radius: 4px; }
QFrame#dnlBanner QLabel { color: white; font-weight: bold; font-size: 12pt; }
QLabel#transportState[state="up"] { color: #2e7d32; font-weight: bold; }
QLabel#transportState[state="down"] { color: #c62828; font-weight: bold; }
"""

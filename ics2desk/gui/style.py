"""One style sheet for the whole app: mandatory labels bold, problems red, state colours."""
from __future__ import annotations

STATE_COLOURS = {  # background for the state column of the filings list; text stays dark
    "draft": "#eceff1", "queued": "#fff3cd", "sending": "#fff3cd", "sent": "#e3f2fd",
    "registered": "#d4edda", "rejected": "#f8d7da", "do_not_load": "#dc3545", "information_requested": "#ffe0b2",
    "assessment_complete": "#c3e6cb", "invalidated": "#d6d8db", "amendment_sent": "#e3f2fd",
}

STYLE = """
QLabel[mandatory="true"] { font-weight: bold; }
QLineEdit[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; background: #fff5f5; padding: 1px; }
QLabel#fieldError { color: #c62828; font-size: 9pt; }
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

"""Start the desktop application."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_app(args) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("ics2desk")
    window.setCentralWidget(QLabel("ics2desk"))
    window.resize(1200, 800)
    window.show()
    return app.exec()

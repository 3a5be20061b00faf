"""Base of the desk's background workers: a QThread that loops until stopped and can be
woken early (e.g. right after Ctrl+Enter queued a filing)."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread


class PollingThread(QThread):
    def __init__(self, data_dir: Path, interval: float, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.interval = interval
        self._stop = threading.Event()
        self._wake = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self.wait(10_000)

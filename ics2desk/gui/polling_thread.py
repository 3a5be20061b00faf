"""Base of the desk's background workers: a QThread that loops until stopped and can be
woken early (e.g. right after Ctrl+Enter queued a filing)."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QThread

log = logging.getLogger(__name__)


class PollingThread(QThread):
    #: how long stop() expects the loop to take to notice the stop; a worker that does network
    #: I/O raises it to its longest single exchange (plus a margin)
    stop_timeout_s = 10.0

    def __init__(self, data_dir: Path, interval: float, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.interval = interval
        self._stop = threading.Event()
        self._wake = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        """Ask the loop to end and wait until it has: Qt aborts the process when a running
        QThread is destroyed, so this never returns while the thread still runs (every exchange
        the loop makes is bounded by its own timeout)."""
        self._stop.set()
        self._wake.set()
        if self.wait(int(self.stop_timeout_s * 1000)):
            return
        log.warning("%s still busy %.0f s after stop; waiting for it to finish", type(self).__name__,
                    self.stop_timeout_s)
        while not self.wait(1000):
            pass

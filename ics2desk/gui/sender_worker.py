"""Drains the outbox in a worker thread (the GUI thread never sends, never polls).

The worker opens its own Sender (own store connection, own transport) inside the thread and
reports through queued signals; wake() asks for a pass now (after Ctrl+Enter)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from .polling_thread import PollingThread


class SenderWorker(PollingThread):
    drained = Signal(int, int, int)  # sent, failed attempts, replies
    transport_state = Signal(str)  # "up" | "down"
    crashed = Signal(str)

    def __init__(self, data_dir: Path, interval: float = 1.0, parent=None):
        super().__init__(data_dir, interval, parent)

    def run(self) -> None:
        from ..errors import KnownError
        from ..outbox import Sender

        try:
            sender = Sender.open(self.data_dir)
        except KnownError as exc:
            self.crashed.emit(str(exc))
            return
        try:
            while not self._stop.is_set():
                try:
                    result = sender.drain(until_empty=False, stop=self._stop)
                except KnownError as exc:  # a store or settings problem: say it, keep the thread
                    self.crashed.emit(str(exc))
                    result = None
                if result is not None:
                    self.transport_state.emit("down" if result.failed_attempts and not result.sent else "up")
                    if result.sent or result.failed_attempts or result.replies:
                        self.drained.emit(result.sent, result.failed_attempts, result.replies)
                self._wake.wait(self.interval)
                self._wake.clear()
        finally:
            sender.close()

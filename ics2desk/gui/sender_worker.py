"""Drains the outbox in a worker thread (the GUI thread never sends, never polls).

The worker opens its own Sender (own store connection, own transport) inside the thread and
reports through queued signals; wake() asks for a pass now (after Ctrl+Enter). No error ends
the loop: it is reported through `crashed` and the pass is tried again after a backoff."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal

from .polling_thread import PollingThread

log = logging.getLogger(__name__)
STOP_MARGIN_S = 10.0  # beyond send_timeout_s: connecting, closing the transport, the store


class SenderWorker(PollingThread):
    drained = Signal(int, int, int)  # sent, failed attempts, replies
    settings_applied = Signal()  # settings.json changed: the next pass uses the new transport
    transport_state = Signal(str)  # "up" | "down"
    crashed = Signal(str)  # sending has stopped for now (it is retried after a backoff)

    backoff_base_s = 2.0
    backoff_cap_s = 60.0
    stop_timeout_s = 15.0 + STOP_MARGIN_S  # the default send_timeout_s until the settings are read

    def __init__(self, data_dir: Path, interval: float = 1.0, parent=None):
        super().__init__(data_dir, interval, parent)
        self._had_failure = False

    def run(self) -> None:
        from ..errors import KnownError
        from ..outbox import Sender

        sender = None
        failures = 0
        seen = self._settings_stamp()
        try:
            while not self._stop.is_set():
                try:
                    stamp = self._settings_stamp()
                    if sender is not None and stamp != seen:
                        # Settings saved a new transport, endpoint or timeout: apply it now,
                        # between two passes (nothing is mid-send here), not at the next start
                        sender.close()
                        sender = None
                        self.settings_applied.emit()
                    seen = stamp
                    if sender is None:
                        sender = Sender.open(self.data_dir)
                        self.stop_timeout_s = float(sender.settings.send_timeout_s) + STOP_MARGIN_S
                    result = sender.drain(until_empty=False, stop=self._stop)
                except Exception as exc:  # the worker must outlive any one failure
                    if not isinstance(exc, KnownError):
                        log.exception("outbox worker error")
                    failures += 1
                    self.crashed.emit(str(exc) if isinstance(exc, KnownError) else f"{type(exc).__name__}: {exc}")
                    self._stop.wait(min(self.backoff_cap_s, self.backoff_base_s * 2 ** (failures - 1)))
                    continue
                failures = 0
                # An idle pass (items waiting for their retry time) proves nothing either way:
                # keep the last verdict, or the bar would say "connected" between failed attempts.
                if result.failed_attempts and not result.sent:
                    self.transport_state.emit("down")
                elif result.sent or result.replies or not self._had_failure:
                    self.transport_state.emit("up")
                self._had_failure = bool(result.failed_attempts and not result.sent) or (
                    self._had_failure and not (result.sent or result.replies))
                if result.sent or result.failed_attempts or result.replies:
                    self.drained.emit(result.sent, result.failed_attempts, result.replies)
                self._wake.wait(self.interval)
                self._wake.clear()
        finally:
            if sender is not None:
                sender.close()

    def _settings_stamp(self) -> tuple[int, int] | None:
        """When and how big settings.json is: a cheap way to notice that it was saved."""
        from ..settings import FILE_NAME

        try:
            st = (Path(self.data_dir) / FILE_NAME).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

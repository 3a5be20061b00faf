"""Drains the outbox in a worker thread (the GUI thread never sends, never polls).

The worker opens its own Sender (own store connection, own transport) inside the thread and
reports through queued signals; wake() asks for a pass now (after Ctrl+Enter). No error ends
the loop: it is reported through `crashed` and the pass is tried again after a backoff.

Settings apply at once: a save through the registry (ics2desk.options) wakes the loop, and a
change of the stored files by anyone (the CLI, another window) is seen at the next pass; when the
sending settings differ from the Sender's, it is rebuilt between two passes."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import Signal

from .polling_thread import PollingThread

log = logging.getLogger(__name__)
STOP_MARGIN_S = 10.0  # beyond send_timeout_s: connecting, closing the transport, the store


class SenderWorker(PollingThread):
    drained = Signal(int, int, int)  # sent, failed attempts, replies
    settings_applied = Signal()  # the sending settings changed: the next pass uses them
    transport_state = Signal(str)  # "up" | "down"
    crashed = Signal(str)  # sending has stopped for now (it is retried after a backoff)

    backoff_base_s = 2.0
    backoff_cap_s = 60.0
    stop_timeout_s = 15.0 + STOP_MARGIN_S  # the default send_timeout_s until the settings are read

    def __init__(self, data_dir: Path, interval: float = 1.0, parent=None):
        super().__init__(data_dir, interval, parent)
        self._had_failure = False
        self._saved = threading.Event()  # a registry save for this data dir (even within one mtime tick)

    def run(self) -> None:
        from .. import options
        from ..errors import KnownError
        from ..outbox import Sender
        from ..settings import Settings

        sender = None
        failures = 0
        seen = self._settings_stamp()
        unsubscribe = options.subscribe(self._on_settings_saved)
        try:
            while not self._stop.is_set():
                try:
                    stamp = self._settings_stamp()
                    if sender is not None and (stamp != seen or self._saved.is_set()):
                        self._saved.clear()
                        new = Settings.load(self.data_dir)
                        if new != sender.settings:
                            # a new transport, endpoint or timeout: apply it now, between two
                            # passes (nothing is mid-send here), not at the next start
                            sender.close()
                            sender = None
                            self.settings_applied.emit()
                    seen = stamp
                    if sender is None:
                        sender = Sender.open(self.data_dir)
                        self.stop_timeout_s = float(sender.settings.send_timeout_s) + STOP_MARGIN_S
                        if sender.store.role == "clerk":
                            # the agency database would refuse every claim: a clerk's desk does not
                            # send, it says who does, and waits to be closed
                            sender.close()
                            sender = None
                            self.transport_state.emit("clerk")
                            self._stop.wait()
                            break
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
            unsubscribe()
            if sender is not None:
                sender.close()

    def _on_settings_saved(self, change) -> None:
        """A registry listener (runs in the saving thread): only wakes the loop, which rereads."""
        try:
            mine = Path(change.where).resolve() == self.data_dir.resolve()
        except (OSError, ValueError):
            mine = False
        if mine:
            self._saved.set()
            self._wake.set()

    def _settings_stamp(self) -> tuple:
        """Changes whenever the stored options change (cheap: a stat per file)."""
        from .. import options

        return options.stamp(self.data_dir)

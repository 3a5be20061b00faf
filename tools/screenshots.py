"""Screenshots of the main screens in English and French, from the real window with the
demo data and the simulator (run under Xvfb for the real platform):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py docs/screenshots
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


class DemoSession:
    """The real main window on demo data with the in-process simulators, for screenshots."""

    def __init__(self, with_elo: bool = True, drills: bool = False):
        from PySide6.QtWidgets import QApplication

        from ics2desk.store import open_store
        from ics2desk.gui.demo import fill_demo, start_simulator
        from ics2desk.gui.main_window import MainWindow
        from ics2desk.gui.sender_worker import SenderWorker

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.data_dir = Path(tempfile.mkdtemp(prefix="ics2desk-shots-"))
        self.server = start_simulator(self.data_dir)
        self.store = open_store(self.data_dir)
        fill_demo(self.store)
        self.worker = SenderWorker(self.data_dir, interval=0.2)
        self.elo_sim = elo = None
        if with_elo:
            from ics2desk.elo.demo import start_demo_simulator
            from ics2desk.gui.elo.box import EloWorker

            self.elo_sim = start_demo_simulator()
            elo = EloWorker(self.data_dir, simulator=self.elo_sim, interval=0.2)
        self.main = MainWindow(self.store, self.data_dir, "en", sender=self.worker, elo=elo)
        if drills:
            self.main.enable_drills(self.server)
        self.window = self.main.window
        self.window.resize(1366, 768)  # the desk screen at Calais
        self.window.show()
        self.worker.start()
        if elo is not None:
            elo.start()

    def settle(self, seconds: float, until=None) -> None:
        """Let the app (and the simulators) work for up to `seconds`, or until `until()`."""
        end = time.time() + seconds
        while time.time() < end and not (until and until()):
            self.app.processEvents()
            time.sleep(0.02)

    def shoot(self, path: Path) -> None:
        self.window.grab().save(str(path))

    def close(self) -> None:
        from ics2desk.gui import i18n

        i18n.set_language("en")
        self.main.shutdown()
        self.store.close()
        self.server.close()
        if self.elo_sim is not None:
            self.elo_sim.stop()


def main(out: str) -> int:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    session = DemoSession()
    main, store, settle = session.main, session.store, session.settle
    w = session.window

    settle(6)  # the simulator registers, assesses, raises Do Not Load
    main.after_drain()
    for lang in ("en", "fr"):
        main.set_language(lang)
        settle(0.3)
        main.tabs.setCurrentIndex(0)
        main.filings.select("DEMO2611000004")  # registered: its ELO envelope is shown
        settle(0.3)
        w.grab().save(str(out_dir / f"filings_{lang}.png"))
        main.filings.select("DEMO2611000007")  # the Do Not Load one
        settle(0.3)
        w.grab().save(str(out_dir / f"do_not_load_{lang}.png"))
        main.new_filing(store.document("DEMO2611000003"))
        main.form.validate_now()
        settle(0.3)
        w.grab().save(str(out_dir / f"ens_form_{lang}.png"))
        main.form.navigate("/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]/weight/grossMass")
        settle(0.3)
        w.grab().save(str(out_dir / f"ens_goods_{lang}.png"))
        main.tabs.setCurrentIndex(2)
        main.outbox.refresh()
        settle(0.2)
        w.grab().save(str(out_dir / f"outbox_{lang}.png"))
        main.tabs.setCurrentIndex(4)
        settle(0.2)
        w.grab().save(str(out_dir / f"settings_{lang}.png"))
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

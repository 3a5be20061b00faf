"""Screenshots of the main screens in English and French, from the real window with the
demo data and the simulator (run under Xvfb for the real platform):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m ics2desk.gui.screenshots docs/screenshots
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main(out: str) -> int:
    from PySide6.QtWidgets import QApplication

    from ..store import open_store
    from . import i18n
    from ..elo.demo import start_demo_simulator
    from .demo import fill_demo, start_simulator
    from .elo_box import EloWorker
    from .main_window import MainWindow
    from .sender_worker import SenderWorker

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="ics2desk-shots-"))
    server = start_simulator(data_dir)
    store = open_store(data_dir)
    fill_demo(store)
    worker = SenderWorker(data_dir, interval=0.2)
    elo_sim = start_demo_simulator()
    elo = EloWorker(data_dir, simulator=elo_sim, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=worker, elo=elo)
    w = main.window
    w.resize(1360, 860)
    w.show()
    worker.start()
    elo.start()

    def settle(seconds: float) -> None:
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.02)

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
    i18n.set_language("en")
    main.shutdown()
    store.close()
    server.close()
    elo_sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

"""Amending an ENS lodged under an older ICS2 message version: the desk says why it cannot, and
offers invalidate-and-re-file as one step (default No); Yes queues the invalidation and opens the
copy under a new LRN."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from v3set import renamed_schema_set

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.simulator import replies as sim_replies

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _registered_under_v2(store, lrn):
    doc = samples.ferry_filing(lrn)
    store.import_document(doc)
    store.queue(lrn)
    store.apply_reply(sim_replies.registered(lrn, make_mrn(26, "FR", "REFILE00001"), doc), "tid-" + lrn)
    assert store.get(lrn).state == "registered"


@pytest.mark.parametrize("answer", [QMessageBox.No, QMessageBox.Yes])
def test_amending_a_version_2_ens_offers_refile(qtbot, main, tmp_path, monkeypatch, answer):
    _registered_under_v2(main.store, "REF26112500001")
    monkeypatch.setenv("ICS2DESK_SCHEMA_DIR", str(renamed_schema_set(tmp_path / "official-v3")))
    asked = []

    def exec_(box):
        asked.append((box.text(), box.defaultButton() is box.button(QMessageBox.No)))
        return answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    main.editing_lrn, main.amending = "REF26112500001", True
    main.queue(main.store.document("REF26112500001"))
    [(text, default_no)] = asked
    assert "cannot be amended" in text and "version 2" in text and default_no
    old = main.store.get("REF26112500001")
    if answer == QMessageBox.No:
        assert old.state == "registered" and main.store.count_filings() == 1
        return
    assert old.state == "invalidating"
    new = main.editing_lrn
    assert new != "REF26112500001" and main.store.get(new).state == "draft"
    assert main.form.field("/IE3F50/LRN").value() == new

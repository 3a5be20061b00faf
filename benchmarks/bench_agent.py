"""Agent benchmark (issue 15 point 11): the real main window driven as an agent at Calais drives
it, with key presses and mouse clicks only, and what it took counted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_agent.py [--lang fr] [--json]

Tasks:
- template-ferry: a truck on the Dover-Calais ferry from the customer's template (Ctrl+T);
- scratch-ferry: the same truck typed from a blank filing;
- scratch-shuttle: a truck with a sealed container on the Folkestone-Coquelles shuttle, from scratch.

The agent reads the screen (which field has the cursor, what it says, whether a popup is
open, the problem list) but acts only with QTest key presses and clicks sent where a real key
or click would go (the focused widget, or the open popup). It works as a trained agent does:
Tab from field to field and type what the paperwork says; a row added with Space on "+ Add"
or Enter on a table; Ctrl+Enter to queue, which takes the cursor to what is still missing.

Counted per task: key chords (each press, with or without modifiers, characters apart),
clicks, characters typed, fields typed into, navigation keys (Tab, Shift+Tab, arrows, and the
Ctrl+Enter presses that only moved the cursor), view switches (simple <-> full), problem-list
round trips (a Ctrl+Enter refused: the agent has to look at what is missing), and whether the
filing queued is valid and identical to the intended one (no value in the wrong field).

The clock is fixed, so every run types the same thing and the counts do not move with the day.
Nothing here is timed.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TASKS = ("template-ferry", "scratch-ferry", "scratch-shuttle")
START = datetime(2026, 11, 26, 7, 40, tzinfo=timezone.utc)  # 08:40 in Calais: a ferry due in 3 h


@dataclass
class Counts:
    task: str
    actions: int = 0  # keys + clicks
    keys: int = 0
    clicks: int = 0
    chars: int = 0
    fields: int = 0
    navigation: int = 0
    view_switches: int = 0
    problem_round_trips: int = 0
    valid: bool = False
    identical: bool = False
    differences: list[str] = field(default_factory=list)


# --- the intended filings --------------------------------------------------------------------
def intended(task: str) -> dict:
    """The filing the agent means to lodge (what the paperwork says), as the desk keeps it; the
    LRN is the desk's, the issue date the moment it is typed ("now")."""
    from ics2desk import clock, samples

    doc = samples.shuttle_filing() if task == "scratch-shuttle" else samples.ferry_filing(items=2)
    data = copy.deepcopy(doc.data)
    data.pop("LRN", None)
    data["documentIssueDate"] = clock.stamp(clock.now().replace(second=0, microsecond=0))
    return data


def leaves(node, xpath: str) -> dict[str, str]:
    """{form XPath: value} of every value in a tree ('/IE3F50/.../goodsItem[2]/weight/grossMass')."""
    out: dict[str, str] = {}
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, list):
                for i, item in enumerate(v, 1):
                    out.update(leaves(item, f"{xpath}/{k}[{i}]"))
            else:
                out.update(leaves(v, f"{xpath}/{k}"))
    elif node not in (None, ""):
        out[xpath] = str(node)
    return out


def same_value(a: str, b: str) -> bool:
    """Equal as ICS2 reads them: '8400' and '8400.000' are one mass."""
    if a == b:
        return True
    try:
        return Decimal(a) == Decimal(b)
    except (InvalidOperation, ValueError):
        return False


def compare(got: dict, want: dict, message_id: str) -> list[str]:
    g, w = leaves(got, f"/{message_id}"), leaves(want, f"/{message_id}")
    out = [f"{p}: {g.get(p)!r} instead of {w.get(p)!r}" for p in sorted(set(g) | set(w))
           if p != f"/{message_id}/LRN" and not same_value(g.get(p, ""), w.get(p, ""))]
    return out


# --- what the agent types ---------------------------------------------------------------------
def typed(field_, value: str, lang: str) -> str:
    """What an agent types for `value` in this field: a code as the code, a time in Calais local
    time as a booking says it ('26/11/26 11:40'), a number the French way without padding zeros
    ('3100,5'); anything else as written."""
    from ics2desk import timeinput

    if field_.kind == "time":
        from ics2desk import clock

        if value == clock.stamp(clock.now().replace(second=0, microsecond=0)):
            return "now"
        local = timeinput.local_text(value)
        if local:
            return local[:6] + local[8:]  # 26/11/2026 11:40 -> 26/11/26 11:40
    if field_.kind == "number" and "." in value:
        whole, frac = value.split(".")
        frac = frac.rstrip("0")
        return whole + ((("," if lang == "fr" else ".") + frac) if frac else "")
    return value


# --- the agent ---------------------------------------------------------------------------------
class Agent:
    """Keys and clicks, counted; eyes on the screen."""

    def __init__(self, main, counts: Counts, lang: str):
        self.main, self.counts, self.lang = main, counts, lang
        self.full = False
        self.verbose = bool(os.environ.get("BENCH_AGENT_TRACE"))

    def trace(self, text: str) -> None:
        if self.verbose:
            print(f"  [{self.counts.keys + self.counts.clicks:3}] {text}", file=sys.stderr)

    # eyes
    @property
    def form(self):
        return self.main.form

    def focus(self):
        from PySide6.QtWidgets import QApplication

        return QApplication.activePopupWidget() or QApplication.activeModalWidget() and \
            QApplication.focusWidget() or QApplication.focusWidget()

    def focused_field(self):
        from PySide6.QtWidgets import QApplication

        w = QApplication.focusWidget()
        if self.main._form is None:
            return None
        return next((f for f in self.form.ctx.fields if f.edit is w), None)

    def settle(self) -> None:
        from PySide6.QtTest import QTest

        from PySide6.QtWidgets import QApplication

        QTest.qWait(1)
        if QApplication.activeWindow() is None and not QApplication.activePopupWidget():
            # a dialog closed: the window system hands the keyboard back to the main window
            # (the offscreen platform does not, so the benchmark does what it would)
            self.main.window.activateWindow()
            QTest.qWaitForWindowActive(self.main.window)
            QTest.qWait(1)
        if self.main._form is not None and self.form.ctx.full_view != self.full:
            self.full = self.form.ctx.full_view
            self.counts.view_switches += 1  # the agent pressed it, or the form switched by itself

    # hands
    def key(self, key, modifiers=None, navigation: bool = False) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from PySide6.QtWidgets import QApplication

        target = QApplication.activePopupWidget() or QApplication.focusWidget() or self.main.window
        QTest.keyClick(target, key, modifiers or Qt.NoModifier)
        self.counts.keys += 1
        self.trace(f"key {QKeySequenceName(key, modifiers)} on {_where(target, self)}")
        self.counts.navigation += navigation
        self.settle()

    def type(self, text: str) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from PySide6.QtCore import Qt

        for ch in text:  # one by one: a popup opening on the way takes the next ones, as it would
            target = QApplication.activePopupWidget() or QApplication.focusWidget()
            if ch.isascii():
                QTest.keyClicks(target, ch)
            else:  # 'ô': QTest maps only ASCII to keys; a key event carrying the text, as a keyboard sends
                QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key_unknown, ch, Qt.NoModifier)
        self.trace(f"type {text!r} in {_where(QApplication.focusWidget(), self)}")
        self.counts.chars += len(text)
        self.counts.fields += 1
        self.settle()

    def click(self, widget) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, Qt.LeftButton)
        self.counts.clicks += 1
        self.settle()

    # the job
    def fill_focused(self, want: dict[str, str]) -> bool:
        """Type the intended value into the focused field when it is not there yet."""
        from PySide6.QtCore import Qt

        f = self.focused_field()
        if f is None or f.xpath not in want or f.edit.isReadOnly():
            return False
        value = want[f.xpath]
        if same_value(f.stored(), value):
            return False
        if f.value():
            self.key(Qt.Key_A, Qt.ControlModifier)  # select what is there, typing replaces it
        self.type(typed(f, value, self.lang))
        return True

    def queue(self) -> bool:
        """Ctrl+Enter; True when the filing went to the outbox."""
        from PySide6.QtCore import Qt

        before = self.main.editing_lrn
        self.key(Qt.Key_Return, Qt.ControlModifier)
        lrn = self.main.editing_lrn or before
        return bool(lrn) and self.main.store.get(lrn).state == "queued"


def QKeySequenceName(key, modifiers) -> str:
    from PySide6.QtGui import QKeySequence

    return QKeySequence(int(modifiers.value if modifiers else 0) | int(key.value)).toString()


def _where(w, agent) -> str:
    if w is None:
        return "nothing"
    if agent.main._form is not None:
        f = next((f for f in agent.form.ctx.fields if f.edit is w), None)
        if f is not None:
            return f.xpath
    return f"{type(w).__name__}({w.objectName() or getattr(w, 'text', lambda: '')()})"


def _missing(form, want: dict[str, str]) -> list[str]:
    have = leaves(form.data, f"/{form.message_id}")
    return [p for p, v in want.items() if not p.endswith("/LRN") and not same_value(have.get(p, ""), v)]


def _rows_wanted(want: dict[str, str], prefix: str) -> int:
    """How many occurrences of the repeated group at `prefix` ('/.../communication') the
    intended filing has."""
    n = 0
    for p in want:
        if p.startswith(prefix + "["):
            n = max(n, int(p[len(prefix) + 1:].split("]", 1)[0]))
    return n


def walk_and_fill(agent: Agent, want: dict[str, str], limit: int = 3000) -> None:
    """One pass of Tab over the form, from where the cursor is until it comes round again:
    type what is wanted, add the rows the paperwork has (Space on "+ Add", Enter on a table)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget

    from ics2desk.gui.form.editors import RepeatInline, RepeatTable

    form = agent.form
    start = QApplication.focusWidget()
    for _ in range(limit):
        agent.fill_focused(want)
        w = QApplication.focusWidget()
        parent = w.parentWidget() if w is not None else None
        if isinstance(w, QPushButton) and isinstance(parent, RepeatInline):
            prefix = f"{parent.parent_xpath}/{parent.spec.name}"
            if len(parent.items) < _rows_wanted(want, prefix):
                agent.key(Qt.Key_Space)  # "+ Add": the new line takes the cursor
                continue
        if isinstance(w, QTableWidget) and isinstance(parent, RepeatTable):
            prefix = f"{parent.parent_xpath}/{parent.spec.name}"
            rows = _rows_wanted(want, prefix)
            if len(parent.items) < rows and _row_done(form, want, parent):
                agent.key(Qt.Key_Return)  # a new goods item, the cursor in it
                continue
        table = _table_of(w)
        if table is not None and table.current == len(table.items) - 1 and _row_done(form, want, table) \
                and len(table.items) < _rows_wanted(want, f"{table.parent_xpath}/{table.spec.name}"):
            agent.key(Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)  # this line done: a new one
            continue
        if not _missing(form, want):
            return
        f = agent.focused_field()
        if f is not None and _enter_is_safe(agent, f, want):
            agent.key(Qt.Key_Return, navigation=True)  # on to the next empty field
            continue
        agent.key(Qt.Key_Tab, navigation=True)
        if QApplication.focusWidget() is start or QApplication.focusWidget() is form.kind:
            return


def _enter_is_safe(agent: Agent, field_, want: dict[str, str]) -> bool:
    """Enter takes the cursor to the next empty field: the agent uses it when nothing they
    still have to do (a preset value to change, a line to add) stands between."""
    from PySide6.QtWidgets import QPushButton, QTableWidget

    from ics2desk.gui.form.editors import RepeatInline, RepeatTable

    form = agent.form
    chain = [w for w in form.focus_chain() if w.isVisibleTo(form) and w.isEnabled()]
    by_edit = {id(f.edit): f for f in form.ctx.fields}
    ids = [id(w) for w in chain]
    if id(field_.edit) not in ids:
        return False
    lrn = f"/{form.message_id}/LRN"
    for w in chain[ids.index(id(field_.edit)) + 1:]:
        f = by_edit.get(id(w))
        parent = w.parentWidget()
        if f is not None:
            if f.edit.isReadOnly() or f.xpath == lrn:
                continue
            if not f.value():
                return True  # where Enter lands
            if f.xpath in want and not same_value(f.stored(), want[f.xpath]):
                return False
        elif isinstance(w, QPushButton) and isinstance(parent, RepeatInline):
            if len(parent.items) < _rows_wanted(want, f"{parent.parent_xpath}/{parent.spec.name}"):
                return False
        elif isinstance(w, QTableWidget) and isinstance(parent, RepeatTable):
            if len(parent.items) < _rows_wanted(want, f"{parent.parent_xpath}/{parent.spec.name}"):
                return False
    return False


def _table_of(w):
    """The innermost table-and-detail group (houses, goods items, containers) `w` is in."""
    from ics2desk.gui.form.editors import RepeatTable

    while w is not None:
        if isinstance(w, RepeatTable):
            return w
        w = w.parentWidget()
    return None


def _row_done(form, want, table) -> bool:
    """The table's current row has everything the paperwork has for it (or there is none yet)."""
    if table.current < 0:
        return True
    row = table.row_xpath(table.current) + "/"
    return not any(p.startswith(row) for p in _missing(form, want))


def finish(agent: Agent, want: dict[str, str], rounds: int = 30) -> bool:
    """Ctrl+Enter until the filing is queued: each refusal puts the cursor on what is missing,
    the agent types it (or walks on from there when it is not the field that is missing)."""
    for _ in range(rounds):
        if agent.queue():
            return True
        agent.counts.problem_round_trips += 1
        if not agent.fill_focused(want):
            walk_and_fill(agent, want)
    return False


def task_template_ferry(agent: Agent, want: dict[str, str]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    agent.key(Qt.Key_N, Qt.ControlModifier)
    agent.key(Qt.Key_T, Qt.ControlModifier)
    agent.type("midl")
    agent.counts.fields -= 1  # the picker's filter is not a field of the filing
    agent.key(Qt.Key_Return)
    # the cursor is on the first per-truck field; the others are where Ctrl+Enter takes it
    for _ in range(40):
        if not agent.fill_focused(want):
            break
        if agent.queue():
            return
        agent.counts.navigation += 1  # this Ctrl+Enter only moved the cursor to the next one
    assert QApplication.focusWidget() is not None
    finish(agent, want)


def task_scratch(agent: Agent, want: dict[str, str], crossing: str) -> None:
    from PySide6.QtCore import Qt

    agent.key(Qt.Key_N, Qt.ControlModifier)
    # the cursor is on "Crossing": Down picks the first one, again the next
    index = [c.id for c in agent.form.presets.crossings].index(crossing) + 1
    for _ in range(index):
        agent.key(Qt.Key_Down, navigation=True)
    for _ in range(3):
        walk_and_fill(agent, want)
        if not _missing(agent.form, want):
            break
        agent.key(Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)  # what is left is not shown
    finish(agent, want)


# --- the desk --------------------------------------------------------------------------------
def run(task: str, lang: str = "fr", data_dir: Path | None = None) -> Counts:
    """One task on a fresh desk (its own data dir), offscreen or on the display given."""
    from PySide6.QtWidgets import QApplication

    from ics2desk import clock, samples, templates
    from ics2desk.gui import i18n
    from ics2desk.gui.main_window import MainWindow
    from ics2desk.store import open_store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    data_dir = Path(data_dir or tempfile.mkdtemp(prefix="ics2desk-agent-"))
    counts = Counts(task)
    with clock.using(clock.FixedClock(START)):
        if task == "template-ferry":
            templates.save(templates.from_filing("Midlands Foods → Lille (ferry)", "IE3F50",
                                                 samples.ferry_filing(items=2).data), data_dir)
        store = open_store(data_dir)
        i18n.set_language(lang)
        main = MainWindow(store, data_dir, lang)
        try:
            main.window.resize(1366, 768)
            main.window.show()
            main.window.activateWindow()
            from PySide6.QtTest import QTest

            QTest.qWaitForWindowActive(main.window)
            want_tree = intended(task)
            want = leaves(want_tree, "/IE3F50")
            agent = Agent(main, counts, lang)
            if task == "template-ferry":
                task_template_ferry(agent, want)
            else:
                task_scratch(agent, want, "dover-calais-ferry" if task == "scratch-ferry"
                             else "folkestone-coquelles-shuttle")
            counts.actions = counts.keys + counts.clicks
            lrn = main.editing_lrn
            filings = store.list_filings() if lrn is None else [store.get(lrn)]
            queued = [f for f in filings if f.state == "queued"]
            if queued:
                from ics2desk.validate import validate_document

                doc = store.document(queued[0].lrn)
                counts.valid = validate_document(doc).valid
                counts.differences = compare(doc.data, want_tree, doc.message_id)
                counts.identical = not counts.differences
            elif main._form is not None:
                counts.differences = _missing(main.form, want)
        finally:
            if main._form is not None:
                main.form.dirty = False  # nothing to ask at the end of a benchmark
            main.shutdown()
            main.window.close()
            main.window.deleteLater()  # gone now, not at interpreter exit (a crash in PySide's teardown)
            from PySide6.QtCore import QCoreApplication, QEvent

            QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            app.processEvents()
            store.close()
            i18n.set_language("en")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--json", action="store_true", help="one JSON object per task, one a line")
    parser.add_argument("--task", action="append", choices=TASKS)
    args = parser.parse_args()
    results = [run(t, args.lang) for t in (args.task or TASKS)]
    if args.json:
        for c in results:
            row = asdict(c)
            row.pop("differences")
            print(json.dumps(row))
        return 0
    cols = ("actions", "keys", "clicks", "chars", "fields", "navigation", "view_switches",
            "problem_round_trips", "valid", "identical")
    print(f"{'task':16}" + "".join(f"{c[:12]:>13}" for c in cols))
    for c in results:
        print(f"{c.task:16}" + "".join(f"{str(getattr(c, k)):>13}" for k in cols))
    for c in results:
        for d in c.differences[:20]:
            print(f"  {c.task}: {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The filings list as a Qt table model over the store: pages of 200 rows fetched as the view
scrolls (canFetchMore/fetchMore), sorting and filtering pushed down to SQL, so 100,000
filings open as fast as 100. A deadline column counts down to the lodging cut-off."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont

from .. import clock
from ..reuse.presets import lodging_deadline
from ..store import FilingQuery
from .style import STATE_COLOURS

PAGE = 200
#: (header, store column to sort by)
COLUMNS = [
    ("LRN", "lrn"), ("State", "state"), ("MRN", "mrn"), ("Truck", "truck"), ("Crossing", "updated_at"),
    ("Arrival (UTC)", "arrival"), ("Deadline", "arrival"), ("Declarant", "declarant"), ("Updated", "updated_at"),
]
COL_STATE, COL_DEADLINE = 1, 6
#: states where the lodging deadline still matters (the ENS is not yet with customs)
BEFORE_LODGING = {"draft", "ready", "queued", "rejected"}


def state_label(state: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("State", state.replace("_", " "))


def countdown(deadline: datetime | None, now: datetime) -> tuple[str, bool]:
    """('1 h 25 min', late?) until the cut-off; negative shows how late."""
    if deadline is None:
        return "", False
    seconds = int((deadline - now).total_seconds())
    late = seconds < 0
    minutes = abs(seconds) // 60
    text = f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"
    if minutes >= 48 * 60:
        text = f"{minutes // 1440} d"
    return ("−" + text) if late else text, late


def _stopped(f) -> bool:
    """Customs said Do Not Load to this filing, at any time (the sticky flag, or the state)."""
    return f.state == "do_not_load" or bool(getattr(f, "do_not_load_at", None))


class FilingsModel(QAbstractTableModel):
    def __init__(self, store, cutoff_for=None, parent=None):
        """store: anything with list_filings(FilingQuery) and count_filings(FilingQuery).
        cutoff_for(filing) -> hours before arrival the ENS must be lodged (default 1 h, road)."""
        super().__init__(parent)
        self.store = store
        self.cutoff_for = cutoff_for or (lambda filing: 1.0)
        self.query = FilingQuery(limit=PAGE)
        self.rows: list = []
        self.total = 0
        self.now = clock.now()
        self._tick = QTimer(self)
        self._tick.setInterval(30_000)
        self._tick.timeout.connect(self._refresh_countdown)
        self._tick.start()
        self.reload()

    # --- loading -------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        q = replace(self.query, offset=0, limit=PAGE)
        self.total = self.store.count_filings(q)
        self.rows = self.store.list_filings(q)
        self.endResetModel()

    def set_query(self, text: str | None = None, states: list[str] | None = None) -> None:
        self.query = replace(self.query, text=text or None, states=states or None)
        self.reload()

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        more = self.store.list_filings(replace(self.query, offset=len(self.rows), limit=PAGE))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.query = replace(self.query, sort=COLUMNS[column][1], descending=order == Qt.DescendingOrder)
        self.reload()

    def filing(self, row: int):
        return self.rows[row]

    def row_of(self, lrn: str) -> int:
        return next((i for i, f in enumerate(self.rows) if f.lrn == lrn), -1)

    # --- Qt model ------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.tr(COLUMNS[section][0])
        return None

    def _deadline(self, f):
        if f.state not in BEFORE_LODGING:
            return None
        return lodging_deadline(f.arrival, self.cutoff_for(f))

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        f = self.rows[index.row()]
        col = index.column()
        stopped = _stopped(f)
        if role == Qt.DisplayRole:
            if col == COL_STATE:
                # a Do Not Load outlives the state an amendment or invalidation led to: say both
                if stopped and f.state != "do_not_load":
                    return f"{state_label('do_not_load')} · {state_label(f.state)}"
                return state_label(f.state)
            if col == COL_DEADLINE:
                return countdown(self._deadline(f), self.now)[0]
            return [f.lrn, None, f.mrn or "", f.truck or "", f.crossing or "", (f.arrival or "").replace("T", " "),
                    None, f.declarant or "", (f.updated_at or "")[:16].replace("T", " ")][col]
        if role == Qt.BackgroundRole and stopped:  # the whole row, not only the state cell
            return QBrush(QColor(STATE_COLOURS.get("do_not_load", "#b71c1c")))
        if role == Qt.BackgroundRole and col == COL_STATE:
            colour = STATE_COLOURS.get(f.state)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ForegroundRole:
            if stopped:
                return QBrush(QColor("white"))
            if col == COL_DEADLINE and countdown(self._deadline(f), self.now)[1]:
                return QBrush(QColor("#c62828"))
        if role == Qt.FontRole and ((col == COL_DEADLINE and countdown(self._deadline(f), self.now)[1])
                                    or stopped):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.UserRole:
            return f.lrn
        return None

    def _refresh_countdown(self) -> None:
        self.now = clock.now()
        if self.rows:
            self.dataChanged.emit(self.index(0, COL_DEADLINE), self.index(len(self.rows) - 1, COL_DEADLINE))

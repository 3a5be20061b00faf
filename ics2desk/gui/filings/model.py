"""The filings list as a Qt table model over the store: pages of 200 rows fetched as the view
scrolls (canFetchMore/fetchMore), sorting and filtering pushed down to SQL, so 100,000
filings open as fast as 100. A deadline column counts down to the lodging cut-off.

The list is a work queue: by default (DEFAULT_SORT) it is sorted by time left. The filings
not yet with customs come first, the earliest arrival first — the overdue ones, in red, at
the top (the cut-off is a fixed time before arrival for a crossing, so arrival orders them) —
then those without an arrival time yet, then everything customs already has, latest arrival
first. Each part is one indexed, paged query ("arrival" sort of FilingQuery)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont

from ... import clock
from ...reuse.presets import lodging_deadline
from ...store import FilingQuery
from ..style import STATE_COLOURS

PAGE = 200
#: (header, store column to sort by)
COLUMNS = [
    ("LRN", "lrn"), ("State", "state"), ("MRN", "mrn"), ("Truck", "truck"), ("Crossing", "updated_at"),
    ("Arrival (UTC)", "arrival"), ("Deadline", "arrival"), ("Declarant", "declarant"), ("Updated", "updated_at"),
]
COL_STATE, COL_DEADLINE = 1, 6
#: states where the lodging deadline still matters (the ENS is not yet with customs)
BEFORE_LODGING = {"draft", "ready", "queued", "rejected"}
#: states pinned at the top of the work queue, whatever their arrival
STOPPED_FIRST = {"do_not_load"}
#: how the list opens: the work queue, least time left first (FilingsPage sorts by it)
DEFAULT_SORT = (COL_DEADLINE, Qt.AscendingOrder)
#: FilingQuery.arrival_from that every ISO time passes and a missing one (NULL) does not
ANY_ARRIVAL = "0"


#: a part of the work queue up to this many rows is read with its states in SQL (an index
#: on state, then a sort); a bigger one is read along the arrival index, filtered here
FILTER_IN_SQL_UP_TO = 2000


@dataclass
class _Part:
    """One stretch of the work queue, read in order: `query` from row `offset` on, keeping the
    rows `keep` accepts (None: all), until `count` rows were given."""

    query: FilingQuery
    count: int
    keep: object = None  # callable(filing) -> bool, or None
    offset: int = 0
    given: int = 0


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
    def __init__(self, store, cutoff_for=None, parent=None, deadline_for=None):
        """store: anything with list_filings(FilingQuery) and count_filings(FilingQuery).
        deadline_for(filing) -> its lodging deadline (the desk's one rule, Desk.deadline); without
        it, cutoff_for(filing) -> hours before arrival the ENS must be lodged (default 1 h, road)."""
        super().__init__(parent)
        self.store = store
        self.cutoff_for = cutoff_for or (lambda filing: 1.0)
        self.deadline_for = deadline_for
        self.query = FilingQuery(limit=PAGE)
        self.by_deadline = False  # the work queue order (see the module doc), ascending or not
        self.parts: list[_Part] = []
        self.spare: list = []
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
        self.spare = []
        if self.by_deadline:
            self.parts = self._deadline_parts(q)
            self.rows = self._fetch(PAGE)
        else:
            self.parts = []
            self.rows = self.store.list_filings(q)
        self.endResetModel()

    def _deadline_parts(self, q: FilingQuery) -> list[_Part]:
        """The work queue as consecutive parts, each one indexed and paged: the filings not with
        customs yet by arrival (overdue first), those without an arrival, then the others by
        arrival, latest first; descending reads it all from the other end."""
        wanted = set(q.states) if q.states else None
        pending = {s for s in BEFORE_LODGING if wanted is None or s in wanted}
        # a truck customs stopped comes before everything: the red row at the top of the queue
        stopped = {s for s in STOPPED_FIRST if wanted is None or s in wanted}
        lodged = {s for s in self._all_states()
                  if s not in BEFORE_LODGING and s not in stopped and (wanted is None or s in wanted)}
        n_pending = self.store.count_filings(replace(q, states=sorted(pending))) if pending else 0
        n_timed = n_pending
        if n_pending and not q.arrival_from and self._some_without_arrival():
            n_timed = self.store.count_filings(replace(q, states=sorted(pending), arrival_from=ANY_ARRIVAL))
        n_stopped = self.store.count_filings(replace(q, states=sorted(stopped))) if stopped else 0
        n_untimed, n_lodged = n_pending - n_timed, self.total - n_pending - n_stopped
        up = not q.descending
        timed = self._part(replace(q, arrival_from=q.arrival_from or ANY_ARRIVAL), pending, n_timed, up)
        untimed = _Part(replace(q, states=sorted(pending), sort="arrival", descending=not up), n_untimed,
                        offset=0 if up else n_timed)  # NULL arrivals sort first in SQL
        done = self._part(q, lodged, n_lodged, not up)
        halted = _Part(replace(q, states=sorted(stopped), sort="arrival", descending=not up), n_stopped)
        parts = [halted, timed, untimed, done] if up else [done, untimed, timed, halted]
        return [p for p in parts if p.count > 0]

    def _part(self, q: FilingQuery, states: set[str], count: int, ascending: bool) -> _Part:
        """`count` filings in `states` by arrival: a small part filtered in SQL, a big one read
        along the arrival index (a sort of tens of thousands of rows would stall the list)."""
        q = replace(q, sort="arrival", descending=not ascending)
        if count <= FILTER_IN_SQL_UP_TO or set(q.states or ()) == states:
            return _Part(replace(q, states=sorted(states)), count)
        return _Part(q, count, keep=lambda f: f.state in states)

    def _some_without_arrival(self) -> bool:
        """Has any filing no arrival time? Two counts over indexes only, whatever the search."""
        everything = FilingQuery(limit=1)
        return self.store.count_filings(everything) > self.store.count_filings(
            replace(everything, arrival_from=ANY_ARRIVAL))

    @staticmethod
    def _all_states() -> list[str]:
        from ...store import State

        return [s.value for s in State]

    def _fetch(self, limit: int) -> list:
        """The next `limit` rows of the work queue (rows read ahead wait in `spare`)."""
        out, self.spare = self.spare[:limit], self.spare[limit:]
        while len(out) < limit and self.parts:
            part = self.parts[0]
            want = part.count - part.given
            if want <= 0:
                self.parts.pop(0)
                continue
            ask = min(limit - len(out), want) if part.keep is None else max(PAGE, 2 * (limit - len(out)))
            rows = self.store.list_filings(replace(part.query, offset=part.offset, limit=ask))
            part.offset += len(rows)
            kept = rows if part.keep is None else [r for r in rows if part.keep(r)]
            kept = kept[:want]
            part.given += len(kept)
            out += kept
            if len(rows) < ask:  # the store has no more (it changed since the counts)
                part.given = part.count
        self.spare = out[limit:] + self.spare
        return out[:limit]

    def set_query(self, text: str | None = None, states: list[str] | None = None) -> None:
        self.query = replace(self.query, text=text or None, states=states or None)
        self.reload()

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        if self.by_deadline:
            more = self._fetch(PAGE)
        else:
            more = self.store.list_filings(replace(self.query, offset=len(self.rows), limit=PAGE))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.by_deadline = column == COL_DEADLINE
        self.query = replace(self.query, sort=COLUMNS[column][1], descending=order == Qt.DescendingOrder)
        self.reload()

    def filing(self, row: int):
        return self.rows[row]

    def update_rows(self, lrns) -> bool:
        """Re-read the rows of these filings in place (one indexed look-up each) when their place
        in the list cannot have moved: same state, same Do Not Load flag, same sort value. False
        when the caller must reload the page instead (a filing not on it, e.g. a new one, or one
        that moves), and then nothing was changed here."""
        fresh = []
        for lrn in lrns:
            i = self.row_of(lrn)
            if i < 0:
                return False
            f = self.store.find(lrn)
            old = self.rows[i]
            if f is None or (f.state, f.do_not_load_at, f.arrival) != (old.state, old.do_not_load_at, old.arrival):
                return False
            if not self.by_deadline and getattr(f, self.query.sort, None) != getattr(old, self.query.sort, None):
                return False
            fresh.append((i, f))
        for i, f in fresh:
            self.rows[i] = f
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        return True

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
        if self.deadline_for is not None:
            return self.deadline_for(f)
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
            if countdown(self._deadline(f), self.now)[1]:  # overdue: the whole line in red
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

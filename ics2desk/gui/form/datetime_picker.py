"""The date-time picker of a time field (issue 15 point 4): a calendar and an hour:minute entry
in a popup under the field, for an agent who would rather point at a day than type it.

It is only another way to type: what it returns is the text the field itself shows for a local
time ('01/12/2026 21:15', the field's zone), so the field reads, keeps and validates it exactly
like typed text. Keys: arrows / Page Up / Page Down on the calendar, Tab to the hour, Enter
accepts, Escape leaves the field as it was.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QPoint, QTime, Qt, Signal
from PySide6.QtWidgets import (QCalendarWidget, QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QTimeEdit, QVBoxLayout, QWidget)

from ... import timeinput


def calendar_locale(lang: str) -> QLocale:
    """French month and day names in the French UI; both start the week on Monday."""
    if lang == "fr":
        return QLocale(QLocale.French, QLocale.France)
    return QLocale(QLocale.English, QLocale.UnitedKingdom)


class DateTimePicker(QDialog):
    """A popup (closes on a click outside, like a combo box list). `picked` carries the field
    text for the chosen day and hour; nothing is emitted on Escape."""

    picked = Signal(str)

    def __init__(self, start: datetime, lang: str, zone: str, parent: QWidget):
        super().__init__(parent, Qt.Popup)
        self.setObjectName("dateTimePicker")
        self.zone = zone
        locale = calendar_locale(lang)
        self.setLocale(locale)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(locale)
        self.calendar.setFirstDayOfWeek(Qt.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.time_label = QLabel(self)
        self.time = QTimeEdit(self)
        self.time.setObjectName("pickerTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setTime(QTime(start.hour, start.minute))
        self.time_label.setBuddy(self.time)
        self.utc = QLabel(self)
        self.utc.setObjectName("fieldMeaning")
        self.ok = QPushButton(self)
        self.ok.setDefault(True)
        self.ok.setAutoDefault(True)
        self.cancel = QPushButton(self)
        self.cancel.setAutoDefault(False)
        self.ok.clicked.connect(self.accept)
        self.cancel.clicked.connect(self.reject)
        # Enter (or a double click) on a day: that day, at the hour shown
        self.calendar.activated.connect(lambda _date: self.accept())
        self.calendar.selectionChanged.connect(self._show_utc)
        self.time.timeChanged.connect(self._show_utc)

        # a popup has no window frame: a drawn edge parts it from the form under it
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        lay = QGridLayout(frame)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.calendar, 0, 0, 1, 3)
        lay.addWidget(self.time_label, 1, 0)
        lay.addWidget(self.time, 1, 1)
        lay.addWidget(self.utc, 1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(self.cancel)
        lay.addLayout(buttons, 2, 0, 1, 3)
        # the day first, then the hour, then the buttons (the calendar's month bar is reached by
        # the mouse or Page Up / Page Down, not by Tab)
        QWidget.setTabOrder(self.calendar, self.time)
        QWidget.setTabOrder(self.time, self.ok)
        QWidget.setTabOrder(self.ok, self.cancel)
        self.retranslate()
        self._show_utc()
        self.accepted.connect(lambda: self.picked.emit(self.text()))

    def text(self) -> str:
        """The field text for the day and hour shown."""
        d, t = self.calendar.selectedDate(), self.time.time()
        return timeinput.wall_text(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def _show_utc(self, *_args) -> None:
        stamp = timeinput.to_ics2_utc(self.text(), self.zone)
        self.utc.setText(timeinput.utc_text(stamp or ""))

    def popup_under(self, anchor: QWidget) -> None:
        """Show under `anchor`, or above it when the screen has no room below (a 768-pixel desk);
        the calendar has the focus."""
        self.adjustSize()
        size = self.sizeHint()
        screen = anchor.screen().availableGeometry()
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        x = max(screen.left(), min(below.x(), screen.right() - size.width()))
        y = below.y()
        if y + size.height() > screen.bottom():
            y = max(screen.top(), anchor.mapToGlobal(QPoint(0, 0)).y() - size.height())
        self.move(x, y)
        self.show()
        self.activateWindow()
        self.calendar.setFocus(Qt.PopupFocusReason)

    def retranslate(self) -> None:
        zone = {timeinput.DESK_ZONE: self.tr("Paris time"), timeinput.UK_ZONE: self.tr("UK time")}
        self.time_label.setText(zone.get(self.zone, self.zone))
        self.ok.setText(self.tr("OK"))
        self.cancel.setText(self.tr("Cancel"))
        self.calendar.setToolTip(self.tr("Arrows: day, Page Up / Page Down: month, Tab: hour, "
                                         "Enter: take it, Escape: leave the field as it was"))

"""The checklist tree of the Incidents tab: step texts and sources wrap over as many lines as
they need (a step cut off with "…" is a step the agent does not read)."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QTreeWidget


class _WrapDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index):
        base = super().sizeHint(option, index)
        text = index.data(Qt.DisplayRole) or ""
        width = self.tree.columnWidth(index.column()) - 8
        if index.column() == 0:  # the branch indentation and the check box take room too
            width -= self.tree.indentation() * 2 + 24
        font = index.data(Qt.FontRole) or option.font
        from PySide6.QtGui import QFontMetrics

        rect = QFontMetrics(font).boundingRect(QRect(0, 0, max(60, width), 10_000), Qt.TextWordWrap, text)
        return QSize(base.width(), max(base.height(), rect.height() + 6))


class ChecklistTree(QTreeWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("checklist")
        self.setColumnCount(3)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.ElideNone)
        self.setItemDelegate(_WrapDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.setColumnWidth(1, 240)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(50)
        self._relayout.timeout.connect(self.doItemsLayout)  # row heights follow the new widths
        header.sectionResized.connect(lambda *_: self._relayout.start())

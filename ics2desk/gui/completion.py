"""Code-list completion for form fields: one shared string model per list, built on first use.

A suggestion reads "CODE  description"; the field keeps only the code (see code_of), so the
agent can type either the code or pick it from the popup with the arrow keys.
"""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit

from .. import codelists

_MODELS: dict[tuple[str, str], QStringListModel] = {}
SEPARATOR = "  "


def code_of(text: str) -> str:
    """'FRCQF  Calais' -> 'FRCQF'; plain codes pass through."""
    return text.split(SEPARATOR, 1)[0].strip()


def _model(list_id: str, lang: str) -> QStringListModel | None:
    key = (list_id, lang)
    if key not in _MODELS:
        rows = codelists.entries(list_id)
        if not rows:
            return None
        items = []
        for e in rows:
            text = e.get(lang) or e.get("en") or e.get("name", "")
            if list_id == "CL244" and e.get("country"):
                text = f"{text} ({e['country']})"
            items.append(f"{e['code']}{SEPARATOR}{text}")
        _MODELS[key] = QStringListModel(items)
    return _MODELS[key]


def attach(edit: QLineEdit, list_id: str, lang: str = "en") -> bool:
    """Give the field a popup of the list's codes; False when we ship no such list."""
    model = _model(list_id, lang)
    if model is None:
        return False
    completer = QCompleter(model, edit)
    completer.setCaseSensitivity(Qt.CaseInsensitive)
    completer.setFilterMode(Qt.MatchStartsWith)
    completer.setMaxVisibleItems(12)
    if model.rowCount() > 2000:  # UN/LOCODE: let the popup render only what it shows
        completer.setModelSorting(QCompleter.UnsortedModel)
    edit.setCompleter(completer)
    # QCompleter writes the whole line into the field after `activated`: reduce it to the code
    # once the completer is done.
    completer.activated[str].connect(lambda text: QTimer.singleShot(0, lambda: edit.setText(code_of(text))))
    return True


def attach_items(edit: QLineEdit, items: list[str], codes: bool) -> bool:
    """A popup of the desk's own entries (address book, goods catalogue); with `codes`, items
    read "CODE  text" and picking one keeps the code."""
    if not items:
        return False
    completer = QCompleter(QStringListModel(items, edit), edit)
    completer.setCaseSensitivity(Qt.CaseInsensitive)
    completer.setFilterMode(Qt.MatchContains)  # type part of a name or of a description
    completer.setMaxVisibleItems(12)
    edit.setCompleter(completer)
    if codes:
        completer.activated[str].connect(lambda text: QTimer.singleShot(0, lambda: edit.setText(code_of(text))))
    return True

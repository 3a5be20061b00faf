"""Code-list completion for form fields: the agent types a code or a name, in any case.

A suggestion reads "CODE  name"; the field keeps only the code (see code_of). The popup is
ranked: the exact code first, then codes starting with what was typed, names starting with
it, names with a word starting with it, and anything containing it ("Birm" finds GBBHM
Birmingham, "cart" the carton, "fr" France). One index per list and language, built on
first use (UN/LOCODE alone is 24,000 rows); a lookup scans it once, a few milliseconds.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit

from ... import codelists

SEPARATOR = "  "
MAX_SUGGESTIONS = 40
#: lists short enough to show whole when the agent asks (Down in an empty field)
SHOW_ALL_UP_TO = 400


def code_of(text: str) -> str:
    """'FRCQF  Calais' -> 'FRCQF'; plain codes pass through."""
    return text.split(SEPARATOR, 1)[0].strip()


def _fold(text: str) -> str:
    """Lower case without accents: 'Écaussinnes' and 'ecau' meet."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if unicodedata.category(c) != "Mn")


@dataclass
class Index:
    """One code list in one language, ready to search."""

    codes: list[str] = field(default_factory=list)
    display: list[str] = field(default_factory=list)  # "CODE  name"
    names: dict[str, str] = field(default_factory=dict)  # code -> name
    by_folded_code: dict[str, str] = field(default_factory=dict)
    by_folded_name: dict[str, list[str]] = field(default_factory=dict)
    keys: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # folded code, name, words

    def name(self, code: str) -> str:
        return self.names.get(code, "")

    def canonical(self, text: str) -> str | None:
        """The code for `text` typed in any case ('fr' -> 'FR'), or None."""
        return self.by_folded_code.get(_fold(text.strip()))

    def search(self, text: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Codes matching `text`, best first."""
        q = _fold(text.strip())
        if not q:
            return self.codes[:limit] if len(self.codes) <= SHOW_ALL_UP_TO else []
        ranks: list[list[str]] = [[], [], [], [], []]
        for code, (fcode, fname, words) in zip(self.codes, self.keys):
            if fcode == q:
                ranks[0].append(code)
            elif fcode.startswith(q):
                ranks[1].append(code)
            elif fname.startswith(q):
                ranks[2].append(code)
            elif any(w.startswith(q) for w in words):
                ranks[3].append(code)
            elif q in fname or q in fcode:
                ranks[4].append(code)
        out: list[str] = []
        for r in ranks:
            out += r[: limit - len(out)]
            if len(out) >= limit:
                break
        return out

    def resolve(self, text: str) -> str | None:
        """The one code `text` stands for: the code in any case, a name typed in full, or the
        only suggestion left. None when it is ambiguous or unknown (the agent chooses)."""
        text = text.strip()
        if not text:
            return None
        code = self.canonical(text) or self.canonical(code_of(text))
        if code:
            return code
        named = self.by_folded_name.get(_fold(text), [])
        if len(named) == 1:
            return named[0]
        found = self.search(text, limit=2)
        return found[0] if len(found) == 1 else None


_INDEXES: dict[tuple[str, str], Index | None] = {}
_WORDS = re.compile(r"\w+")


def index(list_id: str, lang: str = "en") -> Index | None:
    """The list's index in `lang` (names in English where the list has no French)."""
    key = (list_id, lang)
    if key not in _INDEXES:
        rows = codelists.entries(list_id)
        if not rows:
            _INDEXES[key] = None
            return None
        ix = Index()
        for e in rows:
            code = e["code"]
            name = e.get(lang) or e.get("en") or e.get("name", "")
            if list_id == "CL244" and e.get("country"):
                name = f"{name} ({e['country']})"
            english = e.get("en") or e.get("name", "")
            ix.codes.append(code)
            ix.display.append(f"{code}{SEPARATOR}{name}")
            ix.names[code] = name
            ix.by_folded_code.setdefault(_fold(code), code)
            folded = _fold(name)
            ix.by_folded_name.setdefault(folded, []).append(code)
            if english and english != name:
                ix.by_folded_name.setdefault(_fold(english), []).append(code)
                folded = f"{folded} {_fold(english)}"  # French UI: the English name finds it too
            ix.keys.append((_fold(code), folded, tuple(_WORDS.findall(folded))))
        _INDEXES[key] = ix
    return _INDEXES[key]


class _Ranked(QObject):
    """Keeps a completer's model the ranked suggestions for what the line edit says."""

    def __init__(self, edit: QLineEdit, completer: QCompleter, ix: Index):
        super().__init__(edit)
        self.edit, self.completer, self.ix = edit, completer, ix
        # the whole list until the agent types: a prefix set by code still finds its row
        self.model = QStringListModel(ix.display, completer)
        completer.setModel(self.model)
        edit.textEdited.connect(self.update)
        edit.installEventFilter(self)

    def update(self, text: str) -> None:
        self.model.setStringList([f"{c}{SEPARATOR}{self.ix.name(c)}" for c in self.ix.search(text)])

    def eventFilter(self, obj, event):
        # Down (or Alt+Down) in the field opens the list: the whole list when the field is empty
        if event.type() == QEvent.KeyPress and event.key() == Qt.Key_Down and not self.completer.popup().isVisible():
            self.update(self.edit.text())
            if self.model.rowCount():
                self.completer.setCompletionPrefix("")
                self.completer.complete()
                return True
        return False


class _TabLeaves(QObject):
    """Tab (Shift+Tab) or Enter with the list open does what it does in the field at once (the
    next, the previous or the next empty field), taking the line the agent moved onto with the
    arrows, if any: QCompleter alone only closes the list on the first Tab, and the agent
    pressed Tab twice on every code field."""

    def __init__(self, edit: QLineEdit, completer: QCompleter):
        super().__init__(edit)
        self.edit, self.completer = edit, completer
        completer.popup().installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Tab, Qt.Key_Backtab, Qt.Key_Return,
                                                               Qt.Key_Enter) \
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            popup = self.completer.popup()
            index = popup.currentIndex()
            chosen = index.data() if index.isValid() and popup.selectionModel().isSelected(index) else None
            popup.hide()
            if chosen:
                self.edit.setText(code_of(chosen) if self.edit.completer() is self.completer else chosen)
            from PySide6.QtGui import QKeyEvent

            QCoreApplication.sendEvent(self.edit, QKeyEvent(QEvent.KeyPress, event.key(), event.modifiers()))
            return True
        return False


def attach(edit: QLineEdit, list_id: str, lang: str = "en") -> bool:
    """Give the field a ranked popup of the list's codes and names; False when we ship no
    such list."""
    ix = index(list_id, lang)
    if ix is None:
        return False
    completer = QCompleter(edit)
    completer.setCaseSensitivity(Qt.CaseInsensitive)
    completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)  # the ranking filters
    completer.setMaxVisibleItems(12)
    _Ranked(edit, completer, ix)
    edit.setCompleter(completer)
    _TabLeaves(edit, completer)
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
    _TabLeaves(edit, completer)
    if codes:
        completer.activated[str].connect(lambda text: QTimer.singleShot(0, lambda: edit.setText(code_of(text))))
    return True

"""Qt Linguist translations: resources/i18n/ics2desk_<lang>.qm, switched live.

Every widget re-translates itself on QEvent.LanguageChange (changeEvent -> retranslate);
forms loaded from ui/ re-translate through QUiLoader's language-change support.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ..paths import resource_path

LANGUAGES = ("en", "fr")
_installed: QTranslator | None = None
_qt_own: QTranslator | None = None  # Qt's own dialogs (Yes/No, Cancel, the print dialog)
_current = "en"


def current() -> str:
    return _current


def set_language(lang: str) -> bool:
    """Install the translator for lang ('en' removes it). Qt then sends LanguageChange to
    every widget. False when the .qm file is missing (English stays)."""
    global _installed, _current, _qt_own
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if _qt_own is not None:
        app.removeTranslator(_qt_own)
        _qt_own = None
    _current = "en"
    if lang == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(str(resource_path("i18n", f"ics2desk_{lang}.qm"))):
        return False
    app.installTranslator(translator)
    _installed = translator
    qt_own = QTranslator(app)  # optional: without it Qt's buttons stay English, nothing breaks
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt_own)
        _qt_own = qt_own
    _current = lang
    return True

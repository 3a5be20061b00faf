"""Qt Linguist translations: resources/i18n/ics2desk_<lang>.qm, switched live.

Every widget re-translates itself on QEvent.LanguageChange (changeEvent -> retranslate);
forms loaded from ui/ re-translate through QUiLoader's language-change support.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from ..paths import resource_path

LANGUAGES = ("en", "fr")
_installed: QTranslator | None = None
_current = "en"


def current() -> str:
    return _current


def set_language(lang: str) -> bool:
    """Install the translator for lang ('en' removes it). Qt then sends LanguageChange to
    every widget. False when the .qm file is missing (English stays)."""
    global _installed, _current
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    _current = "en"
    if lang == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(str(resource_path("i18n", f"ics2desk_{lang}.qm"))):
        return False
    app.installTranslator(translator)
    _installed = translator
    _current = lang
    return True

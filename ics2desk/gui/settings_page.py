"""Settings: lodging profile, transport, credentials (keyring only), language, crossings and
their lodging cut-offs, data directory. The static layout is ui/settings.ui (QUiLoader,
re-translated by the loader); the crossing rows and the keyring note are filled here."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ..reuse import presets as presets_mod
from ..settings import Settings
from . import i18n
from . import prefs as prefs_mod


class SettingsPage(QWidget):
    language_chosen = Signal(str)
    saved = Signal()

    def __init__(self, data_dir: Path, presets, parent=None):
        super().__init__(parent)
        from .main_window import load_ui

        self.data_dir = Path(data_dir)
        self.presets = presets
        self.prefs = prefs_mod.load(self.data_dir)
        self.ui = load_ui("settings.ui")
        self.ui.setParent(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.ui)
        find = self.ui.findChild
        self.eori, self.name, self.address, self.contact, self.endpoint, self.username = (
            find(QLineEdit, n) for n in ("eori", "name", "address", "contact", "endpoint", "username"))
        self.transport = find(QComboBox, "transport")
        self.transport.addItem("", "simulator")
        self.transport.addItem("", "domibus")
        self.language = find(QComboBox, "language")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.activated.connect(lambda i: self.language_chosen.emit(self.language.itemData(i)))
        find(QLabel, "dataDir").setText(str(self.data_dir))
        self.password_button = find(QPushButton, "passwordButton")
        self.password_button.clicked.connect(self._set_password)
        self.keyring_note = find(QLabel, "keyringNote")
        self.save_button = find(QPushButton, "saveButton")
        self.save_button.clicked.connect(self.save)
        crossings = find(QWidget, "crossingsBox").layout()
        self.cutoffs: dict[str, QDoubleSpinBox] = {}
        self.crossing_labels: dict[str, QLabel] = {}
        for crossing in presets.crossings:
            spin = QDoubleSpinBox(self)
            spin.setRange(0, 24)
            spin.setSingleStep(0.5)
            spin.setValue(crossing.lodging_cutoff_hours)
            self.cutoffs[crossing.id] = spin
            self.crossing_labels[crossing.id] = QLabel(self)
            crossings.addRow(self.crossing_labels[crossing.id], spin)
        self._keyring = prefs_mod.keyring_available()
        self.load()
        self.retranslate()

    def load(self) -> None:
        p = self.prefs
        self.eori.setText(p.eori)
        self.name.setText(p.name)
        self.address.setText(p.address)
        self.contact.setText(p.contact)
        s = Settings.load(self.data_dir)  # transport lives in the desk settings the sender reads
        self.transport.setCurrentIndex(max(0, self.transport.findData(s.transport)))
        self.endpoint.setText(s.domibus_url)
        self.username.setText(s.domibus_username)
        self.language.setCurrentIndex(max(0, self.language.findData(p.language)))

    def save(self) -> None:
        p = self.prefs
        p.eori, p.name, p.address, p.contact = (w.text().strip() for w in (self.eori, self.name, self.address,
                                                                           self.contact))
        p.language = self.language.currentData()
        prefs_mod.save(p, self.data_dir)
        s = Settings.load(self.data_dir)
        s.transport = self.transport.currentData()
        s.domibus_url = self.endpoint.text().strip() or s.domibus_url
        s.domibus_username = self.username.text().strip()
        s.save(self.data_dir)
        for crossing in self.presets.crossings:
            crossing.lodging_cutoff_hours = self.cutoffs[crossing.id].value()
        presets_mod.save(self.presets, self.data_dir)
        self.saved.emit()

    def _set_password(self) -> None:
        if not self._keyring:
            return  # the note says it: asked at each connection
        pw, ok = QInputDialog.getText(self, self.tr("Access point password"), self.tr("Password"),
                                      QLineEdit.Password)
        if ok and pw and self.username.text().strip():
            prefs_mod.store_password(self.username.text().strip(), pw)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.save_button.setObjectName("primary")
        self.transport.setItemText(0, self.tr("Built-in simulator"))
        self.transport.setItemText(1, self.tr("ICS2 access point"))
        if self._keyring:
            self.password_button.setText(self.tr("Set password (stored in the OS keyring)…"))
            self.password_button.setEnabled(True)
            self.keyring_note.setText(self.tr("Credentials are kept in the OS keyring only, never in a file."))
        else:
            self.password_button.setText(self.tr("No keyring available"))
            self.password_button.setEnabled(False)
            self.keyring_note.setText(self.tr("This system has no keyring: the password is not stored and will "
                                              "be asked at each connection."))
        for crossing in self.presets.crossings:
            self.crossing_labels[crossing.id].setText(crossing.title(i18n.current()))
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current())))

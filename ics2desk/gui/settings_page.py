"""Settings: lodging profile, transport, credentials (keyring only), language, crossings
and their lodging cut-offs, data directory."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QInputDialog,
                               QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from ..reuse import presets as presets_mod
from ..settings import Settings
from . import i18n
from . import prefs as prefs_mod


class SettingsPage(QWidget):
    language_chosen = Signal(str)
    saved = Signal()

    def __init__(self, data_dir: Path, presets, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.presets = presets
        self.prefs = prefs_mod.load(self.data_dir)
        self.profile = QGroupBox(self)
        f = QFormLayout(self.profile)
        self.eori, self.name, self.address, self.contact = (QLineEdit(self) for _ in range(4))
        self.eori.setObjectName("eori")
        self.eori.setMaxLength(17)
        self.labels: dict[str, QLabel] = {}
        for key, w in (("eori", self.eori), ("name", self.name), ("address", self.address), ("contact", self.contact)):
            self.labels[key] = QLabel(self)
            f.addRow(self.labels[key], w)
        self.transport_box = QGroupBox(self)
        t = QFormLayout(self.transport_box)
        self.transport = QComboBox(self)
        self.transport.addItem("", "simulator")
        self.transport.addItem("", "domibus")
        self.endpoint, self.username = QLineEdit(self), QLineEdit(self)
        self.password_button = QPushButton(self)
        self.password_button.clicked.connect(self._set_password)
        self.keyring_note = QLabel(self)
        self.keyring_note.setWordWrap(True)
        for key, w in (("transport", self.transport), ("endpoint", self.endpoint), ("username", self.username),
                       ("password", self.password_button)):
            self.labels[key] = QLabel(self)
            t.addRow(self.labels[key], w)
        t.addRow(self.keyring_note)
        self.general = QGroupBox(self)
        g = QFormLayout(self.general)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.activated.connect(lambda i: self.language_chosen.emit(self.language.itemData(i)))
        self.data_label = QLabel(str(self.data_dir), self)
        self.labels["language"], self.labels["data"] = QLabel(self), QLabel(self)
        g.addRow(self.labels["language"], self.language)
        g.addRow(self.labels["data"], self.data_label)
        self.crossings = QGroupBox(self)
        c = QFormLayout(self.crossings)
        self.cutoffs: dict[str, QDoubleSpinBox] = {}
        self.crossing_labels: dict[str, QLabel] = {}
        for crossing in presets.crossings:
            spin = QDoubleSpinBox(self)
            spin.setRange(0, 24)
            spin.setSingleStep(0.5)
            spin.setValue(crossing.lodging_cutoff_hours)
            self.cutoffs[crossing.id] = spin
            self.crossing_labels[crossing.id] = QLabel(self)
            c.addRow(self.crossing_labels[crossing.id], spin)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.profile)
        left.addWidget(self.general)
        right.addWidget(self.transport_box)
        right.addWidget(self.crossings)
        left.addStretch(1)
        right.addStretch(1)
        top.addLayout(left, 1)
        top.addLayout(right, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        lay.addLayout(buttons)
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
        if not prefs_mod.keyring_available():
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
        self.profile.setTitle(self.tr("Lodging profile"))
        self.transport_box.setTitle(self.tr("Transport"))
        self.general.setTitle(self.tr("General"))
        self.crossings.setTitle(self.tr("Crossings: lodging cut-off before arrival (hours)"))
        texts = {"eori": self.tr("EORI (EU)"), "name": self.tr("Name"), "address": self.tr("Address"),
                 "contact": self.tr("Contact"), "transport": self.tr("Send through"),
                 "endpoint": self.tr("Access point URL"), "username": self.tr("User name"),
                 "password": self.tr("Password"), "language": self.tr("Language"), "data": self.tr("Data directory")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.transport.setItemText(0, self.tr("Built-in simulator"))
        self.transport.setItemText(1, self.tr("ICS2 access point"))
        if prefs_mod.keyring_available():
            self.password_button.setText(self.tr("Set password (stored in the OS keyring)…"))
            self.password_button.setEnabled(True)
            self.keyring_note.setText(self.tr("Credentials are kept in the OS keyring only, never in a file."))
        else:
            self.password_button.setText(self.tr("No keyring available"))
            self.password_button.setEnabled(False)
            self.keyring_note.setText(self.tr("This system has no keyring: the password is not stored and will "
                                              "be asked at each connection."))
        self.save_button.setText(self.tr("Save settings"))
        for crossing in self.presets.crossings:
            self.crossing_labels[crossing.id].setText(crossing.title(i18n.current()))
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current())))

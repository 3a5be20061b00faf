"""Settings: lodging profile, transport, credentials (keyring only), language, crossings and
their lodging cut-offs, data directory. The static layout is ui/settings.ui (QUiLoader); each
field is an option of the registry (ics2desk.options: Option.widget names the field, its label
comes from the option), loaded from and saved to it; the crossing rows and the keyring note are
filled here. A save is applied at once: the registry tells its listeners (the sender rebuilds its
transport) and `saved` tells the window (deadlines follow)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QInputDialog, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ... import options
from ...errors import KnownError
from ...reuse import presets as presets_mod
from .. import i18n
from .. import prefs as prefs_mod


class SettingsPage(QWidget):
    language_chosen = Signal(str)
    saved = Signal()

    def __init__(self, data_dir: Path, presets, parent=None):
        super().__init__(parent)
        from ..main_window import load_ui

        self.data_dir = Path(data_dir)
        self.presets = presets
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
        # the page's fields, each an option: widget and its form label (from the option, per language)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        for opt in options.OPTIONS.values():
            if opt.widget:
                widget = find(QWidget, opt.widget)
                self.fields[opt.name] = widget
                form = widget.parentWidget().layout()  # the label of the field's row in its form
                label = form.labelForField(widget) if isinstance(form, QFormLayout) else None
                if isinstance(label, QLabel):
                    self.labels[opt.name] = label
        self._keyring = prefs_mod.keyring_available()
        self.load()
        self.retranslate()

    def load(self) -> None:
        reg = options.Registry.for_data_dir(self.data_dir)
        for name, widget in self.fields.items():
            if options.OPTIONS[name].secret:
                continue  # never read back: the button sets it
            value = reg.get(name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            else:
                widget.setText(value)

    def save(self) -> None:
        try:
            reg = options.Registry.for_data_dir(self.data_dir)
            for name, widget in self.fields.items():
                if options.OPTIONS[name].secret:
                    continue
                value = widget.currentData() if isinstance(widget, QComboBox) else widget.text().strip()
                if name == "domibus_url" and not value:
                    continue  # an emptied address keeps the one saved: there is no sending to nowhere
                reg.set(name, value)
            reg.save()  # the registry's listeners (the sender) hear of it now
        except KnownError as exc:
            QMessageBox.warning(self, "ics2desk", str(exc))
            return
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
        french = i18n.current() == "fr"
        for name, label in self.labels.items():
            opt = options.OPTIONS[name]
            label.setText((opt.label_fr if french else opt.label) or opt.name)
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

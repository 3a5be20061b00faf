"""The Qt (PySide6) layer: widgets and Qt models over the Qt-free core. See ics2desk/README.md."""

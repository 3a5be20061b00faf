"""The GUI's preferences: the lodging profile (agency scope, settings.json) and the language
(user scope, user.json), the "prefs" view over ics2desk.options. desk.json, where version 1 kept
them, is upgraded on first read. The access-point password only in the OS keyring (the
registry's one service, user = settings.domibus_username)."""
from __future__ import annotations

from pathlib import Path

from .. import options
from ..options import KEYRING_SERVICE as SERVICE  # noqa: F401  (kept for older callers)


class Prefs(options.View, view="prefs", extra_scope="user"):
    """language, eori, name, address, contact as attributes; `extra` still answers for
    lodging_role and representative_status, which version 1 kept there."""


def path(data_dir: Path) -> Path:
    """The file the lodging profile is saved in (the one the sender's settings share)."""
    return Path(data_dir) / options.SETTINGS_FILE


def load(data_dir: Path) -> Prefs:
    return Prefs.from_registry(options.Registry.for_data_dir(data_dir))


def save(prefs: Prefs, data_dir: Path) -> None:
    reg = options.Registry.for_data_dir(data_dir)
    prefs.to_registry(reg)
    reg.save()


def keyring_available() -> bool:
    """False when keyring fell back to its 'fail' backend: then we ask each time."""
    return options.keyring_available()


def store_password(username: str, password: str) -> bool:
    from keyring.errors import KeyringError

    try:
        options.write_secret("domibus_password", password, {"domibus_username": username})
        return True
    except KeyringError:
        return False


def password(username: str) -> str | None:
    from keyring.errors import KeyringError

    try:
        return options.read_secret("domibus_password", {"domibus_username": username})
    except KeyringError:
        return None

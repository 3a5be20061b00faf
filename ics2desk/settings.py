"""Desk settings (Qt-free): transport choice, endpoints, P-Mode values, sending pace, LRN prefix,
continuity thresholds: the "settings" view over the registry (ics2desk.options, where each option
is declared once, its scope and where that scope is stored).

Stored in settings.json in the data dir (agency and desk scopes, for now). Never secrets: the
Domibus password lives only in the OS keyring (options.KEYRING_SERVICE, user = domibus_username);
saving refuses secret-looking keys.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import options
from .options import KEYRING_SERVICE  # noqa: F401  (kept: older callers import it from here)

FILE_NAME = options.SETTINGS_FILE


class Settings(options.View, view="settings"):
    """The options of view "settings" as attributes (settings.transport, settings.lrn_prefix, ...);
    `extra` holds free keys, and still answers for the keys version 1 kept there."""

    @classmethod
    def load(cls, data_dir: str | os.PathLike) -> "Settings":
        return cls.from_registry(options.Registry.for_data_dir(data_dir))

    def save(self, data_dir: str | os.PathLike) -> Path:
        """Write the values (other views' options and unknown keys in the same file are kept) and
        tell the registry's listeners what changed."""
        reg = options.Registry.for_data_dir(data_dir)
        self.to_registry(reg)
        reg.save()
        return Path(data_dir) / FILE_NAME


def domibus_password(settings: Settings) -> str | None:
    return options.read_secret("domibus_password", settings.option_values())


def set_domibus_password(settings: Settings, password: str) -> None:
    options.write_secret("domibus_password", password, settings.option_values())

"""ELO settings, the "elo" view over ics2desk.options, and the client they describe. Stored in the
database (elo_settings, row "settings"), where the agency's options are headed; secrets never go
there: the static token and the client secret live in the OS keyring (see auth.py)."""
from __future__ import annotations

from .. import options
from .auth import ClientCredentialsTokenSource, StaticTokenSource, TokenSource
from .client import EloClient
from .errors import EloNotConfigured

ROW = "settings"


class StoreRow:
    """An options backend: one JSON row of the EloStore's elo_settings table."""

    def __init__(self, store):
        self.store = store
        self.name = f"elo_settings:{ROW}"

    def read(self) -> dict:
        saved = self.store.setting(ROW, {}) or {}
        return dict(saved) if isinstance(saved, dict) else {}

    def write(self, raw: dict) -> None:
        self.store.set_setting(ROW, raw)

    def stamp(self) -> object:
        return self.store.setting(ROW)


def registry(store) -> options.Registry:
    row = StoreRow(store)
    return options.Registry({"agency": row, "desk": row}, where=row.name, views=("elo",))


class EloSettings(options.View, view="elo"):
    """base_url, auth_mode, token_url, client_id, auto_create, timeout as attributes."""

    @classmethod
    def load(cls, store) -> "EloSettings":
        return cls.from_registry(registry(store))

    def save(self, store) -> None:
        reg = registry(store)
        self.to_registry(reg)
        reg.save()

    def token_source(self) -> TokenSource:
        if self.auth_mode == "static":
            return StaticTokenSource()
        if self.auth_mode == "client_credentials":
            return ClientCredentialsTokenSource(self.token_url, self.client_id, self.timeout)
        raise EloNotConfigured(f"Unknown ELO authentication mode {self.auth_mode!r}")

    def client(self) -> EloClient:
        return EloClient(self.base_url, self.token_source(), self.timeout)

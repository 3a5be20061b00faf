"""ELO settings (in elo_settings) and the client they describe. Secrets never go here: the static
token and the client secret live in the OS keyring (service `ics2desk`, see auth.py)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from .auth import ClientCredentialsTokenSource, StaticTokenSource, TokenSource
from .client import EloClient
from .errors import EloNotConfigured


@dataclass
class EloSettings:
    base_url: str = ""  # e.g. the GUN2 ESB address given with the DGDDI agreement, or the simulator
    auth_mode: str = "static"  # "static" (pasted token) or "client_credentials" (assumed OAuth 2.0)
    token_url: str = ""
    client_id: str = ""
    auto_create: bool = True  # create the envelope as soon as the ENS is registered, else on one click
    timeout: float = 15.0

    @classmethod
    def load(cls, store) -> "EloSettings":
        saved = store.setting("settings", {}) or {}
        return cls(**{f.name: saved[f.name] for f in fields(cls) if f.name in saved})

    def save(self, store) -> None:
        store.set_setting("settings", asdict(self))

    def token_source(self) -> TokenSource:
        if self.auth_mode == "static":
            return StaticTokenSource()
        if self.auth_mode == "client_credentials":
            return ClientCredentialsTokenSource(self.token_url, self.client_id, self.timeout)
        raise EloNotConfigured(f"Unknown ELO authentication mode {self.auth_mode!r}")

    def client(self) -> EloClient:
        return EloClient(self.base_url, self.token_source(), self.timeout)

"""Where the bearer token comes from. The OpenAPI file says only "Bearer value of the access
token transmitted by the customs authentication server"; the server's flow is given to operators
with the agreement. So the source is pluggable (anything with token() and invalidate()):

- StaticTokenSource: a token the agent pastes from DGDDI's portal, kept in the OS keyring.
- ClientCredentialsTokenSource: ASSUMED OAuth 2.0 client-credentials grant (RFC 6749 §4.4) on a
  token URL, client id in the settings, client secret in the OS keyring; the answer is
  {access_token, expires_in}. Replace this class if DGDDI's server works otherwise.
"""
from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import httpx


def _keyring():
    import keyring  # ~70 ms of backends to load: only when a secret is really read or written

    return keyring

from .. import options
from ..options import KEYRING_SERVICE  # the desk's one keyring service
from .errors import EloAuthRefused, EloNotConfigured, EloUnavailable

TOKEN_KEY = options.keyring_entry("elo_token", {})  # the keyring entries are declared with the options


def secret_key(client_id: str) -> str:
    return options.keyring_entry("elo_client_secret", {"elo_client_id": client_id})


class TokenSource(Protocol):
    def token(self) -> str: ...

    def invalidate(self) -> None: ...


class StaticTokenSource:
    def __init__(self, key: str = TOKEN_KEY):
        self.key = key

    @staticmethod
    def save(token: str, key: str = TOKEN_KEY) -> None:
        _keyring().set_password(KEYRING_SERVICE, key, token.strip())

    def token(self) -> str:
        value = _keyring().get_password(KEYRING_SERVICE, self.key)
        if not value:
            raise EloNotConfigured("No ELO access token: paste the token issued by French customs in the ELO settings.")
        return value

    def invalidate(self) -> None:
        pass  # nothing to refresh: the agent must paste a new one (the 401 message says so)


class ClientCredentialsTokenSource:
    """Caches the access token until shortly before it expires; thread-safe."""

    MARGIN = 30  # seconds: renew before expiry rather than send a token about to die

    def __init__(self, token_url: str, client_id: str, timeout: float = 10.0, transport: httpx.BaseTransport | None = None):
        if not token_url or not client_id:
            raise EloNotConfigured("ELO authentication: set the token URL and the client id in the ELO settings.")
        self.token_url = token_url
        self.client_id = client_id
        self.timeout = timeout
        self.transport = transport
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires = 0.0

    @staticmethod
    def save_secret(client_id: str, secret: str) -> None:
        _keyring().set_password(KEYRING_SERVICE, secret_key(client_id), secret)

    def token(self) -> str:
        with self._lock:
            if self._token and time.monotonic() < self._expires - self.MARGIN:
                return self._token
            secret = _keyring().get_password(KEYRING_SERVICE, secret_key(self.client_id))
            if not secret:
                raise EloNotConfigured(f"No client secret for ELO client {self.client_id}: enter it in the ELO settings.")
            import httpx  # only when a token is really fetched (keeps the desk's start fast)

            try:
                with httpx.Client(timeout=self.timeout, transport=self.transport) as http:
                    r = http.post(self.token_url, data={"grant_type": "client_credentials"},
                                  auth=(self.client_id, secret))
            except httpx.TransportError as exc:
                raise EloUnavailable(f"ELO authentication server unreachable ({self.token_url}): {exc}") from exc
            if r.status_code in (400, 401, 403):
                raise EloAuthRefused(f"The customs authentication server refused client {self.client_id} "
                                     f"(HTTP {r.status_code}): check the client id and secret.")
            if r.status_code != 200:
                raise EloUnavailable(f"ELO authentication server answered HTTP {r.status_code}")
            try:
                body = r.json()
                self._token = str(body["access_token"])
                self._expires = time.monotonic() + float(body.get("expires_in", 300))
            except (ValueError, KeyError) as exc:
                raise EloUnavailable("ELO authentication server answered without an access_token") from exc
            return self._token

    def invalidate(self) -> None:
        with self._lock:
            self._token = None

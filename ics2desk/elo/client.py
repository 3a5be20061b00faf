"""HTTP client for DGDDI's API_BREXIT_ELO v1.2.0: create, modify, retrieve an envelope.

Every body is checked against resources/elo/*.schema.json before it leaves (a bad request is
the desk's bug or bad input, never sent) and every answer on arrival. Blocking I/O: call from a
worker thread, never from the GUI thread.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadInputError
from ..failures import FailureKind
from .auth import TokenSource
from .errors import EloAuthRefused, EloNotConfigured, EloProtocolError, EloRefused, EloUnavailable
from .schemas import problems

if TYPE_CHECKING:  # httpx costs ~150 ms to import: only when the desk really talks to DGDDI
    import httpx

#: request code -> (path, OK answer code, refusal code)
OPERATIONS = {
    "ENV_CRE01": ("/enveloppe", "ENV_CRE02", "ENV_CRE03"),
    "ENV_MOD01": ("/enveloppe/modifier", "ENV_MOD02", "ENV_MOD03"),
    "ENV_REC01": ("/enveloppe/recuperer", "ENV_REC02", "ENV_REC03"),
}


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Exchange:
    """One request as sent; kept by the queue so that a retry is byte-identical (same messageId)."""

    message_code: str
    body: dict
    functional_id: str
    message_id: str
    correlation_id: str


def make_exchange(message_code: str, body: dict, numero_dossier: str | None = None) -> Exchange:
    """functionalId: the envelope number, or on creation the correlation id (as the API says)."""
    correlation = new_id()
    return Exchange(message_code, body, numero_dossier or correlation, new_id(), correlation)


class EloClient:
    def __init__(self, base_url: str, tokens: TokenSource, timeout: float = 15.0,
                 transport: httpx.BaseTransport | None = None):
        if not base_url:
            raise EloNotConfigured("No ELO service address: set it in the ELO settings.")
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        import httpx

        self._http = httpx.Client(timeout=timeout, transport=transport)
        self.last_request: tuple[dict, dict] | None = None  # (headers, body), for logs and tests

    def close(self) -> None:
        self._http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- the three operations; each returns the `enveloppe` object of the answer -------------
    def create(self, appairage: dict, mrns: list[str]) -> dict:
        return self.send(make_exchange("ENV_CRE01", {"informationsAppairage": appairage,
                                                     "identifiantsDeclaration": list(mrns)}))

    def modify(self, numero_dossier: str, appairage: dict, add: list[str] = (), remove: list[str] = ()) -> dict:
        body = {"numeroDossier": numero_dossier, "informationsAppairage": appairage,
                "identifiantsDeclarationAAjouter": list(add), "identifiantsDeclarationASupprimer": list(remove)}
        return self.send(make_exchange("ENV_MOD01", body, numero_dossier))

    def retrieve(self, numero_dossier: str) -> dict:
        return self.send(make_exchange("ENV_REC01", {"numeroDossier": numero_dossier}, numero_dossier))

    # --- the exchange ---------------------------------------------------------------------
    def send(self, ex: Exchange) -> dict:
        import httpx

        path, ok_code, ko_code = OPERATIONS[ex.message_code]
        bad = problems(ex.message_code, ex.body)
        if bad:
            raise BadInputError(f"ELO {ex.message_code} not sent, the request is not valid: " + "; ".join(bad))
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self.tokens.token()}", "messageCode": ex.message_code,
                       "functionalId": ex.functional_id, "messageId": ex.message_id,
                       "correlationId": ex.correlation_id, "Accept": "application/json"}
            self.last_request = (headers, ex.body)
            try:
                r = self._http.post(self.base_url + path, json=ex.body, headers=headers)
            except httpx.TimeoutException as exc:
                raise EloUnavailable(f"ELO service did not answer in time ({exc.__class__.__name__})",
                                     FailureKind.TIMEOUT) from exc
            except httpx.TransportError as exc:
                raise EloUnavailable(f"ELO service unreachable at {self.base_url}: {exc}",
                                     FailureKind.GATEWAY_UNREACHABLE) from exc
            if r.status_code in (401, 403):
                self.tokens.invalidate()
                if attempt == 1:
                    continue  # a cached token may just have expired: one fresh try
                raise EloAuthRefused(f"ELO service refused the access token (HTTP {r.status_code}): "
                                     "renew the token or check the client credentials in the ELO settings.")
            break
        if r.status_code == 200:
            body = self._json(r, ok_code)
            env = body.get("enveloppe")
            if not isinstance(env, dict) or not env.get("numeroDossier"):
                raise EloProtocolError(f"ELO {ok_code} answer carries no envelope number")
            return env
        if r.status_code == 400:
            body = self._json(r, ko_code)
            err = body.get("informationsErreur") or {}
            raise EloRefused(ex.message_code, err.get("statut", ""), err.get("libelleErreur", ""),
                             err.get("numeroDossier") or (ex.functional_id if ex.message_code != "ENV_CRE01" else None))
        if r.status_code >= 500 or r.status_code in (404, 408, 429):
            raise EloUnavailable(f"ELO service unavailable (HTTP {r.status_code})")
        raise EloProtocolError(f"ELO service answered HTTP {r.status_code} to {ex.message_code}, "
                               "which the API does not document")

    @staticmethod
    def _json(r: httpx.Response, code: str) -> dict:
        try:
            body = r.json()
        except ValueError as exc:
            raise EloProtocolError(f"ELO {code} answer is not JSON") from exc
        bad = problems(code, body)
        if bad:
            raise EloProtocolError(f"ELO {code} answer does not follow the published schema: " + "; ".join(bad[:5]))
        return body

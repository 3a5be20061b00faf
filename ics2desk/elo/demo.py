"""`--demo` wiring: an in-process ELO test double and a service that talks to it, without
touching the saved ELO settings or the OS keyring (the double accepts any bearer token)."""
from __future__ import annotations

from .client import EloClient
from .service import EloService
from .simulator import EloSimulator
from .store import EloStore


class FixedTokenSource:
    def __init__(self, token: str = "demo"):
        self._token = token

    def token(self) -> str:
        return self._token

    def invalidate(self) -> None:
        pass


def start_demo_simulator(port: int = 0) -> EloSimulator:
    """Start the double in a daemon thread; call .stop() on exit."""
    return EloSimulator(port=port).start()


def demo_service(sim: EloSimulator, store: EloStore | None = None) -> EloService:
    """A service for the current thread, wired to `sim` (one per thread, like EloStore)."""
    return EloService(store or EloStore(), client_factory=lambda: EloClient(sim.url, FixedTokenSource(), timeout=5))

"""ELO test fixtures: a running test double and a desk-side service wired to it."""
from __future__ import annotations

import pytest

from ics2desk.elo.auth import StaticTokenSource
from ics2desk.elo.client import EloClient
from ics2desk.elo.service import EloService
from ics2desk.elo.settings import EloSettings
from ics2desk.elo.simulator import EloSimulator
from ics2desk.elo.store import EloStore


@pytest.fixture
def elo_sim():
    with EloSimulator() as sim:
        yield sim


@pytest.fixture
def elo_client(elo_sim):
    StaticTokenSource.save("test-token")
    with EloClient(elo_sim.url, StaticTokenSource(), timeout=5) as client:
        yield client


class Clock:
    def __init__(self):
        self.t = 1_000_000.0

    def __call__(self):
        return self.t


@pytest.fixture
def elo_service(elo_sim, data_dir):
    StaticTokenSource.save("test-token")
    store = EloStore()
    EloSettings(base_url=elo_sim.url, timeout=5).save(store)
    service = EloService(store, clock=Clock())
    yield service
    store.close()

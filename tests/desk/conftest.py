"""A desk on an empty store (opened under another name than the desk's), its events recorded:
`desk.listeners` feeds `desk.changes`."""
from __future__ import annotations

import pytest
from desk_tools import AGENT

from ics2desk.desk import Desk
from ics2desk.store import open_store


@pytest.fixture
def store(data_dir):
    s = open_store(data_dir, user="someone-else")
    yield s
    s.close()


@pytest.fixture
def desk(store):
    d = Desk(store, None, AGENT)
    d.changes = []
    d.listeners.append(d.changes.append)
    return d

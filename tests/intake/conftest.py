"""Intake tests: a fixed clock (nothing depends on today's date), a template ENS file, a store."""
from __future__ import annotations

from pathlib import Path

import pytest

from ics2desk import clock, samples
from ics2desk.store import open_store
from ics2desk.xml import writer

from intake_files import NOW


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.using(clock.FixedClock(NOW)) as source:
        yield source


@pytest.fixture
def template(tmp_path) -> Path:
    """The agency's base ENS for this customer: a complete ferry filing (its truck is cleared)."""
    path = tmp_path / "base-vandijk.xml"
    path.write_bytes(writer.to_bytes(samples.ferry_filing("TEMPLATE0001")))
    return path


@pytest.fixture
def store(data_dir):
    s = open_store(data_dir)
    yield s
    s.close()

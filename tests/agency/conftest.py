"""The agency tests run against a real PostgreSQL started here (tests/pgcluster.py)."""
from __future__ import annotations

import uuid

import pytest

from pgcluster import Cluster


@pytest.fixture(scope="session")
def cluster():
    c = Cluster().start()
    try:
        yield c
    finally:
        c.destroy()


class Agency:
    """One agency database on the test cluster, set up by `db init`, and its agents."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.dbname = cluster.new_database()
        self.owner_url = cluster.url(dbname=self.dbname)
        from ics2desk.store import agency

        agency.init(self.owner_url)

    def add(self, role: str, name: str | None = None) -> tuple[str, str]:
        """A new agent with `role`; returns (name, URL with its password)."""
        from ics2desk.store import agency, pg

        name = name or f"{role}_{uuid.uuid4().hex[:6]}"
        password = "pw-" + uuid.uuid4().hex[:10]
        conn = pg.connect(self.owner_url, listen=False)
        try:
            agency.add_user(conn, name, role, password)
        finally:
            conn.close()
        return name, self.cluster.url(name, password, self.dbname)


@pytest.fixture
def agency_db(cluster):
    return Agency(cluster)

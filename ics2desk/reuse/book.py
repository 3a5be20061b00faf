"""Address book of parties by EORI and goods catalogue, learnt from saved filings (Qt-free).

Tables `reuse_parties` and `reuse_goods` live in the store's SQLite database (the caller
passes the connection of its own thread); the store's migrations create them.
"""
from __future__ import annotations

import copy
import json
import sqlite3

from .. import clock
from ..model import EnsDocument
from ..store.tx import immediate_transaction

#: party groups worth remembering, by the last step of their table path
PARTY_GROUPS = ("declarant", "representative", "carrier", "consignor", "consignee", "buyer", "seller")



def _now() -> str:
    return clock.now().isoformat(timespec="seconds")


def ensure(conn: sqlite3.Connection) -> None:
    """The reuse_* tables come with the store's migrations (step 6); a connection that did not go
    through ics2desk.store.db.connect is brought up to date here, inside no caller's transaction."""
    from ..store.migrations import LATEST, migrate, schema_version

    if schema_version(conn) < LATEST:
        migrate(conn)


def _parties(doc: EnsDocument):
    for el in doc.spec.iter_elements():
        if el.name in PARTY_GROUPS and el.is_group:
            for inst in doc.instances(el.path):
                if isinstance(inst.value, dict):
                    yield el.name, inst.value


def remember(conn: sqlite3.Connection, doc: EnsDocument) -> None:
    """Learn every identified party and every goods description of a saved filing."""
    ensure(conn)
    now = _now()
    rows = []
    for role, party in _parties(doc):
        eori = party.get("identificationNumber")
        if eori and party.get("name"):
            kept = {k: copy.deepcopy(v) for k, v in party.items() if k != "status"}
            rows.append((eori, party["name"], role, json.dumps(kept, ensure_ascii=False), now))
    goods = []
    for _, _, item in doc.goods_items():
        desc = (item.get("commodity") or {}).get("descriptionOfGoods")
        if desc:
            hs = ((item.get("commodity") or {}).get("commodityCode") or {}).get("harmonizedSystemSubHeadingCode")
            pack = next((p.get("typeOfPackages") for p in item.get("packaging", []) if p.get("typeOfPackages")), None)
            goods.append((desc, hs, pack, now))
    with immediate_transaction(conn):
        conn.executemany("INSERT INTO reuse_parties(eori, name, role, party, used_at) VALUES(?,?,?,?,?) "
                         "ON CONFLICT(eori) DO UPDATE SET name=excluded.name, role=excluded.role, "
                         "party=excluded.party, used_at=excluded.used_at", rows)
        conn.executemany("INSERT INTO reuse_goods(description, hs, package_type, used_at) VALUES(?,?,?,?) "
                         "ON CONFLICT(description) DO UPDATE SET hs=COALESCE(excluded.hs, reuse_goods.hs), "
                         "package_type=COALESCE(excluded.package_type, reuse_goods.package_type), "
                         "used_at=excluded.used_at",
                         goods)


def party(conn: sqlite3.Connection, eori: str) -> dict | None:
    ensure(conn)
    row = conn.execute("SELECT party FROM reuse_parties WHERE eori=?", (eori.strip(),)).fetchone()
    return json.loads(row[0]) if row else None


def parties(conn: sqlite3.Connection, limit: int = 500) -> list[tuple[str, str]]:
    """(EORI, name), most recently used first, for completion."""
    ensure(conn)
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT eori, name FROM reuse_parties ORDER BY used_at DESC LIMIT ?", (limit,))]


def goods(conn: sqlite3.Connection, limit: int = 500) -> list[tuple[str, str | None, str | None]]:
    """(description, HS sub-heading, package type), most recently used first."""
    ensure(conn)
    return [tuple(r) for r in conn.execute(
        "SELECT description, hs, package_type FROM reuse_goods ORDER BY used_at DESC LIMIT ?", (limit,))]


def goods_item(conn: sqlite3.Connection, description: str) -> tuple[str | None, str | None] | None:
    ensure(conn)
    row = conn.execute("SELECT hs, package_type FROM reuse_goods WHERE description=?", (description,)).fetchone()
    return (row[0], row[1]) if row else None


def fill_missing(target: dict, source: dict) -> None:
    """Copy what the target lacks, merging into its existing dicts (the form is bound to them)."""
    for key, value in source.items():
        if isinstance(value, dict):
            fill_missing(target.setdefault(key, {}), value)
        elif isinstance(value, list):
            existing = target.setdefault(key, [])
            if not any(any(v for v in (e.values() if isinstance(e, dict) else [e])) for e in existing):
                existing[:] = copy.deepcopy(value)
        elif not target.get(key):
            target[key] = value

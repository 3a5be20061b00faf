"""The agency's settings in the agency database: the options of scope "agency" (access point,
P-Mode, lodging profile, LRN prefix, continuity thresholds) are the same for every desk, and only
an admin changes them (the database's grants say so, not a hidden field).

A backend of the settings registry (ics2desk/options.py) that `install` plugs in when the desk
works on an agency database. Reading: what the agency database holds, over what this desk's
settings.json said before (so an existing desk keeps its values until an admin sets them for
the agency). Each successful read is kept in `agency-settings.json` in the data dir, and that
copy is what the desk uses while the database is out of reach: sending, the journal and the LRN
prefix keep working. Writing: the changed keys only, in one transaction; a clerk's or a
declarant's save of an agency option is refused by the database (PermissionDeniedError).
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .. import clock, options
from ..errors import PermissionDeniedError, SignInError, StoreUnavailableError

CACHE_FILE = "agency-settings.json"
STAMP_EVERY_S = 10.0  # how often a running desk asks the database whether the agency's settings moved
READ_FRESH_S = 2.0  # a read this recent serves again: Settings.load runs on every save, not one connection each


def _agency_keys() -> set[str]:
    return {o.key for o in options.OPTIONS.values() if o.scope == "agency" and not o.secret} | {"extra"}


class AgencySettings:
    """Backend for the "agency" scope: the agency database, this desk's older values below it."""

    def __init__(self, data_dir: Path, url: str, below: options.Backend):
        self.data_dir = Path(data_dir)
        self.url = url
        self.below = below
        self.cache = self.data_dir / CACHE_FILE
        self.name = "agency database settings"
        self._stamp: tuple[float, object] | None = None
        self._read: tuple[float, dict] | None = None

    # --- the database -------------------------------------------------------------------------
    def _connect(self):
        from ..store import pg

        return pg.connect(self.url, listen=False)

    def _db_read(self, fresh: bool = False) -> dict | None:
        """The agency's stored values, or None when the database cannot be asked now. A read of
        the last READ_FRESH_S seconds serves again unless `fresh` (before a write)."""
        if not fresh and self._read is not None and time.monotonic() - self._read[0] < READ_FRESH_S:
            return dict(self._read[1])
        values = self._ask_database()
        self._read = None if values is None else (time.monotonic(), dict(values))
        return values

    def _ask_database(self) -> dict | None:
        try:
            conn = self._connect()
        except (StoreUnavailableError, SignInError):
            return None
        try:
            return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM agency_settings").fetchall()}
        except StoreUnavailableError:
            return None
        finally:
            conn.close()

    def _cached(self) -> dict:
        try:
            raw = json.loads(self.cache.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) else {}

    def _keep_copy(self, values: dict) -> None:
        try:
            tmp = self.cache.with_name(f"{self.cache.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(values, ensure_ascii=False, indent=1), "utf-8")
            os.replace(tmp, self.cache)
        except OSError:
            pass  # a read-only data dir: the database is still what counts

    # --- the Backend protocol -------------------------------------------------------------------
    def read(self) -> dict:
        keys = _agency_keys()
        base = {k: v for k, v in self.below.read().items() if k in keys}
        stored = self._db_read()
        if stored is None:
            stored = self._cached()
        else:
            self._keep_copy(stored)
        base.update(stored)
        return base

    def write(self, raw: dict) -> None:
        keys = _agency_keys()
        stored = self._db_read(fresh=True)
        if stored is None:
            raise StoreUnavailableError("the agency's settings are in the agency database, which is out of reach: "
                                        "nothing was changed; try again when it is back", str(self.data_dir),
                                        "unreachable")
        below = {k: v for k, v in self.below.read().items() if k in keys}
        current = {**below, **stored}
        changed = {k: v for k, v in raw.items() if k in keys and current.get(k) != v}
        if not changed:
            return
        conn = self._connect()
        try:
            if conn.role not in ("admin", "owner"):
                raise PermissionDeniedError(f"only an admin changes the agency's settings "
                                            f"({', '.join(sorted(changed))}); {conn.user} is {conn.role or 'no agent'}",
                                            conn.user, conn.role)
            conn.execute("BEGIN")
            try:
                for key, value in changed.items():
                    conn.execute("INSERT INTO agency_settings(key, value, updated_at, updated_by) VALUES(?,?,?,?) "
                                 "ON CONFLICT(key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at, "
                                 "updated_by=excluded.updated_by",
                                 (key, json.dumps(value, ensure_ascii=False), clock.stamp(), conn.user))
                conn.execute("INSERT INTO audit(at, user, action, lrn, detail) VALUES(?, ?, ?, NULL, ?)",
                             (clock.stamp(), conn.user, "agency_settings", ", ".join(sorted(changed))[:1000]))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
        self._keep_copy({**stored, **changed})
        self._stamp = self._read = None

    def stamp(self) -> object:
        """Moves when an admin changed the agency's settings (asked at most every STAMP_EVERY_S)."""
        now = time.monotonic()
        if self._stamp is not None and now - self._stamp[0] < STAMP_EVERY_S:
            return self._stamp[1]
        value: object = None
        try:
            conn = self._connect()
            try:
                value = tuple(conn.execute("SELECT COUNT(*), MAX(updated_at) FROM agency_settings").fetchone())
            finally:
                conn.close()
        except (StoreUnavailableError, SignInError):
            value = ("unreachable",)
        self._stamp = (now, value)
        return value


def layout(data_dir) -> dict:
    """Where each scope is stored: the agency scope in the agency database when the desk works on
    one (not in stand-alone, which works from this desk's copy); otherwise the default layout."""
    from ..store import standalone
    from ..store.db import database_url

    data_dir = Path(data_dir)
    key = str(data_dir.resolve())
    if key not in _UPGRADED:  # once per data dir and process: the sender asks for a layout every second
        options.upgrade_data_dir(data_dir)
        _UPGRADED.add(key)
    plain = options.default_layout(data_dir)
    url = database_url()
    if not url:
        return plain
    if standalone.mode(data_dir) is not None:
        plain["agency"] = _Frozen(data_dir, plain["agency"])
        return plain
    backend = _BACKENDS.get((key, url))
    if backend is None:  # one per data dir and database: its stamp is asked every second by the sender
        backend = _BACKENDS[(key, url)] = AgencySettings(data_dir, url, plain["agency"])
    backend.below = plain["agency"]
    plain["agency"] = backend
    return plain


_BACKENDS: dict[tuple[str, str], AgencySettings] = {}
_UPGRADED: set[str] = set()


class _Frozen:
    """In stand-alone the agency's settings are the copy kept at the last sign-in (read-only)."""

    def __init__(self, data_dir: Path, below):
        self.below, self.cache, self.name = below, Path(data_dir) / CACHE_FILE, "agency settings (kept copy)"

    def read(self) -> dict:
        keys = _agency_keys()
        base = {k: v for k, v in self.below.read().items() if k in keys}
        try:
            base.update(json.loads(self.cache.read_text("utf-8")))
        except (OSError, ValueError):
            pass
        return base

    def write(self, raw: dict) -> None:
        raise PermissionDeniedError("in stand-alone the agency's settings cannot be changed: they are the agency "
                                    "database's, kept as they were at the last sign-in")

    def stamp(self) -> object:
        try:
            st = self.cache.stat()
            return st.st_mtime_ns, st.st_size
        except OSError:
            return None


def install() -> None:
    """Used by the command line and the app at start: the layout above for every registry."""
    options.set_layout(layout)

"""The agency database on PostgreSQL (psycopg 3), behind the same small connection interface the
store and its neighbours use on SQLite: `execute(sql, params)` with `?` placeholders, a cursor
with fetchone/fetchall/rowcount/lastrowid, rows readable by position and by name,
`in_transaction`, and `BEGIN IMMEDIATE`/`COMMIT`/`ROLLBACK` issued by `store.tx`.

The store's SQL is written once, in the dialect both engines share; `translate` rewrites the few
spellings that differ (placeholders, `INSERT OR IGNORE`, the reserved word `user`, `instr`), and
adds `RETURNING id` to an insert whose caller reads `lastrowid`. What cannot be rewritten word for
word (the full-text search, PRAGMAs) is asked of the connection by name: `dialect`.

Errors are split here, once: the server out of reach (refused, reset, shut down, timed out) is a
StoreUnavailableError naming the agency database; a statement the signed-in agent's role may not
run (grants, row-level security) is a PermissionDeniedError saying which role may; anything else
is psycopg's own error, a bug.

Changes by other desks arrive as notifications (LISTEN ics2desk, sent by triggers that
`agency.py` installs): `data_version()` counts them and `changes()` says which filings they named,
without a query, so polling it every second costs nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

import psycopg
from psycopg import errors as pg_errors
from psycopg.pq import TransactionStatus

from ..errors import KnownError, PermissionDeniedError, SignInError, StoreUnavailableError

DIALECT = "postgresql"
CHANNEL = "ics2desk"
CONNECT_TIMEOUT_S = 5
#: tables with an identity `id`: an insert into one returns it (the cursor's lastrowid)
ID_TABLES = frozenset({
    "filings", "versions", "messages", "outbox", "attempts", "audit", "alerts", "continuity_incidents",
    "continuity_timeline", "continuity_fallback_requests", "elo_envelopes", "elo_queue"})

#: SQLSTATE class 08 (connection exception), 57P (operator intervention: shutdown, restart), 53 (resources)
_UNREACHABLE_PREFIXES = ("08", "57P", "53")


def redact(url: str) -> str:
    """The URL as an agent may read it in a message: no password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def where_of(url: str) -> str:
    """host:port/db of a libpq URL, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return redact(url)
    host = info.get("host") or "localhost"
    return f"{host}:{info.get('port') or 5432}/{info.get('dbname') or info.get('user') or ''}"


def _unreachable(url: str, exc: BaseException) -> StoreUnavailableError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreUnavailableError(
        f"the agency database ({where_of(url)}) is out of reach: {text}. Check the network and the agency "
        f"server; what you saved before is kept there, and nothing was half-written",
        where_of(url), "unreachable")


_SIGN_IN_TEXTS = ("password authentication failed", "no password supplied", "not permitted to log in",
                  "role \"", "pg_hba.conf rejects", "no pg_hba.conf entry")


def _sign_in_refused(url: str, exc: BaseException) -> SignInError | None:
    text = str(exc)
    if not any(t in text for t in _SIGN_IN_TEXTS):
        return None
    try:
        user = psycopg.conninfo.conninfo_to_dict(url).get("user") or ""
    except psycopg.ProgrammingError:
        user = ""
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return SignInError(f"the agency database ({where_of(url)}) refused the sign-in of {user or 'this agent'}: "
                       f"{first.split('FATAL:')[-1].strip()}. Check the agent name and password (an admin can "
                       f"`ics2desk users list`)")


def _denied(exc: BaseException, user: str, role: str) -> PermissionDeniedError:
    who = f"{user} ({role})" if role else user
    return PermissionDeniedError(
        f"the agency database refused this for {who}: a clerk creates and edits drafts; only a declarant may "
        f"queue, amend, invalidate or answer a request for information, and only an admin manages users and "
        f"agency settings ({str(exc).strip().splitlines()[0]})", user, role)


def is_unreachable(exc: BaseException) -> bool:
    state = getattr(exc, "sqlstate", None) or ""
    if isinstance(exc, (pg_errors.AdminShutdown, pg_errors.CrashShutdown, pg_errors.CannotConnectNow)):
        return True
    if state:
        return state.startswith(_UNREACHABLE_PREFIXES)
    return isinstance(exc, psycopg.OperationalError)  # no SQLSTATE: the socket itself failed


# --- SQL spelled once -------------------------------------------------------------------------
_USER = re.compile(r'(?<![\w"])user(?![\w"])', re.IGNORECASE)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+(?:OR\s+IGNORE\s+)?INTO\s+(\w+)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, bool]:
    """(PostgreSQL text, whether it returns the new row's id). Literals in quotes are left alone."""
    parts = sql.split("'")
    for i in range(1, len(parts), 2):  # inside quotes: psycopg reads every % as a placeholder's start
        parts[i] = parts[i].replace("%", "%%")
    for i in range(0, len(parts), 2):  # outside quotes
        code = parts[i].replace("%", "%%").replace("?", "%s")
        code = _USER.sub('"user"', code)
        code = re.sub(r"\binstr\(", "strpos(", code, flags=re.IGNORECASE)
        parts[i] = code
    out = "'".join(parts).strip()
    if re.match(r"BEGIN\s+IMMEDIATE", out, re.IGNORECASE):
        return "BEGIN", False
    ignore = re.match(r"INSERT\s+OR\s+IGNORE\s+INTO", out, re.IGNORECASE)
    if ignore:
        out = "INSERT INTO" + out[ignore.end():] + " ON CONFLICT DO NOTHING"
    m = _INSERT_INTO.match(out)
    returning = bool(m) and m.group(1).lower() in ID_TABLES and "RETURNING" not in out.upper()
    if returning:
        out += " RETURNING id"
    return out, returning


class Row(tuple):
    """A row readable by position and by column name, like sqlite3.Row (dict(row) works too)."""

    __slots__ = ()
    _names: tuple[str, ...] = ()

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_names": names})


class Cursor:
    def __init__(self, cur: psycopg.Cursor | None, lastrowid: int | None = None, rows: list | None = None):
        self._cur = cur
        self.lastrowid = lastrowid
        self._rows = rows
        self.rowcount = cur.rowcount if cur is not None else (len(rows) if rows is not None else -1)
        self.description = cur.description if cur is not None else None

    def _wrap(self, row):
        if row is None or self._cur is None or self._cur.description is None:
            return row
        return _row_class(tuple(d.name for d in self._cur.description))(row)

    def fetchone(self):
        if self._rows is not None:
            return self._rows.pop(0) if self._rows else None
        if self._cur is None or self._cur.description is None:
            return None
        return self._wrap(self._cur.fetchone())

    def fetchall(self) -> list:
        if self._rows is not None:
            rows, self._rows = self._rows, []
            return rows
        if self._cur is None or self._cur.description is None:
            return []
        cls = _row_class(tuple(d.name for d in self._cur.description))
        return [cls(r) for r in self._cur.fetchall()]

    def __iter__(self) -> Iterator:
        return iter(self.fetchall())


class PgConnection:
    """One agent's session on the agency database (autocommit: the store opens its transactions)."""

    dialect = DIALECT

    def __init__(self, url: str, listen: bool = True):
        self.url = url
        self.listen = listen
        self._conn: psycopg.Connection | None = None
        self._version = 0
        self._changed: set[str] = set()
        self._lost = False  # notifications may have been missed (a new session): changes() cannot say
        self.user = ""
        self.role = ""
        self.row_factory = None  # accepted and ignored: rows are always readable by name
        self._connect()

    # --- the session ------------------------------------------------------------------------
    def _connect(self) -> None:
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                   application_name="ics2desk")
        except psycopg.Error as exc:
            refused = _sign_in_refused(self.url, exc)
            if refused is not None:
                raise refused from None
            raise _unreachable(self.url, exc) from None
        self._conn = conn
        try:
            with conn.cursor() as cur:
                cur.execute("SET TIME ZONE 'UTC'")
                cur.execute("SELECT session_user")
                self.user = cur.fetchone()[0]
                self.role = _role_of(cur, self.user)
                if self.listen:
                    cur.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            conn.close()
            self._conn = None
            raise _unreachable(self.url, exc) from None
        self._version += 1  # a new session may have missed notifications: readers re-read once
        self._lost = True

    def _live(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = None
            self._connect()  # the server came back (or never left): a fresh session
        return self._conn

    @property
    def in_transaction(self) -> bool:
        conn = self._conn
        if conn is None or conn.closed:
            return False
        return conn.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR,
                                                TransactionStatus.ACTIVE)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- statements -------------------------------------------------------------------------
    def execute(self, sql: str, params: Iterable[Any] | dict | None = None) -> Cursor:
        if sql.lstrip().upper().startswith("PRAGMA"):
            return self._pragma(sql)
        text, returning = translate(sql)
        in_tx = self.in_transaction
        conn = self._live() if not in_tx else self._conn
        try:
            cur = conn.cursor()
            # always with parameters (maybe none): the text's %% then always means one %
            cur.execute(text, params if isinstance(params, dict) else tuple(params or ()), prepare=False)
        except psycopg.Error as exc:
            raise self._translate_error(exc) from None
        if returning:
            row = cur.fetchone()
            return Cursor(cur, row[0] if row else None, [])
        return Cursor(cur)

    def raw(self, statement) -> None:
        """A statement composed with psycopg.sql (role names, passwords), sent as is."""
        try:
            self._live().execute(statement)
        except psycopg.Error as exc:
            raise self._translate_error(exc) from None

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        for r in rows:
            self.execute(sql, r)

    def _translate_error(self, exc: psycopg.Error) -> BaseException:
        if is_unreachable(exc):
            return _unreachable(self.url, exc)
        if isinstance(exc, pg_errors.InsufficientPrivilege):
            return _denied(exc, self.user, self.role)
        return exc

    def _pragma(self, sql: str) -> Cursor:
        name = sql.split()[1].split("=")[0].strip().lower()
        if name == "data_version":
            return Cursor(None, rows=[(self.data_version(),)])
        if name == "database_list":
            return Cursor(None, rows=[])
        raise KnownError(f"not available on the agency database: {sql}")

    # --- what other desks changed -----------------------------------------------------------
    def _drain_notifies(self) -> None:
        conn = self._conn
        if conn is None or self.in_transaction:
            return
        try:
            own = conn.info.backend_pid
            for n in conn.notifies(timeout=0):
                if n.pid != own:
                    self._version += 1
                    if n.payload:
                        self._changed.add(n.payload)
        except psycopg.Error:
            self._conn = None  # the session broke: the next statement reconnects and readers re-read
            self._version += 1
            self._lost = True

    def data_version(self) -> int:
        """Moves when another session committed a change (a notification arrived); like SQLite's
        PRAGMA data_version, our own commits do not move it."""
        if self._conn is None or self._conn.closed or self._conn.broken:
            try:
                self._live()
            except StoreUnavailableError:
                return self._version
        self._drain_notifies()
        return self._version

    def changes(self) -> set[str] | None:
        """What other sessions changed since the last call, as notified: 'filing:LRN',
        'outbox:ID', 'alert:ID', 'incident:ID', 'message:ID'. None when the session was renewed
        meanwhile (what happened in between was not heard): read everything again."""
        self._drain_notifies()
        out, self._changed = self._changed, set()
        if self._lost:
            self._lost = False
            return None
        return out

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` seconds for another session's change (headless desks, tests)."""
        before = self._version
        conn = self._live()
        try:
            own = conn.info.backend_pid
            for n in conn.notifies(timeout=timeout, stop_after=1):
                if n.pid != own:
                    self._version += 1
                    if n.payload:
                        self._changed.add(n.payload)
        except psycopg.Error:
            self._conn = None
            self._version += 1
        return self._version != before


ROLES = ("admin", "declarant", "clerk")  # most rights first


def group_role(role: str) -> str:
    return f"ics2desk_{role}"


def _role_of(cur, user: str) -> str:
    """The agent's ics2desk role: the strongest group it is a member of ('' when none: the owner)."""
    cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")
    row = cur.fetchone()
    if row and row[0]:
        return "owner"  # a superuser is "member" of every role: it is the agency database's owner
    cur.execute("SELECT r.rolname FROM pg_roles r WHERE r.rolname LIKE 'ics2desk\\_%%' "
                "AND pg_has_role(session_user, r.oid, 'MEMBER')")
    held = {r[0] for r in cur.fetchall()}
    cur.execute("SELECT rolcreaterole FROM pg_roles WHERE rolname = session_user")
    row = cur.fetchone()
    for role in ROLES:
        if group_role(role) in held:
            return role
    return "owner" if row and row[0] else ""


def connect(url: str, listen: bool = True) -> PgConnection:
    return PgConnection(url, listen=listen)

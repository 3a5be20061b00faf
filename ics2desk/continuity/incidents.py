"""Incidents on disk: open/close, timeline, checklist ticks, fallback requests sent, filings
flagged for retrospective lodging, and the board. Tables are prefixed `continuity_`.

The tables live in the store's database file (ics2desk.sqlite3 in the data dir), next to the
filings they refer to. `IncidentStore` takes either a sqlite3 connection (normally the store's
`Store.conn`) or a path: a directory means the store's file inside it, a file path is used as is;
None means the data dir. The store's own migrations use PRAGMA user_version, so these tables
keep their version in `continuity_meta` and never touch it. One IncidentStore per thread.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import BadInputError, IllegalTransitionError
from ..failures import Component
from ..store.tx import immediate_transaction
from .components import (
    Board,
    NoticeReference,
    component_name,
    observation_from_dict,
    observation_to_dict,
)
from .detection import Observation

DB_NAME = "ics2desk.sqlite3"  # the store's file (ics2desk.store.db.DB_NAME)

# The continuity_* tables are created by the one migration history (ics2desk/store/migrations.py,
# step 6); continuity_meta, which counted their own versions before, is kept and unused.


@dataclass
class Incident:
    id: int
    component: Component
    part: str | None
    opened_at: datetime
    opened_by: str
    playbook_version: str
    reference: str | None
    evidence: list[Observation]
    closed_at: datetime | None = None
    closed_by: str | None = None
    summary: dict = field(default_factory=dict)  # {"fr": ..., "en": ...} once closed

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class Event:
    at: datetime
    user: str | None
    kind: str  # opened, note, tick, untick, declared, fallback_sent, flagged, mrn, recovering, closed
    text: str  # English (or the agent's own words for a note)
    text_fr: str | None = None

    def message(self, lang: str = "en") -> str:
        return self.text_fr if lang == "fr" and self.text_fr else self.text


@dataclass(frozen=True)
class Tick:
    step_id: str
    user: str
    at: datetime


@dataclass(frozen=True)
class SentRequest:
    sent_at: datetime
    sent_to: str
    user: str
    subject: str
    body: str
    lrns: list[str]


@dataclass(frozen=True)
class RetroFiling:
    lrn: str
    flagged_at: datetime
    flagged_by: str
    mrn: str | None
    mrn_at: datetime | None


def _iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        raise BadInputError("times must carry a time zone (UTC)")
    return dt.isoformat()


def _dt(v: str | None) -> datetime | None:
    return datetime.fromisoformat(v) if v else None


class IncidentStore:
    def __init__(self, target: sqlite3.Connection | str | Path | None = None):
        from ..store.db import connect
        from ..store.migrations import migrate

        if isinstance(target, sqlite3.Connection) or hasattr(target, "dialect"):  # a store's connection
            self.conn, self._own = target, False
            migrate(self.conn)  # a no-op on the store's own connection, which is current
        else:
            if target is None:
                from .playbook import default_data_dir

                target = default_data_dir()
            path = Path(target)
            if path.is_dir() or not path.suffix:
                path = path / DB_NAME
            self.conn, self._own = connect(path), True  # the store's connection policy and migrations

    def close(self) -> None:
        if self._own:
            self.conn.close()

    def _tx(self):
        return immediate_transaction(self.conn)

    # --- incidents ---------------------------------------------------------------------
    def open(self, component: Component, now: datetime, user: str, playbook_version: str,
             evidence: list[Observation] = (), part: str | None = None,
             reference: NoticeReference | str | None = None) -> Incident:
        """Open an incident for a component; only one may be open per component."""
        with self._tx() as c:
            existing = c.execute("SELECT id FROM continuity_incidents WHERE component=? AND closed_at IS NULL",
                                 (component.value,)).fetchone()
            if existing:
                raise IllegalTransitionError(
                    f"an incident is already open for {component_name(component)} (#{existing[0]})")
            ref = None if reference is None else str(reference)
            cur = c.execute(
                "INSERT INTO continuity_incidents (component, part, opened_at, opened_by, playbook_version, "
                "reference, evidence) VALUES (?,?,?,?,?,?,?)",
                (component.value, part, _iso(now), user, playbook_version, ref,
                 json.dumps([observation_to_dict(o) for o in evidence])))
            iid = cur.lastrowid
            what = f"incident opened: {component_name(component)}" + (f" ({part})" if part else "")
            quoi = f"incident ouvert : {component_name(component, 'fr')}" + (f" ({part})" if part else "")
            if evidence:
                what += f"; {len(evidence)} observation(s) as evidence"
                quoi += f" ; {len(evidence)} observation(s) comme indices"
            if ref:
                what += f"; reference {ref}"
                quoi += f" ; référence {ref}"
            self._event(iid, now, user, "opened", what, quoi)
        return self.get(iid)

    def get(self, incident_id: int) -> Incident:
        r = self.conn.execute("SELECT * FROM continuity_incidents WHERE id=?", (incident_id,)).fetchone()
        if r is None:
            raise BadInputError(f"no incident #{incident_id}")
        return self._incident(r)

    def active(self) -> list[Incident]:
        rows = self.conn.execute("SELECT * FROM continuity_incidents WHERE closed_at IS NULL ORDER BY id")
        return [self._incident(r) for r in rows]

    def active_for(self, component: Component) -> Incident | None:
        r = self.conn.execute("SELECT * FROM continuity_incidents WHERE component=? AND closed_at IS NULL",
                              (component.value,)).fetchone()
        return None if r is None else self._incident(r)

    def history(self, limit: int = 100) -> list[Incident]:
        rows = self.conn.execute("SELECT * FROM continuity_incidents ORDER BY id DESC LIMIT ?", (limit,))
        return [self._incident(r) for r in rows]

    def set_reference(self, incident_id: int, reference: NoticeReference | str, user: str, now: datetime) -> None:
        self._require_open(incident_id)
        with self._tx() as c:
            c.execute("UPDATE continuity_incidents SET reference=? WHERE id=?", (str(reference), incident_id))
            self._event(incident_id, now, user, "declared", f"declared down, reference {reference}",
                        f"déclaré indisponible, référence {reference}")

    def close_incident(self, incident_id: int, now: datetime, user: str, force: bool = False,
              total_steps: int | None = None) -> dict:
        """Close with a summary ({"fr", "en"}). Refused while fallback filings lack an MRN, unless forced."""
        inc = self._require_open(incident_id)
        missing = self.outstanding(incident_id)
        if missing and not force:
            raise IllegalTransitionError(
                f"{len(missing)} filing(s) handled under the fallback still have no MRN: {', '.join(missing)}")
        with self._tx() as c:
            self._event(incident_id, now, user, "closed", "incident closed" + (" (forced)" if missing else ""),
                        "incident clos" + (" (forcé)" if missing else ""))
            inc.closed_at, inc.closed_by = now, user
            summary = {lang: self._summary(inc, lang, total_steps) for lang in ("fr", "en")}
            c.execute("UPDATE continuity_incidents SET closed_at=?, closed_by=?, summary=? WHERE id=?",
                      (_iso(now), user, json.dumps(summary, ensure_ascii=False), incident_id))
        return summary

    # --- timeline and checklist ----------------------------------------------------------
    def log(self, incident_id: int, now: datetime, text: str, user: str | None = None, kind: str = "note",
            text_fr: str | None = None) -> None:
        if not text.strip():
            raise BadInputError("an empty note is not recorded")
        self._require_open(incident_id)
        with self._tx():
            self._event(incident_id, now, user, kind, text.strip(), text_fr)

    def timeline(self, incident_id: int) -> list[Event]:
        rows = self.conn.execute("SELECT at, user, kind, text, text_fr FROM continuity_timeline "
                                 "WHERE incident_id=? ORDER BY at, id", (incident_id,))
        return [Event(_dt(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def tick(self, incident_id: int, step_id: str, user: str, now: datetime,
             wording: tuple[str, str] | None = None) -> Tick:
        """Record a ticked step; `wording` (EN, FR) puts the step's text in the timeline."""
        if not user.strip():
            raise BadInputError("a ticked step records who ticked it")
        self._require_open(incident_id)
        with self._tx() as c:
            if c.execute("SELECT 1 FROM continuity_ticks WHERE incident_id=? AND step_id=?",
                         (incident_id, step_id)).fetchone():
                raise IllegalTransitionError(f"step {step_id} is already ticked")
            c.execute("INSERT INTO continuity_ticks VALUES (?,?,?,?)", (incident_id, step_id, user, _iso(now)))
            en, fr = wording or (step_id, step_id)
            self._event(incident_id, now, user, "tick", f"done: {en}", f"fait : {fr}")
        return Tick(step_id, user, now)

    def untick(self, incident_id: int, step_id: str, user: str, now: datetime,
               wording: tuple[str, str] | None = None) -> None:
        self._require_open(incident_id)
        with self._tx() as c:
            if c.execute("DELETE FROM continuity_ticks WHERE incident_id=? AND step_id=?",
                         (incident_id, step_id)).rowcount:
                en, fr = wording or (step_id, step_id)
                self._event(incident_id, now, user, "untick", f"un-ticked: {en}", f"décoché : {fr}")

    def ticks(self, incident_id: int) -> dict[str, Tick]:
        rows = self.conn.execute("SELECT step_id, user, at FROM continuity_ticks WHERE incident_id=?", (incident_id,))
        return {r[0]: Tick(r[0], r[1], _dt(r[2])) for r in rows}

    # --- fallback requests ---------------------------------------------------------------
    def record_sent(self, incident_id: int, subject: str, body: str, lrns: list[str], to: str,
                    user: str, now: datetime) -> None:
        """Record that the agent sent the fallback request (the app drafts, the agent sends)."""
        if not to.strip():
            raise BadInputError("say to whom the fallback request was sent")
        self._require_open(incident_id)
        with self._tx() as c:
            c.execute("INSERT INTO continuity_fallback_requests (incident_id, sent_at, sent_to, user, subject, body, "
                      "lrns) VALUES (?,?,?,?,?,?,?)", (incident_id, _iso(now), to.strip(), user, subject, body,
                                                       json.dumps(list(lrns))))
            self._event(incident_id, now, user, "fallback_sent",
                        f"fallback request sent to {to.strip()} for {len(lrns)} declaration(s)",
                        f"demande de procédure de secours envoyée à {to.strip()} pour {len(lrns)} déclaration(s)")

    def sent_requests(self, incident_id: int) -> list[SentRequest]:
        rows = self.conn.execute("SELECT sent_at, sent_to, user, subject, body, lrns FROM "
                                 "continuity_fallback_requests WHERE incident_id=? ORDER BY id", (incident_id,))
        return [SentRequest(_dt(r[0]), r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    # --- retrospective lodging ------------------------------------------------------------
    def flag_for_retrospective(self, incident_id: int, lrns: list[str], user: str, now: datetime) -> list[str]:
        """Mark filings handled under the fallback: they must be lodged electronically afterwards."""
        self._require_open(incident_id)
        added = []
        with self._tx() as c:
            for lrn in lrns:
                cur = c.execute("INSERT OR IGNORE INTO continuity_retrospective (incident_id, lrn, flagged_at, "
                                "flagged_by) VALUES (?,?,?,?)", (incident_id, lrn, _iso(now), user))
                if cur.rowcount:
                    added.append(lrn)
            if added:
                self._event(incident_id, now, user, "flagged",
                            f"flagged for retrospective lodging: {', '.join(added)}",
                            f"à déposer rétrospectivement : {', '.join(added)}")
        return added

    def record_mrn(self, lrn: str, mrn: str, now: datetime) -> bool:
        """An MRN arrived for a flagged filing; True if it was being tracked."""
        with self._tx() as c:
            rows = c.execute("SELECT incident_id FROM continuity_retrospective WHERE lrn=? AND mrn IS NULL",
                             (lrn,)).fetchall()
            for (iid,) in rows:
                c.execute("UPDATE continuity_retrospective SET mrn=?, mrn_at=? WHERE incident_id=? AND lrn=?",
                          (mrn, _iso(now), iid, lrn))
                self._event(iid, now, None, "mrn", f"{lrn} lodged retrospectively: MRN {mrn}",
                            f"{lrn} déposée rétrospectivement : MRN {mrn}")
        return bool(rows)

    def retrospective(self, incident_id: int) -> list[RetroFiling]:
        rows = self.conn.execute("SELECT lrn, flagged_at, flagged_by, mrn, mrn_at FROM continuity_retrospective "
                                 "WHERE incident_id=? ORDER BY lrn", (incident_id,))
        return [RetroFiling(r[0], _dt(r[1]), r[2], r[3], _dt(r[4])) for r in rows]

    def outstanding(self, incident_id: int) -> list[str]:
        return [r.lrn for r in self.retrospective(incident_id) if r.mrn is None]

    # --- the board ------------------------------------------------------------------------
    def save_board(self, board: Board, now: datetime) -> None:
        with self._tx() as c:
            c.execute("INSERT INTO continuity_board(id, data, saved_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE "
                      "SET data=excluded.data, saved_at=excluded.saved_at",
                      (json.dumps(board.to_dict(), ensure_ascii=False), _iso(now)))

    def load_board(self) -> Board:
        r = self.conn.execute("SELECT data FROM continuity_board WHERE id=1").fetchone()
        return Board() if r is None else Board.from_dict(json.loads(r[0]))

    # --- internals ------------------------------------------------------------------------
    def _event(self, incident_id: int, now: datetime, user: str | None, kind: str, text: str,
               text_fr: str | None = None) -> None:
        self.conn.execute("INSERT INTO continuity_timeline (incident_id, at, user, kind, text, text_fr) "
                          "VALUES (?,?,?,?,?,?)", (incident_id, _iso(now), user, kind, text, text_fr))

    def _require_open(self, incident_id: int) -> Incident:
        inc = self.get(incident_id)
        if not inc.open:
            raise IllegalTransitionError(f"incident #{incident_id} is closed")
        return inc

    def _incident(self, r) -> Incident:
        return Incident(r[0], Component(r[1]), r[2], _dt(r[3]), r[4], r[5], r[6],
                        [observation_from_dict(o) for o in json.loads(r[7])], _dt(r[8]), r[9],
                        json.loads(r[10]) if r[10] else {})

    def _summary(self, inc: Incident, lang: str, total_steps: int | None) -> str:
        fr = lang == "fr"
        end = inc.closed_at or inc.opened_at
        minutes = int((end - inc.opened_at).total_seconds() // 60)
        ticks = self.ticks(inc.id)
        sent = self.sent_requests(inc.id)
        retro = self.retrospective(inc.id)
        lines = [
            f"{'Incident' if not fr else 'Incident'} #{inc.id}: {component_name(inc.component, lang)}"
            + (f" ({inc.part})" if inc.part else ""),
            (f"Ouvert le {inc.opened_at:%Y-%m-%d %H:%M} UTC par {inc.opened_by}, clos le {end:%Y-%m-%d %H:%M} UTC "
             f"par {inc.closed_by} ; durée {minutes // 60} h {minutes % 60:02d}." if fr else
             f"Opened {inc.opened_at:%Y-%m-%d %H:%M} UTC by {inc.opened_by}, closed {end:%Y-%m-%d %H:%M} UTC "
             f"by {inc.closed_by}; duration {minutes // 60} h {minutes % 60:02d}."),
        ]
        if inc.reference:
            lines.append(f"{'Référence' if fr else 'Reference'}: {inc.reference}")
        lrns = sorted({o.lrn for o in inc.evidence if o.lrn})
        lines.append((f"Indices : {len(inc.evidence)} observation(s)" if fr else
                      f"Evidence: {len(inc.evidence)} observation(s)") + (f" ({', '.join(lrns)})" if lrns else ""))
        of = f"/{total_steps}" if total_steps else ""
        lines.append(f"{'Étapes cochées' if fr else 'Steps ticked'}: {len(ticks)}{of} "
                     f"({'fiche version' if fr else 'playbook version'} {inc.playbook_version})")
        for s in sent:
            lines.append((f"Demande de procédure de secours envoyée le {s.sent_at:%Y-%m-%d %H:%M} à {s.sent_to} "
                          f"({len(s.lrns)} déclaration(s))" if fr else
                          f"Fallback request sent {s.sent_at:%Y-%m-%d %H:%M} to {s.sent_to} "
                          f"({len(s.lrns)} declaration(s))"))
        if retro:
            done = [r for r in retro if r.mrn]
            lines.append((f"Dépôts rétrospectifs : {len(done)}/{len(retro)} avec MRN" if fr else
                          f"Retrospective lodging: {len(done)}/{len(retro)} with MRN"))
            lines += [f"  {r.lrn}: {r.mrn or ('sans MRN' if fr else 'no MRN')}" for r in retro]
        return "\n".join(lines)

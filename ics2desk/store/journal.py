"""What a desk keeps when the agency database is out of reach, and writes there once it is back.

Each save or queue request the agents make meanwhile becomes one file in the data dir's
`agency-journal/` (written whole, fsynced, then renamed: a crash leaves it complete or absent).
`replay` applies them in the order they were made, each inside one transaction that also takes
its id in `journal_applied`, and deletes the file only after that commit: a crash in between
finds the id taken and just deletes the file. So each entry is written exactly once.

An entry that cannot be applied (the draft was saved by someone else meanwhile, the filing moved
on, the agent's role may not) is not dropped: it moves to `agency-journal/refused/` with the
reason, and the desk says so. Nothing here sends anything to ICS2.
"""
from __future__ import annotations

import base64
import json
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..errors import KnownError, StoreUnavailableError

FOLDER = "agency-journal"
KINDS = ("import", "save", "queue")


@dataclass
class Entry:
    id: str
    kind: str  # import | save | queue
    made_at: str
    user: str
    lrn: str | None = None
    xml: bytes | None = None
    expected_version: int | None = None
    new_lrn: bool = False
    lrn_prefix: str = "ICS"
    path: Path | None = None

    def to_json(self) -> str:
        return json.dumps({"id": self.id, "kind": self.kind, "made_at": self.made_at, "user": self.user,
                           "lrn": self.lrn, "expected_version": self.expected_version, "new_lrn": self.new_lrn,
                           "lrn_prefix": self.lrn_prefix,
                           "xml": base64.b64encode(self.xml).decode("ascii") if self.xml is not None else None})

    @classmethod
    def from_file(cls, path: Path) -> "Entry":
        raw = json.loads(path.read_text("utf-8"))
        xml = base64.b64decode(raw["xml"]) if raw.get("xml") else None
        return cls(raw["id"], raw["kind"], raw["made_at"], raw.get("user") or "", raw.get("lrn"), xml,
                   raw.get("expected_version"), bool(raw.get("new_lrn")), raw.get("lrn_prefix") or "ICS", path)

    def describe(self) -> str:
        what = {"import": "new filing", "save": "saved draft", "queue": "queue request"}[self.kind]
        return f"{what} {self.lrn or ''} by {self.user} at {self.made_at[:19].replace('T', ' ')}".replace("  ", " ")


class Journal:
    def __init__(self, data_dir: str | os.PathLike):
        self.folder = Path(data_dir) / FOLDER
        self.refused_folder = self.folder / "refused"

    # --- keeping -------------------------------------------------------------------------------
    def keep(self, kind: str, user: str, lrn: str | None = None, xml: bytes | None = None,
             expected_version: int | None = None, new_lrn: bool = False, lrn_prefix: str = "ICS") -> Entry:
        if kind not in KINDS:
            raise ValueError(kind)
        made = clock.now()
        entry = Entry(uuid.uuid4().hex, kind, made.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), user, lrn, xml,
                      expected_version, new_lrn, lrn_prefix)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # the name sorts in the order the entries were made
            path = self.folder / f"{made:%Y%m%dT%H%M%S%f}-{entry.id}.json"
            tmp = path.with_suffix(".tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(entry.to_json())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            _fsync_dir(self.folder)
        except OSError as exc:
            raise StoreUnavailableError(
                f"the agency database is out of reach and this desk cannot keep the change locally either "
                f"({self.folder}: {exc.strerror or exc}); nothing was saved: keep the paper and try again",
                str(self.folder), "io") from None
        entry.path = path
        return entry

    def pending(self) -> list[Entry]:
        if not self.folder.is_dir():
            return []
        out = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                out.append(Entry.from_file(path))
            except (OSError, ValueError, KeyError):
                continue  # half-read or foreign: left where it is for the helpdesk
        return out

    def refused(self) -> list[tuple[Entry, str]]:
        if not self.refused_folder.is_dir():
            return []
        out = []
        for path in sorted(self.refused_folder.glob("*.json")):
            try:
                entry = Entry.from_file(path)
            except (OSError, ValueError, KeyError):
                continue
            reason_file = path.with_suffix(".reason.txt")
            out.append((entry, reason_file.read_text("utf-8") if reason_file.exists() else ""))
        return out

    # --- writing it to the agency database --------------------------------------------------------
    def replay(self, store) -> "Replayed":
        """Write every pending entry to `store` (the agency database, reachable again), once."""
        done = Replayed()
        for entry in self.pending():
            try:
                outcome = self._apply(store, entry)
            except StoreUnavailableError:
                break  # gone again: the rest waits, in order
            except Exception as exc:  # noqa: BLE001
                if getattr(exc, "sqlstate", None) != "23505":  # not "another process wrote it first"
                    if not isinstance(exc, KnownError):
                        raise
                    self._refuse(store, entry, str(exc))
                    done.refused.append((entry, str(exc)))
                    continue
                outcome = None
            if outcome is not None:
                done.applied.append((entry, outcome))
            _unlink(entry.path)
        return done

    def _apply(self, store, entry: Entry) -> str | None:
        from ..xml import reader

        with store.transaction() as c:
            if c.execute("SELECT 1 FROM journal_applied WHERE id=?", (entry.id,)).fetchone():
                return None  # written before a crash took the file's removal with it
            if entry.kind == "import":
                doc = reader.from_bytes(entry.xml or b"", "kept filing")
                outcome = store.import_document(doc, user=entry.user, new_lrn=entry.new_lrn,
                                                lrn_prefix=entry.lrn_prefix).lrn
            elif entry.kind == "save":
                doc = reader.from_bytes(entry.xml or b"", "kept draft")
                outcome = f"version {store.save_version(entry.lrn, doc, user=entry.user, expected_version=entry.expected_version)}"
            else:
                outcome = f"outbox item {store.queue(entry.lrn, user=entry.user)}"
            c.execute("INSERT INTO journal_applied(id, kind, lrn, desk, made_at, applied_at, outcome) "
                      "VALUES(?,?,?,?,?,?,?)", (entry.id, entry.kind, entry.lrn, socket.gethostname(),
                                                entry.made_at, clock.stamp(), outcome))
            store._audit(entry.user, "written_from_journal", outcome if entry.kind == "import" else entry.lrn,
                         f"{entry.describe()}, kept on {socket.gethostname()} while the agency database was out "
                         f"of reach")
        return outcome

    def _refuse(self, store, entry: Entry, reason: str) -> None:
        """Kept aside with its reason, never dropped; recorded in the agency's audit trail when possible."""
        self.refused_folder.mkdir(parents=True, exist_ok=True)
        if entry.path is not None and entry.path.exists():
            target = self.refused_folder / entry.path.name
            os.replace(entry.path, target)
            target.with_suffix(".reason.txt").write_text(reason, "utf-8")
        try:
            store.note(entry.lrn, "journal_refused", f"{entry.describe()}: {reason}"[:1000], user=entry.user)
        except KnownError:
            pass


class Replayed:
    def __init__(self) -> None:
        self.applied: list[tuple[Entry, str]] = []
        self.refused: list[tuple[Entry, str]] = []


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink(path: Path | None) -> None:
    if path is not None:
        try:
            path.unlink()
        except FileNotFoundError:
            pass

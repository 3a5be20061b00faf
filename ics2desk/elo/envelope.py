"""The ELO envelope of one truck as the desk sees it: what the agent put in (MRNs, direction,
loaded/empty, six flags) and what the service last said (file number, token, state, each
declaration's validation). Plain data; persistence is in store.py, the API in client.py."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from ..checkdigits import iso6346_check


class Statut(str, Enum):
    """StatutEnveloppe. The normal path is FERMEE -> APPAIREE -> EMBARQUEE -> DEBARQUEE."""

    FERMEE = "FERMEE"  # created, not yet paired with a crossing; the only state that can be modified
    APPAIREE = "APPAIREE"
    NON_APPAIREE = "NON_APPAIREE"
    EMBARQUEE = "EMBARQUEE"
    DEBARQUEE = "DEBARQUEE"


class EtatValidation(str, Enum):
    CONFORME = "CONFORME"
    NON_CONFORME = "NON_CONFORME"
    A_VALIDER = "A_VALIDER"
    EN_ATTENTE_VALIDATION = "EN_ATTENTE_VALIDATION"
    CONFORME_DETOURNEMENT = "CONFORME_DETOURNEMENT"
    DOUBLON = "DOUBLON"


#: the notification event that moves an envelope into each state
EVENT_STATE = {"APPAIRAGE": Statut.APPAIREE, "EMBARQUEMENT": Statut.EMBARQUEE, "DEBARQUEMENT": Statut.DEBARQUEE}

FLAGS = ("estTIRATA", "possedeContratTransport", "estPostal", "estEmballageVide", "estSPS", "estProduitPeche")

# Any customs MRN (ICS2 R3004 or UCC Annex B): 18 characters, ISO 6346 check character last.
_MRN_SHAPE = re.compile(r"^[0-9]{2}[A-Z]{2}[A-Z0-9]{12}[A-Z][0-9]$")


def mrn_shape_problem(mrn: str) -> str | None:
    """None when `mrn` looks like an MRN the ELO can hold (ENS, import, transit, export).

    Looser than checkdigits.mrn_problem, which knows only the ICS2 layout: an import or transit
    MRN may have a digit where ICS2 puts its interface letter."""
    if len(mrn) != 18:
        return f"an MRN has 18 characters, {mrn!r} has {len(mrn)}"
    if not _MRN_SHAPE.match(mrn):
        return f"{mrn}: expected 2 digits (year), 2 letters (country), 12 letters/digits, a procedure letter and a check digit"
    expected = iso6346_check(mrn[:17])
    if mrn[17] != expected:
        return f"{mrn}: check character is {mrn[17]}, expected {expected} (typing mistake?)"
    return None


@dataclass
class Appairage:
    """informationsAppairage: what the check-in needs to pair the truck with a crossing."""

    sens: str = "IMPORT"  # sensTraversee: IMPORT = into France (UK -> FR), EXPORT = out of France
    plein: bool = True  # typeCamion PLEIN / VIDE
    flags: dict[str, bool] = field(default_factory=lambda: {f: False for f in FLAGS})

    def to_api(self) -> dict:
        return {"sensTraversee": self.sens, "typeCamion": "PLEIN" if self.plein else "VIDE",
                **{f: bool(self.flags.get(f, False)) for f in FLAGS}}

    @classmethod
    def from_api(cls, body: dict) -> "Appairage":
        return cls(sens=body.get("sensTraversee", "IMPORT"), plein=body.get("typeCamion", "PLEIN") == "PLEIN",
                   flags={f: bool(body.get(f, False)) for f in FLAGS})


@dataclass
class DeclarationState:
    """One entry of `declarations[]` as the service last returned it."""

    identifiant: str
    type_declaration: str | None = None
    sous_type: str | None = None
    etat: str | None = None
    code: str | None = None
    message: str | None = None

    @classmethod
    def from_api(cls, body: dict) -> "DeclarationState":
        v = body.get("informationsValidation") or {}
        return cls(body.get("identifiant", ""), body.get("typeDeclaration"), body.get("sousTypeDeclaration"),
                   v.get("etat"), v.get("code"), v.get("message"))

    @property
    def problem(self) -> bool:
        return self.etat in (EtatValidation.NON_CONFORME.value, EtatValidation.DOUBLON.value) or \
            self.type_declaration in ("NON_CONFORME", "DOUBLON", "INCONNU")


class StopStatus(str, Enum):
    """Where an ENS that may no longer board (Do Not Load, invalidated) stands in its envelope.
    Derived from the facts each time (EloService.stops), so it never goes stale."""

    REMOVING = "removing"  # a request taking it out is queued (ENV_MOD01, or the creation still to send)
    REMOVED = "removed"  # French customs' copy of the envelope no longer holds it
    WITHHELD = "withheld"  # taken out before the envelope was ever sent: French customs never had it
    MANUAL = "manual"  # still in the envelope at French customs and EDI cannot change that: the agent must


@dataclass
class StoppedEns:
    """Stored on the envelope when an ENS in it got a Do Not Load or was invalidated."""

    mrn: str
    lrn: str
    verdict: str  # store.lifecycle.Boarding value: "do_not_load" | "invalidated"
    at: str  # ISO 8601 UTC, when the desk took it out


class Sync(str, Enum):
    """Where the desk's copy stands against the service."""

    DRAFT = "draft"  # prepared, waiting for the agent's click
    QUEUED = "queued"  # a request waits in the queue (service down, or not sent yet)
    IN_SYNC = "in_sync"  # the last request was answered
    REFUSED = "refused"  # the service refused the last request; see last_error


@dataclass
class Envelope:
    lrn: str
    truck: str = ""  # registration shown to the agent and printed
    ens_mrn: str | None = None
    other_mrns: list[str] = field(default_factory=list)  # import / transit / export MRNs added by the agent
    appairage: Appairage = field(default_factory=Appairage)
    id: int | None = None
    numero_dossier: str | None = None
    jeton: str | None = None
    statut: str | None = None  # Statut value, None before the service created it
    mode_creation: str | None = None
    declarations: list[DeclarationState] = field(default_factory=list)
    procedure_secours_ics2: bool = False
    a_une_elo_valide: bool | None = None
    dates: dict[str, str] = field(default_factory=dict)  # dateCreation, dateAppairage, ...
    sync: str = Sync.DRAFT.value
    last_error: str | None = None
    stopped: list[StoppedEns] = field(default_factory=list)  # ENS taken out: they may not board

    def stop_of(self, mrn: str) -> StoppedEns | None:
        return next((s for s in self.stopped if s.mrn == mrn), None)

    @property
    def mrns(self) -> list[str]:
        """The declarations the desk wants in the envelope, ENS first, no duplicates."""
        out = [self.ens_mrn] if self.ens_mrn else []
        return out + [m for m in self.other_mrns if m not in out]

    @property
    def server_mrns(self) -> list[str]:
        return [d.identifiant for d in self.declarations]

    @property
    def created(self) -> bool:
        return self.numero_dossier is not None

    @property
    def modifiable(self) -> bool:
        """The API modifies only an envelope in state FERMEE (not yet paired)."""
        return self.statut in (None, Statut.FERMEE.value)

    def apply_api(self, env: dict) -> None:
        """Take in an `enveloppe` object of ENV_CRE02/MOD02/REC02/NOT01."""
        for key, attr in (("numeroDossier", "numero_dossier"), ("jeton", "jeton"), ("statut", "statut"),
                          ("modeCreation", "mode_creation")):
            if env.get(key):
                setattr(self, attr, env[key])
        if "informationsAppairage" in env:
            self.appairage = Appairage.from_api(env["informationsAppairage"])
        if "declarations" in env:
            self.declarations = [DeclarationState.from_api(d) for d in env["declarations"]]
        if "procedureSecoursIcs2" in env:
            self.procedure_secours_ics2 = bool(env["procedureSecoursIcs2"])
        if "aUneELOValide" in env:
            self.a_une_elo_valide = bool(env["aUneELOValide"])
        for key, value in env.items():
            if key.startswith("date") and isinstance(value, str):
                self.dates[key] = value

    def summary(self) -> str:
        """One line for a status bar or a log."""
        state = self.statut or {"draft": "not created", "queued": "waiting to be sent"}.get(self.sync, self.sync)
        token = f" {self.jeton}" if self.jeton else ""
        fallback = " — ICS2 fallback procedure" if self.procedure_secours_ics2 else ""
        return f"ELO {self.numero_dossier or '(new)'}{token} {state}{fallback}"

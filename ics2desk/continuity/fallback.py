"""The fallback request, drafted from the queued filings, as e-mail text (FR/EN) and a PDF.

What it states follows Finnish and Dutch customs' public instructions: the reason, the expected
duration, the place of entry, the declarations concerned and the transport details. The app
only drafts; the agent sends it and the IncidentStore records when and to whom.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import BadInputError
from ..failures import Component
from ..model import EnsDocument
from .components import component_name
from .deadlines import crossing_of, parse_utc

_MODES = {"1": ("maritime (ferry)", "sea (ferry)"), "2": ("ferroviaire", "rail"),
          "3": ("route (navette)", "road (shuttle)")}


@dataclass
class DeclarationLine:
    lrn: str
    trucks: list[str]
    consignor: str
    consignee: str
    goods: str
    transport: str
    arrival: str
    office: str

    @classmethod
    def from_document(cls, doc: EnsDocument, lang: str = "en") -> "DeclarationLine":
        if not doc.lrn:
            raise BadInputError("a filing without an LRN cannot go in a fallback request")
        master = doc.data.get("consignmentMasterLevel", {})
        consignors = _names([master.get("consignor")] + [h.get("consignor") for h in doc.houses()])
        consignees = _names([master.get("consignee")] + [h.get("consignee") for h in doc.houses()])
        items = [item for _, _, item in doc.goods_items()]
        descs = []
        for item in items:
            d = item.get("commodity", {}).get("descriptionOfGoods")
            if d and d not in descs:
                descs.append(d)
        packages = 0
        for item in items:
            for p in item.get("packaging", []):
                try:
                    packages += int(p.get("numberOfPackages") or 0)
                except ValueError:
                    pass
        fr = lang == "fr"
        goods = (f"{len(items)} article(s), {packages} colis, {doc.total_gross_mass():.0f} kg brut : " if fr else
                 f"{len(items)} item(s), {packages} package(s), {doc.total_gross_mass():.0f} kg gross: ") + "; ".join(descs)
        abt = doc.data.get("activeBorderTransportMeans", {})
        mode = _MODES.get(abt.get("ModeOfTransport", ""), ("?", "?"))[0 if fr else 1]
        loading = master.get("placeOfLoading", {}).get("UNLOCODE", "?")
        unloading = master.get("placeOfUnloading", {}).get("UNLOCODE", "?")
        transport = (f"{mode}; {'moyen actif' if fr else 'active means'} {abt.get('identificationNumber', '?')} "
                     f"({abt.get('nationality', '?')}); {loading} -> {unloading}")
        return cls(doc.lrn, doc.vehicle_registrations() or ["?"], consignors or "?", consignees or "?", goods,
                   transport, _when(doc.estimated_arrival),
                   doc.office_of_first_entry or "?")


def _when(iso: str | None) -> str:
    dt = parse_utc(iso)
    return f"{dt:%Y-%m-%d %H:%M} UTC" if dt else (iso or "?")


def _names(parties) -> str:
    names = []
    for p in parties:
        if p and p.get("name") and p["name"] not in names:
            names.append(p["name"])
    return ", ".join(names)


@dataclass
class FallbackRequest:
    component: Component
    reason: str
    start: datetime
    expected_duration: timedelta | None
    office: str
    declarations: list[DeclarationLine]
    reference: str | None = None
    requester: str = ""
    lang: str = "en"
    drafted_at: datetime | None = None
    crossings: list[str] = field(default_factory=list)

    @property
    def lrns(self) -> list[str]:
        return [d.lrn for d in self.declarations]

    def _duration(self) -> str:
        fr = self.lang == "fr"
        if self.expected_duration is None:
            return "inconnue" if fr else "unknown"
        m = int(self.expected_duration.total_seconds() // 60)
        return f"{m // 60} h {m % 60:02d}"

    def header_lines(self) -> list[tuple[str, str]]:
        fr = self.lang == "fr"
        rows = [
            ("Composant indisponible" if fr else "Component unavailable", component_name(self.component, self.lang)),
            ("Motif" if fr else "Reason", self.reason),
            ("Début" if fr else "Start", f"{self.start:%Y-%m-%d %H:%M} UTC"),
            ("Durée prévue" if fr else "Expected duration", self._duration()),
            ("Lieu d'entrée (bureau de première entrée)" if fr else "Place of entry (office of first entry)",
             self.office),
            ("Nombre de déclarations" if fr else "Declarations concerned", str(len(self.declarations))),
        ]
        if self.reference:
            rows.insert(3, ("Référence de l'avis" if fr else "Notice reference", self.reference))
        if self.requester:
            rows.append(("Demandeur" if fr else "Requested by", self.requester))
        return rows

    def email(self) -> tuple[str, str]:
        """(subject, body) for the agent to paste into a mail or send from the mail client."""
        fr = self.lang == "fr"
        subject = (f"ICS2 – demande de procédure de secours – {component_name(self.component, 'fr')} – "
                   f"{self.start:%Y-%m-%d %H:%M} UTC – {len(self.declarations)} ENS" if fr else
                   f"ICS2 – fallback request – {component_name(self.component, 'en')} – "
                   f"{self.start:%Y-%m-%d %H:%M} UTC – {len(self.declarations)} ENS")
        intro = ("Madame, Monsieur,\n\nEn raison de l'indisponibilité décrite ci-dessous, nous ne pouvons pas déposer "
                 "électroniquement les déclarations sommaires d'entrée (ENS) suivantes. Nous sollicitons l'autorisation "
                 "d'utiliser la procédure de secours et déposerons ces ENS rétrospectivement dès le rétablissement.\n"
                 if fr else
                 "Dear Sir or Madam,\n\nBecause of the unavailability described below we cannot lodge the following "
                 "entry summary declarations (ENS) electronically. We ask for permission to use the fallback "
                 "procedure and will lodge these ENS retrospectively as soon as the service is restored.\n")
        lines = [intro]
        lines += [f"{k}: {v}" for k, v in self.header_lines()]
        lines.append("")
        lines.append("Déclarations concernées :" if fr else "Declarations concerned:")
        for i, d in enumerate(self.declarations, 1):
            lines += [
                f"{i}. LRN {d.lrn} – {'camion' if fr else 'truck'} {', '.join(d.trucks)}",
                f"   {'Expéditeur' if fr else 'Consignor'}: {d.consignor}",
                f"   {'Destinataire' if fr else 'Consignee'}: {d.consignee}",
                f"   {'Marchandises' if fr else 'Goods'}: {d.goods}",
                f"   Transport: {d.transport}",
                f"   {'Arrivée prévue' if fr else 'Estimated arrival'}: {d.arrival} – "
                f"{'bureau' if fr else 'office'} {d.office}",
            ]
        lines.append("")
        lines.append("Nous vous informerons de la poursuite et de la fin de l'incident.\n\nCordialement,"
                     if fr else "We will report when the outage continues and when it ends.\n\nKind regards,")
        if self.requester:
            lines.append(self.requester)
        return subject, "\n".join(lines)

    def write_pdf(self, path: str | Path) -> Path:
        from .pdf import fallback_pdf

        return fallback_pdf(self, Path(path))


def draft_request(component: Component, documents: list[EnsDocument], reason: str, start: datetime,
                  expected_duration: timedelta | None = None, office: str | None = None,
                  reference: str | None = None, requester: str = "", lang: str = "en",
                  now: datetime | None = None) -> FallbackRequest:
    """Draft a fallback request for the given filings (normally every queued one)."""
    if not documents:
        raise BadInputError("no declarations to put in the fallback request")
    if not reason.strip():
        raise BadInputError("the fallback request must state the reason")
    lines = [DeclarationLine.from_document(d, lang) for d in documents]
    offices = sorted({d.office_of_first_entry for d in documents if d.office_of_first_entry})
    return FallbackRequest(component, reason.strip(), start, expected_duration, office or ", ".join(offices) or "?",
                           lines, reference, requester, lang, now,
                           sorted({crossing_of(d) for d in documents}))

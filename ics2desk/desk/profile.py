"""The lodging profile: who lodges the desk's filings (its EORI, name, contact), set in Settings
and kept in the GUI's desk.json (ics2desk.gui.prefs). A new filing gets it as its declarant, or
as its representative when the desk lodges for others (desk.json extra.lodging_role)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import EnsDocument

#: CL094 representative status: 2 = direct representation
DIRECT_REPRESENTATION = "2"


@dataclass(frozen=True)
class LodgingProfile:
    eori: str = ""
    name: str = ""
    contact: str = ""  # an e-mail address ("@") or a phone number
    role: str = "declarant"  # "declarant" | "representative"
    representative_status: str = DIRECT_REPRESENTATION

    @classmethod
    def from_prefs(cls, prefs) -> "LodgingProfile":
        """From anything shaped like ics2desk.gui.prefs.Prefs (eori, name, contact, extra)."""
        extra = getattr(prefs, "extra", None) or {}
        role = "representative" if extra.get("lodging_role") == "representative" else "declarant"
        return cls(getattr(prefs, "eori", "") or "", getattr(prefs, "name", "") or "",
                   getattr(prefs, "contact", "") or "", role,
                   str(extra.get("representative_status", DIRECT_REPRESENTATION)))

    def party(self) -> dict:
        party: dict = {"identificationNumber": self.eori}
        if self.name:
            party["name"] = self.name
        if self.role == "representative":
            party["status"] = self.representative_status
        if self.contact:
            party["communication"] = [{"identifier": self.contact, "type": "EM" if "@" in self.contact else "TE"}]
        return party

    def apply(self, doc: EnsDocument) -> EnsDocument:
        """The profile as the filing's declarant (or representative), if that party is still
        empty; a filing that names one keeps it. No EORI in the profile: nothing to apply."""
        if not self.eori or doc.data.get(self.role, {}).get("identificationNumber"):
            return doc
        doc.data[self.role] = self.party()
        return doc

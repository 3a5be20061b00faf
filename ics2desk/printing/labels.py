"""Printed wording in English and French. One table so both languages stay complete."""
from __future__ import annotations

from ..errors import BadInputError
from ..store.lifecycle import Boarding

LANGS = ("en", "fr")

_TEXT: dict[str, tuple[str, str]] = {  # key: (en, fr)
    "summary_title": ("Entry summary declaration (ENS) — road", "Déclaration sommaire d'entrée (ENS) — routier"),
    "summary_short": ("ENS summary", "Récapitulatif ENS"),
    "sheet_title": ("Truck sheet — ICS2 entry summary", "Fiche camion — déclaration sommaire ICS2"),
    "sheet_short": ("Truck sheet", "Fiche camion"),
    "lrn": ("LRN", "LRN"),
    "mrn": ("MRN", "MRN"),
    "state": ("State", "État"),
    "lodging": ("Lodging person", "Déposant"),
    "issued": ("Issued", "Émise le"),
    "etd": ("Departure (est.)", "Départ (prévu)"),
    "eta": ("Arrival (est.)", "Arrivée (prévue)"),
    "lodging_deadline": ("Lodging deadline", "Date limite de dépôt"),
    "atd": ("Departure (actual)", "Départ (réel)"),
    "generated": ("Generated at", "Générée le"),
    "dataset_version": ("dataset version", "version du jeu de données"),
    "page": ("page", "page"),
    "truck_section": ("Truck, crossing and routing", "Camion, traversée et itinéraire"),
    "tractor": ("Tractor", "Tracteur"),
    "trailer": ("Trailer", "Remorque"),
    "active_means": ("Active means at the border", "Moyen de transport actif à la frontière"),
    "mode": ("Mode of transport", "Mode de transport"),
    "crossing": ("Crossing", "Traversée"),
    "office": ("Office of first entry", "Bureau de première entrée"),
    "routing_means": ("Routing of the means", "Itinéraire du moyen de transport"),
    "loading": ("Place of loading", "Lieu de chargement"),
    "unloading": ("Place of unloading", "Lieu de déchargement"),
    "master_doc": ("Master transport document", "Document de transport (master)"),
    "parties": ("Parties", "Intervenants"),
    "role": ("Role", "Rôle"),
    "name": ("Name", "Nom"),
    "eori": ("EORI / ID", "EORI / ID"),
    "address": ("Address", "Adresse"),
    "contact": ("Contact", "Contact"),
    "declarant": ("Declarant", "Déclarant"),
    "representative": ("Representative", "Représentant"),
    "carrier": ("Carrier", "Transporteur"),
    "consignor": ("Consignor", "Expéditeur"),
    "consignee": ("Consignee", "Destinataire"),
    "house": ("House consignment", "Envoi (house)"),
    "house_doc": ("Transport document", "Document de transport"),
    "routing_consignment": ("Routing", "Itinéraire"),
    "acceptance_delivery": ("Acceptance → delivery", "Prise en charge → livraison"),
    "equipment": ("Equipment and seals", "Équipement et scellés"),
    "no": ("No.", "N°"),
    "description": ("Description of goods", "Désignation des marchandises"),
    "hs": ("HS code", "Code SH"),
    "packages": ("Packages", "Colis"),
    "gross_mass": ("Gross mass (kg)", "Masse brute (kg)"),
    "seals": ("Seals", "Scellés"),
    "house_total": ("Total of the house consignment", "Total de l'envoi"),
    "totals": ("Totals", "Totaux"),
    "houses": ("House consignments", "Envois (house)"),
    "goods_items": ("Goods items", "Articles"),
    "declared_mass": ("Declared total gross mass (houses)", "Masse brute totale déclarée (envois)"),
    "all_seals": ("Seal numbers", "Numéros de scellés"),
    "none": ("none", "aucun"),
    "mrn_invalid": ("invalid MRN, not a registration", "MRN invalide, pas un enregistrement"),
    "expected_arrival": ("Expected arrival", "Arrivée prévue"),
    "agent": ("Customs agent", "Représentant en douane"),
    "elo_box": ("ELO token / file number (to be filled)", "Jeton ELO / n° de dossier (à compléter)"),
    "elo_hint": ("Reserved for the French logistics envelope (ELO).",
                 "Réservé à l'enveloppe logistique obligatoire (ELO)."),
    "driver_note": ("Show this sheet at check-in. Each barcode is one ENS (MRN).",
                    "Présentez cette fiche à l'enregistrement. Chaque code-barres est une ENS (MRN)."),
    "filings": ("filings", "déclarations"),
    # --- a truck that may not board (issue 10) ---
    "state_unknown": ("STATE UNKNOWN: this filing is not in the local store; print it by its LRN so that its "
                      "state is known",
                      "ÉTAT INCONNU : cette déclaration n'est pas dans la base locale ; l'imprimer par son LRN pour "
                      "que son état soit connu"),
    "no_barcode": ("No barcode on this document.", "Aucun code-barres sur ce document."),
    "stopped_driver_note": ("Do not present this sheet at check-in: this truck must not board. Printed for the "
                            "record only.",
                            "Ne pas présenter cette fiche à l'enregistrement : ce camion ne doit pas embarquer. "
                            "Imprimée pour archive uniquement."),
    "same_truck": ("on the same truck as {0}, which may not board",
                   "sur le même camion que {0}, qui ne peut pas embarquer"),
    "refused_sheet": ("No truck sheet with a barcode for {0}:", "Pas de fiche camion avec code-barres pour {0} :"),
    "nothing_printable": ("No truck sheet printed: no truck of this batch may board.",
                          "Aucune fiche camion imprimée : aucun camion de ce lot ne peut embarquer."),
    "elo_withheld": ("Not for check-in: this truck must not board.",
                     "À ne pas présenter : ce camion ne doit pas embarquer."),
}

# Shown in both languages whatever the chosen one: it must be understood by anyone handling the paper.
STAMPS: dict[Boarding, str] = {
    Boarding.DO_NOT_LOAD: "NE PAS CHARGER / DO NOT LOAD",
    Boarding.INVALIDATED: "INVALIDÉE / INVALIDATED",
    Boarding.REJECTED: "REJETÉE / REJECTED",
    Boarding.NOT_REGISTERED: "NON ENREGISTRÉE / NOT REGISTERED",
}
#: the second line of the red banner on every page of a stopped printout
BANNER_NOTES: dict[Boarding, str] = {
    Boarding.DO_NOT_LOAD: "NE PAS EMBARQUER / DO NOT BOARD",
    Boarding.INVALIDATED: "ENS ANNULÉE / ENS WITHDRAWN",
    Boarding.REJECTED: "ENS REFUSÉE / ENS REFUSED",
    Boarding.NOT_REGISTERED: "PAS D'EMBARQUEMENT / NOT CLEARED FOR BOARDING",
}
NO_MRN = "PAS DE MRN / NO MRN"
FOR_THE_RECORD = "POUR ARCHIVE, SANS CODE-BARRES / FOR THE RECORD, NO BARCODE"


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise BadInputError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str) -> str:
    en, fr = _TEXT[key]
    return fr if lang == "fr" else en

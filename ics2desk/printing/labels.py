"""Printed wording in English and French. One table so both languages stay complete."""
from __future__ import annotations

from ..errors import BadInputError

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
    "not_registered_note": ("No MRN: this ENS is not registered. Do not board with this document.",
                            "Pas de MRN : cette ENS n'est pas enregistrée. Ne pas embarquer avec ce document."),
    "mrn_invalid": ("invalid MRN, not a registration", "MRN invalide, pas un enregistrement"),
    "expected_arrival": ("Expected arrival", "Arrivée prévue"),
    "agent": ("Customs agent", "Représentant en douane"),
    "elo_box": ("ELO token / file number (to be filled)", "Jeton ELO / n° de dossier (à compléter)"),
    "elo_hint": ("Reserved for the French logistics envelope (ELO).",
                 "Réservé à l'enveloppe logistique obligatoire (ELO)."),
    "driver_note": ("Show this sheet at check-in. Each barcode is one ENS (MRN).",
                    "Présentez cette fiche à l'enregistrement. Chaque code-barres est une ENS (MRN)."),
    "filings": ("filings", "déclarations"),
}

# Shown in both languages whatever the chosen one: it must be understood by anyone handling the paper.
NOT_REGISTERED = "NOT REGISTERED / NON ENREGISTRÉE"


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise BadInputError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str) -> str:
    en, fr = _TEXT[key]
    return fr if lang == "fr" else en

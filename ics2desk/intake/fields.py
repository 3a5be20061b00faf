"""What a booking list can say about a truck, and the words hauliers use for it in a header.

Each field has a level: `truck` (one value per filing: plate, CMR, crossing, times, parties)
or `item` (one value per goods row). Header synonyms are compared after `normalise`
(lower case, no accents, punctuation as spaces), in French and English.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    level: str  # "truck" | "item"
    en: str
    fr: str
    synonyms: tuple[str, ...]

    def label(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


def _f(name: str, level: str, en: str, fr: str, *synonyms: str) -> Field:
    return Field(name, level, en, fr, synonyms)


def _party(role: str, en_role: str, fr_role: str, words_en: tuple[str, ...], words_fr: tuple[str, ...]) -> list[Field]:
    """name, EORI, street, number, postcode, city, country of a consignee or a consignor."""
    parts = (
        ("name", "name", "nom", ("", "name", "company"), ("", "nom", "raison sociale", "societe")),
        ("eori", "EORI", "EORI", ("eori", "eori number", "id", "identification number"),
         ("eori", "numero eori", "n eori", "no eori", "identifiant")),
        ("street", "street", "rue", ("street", "address", "address line", "street address"),
         ("rue", "adresse", "voie")),
        ("number", "house number", "numéro de rue", ("number", "house number", "street number", "no"),
         ("numero", "numero de rue", "n", "no")),
        ("postcode", "postcode", "code postal", ("postcode", "post code", "postal code", "zip", "zip code"),
         ("code postal", "cp")),
        ("city", "city", "ville", ("city", "town"), ("ville", "commune", "localite")),
        ("country", "country", "pays", ("country", "country code"), ("pays", "code pays")),
    )
    out = []
    for key, en, fr, en_words, fr_words in parts:
        synonyms = []
        for word in words_en:
            for w in en_words:
                synonyms += [f"{word} {w}".strip(), f"{w} {word}".strip()]
        for word in words_fr:
            for w in fr_words:
                synonyms += [f"{w} {word}".strip(), f"{word} {w}".strip(), f"{w} du {word}".strip(),
                             f"{w} de l {word}".strip()]
        out.append(_f(f"{role}_{key}", "truck", f"{en_role} {en}", f"{fr_role} : {fr}",
                      *dict.fromkeys(s for s in synonyms if s)))
    return out


FIELDS: tuple[Field, ...] = (
    _f("plate", "truck", "Truck plate", "Immatriculation du tracteur",
       "plate", "truck", "truck plate", "truck registration", "registration", "vehicle registration", "reg",
       "reg no", "vehicle", "tractor", "tractor plate", "tractor unit", "unit", "lorry", "truck reg",
       "immatriculation", "immat", "plaque", "tracteur", "immatriculation tracteur", "immat tracteur",
       "camion", "vehicule", "n immatriculation", "numero d immatriculation", "plaque tracteur"),
    _f("trailer", "truck", "Trailer plate", "Immatriculation de la remorque",
       "trailer", "trailer plate", "trailer registration", "trailer no", "trailer number", "semi trailer",
       "remorque", "semi remorque", "semi", "immatriculation remorque", "immat remorque", "plaque remorque"),
    _f("nationality", "truck", "Plate country", "Pays d'immatriculation",
       "nationality", "truck nationality", "country of registration", "registration country", "plate country",
       "nationalite", "pays d immatriculation", "pays immatriculation", "nationalite vehicule"),
    _f("cmr", "truck", "CMR / transport document", "CMR / document de transport",
       "cmr", "cmr number", "cmr no", "cmr n", "cmr ref", "consignment note", "transport document",
       "transport document number", "waybill", "document number", "n cmr", "no cmr", "numero cmr",
       "lettre de voiture", "document de transport", "numero de document", "lv"),
    _f("date", "truck", "Crossing date", "Date de passage",
       "date", "crossing date", "travel date", "shipping date", "date of crossing", "day",
       "date de passage", "date traversee", "date de traversee", "date du passage", "jour"),
    _f("departure", "truck", "Departure (date and time)", "Départ (date et heure)",
       "departure", "etd", "departure time", "departure date", "estimated departure", "sailing", "sailing time",
       "depart", "heure de depart", "heure depart", "date heure depart", "date et heure de depart", "heure"),
    _f("arrival", "truck", "Arrival (date and time)", "Arrivée (date et heure)",
       "arrival", "eta", "arrival time", "estimated arrival", "arrival date",
       "arrivee", "heure d arrivee", "heure arrivee", "date heure arrivee", "date et heure d arrivee"),
    _f("crossing", "truck", "Crossing", "Traversée",
       "crossing", "route", "operator", "service", "mode", "channel crossing",
       "traversee", "passage", "trajet", "operateur", "compagnie", "itineraire"),
    _f("ship", "truck", "Ship (IMO)", "Navire (IMO)",
       "ship", "vessel", "imo", "ship imo", "vessel imo", "navire", "bateau", "imo navire"),
    *_party("consignee", "Consignee", "Destinataire", ("consignee", "receiver", "delivery to"),
            ("destinataire", "receptionnaire", "client final")),
    *_party("consignor", "Consignor", "Expéditeur", ("consignor", "shipper", "sender"),
            ("expediteur", "chargeur")),
    _f("container", "truck", "Container", "Conteneur",
       "container", "container number", "container no", "box", "conteneur", "numero de conteneur",
       "n conteneur"),
    _f("seals", "truck", "Seals", "Scellés",
       "seal", "seals", "seal number", "seal numbers", "seal no", "scelle", "scelles", "plomb", "plombs",
       "numero de scelle"),
    _f("description", "item", "Goods description", "Désignation des marchandises",
       "goods", "description", "goods description", "description of goods", "commodity", "product", "cargo",
       "contents", "marchandise", "marchandises", "designation", "description des marchandises", "nature",
       "nature des marchandises", "produit", "libelle"),
    _f("hs", "item", "HS code", "Code SH",
       "hs", "hs code", "commodity code", "tariff code", "taric", "cn code", "customs code", "hs6",
       "sh", "code sh", "code hs", "nomenclature", "code douanier", "code nc", "position tarifaire", "code tarifaire"),
    _f("gross_mass", "item", "Gross mass (kg)", "Masse brute (kg)",
       "gross mass", "gross weight", "weight", "kg", "gross kg", "gross weight kg", "weight kg", "mass",
       "poids", "poids brut", "masse brute", "poids brut kg", "poids kg", "masse"),
    _f("packages", "item", "Number of packages", "Nombre de colis",
       "packages", "number of packages", "no of packages", "pkgs", "qty", "quantity", "pieces", "units",
       "colis", "nombre de colis", "nb colis", "nbre colis", "quantite", "nb", "pieces", "nombre"),
    _f("package_type", "item", "Package type", "Type de colis",
       "package type", "type of packages", "packaging", "packing", "pkg type", "unit type",
       "type de colis", "emballage", "conditionnement", "type d emballage"),
    _f("marks", "item", "Shipping marks", "Marques",
       "marks", "shipping marks", "marks and numbers", "marking",
       "marques", "marquage", "marques et numeros", "marques colis"),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
TRUCK_FIELDS = tuple(f.name for f in FIELDS if f.level == "truck")
ITEM_FIELDS = tuple(f.name for f in FIELDS if f.level == "item")


def normalise(text: str) -> str:
    """'Poids brut (kg)' -> 'poids brut kg'; 'N° CMR' -> 'n cmr'; 'Date/heure départ' -> 'date heure depart'."""
    text = unicodedata.normalize("NFKD", str(text)).replace("°", " ").replace("º", " ")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_SYNONYMS: dict[str, str] = {}
for _field in FIELDS:
    for _s in (_field.name.replace("_", " "), _field.en, _field.fr, *_field.synonyms):
        _SYNONYMS.setdefault(normalise(_s), _field.name)


def field_for_header(header: str) -> str | None:
    """The field a header names (FR or EN), or None when it is not one we know."""
    key = normalise(header)
    if not key:
        return None
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    # units and numbering often trail the name: 'Poids brut en kg', 'Immatriculation 1'
    trimmed = re.sub(r"\b(en|in|kgs?|kilos?|1|ref|reference)\b", " ", key)
    trimmed = " ".join(trimmed.split())
    if trimmed and trimmed in _SYNONYMS:
        return _SYNONYMS[trimmed]
    import difflib

    close = difflib.get_close_matches(key, list(_SYNONYMS), n=1, cutoff=0.88)
    return _SYNONYMS[close[0]] if close else None

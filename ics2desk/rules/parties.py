"""Rules on parties: addresses, identification numbers, communication."""
from __future__ import annotations

from typing import Iterator

from .. import codelists
from ..checkdigits import eori_problem, phone_ok
from ..model import EnsDocument
from .base import Finding, rule, sites


@rule
def R3002(doc: EnsDocument) -> Iterator[Finding]:
    """In the 'ADDRESS' class either 'ADDRESS/Street' and 'ADDRESS/Number' or 'ADDRESS/P.O.Box' has to be used."""
    for inst in sites(doc, "R3002"):
        a = inst.value
        if a.get("poBox") or (a.get("street") and a.get("number")):
            continue
        missing = [n for n in ("street", "number") if not a.get(n)]
        yield Finding(
            "R3002", inst.xpath,
            f"Address needs street and number, or a P.O. box (missing: {', '.join(missing)})",
            f"L'adresse doit comporter rue et numéro, ou une boîte postale (manque : {', '.join(missing)})",
        )


@rule
def R3005(doc: EnsDocument) -> Iterator[Finding]:
    """EORI number shall be declared."""
    countries = codelists.codes("CL718")
    eu = codelists.eu_member_states()
    for inst in sites(doc, "R3005"):
        value = inst.value or ""
        problem = eori_problem(value, countries)
        if problem:
            yield Finding("R3005", inst.xpath, f"Not an EORI number: {problem}",
                          f"Ce n'est pas un numéro EORI : {problem}")
            continue
        party = inst.spec.parent.name
        if value[:2] not in eu:
            lodging = party in ("declarant", "representative")
            yield Finding(
                "R3005", inst.xpath,
                f"{value} is not an EU EORI: ICS2 only knows EORI numbers registered in the EU (or XI)"
                + ("" if lodging else "; check the carrier's EU EORI"),
                f"{value} n'est pas un EORI de l'UE : ICS2 ne connaît que les EORI enregistrés dans l'UE (ou XI)"
                + ("" if lodging else " ; vérifiez l'EORI UE du transporteur"),
                "error" if lodging else "warning",
            )


@rule
def R3006(doc: EnsDocument) -> Iterator[Finding]:
    """When 'COMMUNICATION/Type' is 'TE' the 'COMMUNICATION/Identifier' has to have an international phone number format as defined in the ITU-T recommendation E.123 (02/2001). The format must be compliant with the pattern "^\\\\+(?:[0-9] ?){6,14}[0-9]$”."""
    for inst in sites(doc, "R3006"):
        if inst.parent.get("type") == "TE" and not phone_ok(inst.value or ""):
            yield Finding("R3006", inst.xpath,
                          f"Phone number {inst.value!r} must be international E.123, e.g. +33 321000000",
                          f"Le numéro {inst.value!r} doit être au format international E.123, ex. +33 321000000")


@rule
def R3033(doc: EnsDocument) -> Iterator[Finding]:
    """'REPRESENTATIVE/Identification number' cannot be the same as 'DECLARANT/Identification number'."""
    for inst in sites(doc, "R3033"):
        if inst.value and inst.value == doc.get("declarant/identificationNumber"):
            yield Finding("R3033", inst.xpath,
                          "The representative cannot have the declarant's identification number",
                          "Le représentant ne peut pas avoir le numéro d'identification du déclarant")


@rule
def C3034(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'ADRESS/Country' in CL733 has a country code with postal code indicator 'C', THEN this attribute in the same class is O, ELSE it is M."""
    for el in doc.spec.citing("C3034"):
        for addr in doc.instances(el.parent.path):
            country = addr.value.get("country", "")
            if not addr.value.get(el.name) and not codelists.postcode_optional(country):
                yield Finding("C3034", f"{addr.xpath}/{el.name}",
                              f"Postcode is required for an address in {country or 'this country'}",
                              f"Le code postal est obligatoire pour une adresse en/au {country or 'ce pays'}")

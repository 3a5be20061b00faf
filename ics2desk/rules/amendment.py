"""Rules specific to amendments (IE3A50/IE3A51): the MRN and what cannot change."""
from __future__ import annotations

from typing import Iterator

from .. import codelists
from ..checkdigits import mrn_problems
from ..hti.spec import label
from ..model import EnsDocument
from .base import Finding, rule, sites


@rule
def R3004(doc: EnsDocument) -> Iterator[Finding]:
    """The MRN shall be generated using the following structure: Last two digits of year of the registration (n2) Identifier of the country where the message is addressed to (a2) Unique identifier per year and country (an11) Trader interface identifier (a1) Procedure identifier (a1) Check digit (an1)"""
    for inst in sites(doc, "R3004"):
        problems = mrn_problems(inst.value or "", codelists.eu_member_states())
        if problems:
            el = inst.spec
            yield Finding("R3004", inst.xpath,
                          f"{label(el)} {inst.value!r} is not valid: " + "; ".join(en for en, _ in problems),
                          f"{label(el, 'fr')} {inst.value!r} n'est pas valide : "
                          + " ; ".join(fr for _, fr in problems))


def unamendable_paths(message_id: str) -> list[str]:
    """Table paths marked R3024 ('cannot be amended') in an amendment message."""
    from ..hti.spec import load_message

    return [e.path for e in load_message(message_id).citing("R3024")]


def R3024(amendment: EnsDocument, registered: EnsDocument) -> Iterator[Finding]:
    """This class/attribute cannot be amended."""
    for path in unamendable_paths(amendment.message_id):
        new = [i.value for i in amendment.instances(path)]
        old = [i.value for i in registered.instances(path)]
        if new != old:
            insts = list(amendment.instances(path))
            where = insts[0].xpath if insts else f"/{amendment.message_id}/{path}"
            label = amendment.spec.element(path).label
            yield Finding("R3024", where, f"{label} ({path}) cannot be amended once the ENS is filed",
                          f"{label} ({path}) ne peut pas être modifié une fois l'ENS déposée")

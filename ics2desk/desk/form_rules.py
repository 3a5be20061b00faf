"""Rules the ENS form applies while the agent types, kept out of the widgets so any front end
(and a test without Qt) applies the same ones: row numbers that follow the row order, and what
the address book and the goods catalogue (ics2desk.reuse.book) fill in."""
from __future__ import annotations

from typing import Iterable

#: fields a repeating group numbers by itself (1, 2, 3 … in row order): the agent never types them
AUTO_NUMBERED = ("sequenceNumber", "goodsItemNumber")
#: an EORI this long or longer is worth looking up in the address book (shorter: still typing)
EORI_LOOKUP_MIN = 8


def auto_number(child_names: Iterable[str], items: list[dict]) -> None:
    """Number `items` (rows of a repeating group whose fields are `child_names`) in row order."""
    names = set(child_names)
    for name in AUTO_NUMBERED:
        if name in names:
            for i, item in enumerate(items, 1):
                item[name] = str(i)


def fill_party(conn, role: str, party: dict) -> bool:
    """A party whose EORI the book knows and that has no name yet gets the remembered fields it
    lacks. `role`: the party group's name (declarant, consignee …). True when something was filled."""
    from ..reuse import book

    eori = (party.get("identificationNumber") or "").strip()
    if conn is None or role not in book.PARTY_GROUPS or len(eori) < EORI_LOOKUP_MIN or party.get("name"):
        return False
    known = book.party(conn, eori)
    if not known:
        return False
    book.fill_missing(party, known)
    return True


def fill_goods_item(conn, description: str, item: dict) -> bool:
    """A goods item whose description the catalogue knows gets its HS code and first package type,
    where they are still empty. True when something was filled."""
    from ..reuse import book

    if conn is None or not description or item is None:
        return False
    known = book.goods_item(conn, description)
    if not known:
        return False
    hs, pack = known
    filled = False
    if hs and not ((item.get("commodity") or {}).get("commodityCode") or {}).get("harmonizedSystemSubHeadingCode"):
        item.setdefault("commodity", {}).setdefault("commodityCode", {})["harmonizedSystemSubHeadingCode"] = hs
        filled = True
    packs = item.setdefault("packaging", [])
    if pack and packs and not packs[0].get("typeOfPackages"):
        packs[0]["typeOfPackages"] = pack
        filled = True
    return filled

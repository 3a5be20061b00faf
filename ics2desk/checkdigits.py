"""Check characters and identifier syntax: MRN (R3004), ISO 6346 containers (R3021),
IMO ship numbers (R3009), E.123 phone numbers (R3006), EORI numbers (R3005)."""
from __future__ import annotations

import re

from . import codelists

# ISO 6346 letter values: A=10, then counting up and skipping multiples of 11 (11, 22, 33).
_LETTER_VALUES: dict[str, int] = {}
_v = 10
for _c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    if _v % 11 == 0:
        _v += 1
    _LETTER_VALUES[_c] = _v
    _v += 1


def _iso6346_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    return _LETTER_VALUES[ch]


def iso6346_check(body: str) -> str:
    """Check character for `body` per ISO 6346: weights 2^i, sum mod 11, 10 -> 0."""
    total = sum(_iso6346_value(ch) * (1 << i) for i, ch in enumerate(body))
    return str(total % 11 % 10)


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

#: R3004, position by position: (first, last) 1-based positions, what they hold (en, fr), the
#: characters allowed, or the code list they come from. Positions 16 and 17 are the closed HTI
#: code lists CL748 Trader Interface Identifier (A shared, B national, C other system) and CL734
#: Procedure Identifier (T ENS filing, Z arrival notification), read from resources/codelists.
MRN_LAYOUT = (
    (1, 2, "the last two digits of the year of registration", "les deux derniers chiffres de l'année d'enregistrement",
     _DIGITS),
    (3, 4, "the country the ENS was addressed to (2 letters)", "le pays auquel l'ENS a été adressée (2 lettres)",
     _LETTERS),
    (5, 15, "the unique identifier (11 capital letters or digits)",
     "l'identifiant unique (11 lettres majuscules ou chiffres)", _LETTERS + _DIGITS),
    (16, 16, "the trader interface identifier (CL748: A, B or C)",
     "l'identifiant de l'interface opérateur (CL748 : A, B ou C)", "CL748"),
    (17, 17, "the procedure identifier (CL734: T or Z)", "l'identifiant de la procédure (CL734 : T ou Z)", "CL734"),
)


def mrn_problems(mrn: str, member_states: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """Every way `mrn` breaks R3004, as (English, French) sentences; [] when it follows it.

    Checks the length, each position of the layout (year n2, country a2, unique identifier
    an11, trader interface CL748, procedure CL734), then the check character (ISO 6346 over the
    first 17, computed only once those are well formed). With `member_states`, the country must
    be one of them (the ICS2 Member State the ENS was addressed to).
    """
    if len(mrn) != 18:
        return [(f"an MRN has 18 characters, this one has {len(mrn)}",
                 f"un MRN compte 18 caractères, celui-ci en a {len(mrn)}")]
    out = []
    for first, last, en, fr, allowed in MRN_LAYOUT:
        part = mrn[first - 1:last]
        if allowed.startswith("CL"):
            allowed = codelists.codes(allowed)
        if any(ch not in allowed for ch in part):
            where = f"{first}" if first == last else f"{first}-{last}"
            out.append((f"character{'s' if first != last else ''} {where} must be {en}, not {part!r}",
                        f"le{'s' if first != last else ''} caractère{'s' if first != last else ''} {where} "
                        f"doi{'vent' if first != last else 't'} être {fr}, pas {part!r}"))
    if out:
        return out
    if member_states is not None and mrn[2:4] not in member_states:
        out.append((f"characters 3-4: {mrn[2:4]} is not an ICS2 Member State (the country the ENS was addressed to)",
                    f"caractères 3-4 : {mrn[2:4]} n'est pas un État membre ICS2 (pays auquel l'ENS a été "
                    f"adressée)"))
    expected = iso6346_check(mrn[:17])
    if mrn[17] != expected:
        out.append((f"check character (18th) is {mrn[17]}, expected {expected}: a typing mistake?",
                    f"le caractère de contrôle (18e) est {mrn[17]}, attendu {expected} : une faute de frappe ?"))
    return out


def mrn_problem(mrn: str) -> str | None:
    """None when the MRN follows R3004 (every position and the check character), else why not
    (English). The Member State of positions 3-4 is checked by the rule itself (rules.amendment)."""
    problems = mrn_problems(mrn)
    return "; ".join(en for en, _ in problems) if problems else None


def make_mrn(year: int, country: str, unique: str, interface: str = "C", procedure: str = "T") -> str:
    """Build an MRN with its check character (used by the simulator and tests).

    With the default interface (C, CL748) and procedure (T, CL734) the result follows R3004 in
    full; other letters are only for the non-ICS2 MRNs some tests need (an import or transit MRN
    in an ELO envelope), which `mrn_problem` rightly refuses.
    """
    unique = unique.upper()
    if len(unique) > 11 or not re.fullmatch(r"[A-Z0-9]*", unique):
        raise ValueError(f"the unique part of an MRN is up to 11 letters or digits, not {unique!r}")
    if not re.fullmatch(r"[A-Z]{2}", country) or len(interface) != 1 or len(procedure) != 1:
        raise ValueError("an MRN needs a 2-letter country, one interface letter and one procedure letter")
    body = f"{year % 100:02d}{country}{unique:0>11}{interface}{procedure}"
    return body + iso6346_check(body)


CONTAINER_PATTERN = re.compile(r"^[A-Z]{3}[UJZ][0-9]{7}$")  # ISO 6346 categories U, J, Z


def container_problem(number: str) -> str | None:
    """None when a container number is ZZZZ9999999 with a valid ISO 6346 check digit."""
    if not CONTAINER_PATTERN.match(number):
        return "format must be a 3-letter owner code, the category U, J or Z, and 7 digits, e.g. CSQU3054383"
    expected = iso6346_check(number[:10])
    if number[10] != expected:
        return f"ISO 6346 check digit is {number[10]}, expected {expected}"
    return None


def imo_problem(value: str) -> str | None:
    """R3009: 'IMO' + 6 digits + check digit (weights 7..2 from the left)."""
    m = re.fullmatch(r"IMO([0-9]{7})", value)
    if not m:
        return "must be IMO followed by 7 digits, e.g. IMO9274484"
    digits = m.group(1)
    check = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1))) % 10
    if int(digits[6]) != check:
        return f"IMO check digit is {digits[6]}, expected {check}"
    return None


E123_PATTERN = re.compile(r"^\+(?:[0-9] ?){6,14}[0-9]$")


def phone_ok(value: str) -> bool:
    """R3006: international E.123 format, e.g. +33 3 21 00 00 00."""
    return bool(E123_PATTERN.match(value))


EORI_PATTERN = re.compile(r"^([A-Z]{2})([A-Z0-9]{1,15})$")


def eori_problem(value: str, countries: frozenset[str]) -> str | None:
    """EORI syntax: ISO country code followed by up to 15 letters/digits."""
    m = EORI_PATTERN.match(value)
    if not m:
        return "an EORI number is a country code followed by up to 15 letters or digits, e.g. FR12345678901234"
    if countries and m.group(1) not in countries:
        return f"{m.group(1)} is not a country code"
    return None

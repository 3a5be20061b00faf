"""Check characters and identifier syntax: MRN (R3004), ISO 6346 containers (R3021),
IMO ship numbers (R3009), E.123 phone numbers (R3006), EORI numbers (R3005)."""
from __future__ import annotations

import re

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


MRN_PATTERN = re.compile(r"^[0-9]{2}[A-Z]{2}[A-Z0-9]{11}[A-Z][A-Z][0-9]$")


def mrn_problem(mrn: str) -> str | None:
    """None when the MRN follows R3004 (structure and check character), else why not."""
    if len(mrn) != 18:
        return f"an MRN has 18 characters, this one has {len(mrn)}"
    if not MRN_PATTERN.match(mrn):
        return "structure must be YY + country (2 letters) + 11 letters/digits + interface + procedure + check digit"
    expected = iso6346_check(mrn[:17])
    if mrn[17] != expected:
        return f"check character is {mrn[17]}, expected {expected}"
    return None


def make_mrn(year: int, country: str, unique: str, interface: str = "C", procedure: str = "T") -> str:
    """Build an MRN with its check character (used by the simulator and tests)."""
    body = f"{year % 100:02d}{country}{unique.upper():0>11}{interface}{procedure}"
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

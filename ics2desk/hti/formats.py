"""HTI data formats (`an..70`, `n..16,6`, `an20 (YYYY-MM-DDThh:mm:ssZ)`) as one parsed object.

The XSD generator, the form hints and the test data generators all read formats through
this module, so a format is interpreted in exactly one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

TIMESTAMP_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"
_TIMESTAMP = re.compile(TIMESTAMP_PATTERN)
_DECIMAL = re.compile(r"\+?([0-9]*)(?:\.([0-9]*))?")  # xs:decimal >= 0, as the XSD restricts it


@dataclass(frozen=True)
class Format:
    text: str
    kind: str  # "an" (any text), "a" (letters), "n" (digits/decimal), "timestamp"
    min_length: int
    max_length: int
    fraction_digits: int = 0  # n..16,6 -> 6

    @property
    def is_decimal(self) -> bool:
        return self.kind == "n" and self.fraction_digits > 0

    def problem(self, value: str) -> str | None:
        """Why `value` does not fit this format (None when it does), as the XSD would judge it."""
        if self.kind == "timestamp":
            if not _TIMESTAMP.fullmatch(value):
                return "not a UTC date-time YYYY-MM-DDThh:mm:ssZ"
            try:
                datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            except ValueError:
                return "not a real date and time"
            return None
        if self.is_decimal:
            m = _DECIMAL.fullmatch(value)
            if not m:
                return "not a number with '.' as decimal sign"
            whole, fraction = m.group(1).lstrip("0"), (m.group(2) or "").rstrip("0")
            if len(fraction) > self.fraction_digits or len(whole) + len(fraction) > self.max_length:
                return f"more than {self.max_length} digits or {self.fraction_digits} decimals"
            return None
        if self.kind == "n" and not value.isdigit():
            return "digits only"
        if self.kind == "a" and not (value.isascii() and value.isalpha()):
            return "letters only"
        if not self.min_length <= len(value) <= self.max_length:
            return f"{len(value)} characters, {self.hint()}"
        return None

    def hint(self) -> str:
        """Short human hint for a form field, e.g. 'text, up to 70 characters'."""
        if self.kind == "timestamp":
            return "UTC date-time YYYY-MM-DDThh:mm:ssZ"
        if self.is_decimal:
            return f"number, up to {self.max_length} digits with up to {self.fraction_digits} decimals"
        what = {"an": "characters", "a": "letters", "n": "digits"}[self.kind]
        if self.min_length == self.max_length:
            return f"exactly {self.max_length} {what}"
        return f"up to {self.max_length} {what}"


@lru_cache(maxsize=None)
def parse_format(text: str) -> Format | None:
    """Parse an HTI format cell; None for groups (no format)."""
    if not text:
        return None
    if "YYYY" in text:
        return Format(text, "timestamp", 20, 20)
    m = re.fullmatch(r"(an|a|n)(\.\.)?(\d+)(?:,(\d+))?", text)
    if not m:
        raise ValueError(f"unknown HTI format {text!r}")
    kind, variable, length, fraction = m.groups()
    length = int(length)
    return Format(text, kind, 1 if variable else length, length, int(fraction or 0))

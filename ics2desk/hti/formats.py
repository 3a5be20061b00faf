"""HTI data formats (`an..70`, `n..16,6`, `an20 (YYYY-MM-DDThh:mm:ssZ)`) as one parsed object.

The XSD generator, the form hints and the test data generators all read formats through
this module, so a format is interpreted in exactly one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TIMESTAMP_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"


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

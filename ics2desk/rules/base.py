"""What a rule returns, and the registry that ties each rule function to its HTI ID."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from ..model import EnsDocument, Instance


@dataclass(frozen=True)
class Finding:
    """One problem in a filing: rule ID (or 'XSD'), element XPath, message in EN and FR."""

    rule: str
    path: str
    en: str
    fr: str
    severity: str = "error"  # "warning": worth a look, does not stop the filing

    def message(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en

    def as_dict(self, lang: str = "en") -> dict:
        return {"rule": self.rule, "path": self.path, "message": self.message(lang)}


RuleFn = Callable[[EnsDocument], Iterator[Finding]]

#: Every rule or condition implemented, by its HTI ID (R3013, C3034, ...).
RULES: dict[str, RuleFn] = {}
#: Checks a message's tables do not cite but that catch real mistakes; reported as warnings.
ADVISORY: dict[str, RuleFn] = {}
#: Rules that carry their own trigger in the data (e.g. "when type of identification is 10")
#: and so apply to every message holding that data, cited by its tables or not.
UNIVERSAL: dict[str, RuleFn] = {}


def rule(fn: RuleFn) -> RuleFn:
    """Register a rule function; its name is its HTI ID and its docstring the HTI text."""
    RULES[fn.__name__] = fn
    return fn


def advisory(fn: RuleFn) -> RuleFn:
    """Register a check that runs as a warning where the message's tables do not cite it."""
    RULES[fn.__name__] = fn
    ADVISORY[fn.__name__] = fn
    return fn


def universal(fn: RuleFn) -> RuleFn:
    """Register a rule that applies wherever its triggering data occurs (errors)."""
    RULES[fn.__name__] = fn
    UNIVERSAL[fn.__name__] = fn
    return fn


def sites(doc: EnsDocument, rule_id: str) -> Iterator[Instance]:
    """Every occurrence, in the document, of the elements whose table row cites `rule_id`."""
    for el in doc.spec.citing(rule_id):
        yield from doc.instances(el.path)

"""The API_BREXIT_ELO v1.2.0 message schemas (resources/elo/*.schema.json): load once, check a body.

Both the client (every request before it leaves, every answer) and the test double use these,
so the two sides cannot drift apart.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING

from ..paths import resource_path

if TYPE_CHECKING:  # jsonschema costs ~80 ms to import: loaded on the first check
    from jsonschema import Draft202012Validator
    from referencing import Registry

MESSAGES = ("ENV_CRE01", "ENV_CRE02", "ENV_CRE03", "ENV_MOD01", "ENV_MOD02", "ENV_MOD03",
            "ENV_REC01", "ENV_REC02", "ENV_REC03", "ENV_NOT01")


@lru_cache(maxsize=None)
def _registry() -> "Registry":
    from referencing import Registry, Resource

    resources = []
    for name in ("definitions",) + MESSAGES:
        body = json.loads(resource_path("elo", f"{name}.schema.json").read_text(encoding="utf-8"))
        resources.append((body["$id"], Resource.from_contents(body)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator(message_code: str) -> "Draft202012Validator":
    from jsonschema import Draft202012Validator

    if message_code not in MESSAGES:
        raise KeyError(message_code)
    body = json.loads(resource_path("elo", f"{message_code}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(body, registry=_registry())


def problems(message_code: str, body: object) -> list[str]:
    """Readable schema violations of `body` as message `message_code` ([] when it conforms)."""
    out = []
    for err in sorted(validator(message_code).iter_errors(body), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(body)"
        out.append(f"{where}: {err.message}")
    return out

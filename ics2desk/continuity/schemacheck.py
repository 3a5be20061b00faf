"""A small JSON Schema checker for the subset the playbook schema uses.

Why not the `jsonschema` package: one more dependency for a single, small, fixed schema. The
keywords handled are listed in playbook.schema.json's description; an unknown keyword in a schema
is our bug (BugError), so the schema cannot silently ask for a check that does not happen.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import BugError

_KNOWN = {"$schema", "$id", "$defs", "title", "description", "type", "required", "properties",
          "additionalProperties", "propertyNames", "items", "enum", "const", "minLength",
          "minItems", "minProperties", "pattern", "$ref"}
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def check(instance: Any, schema: dict) -> list[str]:
    """Every problem as "path: message" (empty when the instance conforms)."""
    problems: list[str] = []
    _check(instance, schema, schema, "$", problems)
    return problems


def _check(value: Any, schema: dict, root: dict, path: str, out: list[str]) -> None:
    unknown = set(schema) - _KNOWN
    if unknown:
        raise BugError(f"schema keyword(s) not supported: {sorted(unknown)}")
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise BugError(f"only local $defs references are supported: {ref}")
        _check(value, root["$defs"][ref[len("#/$defs/"):]], root, path, out)
    if "const" in schema and value != schema["const"]:
        out.append(f"{path}: must be {schema['const']!r}")
        return
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} is not one of {schema['enum']}")
        return
    t = schema.get("type")
    if t is not None:
        expected = _TYPES[t]
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            out.append(f"{path}: expected {t}, found {type(value).__name__}")
            return
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append(f"{path}: must not be empty")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{path}: needs at least {schema['minItems']} item(s)")
        if "items" in schema:
            for i, item in enumerate(value):
                _check(item, schema["items"], root, f"{path}[{i}]", out)
    if isinstance(value, dict):
        _check_object(value, schema, root, path, out)


def _check_object(value: dict, schema: dict, root: dict, path: str, out: list[str]) -> None:
    for name in schema.get("required", []):
        if name not in value:
            out.append(f"{path}: '{name}' is required")
    if len(value) < schema.get("minProperties", 0):
        out.append(f"{path}: needs at least {schema['minProperties']} entr(y/ies)")
    props = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if "propertyNames" in schema:
            _check(key, schema["propertyNames"], root, f"{path}.{key} (name)", out)
        if key in props:
            _check(item, props[key], root, f"{path}.{key}", out)
        elif extra is False:
            out.append(f"{path}: '{key}' is not allowed here")
        elif isinstance(extra, dict):
            _check(item, extra, root, f"{path}.{key}", out)

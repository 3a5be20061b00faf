"""The XSD set in use, its namespace and the ICS2 message version it implements: the one
setting (schemas/schemaset.json).

To use the official EU XSDs, point ICS2DESK_SCHEMA_DIR at a folder holding them and a
schemaset.json naming their namespace, their message version, the AS4 AgreementRef that
announces that version, and one file per message (see schemas/README.md).
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import BugError, KnownError
from ..paths import schema_path


def schema_dir() -> Path:
    override = os.environ.get("ICS2DESK_SCHEMA_DIR")
    return Path(override) if override else schema_path()


@lru_cache(maxsize=None)
def _settings(directory: str) -> dict:
    return json.loads((Path(directory) / "schemaset.json").read_text(encoding="utf-8"))


def settings() -> dict:
    return _settings(str(schema_dir()))


def namespace() -> str:
    """The payload namespace (targetNamespace of every message schema)."""
    return settings()["namespace"]


@lru_cache(maxsize=None)
def _schema(directory: str, message_id: str) -> etree.XMLSchema:
    files = _settings(directory).get("messages", {})
    if message_id not in files:
        raise BugError(f"no schema for {message_id} in {directory}/schemaset.json")
    doc = etree.parse(str(Path(directory) / files[message_id]), etree.XMLParser(no_network=True,
                                                                                resolve_entities=False))
    return etree.XMLSchema(doc)


def schema(message_id: str) -> etree.XMLSchema:
    """Compiled XSD for a message (cached: compiling costs ~10 ms, validating ~0.1 ms)."""
    return _schema(str(schema_dir()), message_id)


def message_version() -> str:
    """The ICS2 message version the active set implements ("2" for ours): every filing version
    and message the store keeps records the version it was built with."""
    value = settings().get("message_version")
    if not value:
        raise KnownError(f"{schema_dir() / 'schemaset.json'} does not say which ICS2 message version the schemas "
                         f"implement: add \"message_version\" (and \"agreement_ref\"), see schemas/README.md")
    return str(value)


def agreement_ref() -> str | None:
    """The AS4 eb:AgreementRef that announces the active set's message version, when it names one
    (ICD v3.30 §5.7: "the version of the messages used is defined in the eb:AgreementRef")."""
    return settings().get("agreement_ref") or None


def version_key(version: str) -> tuple:
    """Orders message versions: "2" < "2.1" < "3" < "10" (numbers compared as numbers)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in str(version).split("."))


def is_older(version: str | None, than: str) -> bool:
    """True when `version` is an earlier message version than `than` (None: not known, not older)."""
    return version is not None and version_key(version) < version_key(than)

"""A stand-in for the official version 3 package: a renamed copy of our schema set, made exactly
as schemas/README.md ("Dropping in the official set") tells an office to drop theirs in.

Other file names, another types file, another namespace, and a schemaset.json naming them
with message version 3 and its AgreementRef. Tests point ICS2DESK_SCHEMA_DIR at it (the
documented way) to prove nothing else in the desk has to change."""
from __future__ import annotations

import json
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
V3_NAMESPACE = "urn:example:ics2:ens:v3"  # made up: the official one is not in our sources
V3_AGREEMENT_REF = "EU-ICS2-TI-V3.0-TEST"  # made up likewise: a real office takes it from the v3 ICD
V2_AGREEMENT_REF = "EU-ICS2-TI-V2.0"


def renamed_schema_set(dest: Path, version: str = "3", agreement_ref: str | None = V3_AGREEMENT_REF,
                       namespace: str = V3_NAMESPACE) -> Path:
    """Write the renamed copy into `dest` (created) and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    ours = json.loads((SCHEMAS / "schemaset.json").read_text(encoding="utf-8"))
    old_ns = ours["namespace"]
    types_name = "ens-common-types-v3.xsd"
    messages = {}
    for mid, file in ours["messages"].items():
        text = (SCHEMAS / file).read_text(encoding="utf-8")
        text = text.replace(old_ns, namespace).replace('schemaLocation="ics2-types.xsd"',
                                                       f'schemaLocation="{types_name}"')
        messages[mid] = f"ENS_{mid}_v{version}.xsd"
        (dest / messages[mid]).write_text(text, encoding="utf-8")
    types = (SCHEMAS / "ics2-types.xsd").read_text(encoding="utf-8").replace(old_ns, namespace)
    (dest / types_name).write_text(types, encoding="utf-8")
    settings = {"namespace": namespace, "message_version": version, "messages": messages}
    if agreement_ref:
        settings["agreement_ref"] = agreement_ref
    (dest / "schemaset.json").write_text(json.dumps(settings, indent=1), encoding="utf-8")
    return dest

"""Turn the HTI tables (Markdown, ../shared/spec/ics2-hti) into the data the product ships.

Run once when the tables change:  python tools/gen_hti.py [SPEC_DIR]

Writes:
  resources/hti/messages.json   element rows of every message the desk builds or parses
  resources/hti/rules.json      text of every HTI rule and condition
  resources/codelists/hti.json  the code lists whose values CODELISTS.md gives
then regenerates the XSDs in schemas/ (tools/gen_xsd.py).

Nothing at run time reads the Markdown: the package only reads these JSON files.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "spec" / "ics2-hti"

# Messages the desk sends or parses (issue 2 §3).
MESSAGES = [
    "IE3F50", "IE3A50", "IE3F51", "IE3A51",
    "IE3R01", "IE3N99", "IE3N01", "IE3N02", "IE3N03", "IE3N10", "IE3Q01", "IE3Q02",
    "IE3R07", "IE3R08",
    "IE3Q04", "IE3Q05", "IE3R02",
]

HEADER = ["#", "Lvl", "Type", "ICS2 name", "XML group path", "ICS2 XML element", "Occurs",
          "Format", "Status", "Rules", "Conditions", "CL (MS)", "CL (Trade)", "WCO Id", "XPath (WCO)"]


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _ids(cell: str) -> list[str]:
    return re.findall(r"[RC]\d{4}", cell)


def parse_message(path: Path) -> dict:
    title = ""
    rows = []
    in_table = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("**") and not title:
            title = line.strip("*").split("**")[0].strip()
        if line.startswith("| # |"):
            if _cells(line) != HEADER:
                raise SystemExit(f"{path.name}: unexpected table header")
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                break
            cells = _cells(line)
            if not cells[0].isdigit():
                continue
            rows.append(cells)
    root, *rest = rows
    elements = []
    for c in rest:
        occurs = c[6]
        lo, hi = occurs.split("..")
        name = c[5]
        if not name:
            # One source row (IE3R02 binaryAttachment "Identification") has no XML name:
            # derive it from the label, camelCase like its siblings, and flag it.
            words = re.findall(r"[A-Za-z]+", c[3])
            name = words[0].lower() + "".join(w.title() for w in words[1:])
            print(f"{path.name} row {c[0]}: no XML name, using {name!r}")
        elements.append({
            "row": int(c[0]),
            "level": int(c[1]),
            "group": c[2] != "Attribute",
            "label": c[3].strip(),
            "parent": c[4],
            "name": name,
            "name_derived": not c[5],
            "min": int(lo),
            "max": int(hi),
            "format": c[7],
            "status": c[8],
            "rules": _ids(c[9]),
            "conditions": _ids(c[10]),
            "codelist": c[11] or c[12] or None,
            "wco_id": c[13],
        })
    return {"id": root[5], "title": title, "elements": elements}


def parse_rules(path: Path) -> dict:
    rules = {}
    for m in re.finditer(r"^- \*\*([RC]\d{4})\*\* — (.+)$", path.read_text(encoding="utf-8"), re.M):
        rules[m.group(1)] = m.group(2).strip()
    return rules


def parse_codelists(path: Path) -> dict:
    lists: dict[str, dict] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^## (CL\d{3}) (.+)$", line)
        if m:
            current = {"name": m.group(2).strip(), "values": []}
            lists[m.group(1)] = current
            continue
        if current is None or not line.startswith("| "):
            continue
        cells = _cells(line)
        if len(cells) >= 2 and cells[0] not in ("Code", "---"):
            current["values"].append({"code": cells[0], "en": cells[1]})
    return {k: v for k, v in lists.items() if v["values"]}


def main(argv: list[str]) -> None:
    spec = Path(argv[1]) if len(argv) > 1 else DEFAULT_SPEC
    out = ROOT / "resources"
    messages = {m: parse_message(spec / "messages" / f"{m}.md") for m in MESSAGES}
    for m in messages.values():
        m["source"] = "HTI-IE v2.02 (2022-05-04) via boldpawn/boldpawn.com@4767c3af54f7"
    (out / "hti").mkdir(parents=True, exist_ok=True)
    (out / "codelists").mkdir(parents=True, exist_ok=True)
    _dump(out / "hti" / "messages.json", messages)
    _dump(out / "hti" / "rules.json", parse_rules(spec / "RULES_CONDITIONS.md"))
    _dump(out / "codelists" / "hti.json", parse_codelists(spec / "CODELISTS.md"))
    sys.path.insert(0, str(ROOT / "tools"))
    import gen_xsd  # noqa: E402  (sibling tool, needs the JSON just written)

    gen_xsd.main()
    print(f"wrote {len(messages)} messages, rules, code lists and XSDs")


def _dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)

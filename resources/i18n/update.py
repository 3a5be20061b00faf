"""Regenerate ics2desk_fr.ts from the sources (pyside6-lupdate), fill it from fr_glossary.json
(plus the HTI labels and state names, which are data, not literals), compile the .qm.

    .venv/bin/python resources/i18n/update.py
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name) or name


def main() -> int:
    ts = HERE / "ics2desk_fr.ts"
    sources = sorted(str(p) for p in (ROOT / "ics2desk" / "gui").rglob("*.py")) + [str(p) for p in sorted((ROOT / "ui").glob("*.ui"))]
    subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)], check=True,
                   capture_output=True)
    glossary = json.loads((HERE / "fr_glossary.json").read_text(encoding="utf-8"))
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "fr_FR")
    for context in root.findall("context"):
        for message in context.findall("message"):
            source = message.findtext("source")
            text = glossary["*"].get(source)
            tr = message.find("translation")
            if text is not None:
                for child in list(tr):
                    tr.remove(child)
                if message.get("numerus") == "yes":
                    tr.text = None
                    for form in (text, text):
                        ET.SubElement(tr, "numerusform").text = form
                else:
                    tr.text = text
                tr.attrib.pop("type", None)
    # strings passed through helpers or tables, which lupdate cannot see
    extra = {"hti": glossary["hti"], "State": glossary["State"],
             "Editors": {k: glossary["*"][k] for k in ("Remove this line", "+ Add {0}", "+ Add (Enter)", "Remove")},
             "FilingsModel": {k: glossary["*"][k] for k in ("LRN", "State", "MRN", "Truck", "Crossing",
                                                             "Arrival (UTC)", "Deadline", "Declarant", "Updated")}}
    for name, entries in extra.items():
        for old in [c for c in root.findall("context") if c.findtext("name") == name]:
            root.remove(old)
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for source, text in entries.items():
            m = ET.SubElement(context, "message")
            ET.SubElement(m, "source").text = source
            ET.SubElement(m, "translation").text = text
    missing = [m.findtext("source") for m in root.iter("message")
               if m.find("translation").get("type") == "unfinished"]
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(HERE / "ics2desk_fr.qm")], check=True,
                   capture_output=True)
    for m in missing:
        print("untranslated:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())

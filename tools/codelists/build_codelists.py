#!/usr/bin/env python3
"""Regenerate the reference code lists in resources/codelists/ from named,
downloaded sources (see resources/codelists/SOURCES.md).

Usage
-----
    # 1. download the pinned source packages into a folder (needs pip and npm)
    python tools/codelists/build_codelists.py fetch  --sources /tmp/codelists-src
    # 2. build the JSON files from that folder
    python tools/codelists/build_codelists.py build  --sources /tmp/codelists-src
    # or both at once
    python tools/codelists/build_codelists.py all    --sources /tmp/codelists-src

Options for ``build``:
    --out DIR            output folder (default: resources/codelists next to this repo)
    --unlocode-countries GB,IE,FR,BE,NL   countries whose UN/LOCODE entries are kept (all of them)
    --unlocode-all       keep every country's entries (about 116,000 entries, ~12 MB)

Sources (pinned; the checksums are verified after download and before building):
    pycountry 26.2.16         (PyPI)  ISO 3166-1 codes, English names, French names (iso-codes .mo)
    babel 2.18.0              (PyPI)  CLDR territory names for the user-assigned code XK (Kosovo)
    pyunlocode 0.1.0          (PyPI)  ships the UNECE "2023-1 UNLOCODE CodeListPart{1,2,3}.csv"
    un-ece-recommendation 0.1.1 (npm) UN/ECE Recommendation 21 package codes (REC_21_3)

Nothing here invents a code: every entry is read from one of those files, except the
customs-office starter list, whose two entries are quoted from the project's spec
(shared/spec/README.md section 3 and shared/spec/elo/README.md) and listed in CUSTOMS_OFFICES below.
"""
from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "resources" / "codelists"

# name -> (file name as downloaded, sha256, how to fetch)
ARTIFACTS = {
    "pycountry": (
        "pycountry-26.2.16-py3-none-any.whl",
        "115c4baf7cceaa30f59a4694d79483c9167dbce7a9de4d3d571c5f3ea77c305a",
        ["pip", "download", "--no-deps", "--only-binary", ":all:", "pycountry==26.2.16"],
    ),
    "babel": (
        "babel-2.18.0-py3-none-any.whl",
        "e2b422b277c2b9a9630c1d7903c2a00d0830c409c59ac8cae9081c92f1aeba35",
        ["pip", "download", "--no-deps", "--only-binary", ":all:", "babel==2.18.0"],
    ),
    "pyunlocode": (
        "pyunlocode-0.1.0-py3-none-any.whl",
        "5b55a2433ba66833f2f3e0fe3fdd5ce05d3a040fe018d240e5a305dddec57d4e",
        ["pip", "download", "--no-deps", "--only-binary", ":all:", "pyunlocode==0.1.0"],
    ),
    "un-ece-recommendation": (
        "un-ece-recommendation-0.1.1.tgz",
        "1344d6f5b30201eef0c05649a8a239750a70baa2050445a58e4d25a9d89e1483",
        ["npm", "pack", "un-ece-recommendation@0.1.1"],
    ),
}

DEFAULT_UNLOCODE_COUNTRIES = ["GB", "IE", "FR", "BE", "NL"]

# Codes that EU customs lists use but ISO 3166-1 does not assign.
# XI: the ICS2 HTI spec's own code list CL717 "Country code (ICS2 MS)" lists "XI Northern Ireland"
#     (shared/spec/ics2-hti/CODELISTS.md). No French name was found in any source at hand, so "fr"
#     repeats the English name (see SOURCES.md).
# XK: user-assigned code for Kosovo; names from CLDR (babel) territory "XK" in en and fr.
XI_ENTRY = {
    "code": "XI",
    "en": "Northern Ireland",
    "fr": "Northern Ireland",
    "note": "Not ISO 3166-1: EU customs code for Northern Ireland (ICS2 HTI CL717 'XI Northern Ireland'). "
    "No French name in the sources used; fr repeats the English name.",
}
XK_NOTE = "Not ISO 3166-1: user-assigned code for Kosovo used by EU lists; names from CLDR (babel 2.18.0)."

# Starter list: only codes a cited source gives. Extend in the app.
CUSTOMS_OFFICES = [
    {
        "code": "FR590002",
        "name": "Dunkerque Ferry",
        "country": "FR",
        "source": "shared/spec/README.md s.3 and shared/spec/elo/README.md: 'FR590002 \"Dunkerque Ferry\"' "
        "(transit-system code; use as ICS2 office of first entry reported, not confirmed)",
    },
    {
        "code": "FR620001",
        "name": "Calais Port Tunnel",
        "country": "FR",
        "source": "shared/spec/README.md s.3 and shared/spec/elo/README.md: 'FR620001 (\"Calais Port Tunnel\") "
        "covers Calais port and Coquelles' (transit-system code; use as ICS2 office of first entry reported, "
        "not confirmed)",
    },
]


# --------------------------------------------------------------------------- helpers
def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def artifact(src: Path, name: str) -> Path:
    fname, digest, _ = ARTIFACTS[name]
    p = src / fname
    if not p.exists():
        sys.exit(f"missing {p}: run '{Path(__file__).name} fetch --sources {src}' first")
    got = sha256(p)
    if got != digest:
        sys.exit(f"checksum mismatch for {p}: {got} != {digest}")
    return p


def extract_zip(whl: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(whl) as z:
        z.extractall(dest)
    return dest


def write_list(path: Path, rows: list[dict]) -> None:
    """One JSON object per line, sorted by code, UTF-8."""
    rows = sorted(rows, key=lambda r: r["code"])
    seen: set[str] = set()
    dup = {r["code"] for r in rows if r["code"] in seen or seen.add(r["code"])}
    if dup:
        sys.exit(f"{path.name}: duplicate codes {sorted(dup)[:10]}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n")
        for i, r in enumerate(rows):
            f.write(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")))
            f.write(",\n" if i < len(rows) - 1 else "\n")
        f.write("]\n")
    print(f"wrote {path} ({len(rows)} entries)")


# --------------------------------------------------------------------------- fetch
def fetch(src: Path) -> None:
    src.mkdir(parents=True, exist_ok=True)
    for name, (fname, digest, cmd) in ARTIFACTS.items():
        p = src / fname
        if p.exists() and sha256(p) == digest:
            print(f"have {p}")
            continue
        if cmd[0] == "pip":
            full = [sys.executable, "-m", *cmd, "-d", str(src)]
            subprocess.run(full, check=True)
        else:
            subprocess.run(cmd + ["--pack-destination", str(src)], check=True)
        if sha256(p) != digest:
            sys.exit(f"checksum mismatch after download: {p}")
        print(f"fetched {p}")


# --------------------------------------------------------------------------- countries
def build_countries(src: Path, work: Path) -> list[dict]:
    pc = extract_zip(artifact(src, "pycountry"), work / "pycountry") / "pycountry"
    data = json.loads((pc / "databases" / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    fr = gettext.translation("iso3166-1", str(pc / "locales"), languages=["fr"])
    rows = []
    for c in data:
        rows.append({"code": c["alpha_2"], "en": c["name"], "fr": fr.gettext(c["name"])})

    # XK from CLDR via babel (pure-Python wheel; import it from the extracted folder).
    bdir = extract_zip(artifact(src, "babel"), work / "babel")
    sys.path.insert(0, str(bdir))
    try:
        from babel import Locale  # type: ignore
    finally:
        sys.path.pop(0)
    xk_en = Locale.parse("en").territories["XK"]
    xk_fr = Locale.parse("fr").territories["XK"]
    have = {r["code"] for r in rows}
    for extra in (XI_ENTRY, {"code": "XK", "en": xk_en, "fr": xk_fr, "note": XK_NOTE}):
        if extra["code"] in have:
            sys.exit(f"{extra['code']} unexpectedly present in ISO 3166-1 data; review XI/XK handling")
        rows.append(dict(extra))
    return rows


# --------------------------------------------------------------------------- package types
def build_package_types(src: Path) -> list[dict]:
    tgz = artifact(src, "un-ece-recommendation")
    with tarfile.open(tgz) as t:
        js = t.extractfile("package/dist/cjs/21/3/index.js").read().decode("utf-8")
    m = re.search(r"exports\.REC_21_3 = (\[.*?\]);", js, re.S)
    if not m:
        sys.exit("REC_21_3 array not found in un-ece-recommendation")
    lit = m.group(1)
    lit = re.sub(r"(?m)^(\s*|\{\s*|,\s*)(code|name|description):", r'\1"\2":', lit)
    lit = re.sub(r'([{,]\s*)(code|name|description):', r'\1"\2":', lit)
    lit = re.sub(r",(\s*[}\]])", r"\1", lit)
    items = json.loads(lit)
    rows = []
    for it in items:
        code = it["code"]
        # The package follows the XRechnung/EN 16931 convention: "X" + the Rec 21 code.
        if not re.fullmatch(r"X[0-9A-Z]{2}", code):
            sys.exit(f"unexpected package code {code!r}")
        row = {"code": code[1:], "en": it["name"].strip()}
        desc = (it.get("description") or "").strip()
        if desc:
            row["description"] = desc
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- UN/LOCODE
def _decode_unece(raw: bytes) -> str:
    # UNECE's CSVs are Windows-1252/ISO-8859-1; bytes cp1252 leaves undefined fall back to latin-1.
    out = []
    for line in raw.split(b"\n"):
        try:
            out.append(line.decode("cp1252"))
        except UnicodeDecodeError:
            out.append(line.decode("latin-1"))
    return "\n".join(out)


def build_unlocode(src: Path, countries: list[str] | None) -> list[dict]:
    whl = artifact(src, "pyunlocode")
    rows: list[dict] = []
    by_code: dict[str, dict] = {}
    with zipfile.ZipFile(whl) as z:
        for part in (1, 2, 3):
            text = _decode_unece(z.read(f"pyunlocode/csv/2023-1 UNLOCODE CodeListPart{part}.csv"))
            for r in csv.reader(io.StringIO(text, newline="")):
                if len(r) != 12:
                    sys.exit(f"unexpected row {r}")
                change, ctry, loc, name, _name_ascii, subdiv, function, status = r[:8]
                if not loc:  # country header line ",\"FR\",,\".FRANCE\",..."
                    continue
                if change == "X":  # marked for deletion
                    continue
                if countries and ctry not in countries:
                    continue
                code = ctry + loc
                prev = by_code.get(code)
                if prev is not None:
                    # Same location listed again under another language's name (Belgium's
                    # bilingual entries, e.g. "Oostende (Ostend)" / "Ostend (Oostende)"):
                    # keep the first row, record the other spelling.
                    if (prev["subdivision"], prev["function"]) != (subdiv, function):
                        sys.exit(f"conflicting duplicate rows for {code}: {prev} / {r}")
                    if name != prev["name"]:
                        prev.setdefault("alt_names", []).append(name)
                    continue
                by_code[code] = {
                    "code": code,
                    "name": name,
                    "country": ctry,
                    "subdivision": subdiv,
                    "function": function,
                }
                rows.append(by_code[code])
    return rows


# --------------------------------------------------------------------------- main
def build(src: Path, out: Path, unlocode_countries: list[str] | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = src / "_extracted"
    countries = build_countries(src, work)
    write_list(out / "countries.json", countries)
    write_list(out / "package_types.json", build_package_types(src))
    loc = build_unlocode(src, unlocode_countries)
    by = {r["code"]: r for r in loc}
    for must in ("FRCQF", "FRCQS", "FRDKK", "GBDVR", "GBFOL"):
        if unlocode_countries is None or must[:2] in unlocode_countries:
            if must not in by:
                sys.exit(f"expected UN/LOCODE {must} missing")
    write_list(out / "unlocode.json", loc)
    write_list(out / "customs_offices.json", [dict(r) for r in CUSTOMS_OFFICES])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["fetch", "build", "all"])
    ap.add_argument("--sources", type=Path, default=Path("/tmp/codelists-src"))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--unlocode-countries", default=",".join(DEFAULT_UNLOCODE_COUNTRIES))
    ap.add_argument("--unlocode-all", action="store_true")
    a = ap.parse_args(argv)
    if a.command in ("fetch", "all"):
        fetch(a.sources)
    if a.command in ("build", "all"):
        cs = None if a.unlocode_all else [c.strip().upper() for c in a.unlocode_countries.split(",") if c.strip()]
        build(a.sources, a.out, cs)


if __name__ == "__main__":
    main()

"""The fiche réflexe as versioned data: load, check, import, pick the version in force.

A playbook is one JSON file (resources/playbook/fiche-reflexe-v*.json shipped, more imported
into <data dir>/playbooks/). It loads only if it conforms to playbook.schema.json AND every step
and contact names sources that exist: a step nobody can trace back to a document must not be
shown to an agent with trucks waiting. Steps with "confirmed": false are shown with the words
"to confirm with the official fiche réflexe".
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError
from ..failures import Component
from ..paths import data_dir, resource_path
from .schemacheck import check

PHASES = ("symptoms", "immediate", "contact", "pending", "fallback", "recovery")
PHASE_TITLES = {
    "symptoms": ("Symptômes", "Symptoms"),
    "immediate": ("Premières mesures", "Immediate steps"),
    "contact": ("Qui contacter", "Whom to contact"),
    "pending": ("Déclarations en attente", "Pending filings"),
    "fallback": ("Procédure de secours", "Fallback"),
    "recovery": ("Au rétablissement", "On recovery"),
}
TO_CONFIRM = {"fr": "à confirmer avec la fiche réflexe officielle",
              "en": "to confirm with the official fiche réflexe"}


def _pick(text: dict, lang: str) -> str:
    return text.get(lang) or text["en"]


@dataclass(frozen=True, eq=False)
class Source:
    id: str
    document: dict
    issuer: str
    date: str  # YYYY-MM-DD or "undated"
    public: bool = True

    def label(self, lang: str = "en") -> str:
        when = ("non daté" if lang == "fr" else "undated") if self.date == "undated" else self.date
        return f"{self.issuer}, {_pick(self.document, lang)} ({when})"


@dataclass(frozen=True, eq=False)
class Contact:
    id: str
    role_text: dict
    channel_text: dict
    address: str | None

    def role(self, lang: str = "en") -> str:
        return _pick(self.role_text, lang)

    def channel(self, lang: str = "en") -> str:
        c = _pick(self.channel_text, lang)
        return f"{c}: {self.address}" if self.address else c


@dataclass(frozen=True, eq=False)
class Step:
    id: str
    component: Component
    phase: str
    text_by_lang: dict
    confirmed: bool
    sources: tuple[Source, ...]
    contacts: tuple[Contact, ...] = ()

    def text(self, lang: str = "en") -> str:
        return _pick(self.text_by_lang, lang)

    def display(self, lang: str = "en") -> str:
        """The text as the panel shows it, flagged when no public source confirms it."""
        return self.text(lang) if self.confirmed else f"{self.text(lang)} [{TO_CONFIRM[lang]}]"


@dataclass
class Playbook:
    id: str
    version: str
    issued: str
    title_text: dict
    basis_text: dict
    sources: dict[str, Source]
    contacts: dict[str, Contact]
    steps: dict[tuple[Component, str], list[Step]]
    path: Path | None = None

    def title(self, lang: str = "en") -> str:
        return _pick(self.title_text, lang)

    def section(self, component: Component, phase: str) -> list[Step]:
        if phase not in PHASES:
            raise BadInputError(f"unknown playbook phase {phase!r}; one of {', '.join(PHASES)}")
        return list(self.steps.get((component, phase), []))

    def steps_for(self, component: Component) -> list[Step]:
        """Every step for a component, in phase order (the incident checklist)."""
        return [s for phase in PHASES for s in self.steps.get((component, phase), [])]

    def step(self, step_id: str) -> Step:
        for steps in self.steps.values():
            for s in steps:
                if s.id == step_id:
                    return s
        raise BadInputError(f"no step {step_id!r} in playbook version {self.version}")


_SCHEMA: dict | None = None


def schema() -> dict:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = json.loads(resource_path("playbook", "playbook.schema.json").read_text(encoding="utf-8"))
    return _SCHEMA


def parse_playbook(data: object, where: str = "playbook") -> Playbook:
    """Check and build a Playbook from parsed JSON; BadInputError lists every problem."""
    problems = check(data, schema())
    if not problems:
        problems = _cross_references(data)  # type: ignore[arg-type]
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BadInputError(f"{where} is not a valid playbook:\n  {shown}{more}")
    assert isinstance(data, dict)
    sources = {k: Source(k, v["document"], v["issuer"], v["date"], v.get("public", True))
               for k, v in data["sources"].items()}
    contacts = {k: Contact(k, v["role"], v["channel"], v.get("address")) for k, v in data["contacts"].items()}
    steps: dict[tuple[Component, str], list[Step]] = {}
    for comp_key, phases in data["components"].items():
        comp = Component(comp_key)
        for phase in PHASES:
            steps[(comp, phase)] = [
                Step(s["id"], comp, phase, s["text"], s["confirmed"],
                     tuple(sources[r] for r in s["sources"]),
                     tuple(contacts[c] for c in s.get("contacts", [])))
                for s in phases[phase]]
    return Playbook(data["id"], data["version"], data["issued"], data["title"], data["basis"],
                    sources, contacts, steps)


def _cross_references(data: dict) -> list[str]:
    out = []
    sources, contacts = data["sources"], data["contacts"]
    for key, c in contacts.items():
        out += [f"$.contacts.{key}: unknown source {r!r}" for r in c["sources"] if r not in sources]
    missing = [c.value for c in Component if c.value not in data["components"]]
    if missing:
        out.append(f"$.components: missing {', '.join(missing)}")
    seen: set[str] = set()
    for comp, phases in data["components"].items():
        for phase in PHASES:
            for i, s in enumerate(phases[phase]):
                where = f"$.components.{comp}.{phase}[{i}] ({s['id']})"
                out += [f"{where}: unknown source {r!r}" for r in s["sources"] if r not in sources]
                out += [f"{where}: unknown contact {c!r}" for c in s.get("contacts", []) if c not in contacts]
                if s["id"] in seen:
                    out.append(f"{where}: step id used twice")
                seen.add(s["id"])
    return out


def load_playbook(path: str | Path) -> Playbook:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInputError(f"cannot read playbook {path}: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{path.name} is not JSON: {exc}") from exc
    pb = parse_playbook(data, path.name)
    pb.path = path
    return pb


def default_data_dir() -> Path:
    return data_dir()


def _version_key(pb: Playbook) -> tuple:
    parts = tuple(int(p) if p.isdigit() else 0 for p in pb.version.replace("-", ".").split("."))
    return (pb.issued if pb.issued != "undated" else "", parts)


class Library:
    """The shipped playbook(s) plus those imported by the office, and which one is in force.

    Imported files live in <data dir>/playbooks/; the choice of version in force in
    <data dir>/playbooks/in_force.json. Without a choice, the latest (by issue date, then
    version number) is in force.
    """

    def __init__(self, data_dir: str | Path | None = None, shipped: Path | None = None):
        self.dir = Path(data_dir or default_data_dir()) / "playbooks"
        self.shipped = shipped or resource_path("playbook")

    def _files(self) -> list[Path]:
        files = sorted(self.shipped.glob("fiche-reflexe-v*.json"))
        if self.dir.is_dir():
            files += sorted(p for p in self.dir.glob("*.json") if p.name != "in_force.json")
        return files

    def versions(self) -> list[Playbook]:
        found: dict[str, Playbook] = {}
        for f in self._files():
            pb = load_playbook(f)
            found[pb.version] = pb  # an imported file wins over a shipped one of the same version
        return sorted(found.values(), key=_version_key)

    def get(self, version: str) -> Playbook:
        for pb in self.versions():
            if pb.version == version:
                return pb
        raise BadInputError(f"no playbook version {version!r}")

    def in_force(self) -> Playbook:
        choice = self.dir / "in_force.json"
        if choice.is_file():
            try:
                return self.get(json.loads(choice.read_text(encoding="utf-8"))["version"])
            except (ValueError, KeyError):
                pass  # a damaged choice file: fall back to the latest
        return self.versions()[-1]

    def set_in_force(self, version: str) -> Playbook:
        pb = self.get(version)
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "in_force.json").write_text(json.dumps({"version": version}), encoding="utf-8")
        return pb

    def import_file(self, path: str | Path, make_in_force: bool = True) -> Playbook:
        """Add the office's transcription of an official fiche as a new version."""
        pb = load_playbook(path)
        if any(v.version == pb.version for v in self.versions()):
            raise BadInputError(f"playbook version {pb.version} already exists; give the new fiche a new version")
        self.dir.mkdir(parents=True, exist_ok=True)
        target = self.dir / f"{pb.id}-v{pb.version}.json"
        target.write_bytes(Path(path).read_bytes())
        pb.path = target
        if make_in_force:
            self.set_in_force(pb.version)
        return pb

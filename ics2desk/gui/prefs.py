"""Desk preferences of the GUI (lodging profile, language) in <data dir>/desk.json; the
transport choice lives in ics2desk.settings (read by the sender); the access-point password
only in the OS keyring (service 'ics2desk', user = settings.domibus_username)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

SERVICE = "ics2desk"


@dataclass
class Prefs:
    language: str = "en"
    eori: str = ""
    name: str = ""
    address: str = ""
    contact: str = ""
    extra: dict = field(default_factory=dict)


def path(data_dir: Path) -> Path:
    return Path(data_dir) / "desk.json"


def load(data_dir: Path) -> Prefs:
    try:
        raw = json.loads(path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Prefs()
    known = {k: v for k, v in raw.items() if k in Prefs.__dataclass_fields__}
    return Prefs(**known)


def save(prefs: Prefs, data_dir: Path) -> None:
    p = path(data_dir)
    p.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(prefs)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(p)


def keyring_available() -> bool:
    """False when keyring fell back to its 'fail' backend: then we ask each time."""
    import keyring  # imported when asked: it costs ~80 ms at start-up

    backend = keyring.get_keyring()
    return "fail" not in type(backend).__module__ and getattr(backend, "priority", 1) > 0


def store_password(username: str, password: str) -> bool:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, username, password)
        return True
    except KeyringError:
        return False


def password(username: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, username)
    except KeyringError:
        return None

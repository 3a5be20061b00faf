"""The desk's one settings registry (Qt-free), after Picard's options.py.

Every option is declared once, below, with its type, default, scope, description, the view that
shows it, its label where the Settings page shows it, and whether it is a secret. Everything else
reads these declarations: `Settings` (ics2desk.settings), the GUI's `Prefs` (gui/prefs.py) and
`EloSettings` (elo/settings.py) are views over them, the Settings page loads and saves through
them, and `ics2desk settings list|get|set` prints them.

Where each scope is stored (a `Layout`: scope -> backend, pluggable with `set_layout`):
- agency: what every desk of the agency shares (access point, P-Mode, lodging profile, LRN prefix,
  continuity thresholds). On a single desk `<data dir>/settings.json`; on the agency database
  the `agency_settings` table, written by an admin only (desk/agency_settings.py, plugged in with
  `set_layout` by the command line and the app). The ELO options are in the database
  (`elo_settings`): EloSettings passes its own layout.
- desk: this machine (simulator address, certificate paths, sending pace):
  `<data dir>/settings.json`.
- user: the person at the desk (language): `<data dir>/user.json`. In the data dir rather than
  the user config dir so that a data dir (a test, the demo, a drill) is self-contained; moving it
  is one line in `default_layout`.
- secrets: only the OS keyring, service `ics2desk` (KEYRING_SERVICE), never a file. Every secret
  ever written by the desk used that service name, so existing passwords keep working as they are.

Files carry `"version"`; older files are upgraded in place when read (`upgrade_data_dir`, one
step per version, never edited once shipped). Keys nobody declared are kept, never dropped: free
keys under `"extra"`, and any other key (a newer version's, a hand edit) as it was.

Saving notifies listeners (`subscribe`), plain callbacks run in the saving thread with the names
of the options whose value changed; a Qt adapter must hop to its own thread (queued signal).
"""
from __future__ import annotations

import copy
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from .errors import BadInputError, BugError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "ics2desk"  # the one keyring service of the desk
VERSION = 2  # of settings.json and user.json: 1 = no "version" key (before this registry)
SETTINGS_FILE = "settings.json"  # agency + desk scopes
USER_FILE = "user.json"  # user scope
LEGACY_DESK_FILE = "desk.json"  # version 1: the GUI's profile + language; upgraded and renamed desk.json.v1
SCOPES = ("agency", "desk", "user")
_SECRET_WORDS = ("password", "secret", "token", "passphrase")
_RESERVED = ("version", "extra")  # file keys that are not options


@dataclass(frozen=True)
class Option:
    name: str  # unique; the key in its file and on the command line
    type: type  # str | int | float | bool | dict
    default: Any
    scope: str  # agency | desk | user
    view: str  # who shows it: "settings" (Settings), "prefs" (gui Prefs), "elo" (EloSettings)
    description: str  # English, one sentence: what it does and what to put
    attr: str = ""  # attribute on its view (default: name)
    key: str = ""  # key in its store (default: name)
    label: str = ""  # the Settings page's label (English) ...
    label_fr: str = ""  # ... and its French
    widget: str = ""  # objectName in ui/settings.ui
    choices: tuple = ()
    secret: bool = False
    keyring_user: Callable[[Mapping[str, Any]], str] | None = None  # secrets: the keyring entry's user
    legacy: str = ""  # where version 1 kept it: "settings.json:extra.x", "desk.json:eori", ...

    def __post_init__(self):
        object.__setattr__(self, "attr", self.attr or self.name)
        object.__setattr__(self, "key", self.key or self.name)

    def fresh_default(self) -> Any:
        return copy.deepcopy(self.default)

    def parse(self, value: Any, where: str = "") -> Any:
        """The value as this option's type; strings are read as the command line types them.
        Raises BadInputError naming the option (and where it was read)."""
        t = self.type
        try:
            if t is bool:
                if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on", "0", "false", "no",
                                                                        "off"):
                    value = value.strip().lower() in ("1", "true", "yes", "on")
                if not isinstance(value, bool):
                    raise ValueError
            elif t is int:
                if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                    raise ValueError
                value = int(value)
            elif t is float:
                if isinstance(value, bool):
                    raise ValueError
                value = float(value)
            elif t is str:
                if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                    raise ValueError
                value = str(value)
            elif t is dict:
                if isinstance(value, str):
                    value = json.loads(value or "{}")
                if not isinstance(value, dict):
                    raise ValueError
        except (TypeError, ValueError):
            raise BadInputError(f"{where}{self.name} must be {_TYPE_WORDS[t]}, not {value!r}") from None
        if self.choices and value not in self.choices:
            raise BadInputError(f"{where}{self.name} must be one of {', '.join(map(str, self.choices))}, "
                                f"not {value!r}")
        return value


_TYPE_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text",
               dict: "a JSON object"}
OPTIONS: dict[str, Option] = {}


def _declare(*options: Option) -> None:
    for o in options:
        if o.name in OPTIONS:
            raise AssertionError(f"option {o.name} declared twice")
        OPTIONS[o.name] = o


_UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered"
S, P, E = "settings", "prefs", "elo"

# --- transport (Settings) ------------------------------------------------------------------------
_declare(
    Option("transport", str, "simulator", "agency", S,
           "Where filings are sent: the built-in ICS2 simulator or the trader's Domibus access point.",
           label="Send through", label_fr="Envoyer via", widget="transport", choices=("simulator", "domibus")),
    Option("simulator_url", str, "http://127.0.0.1:8765", "desk", S,
           "Address of the ICS2 simulator used when transport is 'simulator'."),
    Option("domibus_url", str, "https://localhost:8443/domibus/services/wsplugin", "agency", S,
           "Address of the Domibus WS plugin of the trader's access point.",
           label="Access point URL", label_fr="URL du point d'accès", widget="endpoint"),
    Option("domibus_username", str, "", "agency", S,
           "Plugin user on the access point; its password is the secret domibus_password.",
           label="User name", label_fr="Identifiant", widget="username"),
    Option("domibus_password", str, "", "agency", S,
           "Password of the plugin user (OS keyring, entry = the user name).",
           label="Password", label_fr="Mot de passe", widget="passwordButton", secret=True,
           keyring_user=lambda v: v.get("domibus_username") or ""),
    Option("tls_verify", bool, True, "desk", S, "Check the access point's TLS certificate (leave on)."),
    Option("client_cert", str, "", "desk", S,
           "PEM file of the client certificate (with its key, or the key in client_key); empty: none."),
    Option("client_key", str, "", "desk", S, "PEM file of the client certificate's key, when apart."),
    # ICS2 P-Mode values: each an option, since sources disagree
    Option("from_party_id", str, "", "agency", S, "P-Mode eb:From PartyId: the trader's party id (often the EORI)."),
    Option("from_party_type", str, _UNREGISTERED, "agency", S,
           "P-Mode eb:From PartyId/@type, as the access point's P-Mode names it."),
    Option("from_role", str, "Trader", "agency", S, "P-Mode eb:From Role of the trader."),
    Option("to_party_id", str, "sti-taxud", "agency", S, "P-Mode eb:To PartyId (the ICS2 shared trader interface)."),
    Option("to_party_type", str, _UNREGISTERED, "agency", S,
           "P-Mode eb:To PartyId/@type, as the access point's P-Mode names it."),
    Option("to_role", str, "Customs", "agency", S, "P-Mode eb:To Role of customs."),
    Option("service", str, "eu_ics2_t2c", "agency", S, "P-Mode eb:Service of ICS2 trader-to-customs messages."),
    Option("service_type", str, "urn:fdc:ec.europa.eu:2019:eu_ics2_t2c", "agency", S, "P-Mode eb:Service/@type."),
    Option("agreement_ref", str, "EU-ICS2-TI-V2.0", "agency", S,
           "P-Mode eb:AgreementRef of ICS2 message version 2 (ICD v3.30 §5.7)."),
    Option("agreement_type", str, "ics2-interface-version", "agency", S,
           "P-Mode eb:AgreementRef/@type (ICD v3.30 §4.2.3.1).", legacy="settings.json:extra.agreement_type"),
    Option("agreement_refs", dict, {}, "agency", S,
           "P-Mode eb:AgreementRef of the other ICS2 message versions, e.g. {\"3\": \"<value from the v3 ICD>\"}; "
           "each message goes with the value of the version it was built with; a version not listed takes "
           "its schema set's agreement_ref, version 2 takes agreement_ref."),
    Option("original_sender", str, "", "agency", S,
           "P-Mode eb:MessageProperties originalSender, when the access point's P-Mode asks for it; empty: none.",
           legacy="settings.json:extra.original_sender"),
    Option("final_recipient", str, "", "agency", S,
           "P-Mode eb:MessageProperties finalRecipient (and the pending-messages filter); empty: none.",
           legacy="settings.json:extra.final_recipient"),
)
# --- sending (Settings) --------------------------------------------------------------------------
_declare(
    Option("send_timeout_s", float, 15.0, "desk", S, "Seconds allowed for one whole exchange with ICS2."),
    Option("max_reply_mb", float, 10.0, "desk", S, "Replies larger than this (MB) are refused unread."),
    Option("send_concurrency", int, 3, "desk", S, "Messages in flight at once when draining the outbox."),
    Option("retry_base_s", float, 2.0, "desk", S, "First wait (seconds) before re-sending after a failure."),
    Option("retry_cap_s", float, 300.0, "desk", S, "Longest wait (seconds) between two attempts."),
    Option("max_attempts", int, 200, "desk", S,
           "Attempts before a message is called failed (the BCP says keep sending, not forever)."),
    Option("reply_timeout_s", float, 600.0, "agency", S,
           "Seconds after acceptance with no IE3R01/IE3N99 before a filing has no functional reply."),
    Option("poll_interval_s", float, 5.0, "desk", S, "Seconds between two polls for replies."),
    Option("lrn_prefix", str, "ICS", "agency", S, "First letters of the LRNs the desk assigns."),
    Option("requester_eori", str, "", "agency", S,
           "Requester of a status consultation (IE3Q05); empty: the filing's declarant."),
)
# --- continuity (Settings; version 1 kept them in settings.json "extra") ---------------------------
_declare(
    Option("continuity_count", int, 3, "agency", S,
           "Failures (N) within continuity_window_minutes that make an outage.",
           legacy="settings.json:extra.continuity_count"),
    Option("continuity_window_minutes", int, 10, "agency", S, "The window (T, minutes) of continuity_count.",
           legacy="settings.json:extra.continuity_window_minutes"),
    Option("continuity_via_provider", bool, True, "agency", S,
           "Filings go through a service provider (the fallback playbook differs).",
           legacy="settings.json:extra.continuity_via_provider"),
    Option("continuity_cutoff_minutes", dict, {}, "agency", S,
           "Lodging cut-off in minutes per kind of crossing over the presets', e.g. {\"ferry\": 120}.",
           legacy="settings.json:extra.continuity_cutoff_minutes"),
)
# --- lodging profile and language (the GUI's Prefs; version 1 kept them in desk.json) -------------
_declare(
    Option("profile_eori", str, "", "agency", P, "EORI of the lodging party, filled into new filings.",
           attr="eori", label="EORI (EU)", label_fr="EORI (UE)", widget="eori", legacy="desk.json:eori"),
    Option("profile_name", str, "", "agency", P, "Name of the lodging party.",
           attr="name", label="Name", label_fr="Nom", widget="name", legacy="desk.json:name"),
    Option("profile_address", str, "", "agency", P, "Address of the lodging party.",
           attr="address", label="Address", label_fr="Adresse", widget="address", legacy="desk.json:address"),
    Option("profile_contact", str, "", "agency", P,
           "E-mail (with an @) or telephone of the lodging party.",
           attr="contact", label="Contact", label_fr="Contact", widget="contact", legacy="desk.json:contact"),
    Option("lodging_role", str, "declarant", "agency", P,
           "The lodging party files as the declarant or as the representative.",
           choices=("declarant", "representative"), legacy="desk.json:extra.lodging_role"),
    Option("representative_status", str, "2", "agency", P,
           "CL094 status of the representative: 2 direct, 3 indirect.", choices=("2", "3"),
           legacy="desk.json:extra.representative_status"),
    Option("language", str, "en", "user", P, "Language of the desk's screens.",
           label="Language", label_fr="Langue", widget="language", choices=("en", "fr"),
           legacy="desk.json:language"),
)
# --- ELO (EloSettings; stored in the database's elo_settings, row "settings") ----------------------
_declare(
    Option("elo_base_url", str, "", "agency", E,
           "Address of French customs' ELO API (given with the DGDDI agreement) or the ELO simulator.",
           attr="base_url", key="base_url"),
    Option("elo_auth_mode", str, "static", "agency", E,
           "How the desk gets its ELO token: 'static' (pasted from DGDDI's portal) or "
           "'client_credentials' (OAuth 2.0, assumed).",
           attr="auth_mode", key="auth_mode", choices=("static", "client_credentials")),
    Option("elo_token_url", str, "", "agency", E, "Token address for client_credentials.",
           attr="token_url", key="token_url"),
    Option("elo_client_id", str, "", "agency", E, "Client id for client_credentials.",
           attr="client_id", key="client_id"),
    Option("elo_auto_create", bool, True, "agency", E,
           "Create the ELO envelope as soon as the ENS is registered, else on one click.",
           attr="auto_create", key="auto_create"),
    Option("elo_timeout", float, 15.0, "desk", E, "Seconds allowed for one ELO call.",
           attr="timeout", key="timeout"),
    Option("elo_token", str, "", "agency", E, "The static ELO token (OS keyring, entry elo:token).",
           secret=True, keyring_user=lambda v: "elo:token"),
    Option("elo_client_secret", str, "", "agency", E,
           "The client_credentials secret (OS keyring, entry elo:client-secret:<client id>).", secret=True,
           keyring_user=lambda v: f"elo:client-secret:{v['elo_client_id']}" if v.get("elo_client_id") else ""),
)


def of_view(view: str) -> list[Option]:
    return [o for o in OPTIONS.values() if o.view == view]


def get_option(name: str) -> Option:
    try:
        return OPTIONS[name]
    except KeyError:
        raise BadInputError(f"no option {name!r} (ics2desk settings list shows them)") from None


def _looks_secret(key: str) -> bool:
    return any(w in key.lower() for w in _SECRET_WORDS)


# --- where values are stored -------------------------------------------------------------------------
class Backend(Protocol):
    """A store of one or more scopes: a JSON object of key -> value (plus reserved keys)."""

    name: str

    def read(self) -> dict: ...

    def write(self, raw: dict) -> None: ...

    def stamp(self) -> object: ...


class JsonFile:
    """A JSON file written whole and atomically (tmp + rename)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.name = str(self.path)

    def read(self) -> dict:
        return _read_json(self.path) or {}

    def write(self, raw: dict) -> None:
        bad = sorted(k for k in _flat_keys(raw) if _looks_secret(k) and not _declared_plain(k))
        if bad:
            raise BadInputError(f"settings must not hold secrets ({', '.join(bad)}); use the OS keyring")
        _write_json(self.path, raw)

    def stamp(self) -> object:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size


def _flat_keys(raw: dict) -> Iterator[str]:
    for k, v in raw.items():
        yield k
        if k == "extra" and isinstance(v, dict):
            yield from v


def _declared_plain(key: str) -> bool:
    return any(o.key == key and not o.secret for o in OPTIONS.values())


def _read_json(path: Path) -> dict | None:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BadInputError(f"{path}: settings unreadable ({exc.strerror or exc})") from None
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise BadInputError(f"{path}: settings unreadable ({exc}); fix or delete the file") from None
    if not isinstance(raw, dict):
        raise BadInputError(f"{path}: settings unreadable (not a JSON object); fix or delete the file")
    return raw


def _write_json(path: Path, raw: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(raw, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)


Layout = Mapping[str, Backend]  # scope -> backend


def default_layout(data_dir: str | os.PathLike) -> dict[str, Backend]:
    """Where each scope lives for a data dir (see the module docstring)."""
    settings = JsonFile(Path(data_dir) / SETTINGS_FILE)
    return {"agency": settings, "desk": settings, "user": JsonFile(Path(data_dir) / USER_FILE)}


_layout_factory: Callable[[Path], Mapping[str, Backend]] = default_layout


def set_layout(factory: Callable[[Path], Mapping[str, Backend]] | None) -> None:
    """Plug another 'where each scope is stored' (None: back to default_layout)."""
    global _layout_factory
    _layout_factory = factory or default_layout


# --- upgrades ---------------------------------------------------------------------------------------
def upgrade_data_dir(data_dir: str | os.PathLike) -> None:
    """Bring a data dir's settings files to VERSION, in place, keeping every value. Cheap when
    there is nothing to do (the files are current and desk.json is gone)."""
    d = Path(data_dir)
    spath, upath, dpath = d / SETTINGS_FILE, d / USER_FILE, d / LEGACY_DESK_FILE
    s = _read_json(spath)
    desk = _legacy_desk(dpath)
    if desk is None and (s is None or s.get("version", 1) >= VERSION):
        return
    with _upgrade_lock:  # the GUI thread and the sender may both be first after an update
        _upgrade(d, spath, upath, dpath)


_upgrade_lock = threading.Lock()


def _legacy_desk(dpath: Path) -> dict | None:
    if not dpath.exists():
        return None
    try:
        return _read_json(dpath)
    except BadInputError as exc:  # version 1 read an unreadable desk.json as empty: so do we, and keep it
        log.warning("%s; left as it is", exc)
        return None


def _upgrade(d: Path, spath: Path, upath: Path, dpath: Path) -> None:
    s = _read_json(spath)  # again, under the lock: another thread may have done it meanwhile
    desk = _legacy_desk(dpath)
    if desk is None and (s is None or s.get("version", 1) >= VERSION):
        return
    s = dict(s or {})
    u = dict(_read_json(upath) or {})
    if s.get("version", 1) < 2:
        _settings_1_to_2(s)
    if desk is not None:
        _desk_1_to_2(desk, s, u)
    s["version"] = u["version"] = VERSION
    try:
        if desk is not None:
            _write_json(upath, u)
        _write_json(spath, s)
        if desk is not None:  # kept, as it was, beside the new files
            try:
                os.replace(dpath, dpath.with_name(LEGACY_DESK_FILE + ".v1"))
            except FileNotFoundError:
                pass  # another process upgraded the same files meanwhile, to the same values
    except OSError as exc:
        raise BadInputError(f"{d}: cannot upgrade the settings files ({exc.strerror or exc}); "
                            "the data dir must be writable") from None
    log.info("settings of %s upgraded to version %s", d, VERSION)


def _legacy(prefix: str) -> Iterator[tuple[Option, str]]:
    for o in OPTIONS.values():
        if o.legacy.startswith(prefix):
            yield o, o.legacy[len(prefix):]


def _settings_1_to_2(s: dict) -> None:
    """Version 1 kept undocumented keys in settings.json "extra": they become options (an extra
    agreement_type overrode the field then, so it still wins); other extra keys stay extra."""
    extra = dict(s.get("extra") or {})
    for o, key in _legacy("settings.json:extra."):
        if key in extra:
            s[o.key] = extra.pop(key)
    if extra:
        s["extra"] = extra
    else:
        s.pop("extra", None)


def _desk_1_to_2(desk: dict, s: dict, u: dict) -> None:
    """desk.json (version 1, the GUI's): the lodging profile goes to settings.json (agency), the
    language to user.json; any other key to user.json as it was."""
    desk = dict(desk)
    extra = dict(desk.pop("extra", None) or {})
    targets = {"agency": s, "desk": s, "user": u}
    for o, key in _legacy("desk.json:"):
        if key.startswith("extra."):
            if key[6:] in extra:
                targets[o.scope][o.key] = extra.pop(key[6:])
        elif key in desk:
            targets[o.scope][o.key] = desk.pop(key)
    desk.pop("version", None)
    for k, v in desk.items():
        u.setdefault(k, v)
    if extra:
        u["extra"] = {**(u.get("extra") or {}), **extra}


# --- listeners ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    names: frozenset[str]  # options whose value changed
    where: str  # the data dir, or the backend's name (e.g. the ELO store)


_listeners: list[Callable[[Change], None]] = []
_listeners_lock = threading.Lock()


def subscribe(callback: Callable[[Change], None]) -> Callable[[], None]:
    """Call `callback(change)` after every save that changed a value; returns the unsubscribe."""
    with _listeners_lock:
        _listeners.append(callback)

    def unsubscribe() -> None:
        with _listeners_lock:
            if callback in _listeners:
                _listeners.remove(callback)

    return unsubscribe


def _notify(change: Change) -> None:
    with _listeners_lock:
        targets = list(_listeners)
    for cb in targets:
        try:
            cb(change)
        except Exception:  # noqa: BLE001 - one broken listener must not stop a save nor the others
            log.exception("settings listener failed")


def stamp(data_dir: str | os.PathLike) -> tuple:
    """Changes whenever a data dir's stored options change, whoever saved them (another process)."""
    seen, out = set(), []
    for b in _layout_factory(Path(data_dir)).values():
        if b.name not in seen:
            seen.add(b.name)
            out.append(b.stamp())
    return tuple(out)


# --- the registry ---------------------------------------------------------------------------------------
class Registry:
    """The stored values of one layout for some views: get/set by option name, save() writes each
    backend that changed and tells the listeners. Secrets are read and written in the keyring at
    once. The data dir's registry holds the views "settings" and "prefs"; the ELO options have
    their own (elo.settings.registry, in the database)."""

    def __init__(self, layout: Layout, where: str = "", views: tuple[str, ...] = (S, P)):
        self.layout = dict(layout)
        self.where = where
        self.views = views
        self._raw: dict[str, dict] = {}
        self._backends: dict[str, Backend] = {}
        for b in self.layout.values():
            if b.name not in self._backends:
                self._backends[b.name] = b
                self._raw[b.name] = b.read()
        self._as_read = copy.deepcopy(self._raw)
        self._saved = {n: self._get(o) for n, o in self._options()}

    @classmethod
    def for_data_dir(cls, data_dir: str | os.PathLike) -> "Registry":
        d = Path(data_dir)
        if _layout_factory is default_layout:
            upgrade_data_dir(d)  # the steps are about the files of the default layout
        return cls(_layout_factory(d), str(d))

    def _options(self) -> Iterator[tuple[str, Option]]:
        for name, o in OPTIONS.items():
            if o.scope in self.layout and o.view in self.views and not o.secret:
                yield name, o

    def _backend_raw(self, o: Option) -> tuple[Backend, dict]:
        b = self.layout.get(o.scope)
        if b is None or o.view not in self.views:
            raise BugError(f"{o.name} is not stored in this registry ({self.where or 'elsewhere'})")
        return b, self._raw[b.name]

    def _get(self, o: Option) -> Any:
        b, raw = self._backend_raw(o)
        if o.key not in raw:
            return o.fresh_default()
        return o.parse(raw[o.key], f"{b.name}: ")

    def get(self, name: str) -> Any:
        o = get_option(name)
        if o.secret:
            return read_secret(name, self.values())
        return self._get(o)

    def is_set(self, name: str) -> bool:
        """Whether a value is stored (else the default applies); for a secret, whether the keyring has it."""
        o = get_option(name)
        if o.secret:
            return bool(read_secret(name, self.values()))
        return o.key in self._backend_raw(o)[1]

    def set(self, name: str, value: Any) -> None:
        o = get_option(name)
        if o.secret:
            write_secret(name, value, self.values())
            return
        _, raw = self._backend_raw(o)
        raw[o.key] = copy.deepcopy(o.parse(value))

    def reset(self, name: str) -> None:
        o = get_option(name)
        self._backend_raw(o)[1].pop(o.key, None)

    def values(self) -> dict[str, Any]:
        """Every non-secret option this layout stores, by name."""
        return {n: self._get(o) for n, o in self._options()}

    def extra(self, scope: str) -> dict:
        """The free keys ("extra") of the backend storing `scope`."""
        raw = self._raw[self.layout[scope].name]
        if not isinstance(raw.get("extra", {}), dict):
            raise BadInputError(f"{self.layout[scope].name}: extra must be a JSON object")
        return raw.setdefault("extra", {})

    def save(self) -> frozenset[str]:
        """Write each backend whose content changed, then tell the listeners which options changed
        value; returns their names."""
        for name, raw in self._raw.items():
            if not raw.get("extra", True):
                raw.pop("extra")
            if isinstance(self._backends[name], JsonFile):
                raw["version"] = VERSION
            if raw != self._as_read[name]:  # an unchanged file keeps its stamp: nobody reloads for nothing
                self._backends[name].write(raw)
                self._as_read[name] = copy.deepcopy(raw)
        now = self.values()
        changed = frozenset(n for n, v in now.items() if self._saved.get(n) != v)
        self._saved = now
        if changed:
            _notify(Change(changed, self.where))
        return changed


# --- secrets ------------------------------------------------------------------------------------------------
def _keyring():
    import keyring  # ~70-150 ms of backends: only when a secret is really read or written

    return keyring


def keyring_available() -> bool:
    """False when keyring fell back to its 'fail' backend: then the GUI asks each time."""
    backend = _keyring().get_keyring()
    return "fail" not in type(backend).__module__ and getattr(backend, "priority", 1) > 0


def keyring_entry(name: str, values: Mapping[str, Any]) -> str:
    """The keyring user of secret `name` given the other options' values ('' when not formable)."""
    o = get_option(name)
    if not o.secret or o.keyring_user is None:
        raise BadInputError(f"{name} is not a secret")
    return o.keyring_user(values)


def read_secret(name: str, values: Mapping[str, Any]) -> str | None:
    entry = keyring_entry(name, values)
    return _keyring().get_password(KEYRING_SERVICE, entry) if entry else None


def write_secret(name: str, value: str, values: Mapping[str, Any]) -> None:
    entry = keyring_entry(name, values)
    if not entry:
        needs = {"domibus_password": "the Domibus user name", "elo_client_secret": "the ELO client id"}
        raise BadInputError(f"set {needs.get(name, 'the options it belongs to')} before {name}")
    _keyring().set_password(KEYRING_SERVICE, entry, value)


# --- views -------------------------------------------------------------------------------------------------------
class _Extra(MutableMapping):
    """A view's `extra`, as version 1 knew it: the free keys, plus the options that version 1 kept
    in extra (so `settings.extra.get("continuity_count")` still reads the option)."""

    def __init__(self, view: "View"):
        self._view = view

    def _legacy(self) -> dict[str, Option]:
        return type(self._view)._legacy_extra

    def __getitem__(self, key):
        o = self._legacy().get(key)
        if o is not None:
            return getattr(self._view, o.attr)
        return self._view._free[key]

    def __setitem__(self, key, value):
        o = self._legacy().get(key)
        if o is not None:
            setattr(self._view, o.attr, value)
        else:
            self._view._free[key] = value

    def __delitem__(self, key):
        o = self._legacy().get(key)
        if o is not None:
            setattr(self._view, o.attr, o.fresh_default())
        else:
            del self._view._free[key]

    def __iter__(self):
        for key, o in self._legacy().items():
            if getattr(self._view, o.attr) != o.default:
                yield key
        yield from list(self._view._free)

    def __len__(self):
        return sum(1 for _ in self)

    def __repr__(self):
        return repr(dict(self))


class View:
    """Attributes over one view's options (a plain value object: load, change, save). A subclass
    names its view: `class Settings(View, view="settings")`."""

    _view: ClassVar[str]
    _fields: ClassVar[dict[str, Option]]  # attr -> option
    _legacy_extra: ClassVar[dict[str, Option]]  # version-1 extra key -> option
    _extra_scope: ClassVar[str]  # where the free keys are kept

    def __init_subclass__(cls, view: str, extra_scope: str = "agency", **kw):
        super().__init_subclass__(**kw)
        cls._view = view
        cls._fields = {o.attr: o for o in of_view(view) if not o.secret}
        cls._legacy_extra = {o.legacy.rsplit(".", 1)[1]: o for o in of_view(view) if ":extra." in o.legacy}
        cls._extra_scope = extra_scope

    def __init__(self, extra: Mapping | None = None, **values):
        d = self.__dict__
        for attr, o in self._fields.items():
            d[attr] = o.fresh_default()
        d["_free"] = {}
        for k, v in values.items():
            if k not in self._fields:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {k!r}")
            d[k] = v
        if extra:
            self.extra = extra

    def __setattr__(self, name, value):
        if name in self._fields:
            self.__dict__[name] = value
        elif name == "extra":
            type(self).extra.__set__(self, value)
        else:
            raise AttributeError(f"{type(self).__name__} has no option {name!r}")

    @property
    def extra(self) -> MutableMapping:
        return _Extra(self)

    @extra.setter
    def extra(self, value: Mapping) -> None:
        for o in self._legacy_extra.values():
            self.__dict__[o.attr] = o.fresh_default()
        self.__dict__["_free"] = {}
        view = _Extra(self)
        for k, v in dict(value or {}).items():
            view[k] = v

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.option_values() == other.option_values() and self._free == other._free

    __hash__ = None

    def __repr__(self):
        inner = ", ".join(f"{a}={getattr(self, a)!r}" for a in self._fields)
        return f"{type(self).__name__}({inner}, extra={dict(self.extra)!r})"

    def option_values(self) -> dict[str, Any]:
        """This view's values by option name (what a keyring entry is formed from)."""
        return {o.name: getattr(self, a) for a, o in self._fields.items()}

    # --- through a registry
    @classmethod
    def from_registry(cls, reg: Registry) -> "View":
        view = cls()
        for attr, o in cls._fields.items():
            view.__dict__[attr] = reg.get(o.name)
        view.__dict__["_free"] = copy.deepcopy(reg.extra(cls._extra_scope))
        return view

    def to_registry(self, reg: Registry) -> None:
        bad = sorted(k for k in self._free if _looks_secret(k))
        if bad:
            raise BadInputError(f"settings must not hold secrets ({', '.join(bad)}); use the OS keyring")
        for attr, o in self._fields.items():
            reg.set(o.name, getattr(self, attr))
        free = reg.extra(self._extra_scope)
        free.clear()
        free.update(copy.deepcopy(self._free))

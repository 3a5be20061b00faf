"""The settings registry (ics2desk.options): each option declared once and documented, files of
older versions upgraded in place with every value kept, unknown keys kept, secrets only in the
keyring, saves heard by listeners at once, and `ics2desk settings` on the command line."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ics2desk import cli, options
from ics2desk.errors import BadInputError
from ics2desk.settings import Settings, domibus_password

PACKAGE = Path(options.__file__).parent

# settings.json and desk.json as the desk wrote them before the registry (git history of
# ics2desk/settings.py: the first shape, without agreement_type, agreement_refs, max_reply_mb,
# send_concurrency; keys the code read from "extra"; the GUI's desk.json with its own "extra")
OLD_SETTINGS = {
    "transport": "domibus", "simulator_url": "http://127.0.0.1:8765",
    "domibus_url": "https://ap.transit-opale.example/domibus/services/wsplugin", "domibus_username": "opale-desk",
    "tls_verify": True, "client_cert": "/etc/ics2desk/opale.pem", "client_key": "",
    "from_party_id": "FR40123456700017", "from_party_type": "urn:oasis:names:tc:ebcore:partyid-type:unregistered",
    "from_role": "Trader", "to_party_id": "sti-taxud",
    "to_party_type": "urn:oasis:names:tc:ebcore:partyid-type:unregistered", "to_role": "Customs",
    "service": "eu_ics2_t2c", "service_type": "urn:fdc:ec.europa.eu:2019:eu_ics2_t2c",
    "agreement_ref": "EU-ICS2-TI-V2.0", "send_timeout_s": 20.0, "retry_base_s": 3.0, "retry_cap_s": 120.0,
    "max_attempts": 50, "reply_timeout_s": 900.0, "poll_interval_s": 7.5, "lrn_prefix": "TCO",
    "requester_eori": "FR40123456700017",
    "extra": {"continuity_count": 4, "continuity_window_minutes": 20, "continuity_via_provider": False,
              "continuity_cutoff_minutes": {"ferry": 90}, "agreement_type": "ics2-interface-version-x",
              "original_sender": "urn:oasis:names:tc:ebcore:partyid-type:unregistered:FR40123456700017",
              "final_recipient": "urn:eu:taxud:ics2", "night_shift_printer": "HP-2"},
}
OLD_DESK = {"language": "fr", "eori": "FR40123456700017", "name": "Transit Côte d'Opale SARL",
            "address": "12 quai de la Loire, Calais", "contact": "ens@transit-opale.fr",
            "extra": {"lodging_role": "representative", "representative_status": "3", "window_width": 1280}}


def write_old_files(data_dir: Path) -> None:
    (data_dir / "settings.json").write_text(json.dumps(OLD_SETTINGS, indent=1), "utf-8")
    (data_dir / "desk.json").write_text(json.dumps(OLD_DESK, ensure_ascii=False), "utf-8")


def on_disk(data_dir: Path) -> str:
    return "".join(p.read_text("utf-8") for p in data_dir.rglob("*") if p.is_file())


# --- declared once, documented -------------------------------------------------------------------
def test_every_option_is_declared_once_and_documented():
    source = (PACKAGE / "options.py").read_text("utf-8")
    declared = re.findall(r'Option\("(\w+)"', source)
    assert sorted(declared) == sorted(options.OPTIONS) and len(declared) == len(set(declared))
    for o in options.OPTIONS.values():
        assert o.scope in options.SCOPES, o.name
        assert o.description and o.description[0].isupper() and o.description.endswith((".", ")")), o.name
        assert o.type in (str, int, float, bool, dict), o.name
        if o.secret:
            assert o.keyring_user is not None and o.default == "", o.name
        else:
            assert o.parse(o.default) == o.default, o.name  # the default is a value of its type
        if o.widget:  # shown on the Settings page: labelled in both languages
            assert o.label and o.label_fr, o.name


def test_the_views_are_the_registry_and_nothing_more():
    from ics2desk.elo.settings import EloSettings
    from ics2desk.gui.prefs import Prefs

    for view, cls in (("settings", Settings), ("prefs", Prefs), ("elo", EloSettings)):
        plain = {o.attr for o in options.of_view(view) if not o.secret}
        assert set(cls._fields) == plain and set(vars(cls())) - {"_free"} == plain
    with pytest.raises(AttributeError, match="no option 'lrn_prefx'"):
        Settings().lrn_prefx = "TCO"  # a typo is an error, not a silently ignored attribute


def test_no_module_reads_an_undeclared_extra_key():
    """The eight keys older code read from free-form "extra" dicts are options now; a new one
    read the same way would be undocumented again."""
    read = set()
    for path in PACKAGE.rglob("*.py"):
        read |= set(re.findall(r"""extra\.get\(\s*["'](\w+)["']""", path.read_text("utf-8")))
        read |= set(re.findall(r"""extra\[\s*["'](\w+)["']\s*\]""", path.read_text("utf-8")))
    legacy = {o.legacy.rsplit(".", 1)[1] for o in options.OPTIONS.values() if ":extra." in o.legacy}
    assert read and read <= legacy
    assert len(legacy - {"agreement_type"}) == 8  # agreement_type was a field already; extra overrode it


# --- upgrades ---------------------------------------------------------------------------------------
def test_old_settings_and_desk_files_upgrade_in_place_and_keep_every_value(data_dir):
    from ics2desk.gui import prefs

    write_old_files(data_dir)
    s = Settings.load(data_dir)
    for key, value in OLD_SETTINGS.items():
        if key != "extra":
            assert getattr(s, key) == value, key
    assert (s.continuity_count, s.continuity_window_minutes, s.continuity_via_provider) == (4, 20, False)
    assert s.continuity_cutoff_minutes == {"ferry": 90}
    assert s.agreement_type == "ics2-interface-version-x"  # extra overrode the field then; still does
    assert s.original_sender.endswith("FR40123456700017") and s.final_recipient == "urn:eu:taxud:ics2"
    assert s.send_concurrency == 3 and s.max_reply_mb == 10.0  # not in that version: the defaults
    # code that still reads the old places sees the same values (transport/domibus.py, continuity)
    assert s.extra.get("original_sender") == s.original_sender and s.extra["continuity_count"] == 4
    assert s.extra["night_shift_printer"] == "HP-2"
    p = prefs.load(data_dir)
    assert (p.language, p.eori, p.name, p.address, p.contact) == (
        "fr", OLD_DESK["eori"], OLD_DESK["name"], OLD_DESK["address"], OLD_DESK["contact"])
    assert (p.lodging_role, p.representative_status) == ("representative", "3")
    assert p.extra.get("lodging_role") == "representative" and p.extra["window_width"] == 1280

    # upgraded in place: a versioned settings.json with the options at the top, the language in
    # user.json, desk.json kept aside as it was
    raw = json.loads((data_dir / "settings.json").read_text("utf-8"))
    assert raw["version"] == options.VERSION and raw["continuity_count"] == 4 and raw["lrn_prefix"] == "TCO"
    assert raw["extra"] == {"night_shift_printer": "HP-2"} and raw["profile_eori"] == OLD_DESK["eori"]
    assert json.loads((data_dir / "user.json").read_text("utf-8"))["language"] == "fr"
    assert not (data_dir / "desk.json").exists()
    assert json.loads((data_dir / "desk.json.v1").read_text("utf-8")) == OLD_DESK
    # and read again, nothing is lost or rewritten
    stamp = options.stamp(data_dir)
    assert Settings.load(data_dir) == s and prefs.load(data_dir) == p and options.stamp(data_dir) == stamp


def test_an_upgraded_desk_sends_with_its_old_p_mode(data_dir, memory_keyring):
    from ics2desk.transport.domibus import DomibusTransport

    write_old_files(data_dir)
    memory_keyring.set_password(options.KEYRING_SERVICE, "opale-desk", "Old-Pa55")  # set before the upgrade
    s = Settings.load(data_dir)
    assert domibus_password(s) == "Old-Pa55"
    s.client_cert = ""  # the old desk's certificate file is not on this machine
    t = DomibusTransport.from_settings(s)
    try:
        assert t.pmode.agreement_type == "ics2-interface-version-x"
        assert t.pmode.final_recipient == "urn:eu:taxud:ics2" and t.pmode.original_sender
    finally:
        t.close()


def test_an_unreadable_settings_file_is_named_not_replaced(data_dir):
    (data_dir / "settings.json").write_text('{"transport": "simulator",', "utf-8")
    with pytest.raises(BadInputError, match="settings.json: settings unreadable"):
        Settings.load(data_dir)
    (data_dir / "settings.json").write_text('{"version": 2, "send_timeout_s": "soon"}', "utf-8")
    with pytest.raises(BadInputError, match="send_timeout_s must be a number"):
        Settings.load(data_dir)
    assert "soon" in (data_dir / "settings.json").read_text("utf-8")


# --- unknown keys -----------------------------------------------------------------------------------
def test_an_unknown_key_in_settings_json_is_kept_not_dropped(data_dir):
    (data_dir / "settings.json").write_text(json.dumps({
        "version": 2, "transport": "simulator", "from_a_newer_version": {"x": 1},
        "extra": {"night_shift_printer": "HP-2"}}), "utf-8")
    s = Settings.load(data_dir)
    assert s.extra["night_shift_printer"] == "HP-2"
    s.lrn_prefix = "TCO"
    s.save(data_dir)
    from ics2desk.gui import prefs

    p = prefs.load(data_dir)
    p.eori = "FR40123456700017"  # another view saving into the same file
    prefs.save(p, data_dir)
    raw = json.loads((data_dir / "settings.json").read_text("utf-8"))
    assert raw["from_a_newer_version"] == {"x": 1} and raw["extra"] == {"night_shift_printer": "HP-2"}
    assert raw["lrn_prefix"] == "TCO" and raw["profile_eori"] == "FR40123456700017"
    assert Settings.load(data_dir).lrn_prefix == "TCO"  # the profile's save did not undo it


# --- secrets -----------------------------------------------------------------------------------------
def test_a_secret_is_never_written_to_a_file(data_dir, memory_keyring):
    s = Settings(domibus_username="opale-desk", transport="domibus")
    s.save(data_dir)
    reg = options.Registry.for_data_dir(data_dir)
    reg.set("domibus_password", "Pa55-word-42")
    reg.set("lrn_prefix", "TCO")
    reg.save()
    assert memory_keyring.secrets == {(options.KEYRING_SERVICE, "opale-desk"): "Pa55-word-42"}
    assert reg.get("domibus_password") == "Pa55-word-42" and reg.is_set("domibus_password")
    assert "Pa55-word-42" not in on_disk(data_dir) and "TCO" in on_disk(data_dir)
    # a secret-looking free key is refused before anything is written
    before = (data_dir / "settings.json").read_text("utf-8")
    with pytest.raises(BadInputError, match="keyring"):
        Settings(extra={"api_token": "tok-998"}).save(data_dir)
    with pytest.raises(BadInputError, match="keyring"):
        options.JsonFile(data_dir / "settings.json").write({"client_secret": "x"})
    assert (data_dir / "settings.json").read_text("utf-8") == before


def test_every_secret_uses_the_one_keyring_service(data_dir, memory_keyring):
    from ics2desk.elo.auth import ClientCredentialsTokenSource, StaticTokenSource
    from ics2desk.gui import prefs

    prefs.store_password("opale-desk", "a")
    Settings(domibus_username="other").save(data_dir)
    from ics2desk.settings import set_domibus_password

    set_domibus_password(Settings.load(data_dir), "b")
    StaticTokenSource.save("c")
    ClientCredentialsTokenSource.save_secret("agency-42", "d")
    assert {svc for svc, _ in memory_keyring.secrets} == {options.KEYRING_SERVICE}
    assert prefs.password("opale-desk") == "a" and domibus_password(Settings.load(data_dir)) == "b"
    assert options.read_secret("elo_client_secret", {"elo_client_id": "agency-42"}) == "d"
    with pytest.raises(BadInputError, match="Domibus user name"):
        set_domibus_password(Settings(), "e")


# --- listeners ----------------------------------------------------------------------------------------
def test_a_transport_change_saved_reaches_listeners_at_once(data_dir):
    heard = []
    unsubscribe = options.subscribe(heard.append)
    try:
        Settings.load(data_dir).save(data_dir)  # the defaults written: every option "changed"
        heard.clear()
        s = Settings.load(data_dir)
        s.save(data_dir)
        assert heard == []  # nothing changed, nobody disturbed (and the file kept its stamp)
        s.transport, s.domibus_url = "domibus", "https://ap.example/domibus/services/wsplugin"
        s.save(data_dir)
        (change,) = heard
        assert change.names == {"transport", "domibus_url"} and Path(change.where) == data_dir
        # the listener reads the new values without a restart
        assert Settings.load(change.where).transport == "domibus"
    finally:
        unsubscribe()
    s.transport = "simulator"
    s.save(data_dir)
    assert len(heard) == 1  # unsubscribed


def test_a_sender_built_from_the_registry_follows_a_saved_transport(data_dir):
    """What SenderWorker does between two passes, without Qt: a save is heard, the stored values
    differ from the sender's, the next transport is the new one."""
    from ics2desk.outbox import Sender

    Settings(simulator_url="http://127.0.0.1:9").save(data_dir)
    sender = Sender.open(data_dir)
    heard = []
    unsubscribe = options.subscribe(heard.append)
    try:
        s = Settings.load(data_dir)
        s.simulator_url = "http://127.0.0.1:19"
        s.save(data_dir)
        assert heard and Settings.load(data_dir) != sender.settings
        sender.close()
        sender = Sender.open(data_dir)
        assert sender.settings.simulator_url == "http://127.0.0.1:19"
    finally:
        unsubscribe()
        sender.close()


# --- where each scope is stored ---------------------------------------------------------------------------
def test_where_each_scope_is_stored_is_pluggable(tmp_path, data_dir):
    agency = options.JsonFile(tmp_path / "agency.json")
    options.set_layout(lambda d: {"agency": agency, "desk": options.JsonFile(d / "settings.json"),
                                  "user": options.JsonFile(d / "user.json")})
    try:
        Settings(lrn_prefix="TCO", send_concurrency=5).save(data_dir)
        assert json.loads(agency.path.read_text("utf-8"))["lrn_prefix"] == "TCO"
        desk = json.loads((data_dir / "settings.json").read_text("utf-8"))
        assert desk["send_concurrency"] == 5 and "lrn_prefix" not in desk
        again = Settings.load(data_dir)
        assert (again.lrn_prefix, again.send_concurrency) == ("TCO", 5)
    finally:
        options.set_layout(None)


# --- the command line ------------------------------------------------------------------------------------------
def test_settings_list_shows_every_option_and_never_a_secret(data_dir, memory_keyring, capsys):
    Settings(domibus_username="opale-desk").save(data_dir)
    memory_keyring.set_password(options.KEYRING_SERVICE, "opale-desk", "Pa55-word-42")
    assert cli.main(["settings", "set", "lrn_prefix", "TCO"]) == 0
    assert Settings.load(data_dir).lrn_prefix == "TCO"
    assert cli.main(["settings", "set", "continuity_cutoff_minutes", '{"ferry": 90}']) == 0
    assert Settings.load(data_dir).continuity_cutoff_minutes == {"ferry": 90}
    capsys.readouterr()
    assert cli.main(["settings", "list", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == set(options.OPTIONS)
    shown = rows["lrn_prefix"]
    assert {k: shown[k] for k in ("scope", "type", "default", "value", "set")} == {
        "scope": "agency", "type": "str", "default": "ICS", "value": "TCO", "set": True}
    assert shown["description"] == options.OPTIONS["lrn_prefix"].description
    assert rows["domibus_password"]["set"] is True and "value" not in rows["domibus_password"]
    assert cli.main(["settings", "list"]) == 0
    assert cli.main(["settings", "get", "domibus_password"]) == 0
    out = capsys.readouterr().out
    assert "lrn_prefix  [agency, str]  = TCO  (default ICS)" in out
    assert options.OPTIONS["lrn_prefix"].description in out
    assert "set in the OS keyring" in out and "Pa55-word-42" not in out
    # a secret is not taken on the command line; a wrong value is refused with exit code 2
    assert cli.main(["settings", "set", "domibus_password", "Pa55-word-43"]) == 2
    assert cli.main(["settings", "set", "send_timeout_s", "soon"]) == 2
    assert cli.main(["settings", "get", "no_such_option"]) == 2
    err = capsys.readouterr().err
    assert "shell history" in err and "send_timeout_s must be a number" in err and "no option" in err
    assert memory_keyring.get_password(options.KEYRING_SERVICE, "opale-desk") == "Pa55-word-42"
    assert cli.main(["settings", "reset", "lrn_prefix"]) == 0
    assert Settings.load(data_dir).lrn_prefix == "ICS"


def test_settings_set_reads_a_secret_from_stdin(data_dir, memory_keyring, monkeypatch, capsys):
    import io

    Settings(domibus_username="opale-desk").save(data_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO("Pa55-word-44\n"))
    assert cli.main(["settings", "set", "domibus_password"]) == 0
    assert memory_keyring.get_password(options.KEYRING_SERVICE, "opale-desk") == "Pa55-word-44"
    assert "Pa55-word-44" not in capsys.readouterr().out + on_disk(data_dir)


def test_listing_the_elo_options_does_not_create_a_database(data_dir, capsys):
    assert cli.main(["settings", "get", "elo_auto_create"]) == 0
    assert capsys.readouterr().out.strip() == "true" and list(data_dir.iterdir()) == []
    assert cli.main(["settings", "set", "elo_base_url", "https://elo.example"]) == 0
    assert not (data_dir / "settings.json").exists()  # the ELO options live in the database
    from ics2desk.elo.settings import EloSettings
    from ics2desk.elo.store import EloStore

    store = EloStore(data_dir=data_dir)
    try:
        assert EloSettings.load(store).base_url == "https://elo.example"
    finally:
        store.close()

"""`ics2desk settings list|get|set|reset`: the registry's options (ics2desk.options) from the
command line. Secrets are never printed (only whether the keyring holds one) and never taken on
the command line (it would stay in the shell history): `set` asks for them.

Exit codes: 0 done; 2 an unknown option, a value of the wrong type, an unreadable settings file."""
from __future__ import annotations

import argparse
import json
import sys

from . import cli, options
from .errors import BadInputError


def configure(p: argparse.ArgumentParser) -> None:
    p.description = ("Every option of the desk with its scope (agency, desk, user), type, default, value "
                     "and description; secrets live in the OS keyring and are never shown.")
    p.epilog = "exit codes: 0 done; 2 unknown option, wrong value or unreadable settings"
    sub = p.add_subparsers(dest="settings_command", required=True)
    ls = sub.add_parser("list", help="every option: scope, type, default, value, description")
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    g = sub.add_parser("get", help="one option's value")
    g.add_argument("name")
    s = sub.add_parser("set", help="change one option (a secret is asked, not given)")
    s.add_argument("name")
    s.add_argument("value", nargs="?", help="true/false, a number, text or a JSON object, by the option's type")
    r = sub.add_parser("reset", help="back to the default")
    r.add_argument("name")


class _Stores:
    """The registry of the data dir, and the ELO one (in the database) when first needed."""

    def __init__(self):
        from .paths import data_dir

        self.data_dir = data_dir(None)
        self.files = options.Registry.for_data_dir(self.data_dir)
        self._elo = None
        self._elo_store = None

    def of(self, opt: options.Option, writing: bool = False) -> options.Registry:
        if opt.view != "elo":
            return self.files
        from .store.db import DB_NAME

        if self._elo is None and not writing and not (self.data_dir / DB_NAME).exists():
            nothing = _Nothing()  # no database yet: the defaults
            return options.Registry({"agency": nothing, "desk": nothing}, views=("elo",))
        if self._elo is None:
            from .elo.settings import registry
            from .elo.store import EloStore

            self._elo_store = EloStore(data_dir=self.data_dir)
            self._elo = registry(self._elo_store)
        return self._elo

    def values(self, opt: options.Option) -> dict:
        return {**self.files.values(), **self.of(opt).values()}

    def close(self) -> None:
        if self._elo_store is not None:
            self._elo_store.close()


class _Nothing:
    """No database yet: listing the ELO options must not create one."""

    name = "none"

    def read(self) -> dict:
        return {}

    def write(self, raw: dict) -> None:
        raise AssertionError("read-only")

    def stamp(self) -> object:
        return None


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def _row(stores: _Stores, opt: options.Option) -> dict:
    reg = stores.of(opt)
    row = {"name": opt.name, "scope": opt.scope, "type": opt.type.__name__, "secret": opt.secret,
           "description": opt.description}
    if opt.secret:
        try:
            row["set"] = bool(options.read_secret(opt.name, stores.values(opt)))
        except Exception as exc:  # noqa: BLE001 - no keyring on this machine: say so, list the rest
            row["set"] = None
            row["keyring_error"] = str(exc)
        return row
    row.update(default=opt.default, value=reg.get(opt.name), set=reg.is_set(opt.name))
    if opt.choices:
        row["choices"] = list(opt.choices)
    return row


def run(args: argparse.Namespace) -> int:
    stores = _Stores()
    try:
        return _run(args, stores)
    finally:
        stores.close()


def _run(args: argparse.Namespace, stores: _Stores) -> int:
    out = sys.stdout
    cmd = args.settings_command
    if cmd == "list":
        rows = [_row(stores, o) for o in options.OPTIONS.values()]
        if args.json:
            json.dump(rows, out, ensure_ascii=False, indent=1)
            out.write("\n")
            return 0
        for r in rows:
            if r["secret"]:
                state = {True: "set in the OS keyring", False: "not set", None: "keyring unavailable"}[r["set"]]
                print(f"{r['name']}  [{r['scope']}, secret]  {state}", file=out)
            else:
                mark = f"  (default {_show(r['default'])})" if r["set"] else "  (the default)"
                print(f"{r['name']}  [{r['scope']}, {r['type']}]  = {_show(r['value'])}{mark}", file=out)
            print(f"    {r['description']}", file=out)
        return 0
    opt = options.get_option(args.name)
    reg = stores.of(opt, writing=cmd in ("set", "reset"))
    if cmd == "get":
        if opt.secret:
            print("set in the OS keyring" if options.read_secret(opt.name, stores.values(opt)) else "not set",
                  file=out)
        else:
            print(_show(reg.get(opt.name)), file=out)
        return 0
    if cmd == "reset":
        if opt.secret:
            raise BadInputError(f"{opt.name} is a secret: change it with `ics2desk settings set {opt.name}`")
        reg.reset(opt.name)
        reg.save()
        print(f"{opt.name} = {_show(reg.get(opt.name))} (default)", file=out)
        return 0
    # set
    if opt.secret:
        if args.value is not None:
            raise BadInputError(f"{opt.name} is a secret: it is not taken on the command line (it would stay in "
                                f"the shell history); run `ics2desk settings set {opt.name}` and type it")
        value = _ask_secret(opt)
        options.write_secret(opt.name, value, stores.values(opt))
        print(f"{opt.name} stored in the OS keyring", file=out)
        return 0
    if args.value is None:
        raise BadInputError(f"give the value of {opt.name} ({opt.type.__name__})")
    reg.set(opt.name, args.value)
    reg.save()
    print(f"{opt.name} = {_show(reg.get(opt.name))}", file=out)
    return 0


def _ask_secret(opt: options.Option) -> str:
    if sys.stdin.isatty():
        import getpass

        value = getpass.getpass(f"{opt.name}: ")
    else:  # piped in (a script): the first line
        value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise BadInputError(f"no value for {opt.name}: nothing stored")
    return value


cli.register("settings", configure, run, "list, get or set the desk's options (secrets stay in the keyring)")

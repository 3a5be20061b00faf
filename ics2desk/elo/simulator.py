"""A local test double of API_BREXIT_ELO v1.2.0 (and its ENV_NOT01 notification) on 127.0.0.1.

Same schemas as the client (a request that breaks them gets a 400 like the real service would).
Test-double conventions, not DGDDI's rules (documented in ics2desk/elo/README.md):
- an MRN failing envelope.mrn_shape_problem (any customs MRN: ENS, import, transit, export) is a
  NON_CONFORME declaration;
- the same MRN twice in one request, or already in another live envelope, is a DOUBLON;
- type by the MRN's letters: interface 'C' = ENS (CONFORME at once); otherwise procedure letter
  J-M IMPORT, T-V TRANSIT, A-E EXPORT_ECS (EN_ATTENTE_VALIDATION, CONFORME at the next retrieve),
  anything else INCONNU (A_VALIDER);
- a loaded truck needs at least one declaration (FONC-ERR-002); only FERMEE can be modified.
Switches for drills: `outage` (every API call 503), `ics2_fallback` (new envelopes carry
procedureSecoursIcs2 = true and the ENS is A_VALIDER), and control routes under /_simulateur/.
"""
from __future__ import annotations

import base64
import io
import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from .. import clock
from .envelope import EVENT_STATE, Statut, mrn_shape_problem
from .schemas import problems

CODES = {"/enveloppe": ("ENV_CRE01", "ENV_CRE02", "ENV_CRE03"),
         "/enveloppe/modifier": ("ENV_MOD01", "ENV_MOD02", "ENV_MOD03"),
         "/enveloppe/recuperer": ("ENV_REC01", "ENV_REC02", "ENV_REC03")}
HEADERS = ("messageCode", "functionalId", "messageId", "correlationId")
NEXT_EVENT = {Statut.FERMEE.value: "APPAIRAGE", Statut.APPAIREE.value: "EMBARQUEMENT",
              Statut.EMBARQUEE.value: "DEBARQUEMENT"}


def _now() -> datetime:
    return clock.now().replace(microsecond=0)


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Refusal(Exception):
    def __init__(self, statut: str, libelle: str, status: int = 400):
        super().__init__(libelle)
        self.statut, self.libelle, self.status = statut, libelle[:200], status


def truck_sheet_pdf(jeton: str, numero: str) -> bytes:
    """The service's PDF: the token as a Code 128 barcode, as scanned at check-in."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(f"ELO {numero}")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 780, "Enveloppe logistique obligatoire (SIMULATEUR)")
    c.setFont("Helvetica", 12)
    c.drawString(60, 755, f"Dossier {numero}")
    code128.Code128(jeton, barHeight=60, barWidth=1.2).drawOn(c, 60, 670)
    c.drawString(60, 650, jeton)
    c.save()
    return buf.getvalue()


class EloSimulatorState:
    """The envelopes and the rules; HTTP-free so it can be driven directly too."""

    def __init__(self):
        self.lock = threading.RLock()
        self.envelopes: dict[str, dict] = {}
        self.answers: dict[str, tuple[int, dict]] = {}  # messageId -> answer: a retried message is answered again, not redone
        self.notifications: list[dict] = []
        self.requests: list[tuple[dict, dict]] = []  # (headers, body) as received
        self.outage = False
        self.ics2_fallback = False
        self.token: str | None = None  # None: any bearer token is accepted
        self.notify_url: str | None = None
        self._seq = 0

    # --- identifiers in the published patterns -------------------------------------------
    def _ids(self, sens: str) -> tuple[str, str]:
        self._seq += 1
        stamp = _now().strftime("%Y%m%d%H%M%S")
        tail = f"{self._seq % 10000:04d}X"
        return f"E{'I' if sens == 'IMPORT' else 'E'}{stamp}{tail}", f"B{stamp}{tail}"

    # --- declarations -----------------------------------------------------------------------
    def _declaration(self, mrn: str, seen: set[str], numero: str | None) -> dict:
        def d(type_, etat, code="", message="", sous=None):
            out = {"identifiant": mrn, "typeDeclaration": type_,
                   "informationsValidation": {"etat": etat, "code": code, "message": message}}
            if sous:
                out["sousTypeDeclaration"] = sous
            return out

        problem = mrn_shape_problem(mrn)
        if problem:
            return d("NON_CONFORME", "NON_CONFORME", "VAL-ERR-001", f"MRN {mrn} invalide : {problem}"[:200])
        if mrn in seen or self._in_other_envelope(mrn, numero):
            return d("DOUBLON", "DOUBLON", "VAL-ERR-002", f"MRN {mrn} déjà présent dans une enveloppe")
        seen.add(mrn)
        interface, procedure = mrn[15], mrn[16]
        if interface == "C":
            if self.ics2_fallback:
                return d("ENS", "A_VALIDER", "VAL-SEC-001", "ICS2 indisponible : procédure de secours")
            return d("ENS", "CONFORME")
        if "J" <= procedure <= "M":
            return d("IMPORT", "EN_ATTENTE_VALIDATION")
        if "T" <= procedure <= "V":
            return d("TRANSIT", "EN_ATTENTE_VALIDATION", sous="DEPART")
        if "A" <= procedure <= "E":
            return d("EXPORT_ECS", "EN_ATTENTE_VALIDATION")
        return d("INCONNU", "A_VALIDER", "VAL-ERR-003", "Type de déclaration inconnu")

    def _in_other_envelope(self, mrn: str, numero: str | None) -> bool:
        return any(n != numero and e["statut"] != Statut.DEBARQUEE.value
                   and mrn in [x["identifiant"] for x in e["declarations"] if x["typeDeclaration"] != "DOUBLON"]
                   for n, e in self.envelopes.items())

    @staticmethod
    def _check_loaded(appairage: dict, declarations: list[dict]) -> None:
        if appairage.get("typeCamion") == "PLEIN" and not declarations:
            raise _Refusal("FONC-ERR-002", "Un camion plein doit référencer au moins une déclaration")

    def _stamp(self, env: dict, *, modified: bool) -> None:
        env["nombreDeclaration"] = len(env["declarations"])
        env["dateModification" if modified else "dateCreation"] = _iso(_now())
        env["pdf"] = base64.b64encode(truck_sheet_pdf(env["jeton"], env["numeroDossier"])).decode("ascii")

    # --- operations -------------------------------------------------------------------------
    def create(self, body: dict) -> dict:
        appairage = body["informationsAppairage"]
        seen: set[str] = set()
        decls = [self._declaration(m, seen, None) for m in body.get("identifiantsDeclaration", [])]
        self._check_loaded(appairage, decls)
        jeton, numero = self._ids(appairage["sensTraversee"])
        env = {"jeton": jeton, "numeroDossier": numero, "statut": Statut.FERMEE.value, "modeCreation": "EDI",
               "informationsAppairage": appairage, "declarations": decls,
               "procedureSecoursIcs2": self.ics2_fallback}
        self._stamp(env, modified=False)
        self.envelopes[numero] = env
        return env

    def _get(self, numero: str) -> dict:
        env = self.envelopes.get(numero)
        if env is None:
            raise _Refusal("FONC-ERR-004", f"Enveloppe {numero} inconnue")
        return env

    def modify(self, body: dict) -> dict:
        numero = body["numeroDossier"]
        env = self._get(numero)
        if env["statut"] != Statut.FERMEE.value:
            raise _Refusal("FONC-ERR-005", f"Enveloppe {numero} au statut {env['statut']} : modification impossible "
                                           "(seule une enveloppe FERMEE non appairée peut être modifiée)")
        remove = set(body.get("identifiantsDeclarationASupprimer", []))
        unknown = remove - {d["identifiant"] for d in env["declarations"]}
        if unknown:
            raise _Refusal("FONC-ERR-006", f"Déclaration absente de l'enveloppe : {', '.join(sorted(unknown))}")
        kept = [d for d in env["declarations"] if d["identifiant"] not in remove]
        seen = {d["identifiant"] for d in kept if d["typeDeclaration"] != "DOUBLON"}
        added = [self._declaration(m, seen, numero) for m in body.get("identifiantsDeclarationAAjouter", [])]
        self._check_loaded(body["informationsAppairage"], kept + added)
        env["declarations"] = kept + added
        env["informationsAppairage"] = body["informationsAppairage"]
        self._stamp(env, modified=True)
        return env

    def retrieve(self, body: dict) -> dict:
        env = self._get(body["numeroDossier"])
        for d in env["declarations"]:  # asynchronous validation done by the time the agent asks again
            v = d["informationsValidation"]
            if v["etat"] == "EN_ATTENTE_VALIDATION":
                v["etat"] = "CONFORME"
        if all(d["informationsValidation"]["etat"] in ("CONFORME", "CONFORME_DETOURNEMENT") for d in env["declarations"]):
            env.setdefault("dateValidation", _iso(_now()))
        valid = bool(env["declarations"]) and "dateValidation" in env
        return {**env, "aUneELOValide": valid or env["informationsAppairage"].get("typeCamion") == "VIDE"}

    def event(self, numero: str, evenement: str | None = None) -> dict:
        """Check-in / boarding / landing: advance the state and emit ENV_NOT01."""
        with self.lock:
            env = self._get(numero)
            evenement = evenement or NEXT_EVENT.get(env["statut"])
            if evenement is None or NEXT_EVENT.get(env["statut"]) != evenement:
                raise _Refusal("FONC-ERR-007", f"Évènement {evenement} impossible au statut {env['statut']}")
            env["statut"] = EVENT_STATE[evenement].value
            date_key = {"APPAIRAGE": "dateAppairage", "EMBARQUEMENT": "dateEmbarquement",
                        "DEBARQUEMENT": "dateDebarquement"}[evenement]
            env[date_key] = _iso(_now())
            keep = ("jeton", "numeroDossier", "statut", "modeCreation", "informationsAppairage", "declarations",
                    "nombreDeclaration", "dateCreation", "dateModification", "dateValidation",
                    "dateAppairage", "dateEmbarquement", "dateDebarquement")
            note = {"evenement": evenement, "enveloppe": {k: env[k] for k in keep if k in env}}
            bad = problems("ENV_NOT01", note)
            assert not bad, bad  # the double must speak the published schema
            self.notifications.append(note)
            url = self.notify_url
        if url:
            try:
                httpx.post(url, json=note, headers={"messageCode": "ENV_NOT01"}, timeout=5)
            except httpx.HTTPError:
                pass  # the desk also refreshes by ENV_REC01
        return note

    # --- one HTTP exchange --------------------------------------------------------------------
    def handle(self, path: str, headers: dict, raw: bytes) -> tuple[int, dict]:
        if path not in CODES:
            return 404, {"message": "not found"}
        code, ok, ko = CODES[path]
        if self.outage:
            return 503, {"message": "service ELO indisponible (simulation)"}
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer ") or (self.token is not None and auth[7:] != self.token):
            return 401, {"message": "jeton d'accès invalide"}
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        with self.lock:
            self.requests.append((headers, body))
            message_id = headers.get("messageid")
            if message_id in self.answers:
                return self.answers[message_id]
            try:
                missing = [h for h in HEADERS if not headers.get(h.lower())]
                if missing:
                    raise _Refusal("TECH-ERR-001", f"En-têtes manquants : {', '.join(missing)}")
                if headers.get("messagecode") != code:
                    raise _Refusal("TECH-ERR-002", f"messageCode {headers.get('messagecode')} attendu {code}")
                bad = problems(code, body)
                if bad:
                    raise _Refusal("FONC-ERR-001", ("Message non conforme : " + "; ".join(bad))[:200])
                if code != "ENV_CRE01" and headers.get("functionalid") != body["numeroDossier"]:
                    raise _Refusal("TECH-ERR-003", "functionalId doit porter le numéro de l'enveloppe")
                env = {"ENV_CRE01": self.create, "ENV_MOD01": self.modify, "ENV_REC01": self.retrieve}[code](body)
                answer = (200, {"enveloppe": env})
                if code != "ENV_REC01":
                    answer = (200, json.loads(json.dumps(answer[1])))  # frozen copy for replays
            except _Refusal as r:
                err = {"statut": r.statut, "libelleErreur": r.libelle}
                if code == "ENV_REC01" and isinstance(body, dict) and isinstance(body.get("numeroDossier"), str) \
                        and not problems("ENV_REC01", body):
                    err["numeroDossier"] = body["numeroDossier"]
                answer = (r.status, {"informationsErreur": err})
            assert not problems(ok if answer[0] == 200 else ko, answer[1]), problems(ok if answer[0] == 200 else ko, answer[1])
            if message_id and code != "ENV_REC01":
                self.answers[message_id] = answer
            return answer


class _Handler(BaseHTTPRequestHandler):
    state: EloSimulatorState  # set on the subclass made per server
    server_version = "ics2desk-elo-simulator"

    def log_message(self, *args):  # quiet: tests and the demo read state, not logs
        pass

    def _reply(self, status: int, body: object) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/_simulateur/notifications"):
            with self.state.lock:
                return self._reply(200, list(self.state.notifications))
        if self.path.startswith("/_simulateur/enveloppes"):
            with self.state.lock:
                return self._reply(200, sorted(self.state.envelopes))
        self._reply(404, {"message": "not found"})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/_simulateur/"):
            return self._control(self.path[len("/_simulateur/"):], raw)
        if self.path == "/token":  # stand-in for the customs authentication server (client credentials)
            return self._reply(200, {"access_token": self.state.token or "sim-token", "token_type": "Bearer",
                                     "expires_in": 3600})
        status, body = self.state.handle(self.path, {k.lower(): v for k, v in self.headers.items()}, raw)
        self._reply(status, body)

    def _control(self, what: str, raw: bytes) -> None:
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._reply(400, {"message": "JSON attendu"})
        try:
            if what == "evenement":
                return self._reply(200, self.state.event(body["numeroDossier"], body.get("evenement")))
            if what in ("panne", "secours-ics2"):
                attr = "outage" if what == "panne" else "ics2_fallback"
                setattr(self.state, attr, bool(body.get("active", True)))
                return self._reply(200, {attr: getattr(self.state, attr)})
        except _Refusal as r:
            return self._reply(400, {"informationsErreur": {"statut": r.statut, "libelleErreur": r.libelle}})
        self._reply(404, {"message": "not found"})


class EloSimulator:
    """Runs the double in a background thread: `with EloSimulator() as sim: sim.url`."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1", state: EloSimulatorState | None = None):
        self.state = state or EloSimulatorState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "EloSimulator":
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="elo-simulator", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread = None
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

"""A message of a filing's timeline as a notice an agent reads instead of the XML (issue 15
point 6): what customs said, the fields an error names in the agent's words, the MRN, a Do Not
Load, and what to do next; English or French. Qt-free; never raises on a stored message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import BadInputError
from .hti.spec import label, load_message
from .replies import DoNotLoad, InformationRequest, Rejected, parse_reply


@dataclass
class Notice:
    title: str
    said: list[str] = field(default_factory=list)  # what customs said, one line each
    todo: str = ""  # what the agent does next
    tone: str = "info"  # "good" | "info" | "bad" | "stop" (Do Not Load)
    mrn: str | None = None


def _t(lang: str, en: str, fr: str) -> str:
    return fr if lang == "fr" else en


def field_words(pointer: str | None, lang: str = "en", label_of=None) -> str:
    """Customs' XPath as the form names the field: "Consignment (house level) 1 › Goods item 2 ›
    Gross mass" (the repeated groups, then whose field it is). The pointer itself when the
    tables do not know it. `label_of(element)`: the words for one step (the form passes its
    translated labels); by default the HTI label in `lang`."""
    if not pointer:
        return ""
    steps = [s.split(":")[-1] for s in pointer.strip().strip("/").split("/") if s]
    if not steps:
        return pointer
    try:
        spec = load_message(steps[0])
    except (KeyError, ValueError, OSError):
        return pointer
    plain, words, indexed = [], [], []
    for step in steps[1:]:
        m = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", step)
        if not m:
            return pointer
        plain.append(m.group(1))
        el = spec.by_path.get("/".join(plain))
        if el is None:
            return pointer
        words.append((label_of(el) if label_of else label(el, lang)) + (f" {m.group(2)}" if m.group(2) else ""))
        if m.group(2):
            indexed.append(len(words) - 1)
    if not words:
        return pointer
    keep = sorted(set(indexed) | set(range(max(0, len(words) - 3), len(words))))
    return " › ".join(dict.fromkeys(words[i] for i in keep))


_OUT = {
    "IE3F50": ("ENS sent (road, full dataset)", "ENS envoyée (route, jeu complet)"),
    "IE3F51": ("ENS sent (rail)", "ENS envoyée (rail)"),
    "IE3A50": ("Amendment sent", "Rectification envoyée"),
    "IE3A51": ("Amendment sent", "Rectification envoyée"),
    "IE3Q04": ("Invalidation request sent", "Demande d'invalidation envoyée"),
    "IE3Q05": ("Consultation sent (what does ICS2 hold?)", "Consultation envoyée (que détient ICS2 ?)"),
    "IE3R02": ("Answer to the request for information sent", "Réponse à la demande d'informations envoyée"),
}


def _outgoing(message_type: str, lang: str) -> Notice:
    en, fr = _OUT.get(message_type, (f"{message_type} sent", f"{message_type} envoyé"))
    return Notice(_t(lang, en, fr), todo=_t(lang, "Wait for customs' answer; it shows here when it comes.",
                                            "Attendez la réponse de la douane ; elle s'affiche ici dès qu'elle arrive."))


def _rejected(reply: Rejected, lang: str) -> Notice:
    n = Notice(_t(lang, "Rejected by customs", "Rejetée par la douane") if reply.message_id == "IE3N99"
               else _t(lang, "Refused by customs (lifecycle)", "Refusée par la douane (cycle de vie)"),
               tone="bad", mrn=reply.mrn)
    for e in reply.errors:
        where = field_words(e.pointer, lang)
        code = f"{_t(lang, 'code', 'code')} {e.code}: {e.code_text(lang)}" if e.code else ""
        text = e.message(lang)
        line = f"{where}: {text}" if where else text
        if code and e.description:
            line += f" ({code})"
        n.said.append(line)
    if not reply.errors:
        n.said.append(_t(lang, "No reason given.", "Aucun motif donné."))
    if reply.duplicate_lrn:
        n.todo = _t(lang, "This LRN was used before: file again under a new LRN (New filing from this one).",
                    "Ce LRN a déjà servi : déposez de nouveau sous un nouveau LRN (Nouveau dépôt à partir de celui-ci).")
    else:
        n.todo = _t(lang, "Edit opens the filing with these fields marked; correct them and queue again (Ctrl+Enter).",
                    "Modifier ouvre le dépôt avec ces champs signalés ; corrigez-les et remettez en file (Ctrl+Entrée).")
    return n


def _incoming(reply, lang: str) -> Notice:
    mid, mrn = reply.message_id, reply.mrn
    if isinstance(reply, Rejected):
        return _rejected(reply, lang)
    if isinstance(reply, DoNotLoad):
        n = Notice(_t(lang, "DO NOT LOAD", "NE PAS CHARGER"), tone="stop", mrn=mrn)
        things = reply.containers + reply.documents
        if things:
            n.said.append(_t(lang, "Concerned: ", "Concerné : ") + ", ".join(things))
        n.todo = _t(lang, "Do not let the truck board. Contact the office of first entry before anything else.",
                    "Ne laissez pas le camion embarquer. Contactez le bureau de première entrée avant toute chose.")
        return n
    if isinstance(reply, InformationRequest):
        n = Notice(_t(lang, "Customs ask for information", "La douane demande des informations"), mrn=mrn, tone="bad")
        for ref, kind in zip(reply.references, reply.request_types):
            n.said.append(_t(lang, "Request ", "Demande ") + " ".join(x for x in (ref, f"({kind})" if kind else "") if x))
        n.todo = _t(lang, "Answer request sends the answer (IE3R02).", "Répondre à la demande envoie la réponse (IE3R02).")
        return n
    texts = {
        "IE3R01": (("Registered", "Enregistrée"), "good",
                   ("Customs now assess the goods: wait for 'assessment complete' or a request. The MRN goes on "
                    "the driver's papers.",
                    "La douane analyse maintenant les marchandises : attendez « analyse terminée » ou une demande. "
                    "Le MRN figure sur les papiers du chauffeur.")),
        "IE3N02": (("ENS not complete", "ENS incomplète"), "bad",
                   ("Customs need more data before the goods arrive: amend the filing.",
                    "La douane a besoin de données supplémentaires avant l'arrivée : rectifiez le dépôt.")),
        "IE3N03": (("Assessment complete", "Analyse terminée"), "good",
                   ("Nothing more to do for this truck.", "Plus rien à faire pour ce camion.")),
        "IE3N10": (("Amendment accepted", "Rectification acceptée"), "good",
                   ("The amended data stand; nothing more to do.", "Les données rectifiées sont retenues ; rien de plus à faire.")),
        "IE3R07": (("Invalidation accepted", "Invalidation acceptée"), "info",
                   ("The ENS no longer stands. File a new one if the truck still travels.",
                    "L'ENS n'existe plus. Déposez-en une nouvelle si le camion voyage toujours.")),
        "IE3R08": (("Consultation result", "Résultat de consultation"), "info",
                   ("The desk compares what ICS2 holds with this filing.",
                    "Le poste compare ce que détient ICS2 avec ce dépôt.")),
    }
    (en, fr), tone, (todo_en, todo_fr) = texts.get(mid, ((mid, mid), "info", ("", "")))
    n = Notice(_t(lang, en, fr), tone=tone, mrn=mrn, todo=_t(lang, todo_en, todo_fr))
    if reply.schema_problems:
        n.said.append(_t(lang, "The reply does not follow its schema: ", "La réponse ne suit pas son schéma : ")
                      + "; ".join(reply.schema_problems[:3]))
    return n


def notice(xml: bytes, direction: str, message_type: str, lang: str = "en") -> Notice:
    """The notice for one stored message (direction "in" or "out")."""
    if direction == "out":
        return _outgoing(message_type, lang)
    try:
        reply = parse_reply(xml, check=False)  # checked when it arrived
    except BadInputError:
        return Notice(_t(lang, f"{message_type}: not readable", f"{message_type} : illisible"),
                      todo=_t(lang, "Show XML gives what came.", "Afficher le XML montre ce qui est arrivé."))
    n = _incoming(reply, lang)
    if n.mrn and n.tone != "stop":
        n.title += f" — MRN {n.mrn}"
    return n

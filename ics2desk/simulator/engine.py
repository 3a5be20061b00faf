"""The simulated ICS2 side: registrations, replies, scheduled notifications and outages.

Thread-safe (one lock); the HTTP layer (server.py) only translates. Outage modes per
component (failures.Component values eu_connection, common_repository, national_system):
  refuse  eu_connection: the port stops listening; others: 502 from the EU interface
  503     the EU interface answers 503 naming the component
  hang    the request hangs until the client gives up (or recovery)
  hold    the message is accepted (202) and processed after recovery
national_system, whatever the mode: filing still registers (the central repository does it)
but assessment and control notifications (IE3N03, IE3Q01, IE3Q02) are held until recovery.
A hang is seen by the desk as a TIMEOUT at the EU connection (it cannot tell further).
"""
from __future__ import annotations

import itertools
import threading
import time
import uuid
from dataclasses import dataclass, field

from .. import clock
from ..checkdigits import make_mrn
from ..errors import BadInputError
from ..model import EnsDocument
from ..validate import validate_document
from ..xml import reader
from ..xml.safe import parse_bytes
from . import replies

COMPONENTS = ("eu_connection", "common_repository", "national_system")
MODES = ("none", "refuse", "503", "hang", "hold")
ACCEPTED = ("IE3F50", "IE3F51", "IE3A50", "IE3A51", "IE3Q04", "IE3Q05", "IE3R02")
DNL_TRIGGER = "DNL-DRILL"
RFI_TRIGGER = "RFI-DRILL"
#: a goods description customs find too vague: the ENS is rejected (IE3N99, CL723 code 100)
REJECT_TRIGGER = "N99-DRILL"


@dataclass
class Ens:
    lrn: str
    mrn: str
    declarant: str
    doc: EnsDocument
    state: str = "registered"  # registered | assessed | do_not_load | info_requested | invalidated


@dataclass
class Outgoing:
    id: str
    xml: bytes
    due: float
    notification: bool  # held back while the national system is down


class Held(Exception):
    """The message was accepted and will be processed after `component` recovers."""

    def __init__(self, component: str, message_id: str):
        super().__init__(component)
        self.component, self.message_id = component, message_id


class Outage(Exception):
    def __init__(self, component: str, mode: str):
        super().__init__(f"{component} {mode}")
        self.component, self.mode = component, mode


@dataclass
class Ics2Simulator:
    assessment_delay_s: float = 2.0
    outages: dict[str, str] = field(default_factory=lambda: {c: "none" for c in COMPONENTS})
    ens_by_key: dict[tuple[str, str], Ens] = field(default_factory=dict)  # (declarant, LRN)
    ens_by_mrn: dict[str, Ens] = field(default_factory=dict)
    registration_log: list[tuple[str, str]] = field(default_factory=list)  # (LRN, MRN) per IE3R01 issued
    received: list[str] = field(default_factory=list)  # message types in arrival order
    outgoing: list[Outgoing] = field(default_factory=list)
    held_in: list[bytes] = field(default_factory=list)
    delivered: set[str] = field(default_factory=set)
    processing_delay_s: float = 0.0  # per message, to widen crash windows in tests

    def __post_init__(self):
        self.lock = threading.RLock()
        self.recovered = threading.Event()
        self._seq = itertools.count(1)

    # --- outage controls -------------------------------------------------------------------
    def set_outage(self, component: str, mode: str) -> None:
        if component not in COMPONENTS or mode not in MODES:
            raise BadInputError(f"outage needs a component in {COMPONENTS} and a mode in {MODES}")
        with self.lock:
            self.outages[component] = mode
            if mode == "none":
                self._after_recovery()

    def recover(self) -> None:
        with self.lock:
            for c in COMPONENTS:
                self.outages[c] = "none"
            self._after_recovery()

    def _after_recovery(self) -> None:
        if self.outages["eu_connection"] == "none" and self.outages["common_repository"] == "none":
            held, self.held_in = self.held_in, []
            for xml in held:  # "queued, processed after recovery"
                for r in self._process(xml):
                    self._emit(r, notification=False)

    def gate(self) -> None:
        """Raise Outage for the first component whose outage stops a message at the door."""
        with self.lock:
            for c in ("eu_connection", "common_repository"):
                if self.outages[c] in ("refuse", "503", "hang"):
                    raise Outage(c, self.outages[c])

    # --- messages in -------------------------------------------------------------------------
    def receive(self, xml: bytes) -> tuple[str, list[bytes]]:
        """Take one message: (transport id, immediate replies). Raises Held, Outage, BadInputError."""
        self.gate()
        mid = f"sim-{uuid.uuid4().hex[:16]}"
        if self.processing_delay_s:
            time.sleep(self.processing_delay_s)
        with self.lock:
            for c in ("eu_connection", "common_repository"):
                if self.outages[c] == "hold":
                    _message_type(xml)  # still refuse garbage at the door
                    self.held_in.append(xml)
                    raise Held(c, mid)
            return mid, self._process(xml)

    def _process(self, xml: bytes) -> list[bytes]:
        doc = _parse(xml)
        self.received.append(doc.message_id)
        handler = {"IE3F50": self._filing, "IE3F51": self._filing, "IE3A50": self._amendment,
                   "IE3A51": self._amendment, "IE3Q04": self._invalidation, "IE3Q05": self._consultation,
                   "IE3R02": self._rfi_answer}[doc.message_id]
        return handler(doc)

    def _filing(self, doc: EnsDocument) -> list[bytes]:
        lrn, declarant = doc.lrn or "", doc.declarant_eori or ""
        report = validate_document(doc)
        if not report.valid:
            return [replies.errors(lrn or None, [(_code(f.en), f.path, f.en) for f in report.errors])]
        vague = [f"{inst.xpath}" for inst in doc.instances(
            "consignmentMasterLevel/consignmentHouseLevel/goodsItem/commodity/descriptionOfGoods")
            if REJECT_TRIGGER in (inst.value or "")]
        if vague:
            return [replies.errors(lrn or None, [("100", path, "Goods description too vague for risk analysis: "
                                                 "say what the goods are (drill)") for path in vague])]
        if (declarant, lrn) in self.ens_by_key:
            return [replies.lifecycle_error(lrn, None, declarant, "94", f"/{doc.message_id}/LRN",
                                            f"LRN {lrn} is already used by declarant {declarant}")]
        mrn = make_mrn(clock.now().year, (doc.office_of_first_entry or "FR")[:2],
                       f"{next(self._seq):05d}{uuid.uuid4().hex[:6]}".upper())
        ens = Ens(lrn, mrn, declarant, doc)
        self.ens_by_key[(declarant, lrn)] = ens
        self.ens_by_mrn[mrn] = ens
        self.registration_log.append((lrn, mrn))
        self._schedule_assessment(ens)
        return [replies.registered(lrn, mrn, doc)]

    def _schedule_assessment(self, ens: Ens) -> None:
        text = " ".join((i.get("commodity") or {}).get("descriptionOfGoods", "") for _, _, i in ens.doc.goods_items())
        due = time.time() + self.assessment_delay_s
        if DNL_TRIGGER in text:
            ens.state = "do_not_load"
            self._emit(replies.do_not_load(ens.mrn, ens.doc), notification=True, due=due)
        elif RFI_TRIGGER in text and ens.state != "answered":
            ens.state = "info_requested"
            self._emit(replies.information_request(ens.mrn, ens.doc, f"RFI{ens.mrn[-8:]}"), notification=True,
                       due=due)
        else:
            ens.state = "assessed"
            self._emit(replies.assessment_complete(ens.mrn, ens.doc), notification=True, due=due)

    def _known(self, doc: EnsDocument) -> Ens | None | bytes:
        ens = self.ens_by_mrn.get(doc.mrn or "")
        if ens is None:
            return replies.lifecycle_error(None, doc.mrn, doc.declarant_eori or "", "90", f"/{doc.message_id}/MRN",
                                           f"MRN {doc.mrn} is unknown")
        if ens.state == "invalidated":
            return replies.lifecycle_error(None, doc.mrn, ens.declarant, "72", f"/{doc.message_id}/MRN",
                                           f"ENS {doc.mrn} is invalidated")
        return ens

    def _amendment(self, doc: EnsDocument) -> list[bytes]:
        ens = self._known(doc)
        if isinstance(ens, bytes):
            return [ens]
        report = validate_document(doc, registered=ens.doc)
        if not report.valid:
            return [replies.errors(doc.mrn, [(_code(f.en), f.path, f.en) for f in report.errors])]
        ens.doc = doc
        self._schedule_assessment(ens)
        return [replies.amendment_accepted(ens.mrn, doc)]

    def _invalidation(self, doc: EnsDocument) -> list[bytes]:
        ens = self._known(doc)
        if isinstance(ens, bytes):
            return [ens]
        ens.state = "invalidated"
        return [replies.invalidation_accepted(ens.mrn, ens.declarant)]

    def _consultation(self, doc: EnsDocument) -> list[bytes]:
        ref = doc.data.get("functionalReference", "")
        requester = (doc.data.get("requester") or {}).get("identificationNumber", "")
        ens = self.ens_by_key.get((requester, ref)) or next(
            (e for e in self.ens_by_key.values() if e.lrn == ref and requester in ("", e.declarant)), None)
        state = "09" if ens is not None and ens.state == "invalidated" else "01"
        return [replies.consultation_result(ref, ens.mrn if ens else None, state)]

    def _rfi_answer(self, doc: EnsDocument) -> list[bytes]:
        ens = self._known(doc)
        if isinstance(ens, bytes):
            return [ens]
        if ens.state != "info_requested":
            return [replies.lifecycle_error(None, ens.mrn, ens.declarant, "72", "/IE3R02/MRN",
                                            f"no open request for information on {ens.mrn}")]
        ens.state = "answered"
        self._schedule_assessment(ens)
        return []

    # --- messages out ------------------------------------------------------------------------
    def _emit(self, xml: bytes, notification: bool, due: float | None = None) -> None:
        self.outgoing.append(Outgoing(f"sim-{uuid.uuid4().hex[:16]}", xml, due or time.time(), notification))

    def pending(self) -> list[tuple[str, bytes]]:
        """Replies due and not held, not yet acknowledged."""
        now = time.time()
        with self.lock:
            national_down = self.outages["national_system"] != "none"
            return [(o.id, o.xml) for o in self.outgoing
                    if o.due <= now and o.id not in self.delivered and not (o.notification and national_down)]

    def acknowledge(self, ids: list[str]) -> None:
        with self.lock:
            self.delivered.update(ids)
            self.outgoing = [o for o in self.outgoing if o.id not in self.delivered]

    def snapshot(self) -> dict:
        with self.lock:
            return {"outages": dict(self.outages), "registrations": len(self.registration_log),
                    "registration_log": [list(x) for x in self.registration_log], "held": len(self.held_in),
                    "pending_replies": len(self.outgoing), "received": len(self.received)}


def _parse(xml: bytes) -> EnsDocument:
    root = parse_bytes(xml, "message").getroot()
    doc = reader.from_tree(root)
    if doc.message_id not in ACCEPTED:
        raise BadInputError(f"the simulator does not accept {doc.message_id} from traders")
    return doc


def _message_type(xml: bytes) -> str:
    return _parse(xml).message_id


def _code(text: str) -> str:
    """CL723 code for a validator finding (13 missing, 39/40 length, 12 otherwise)."""
    t = text.lower()
    if "missing" in t:
        return "13"
    if "too long" in t or "length" in t:
        return "39"
    return "12"

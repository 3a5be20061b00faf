"""The ENS lifecycle as an explicit table: (state, event) -> next state. Anything not in
the table is refused with IllegalTransitionError, so no step is ever applied silently."""
from __future__ import annotations

from enum import Enum

from ..errors import IllegalTransitionError


class State(str, Enum):
    DRAFT = "draft"
    READY = "ready"  # valid, not yet queued
    QUEUED = "queued"  # in the outbox
    SENT = "sent"  # handed to the transport, functional reply pending
    REGISTERED = "registered"  # IE3R01: MRN known
    REJECTED = "rejected"  # IE3N99 / IE3N01: errors kept on the version
    ASSESSMENT_COMPLETE = "assessment_complete"  # IE3N03
    DO_NOT_LOAD = "do_not_load"  # IE3Q01
    INFO_REQUESTED = "info_requested"  # IE3Q02
    INFO_ANSWERED = "info_answered"  # IE3R02 queued/sent
    NOT_COMPLETE = "not_complete"  # IE3N02
    AMENDING = "amending"  # IE3A50 queued/sent, waiting for IE3N10
    INVALIDATING = "invalidating"  # IE3Q04 queued/sent, waiting for IE3R07
    INVALIDATED = "invalidated"  # IE3R07


S = State
# States where an MRN exists and customs may still speak about the ENS.
_LIVE = (S.REGISTERED, S.ASSESSMENT_COMPLETE, S.NOT_COMPLETE, S.INFO_REQUESTED, S.INFO_ANSWERED)

TRANSITIONS: dict[tuple[State, str], State] = {
    (S.DRAFT, "save"): S.DRAFT, (S.READY, "save"): S.DRAFT, (S.REJECTED, "save"): S.DRAFT,
    (S.DRAFT, "validated"): S.READY, (S.READY, "validated"): S.READY,
    (S.READY, "queue"): S.QUEUED,
    (S.QUEUED, "cancel"): S.READY,
    (S.QUEUED, "send"): S.SENT, (S.SENT, "send"): S.SENT,
    # a reply may arrive for an item still marked queued after a crash: accept it
    (S.QUEUED, "IE3R01"): S.REGISTERED, (S.SENT, "IE3R01"): S.REGISTERED,
    (S.QUEUED, "IE3N99"): S.REJECTED, (S.SENT, "IE3N99"): S.REJECTED,
    (S.QUEUED, "IE3N01"): S.REJECTED, (S.SENT, "IE3N01"): S.REJECTED,
    (S.REGISTERED, "IE3R01"): S.REGISTERED,  # duplicate delivery of the same registration
    (S.AMENDING, "IE3N10"): S.REGISTERED,  # amended ENS is assessed again
    (S.AMENDING, "IE3N99"): S.REGISTERED, (S.AMENDING, "IE3N01"): S.REGISTERED,  # amendment refused
    (S.INVALIDATING, "IE3R07"): S.INVALIDATED,
    (S.INVALIDATING, "IE3N99"): S.REGISTERED, (S.INVALIDATING, "IE3N01"): S.REGISTERED,
    (S.INFO_REQUESTED, "answer_rfi"): S.INFO_ANSWERED,
}
for _s in _LIVE:
    TRANSITIONS[(_s, "IE3N03")] = S.ASSESSMENT_COMPLETE
    TRANSITIONS[(_s, "IE3Q01")] = S.DO_NOT_LOAD
    TRANSITIONS[(_s, "IE3Q02")] = S.INFO_REQUESTED
    TRANSITIONS[(_s, "IE3N02")] = S.NOT_COMPLETE
    TRANSITIONS[(_s, "amend")] = S.AMENDING
    TRANSITIONS[(_s, "invalidate")] = S.INVALIDATING
TRANSITIONS[(S.DO_NOT_LOAD, "amend")] = S.AMENDING
TRANSITIONS[(S.DO_NOT_LOAD, "invalidate")] = S.INVALIDATING
TRANSITIONS[(S.AMENDING, "cancel")] = S.REGISTERED  # amendment withdrawn before it left
TRANSITIONS[(S.INVALIDATING, "cancel")] = S.REGISTERED
TRANSITIONS[(S.INFO_ANSWERED, "cancel")] = S.INFO_REQUESTED
TRANSITIONS[(S.AMENDING, "IE3N03")] = S.AMENDING  # late notifications about the previous dataset
TRANSITIONS[(S.INVALIDATING, "IE3N03")] = S.INVALIDATING

#: events that need an MRN on the filing
NEEDS_MRN = {"amend", "invalidate", "answer_rfi", "IE3N03", "IE3Q01", "IE3Q02", "IE3N02", "IE3N10", "IE3R07"}

_EVENT_TEXT = {"save": "save a new version", "validated": "mark as ready", "queue": "queue for sending",
               "cancel": "cancel sending", "send": "send", "amend": "amend (IE3A50)",
               "invalidate": "invalidate (IE3Q04)", "answer_rfi": "answer the request for information (IE3R02)"}


def next_state(state: State | str, event: str, mrn: str | None = None, lrn: str = "") -> State:
    """The state after `event`, or IllegalTransitionError saying what is allowed instead."""
    state = State(state)
    if event in NEEDS_MRN and not mrn:
        raise IllegalTransitionError(f"{lrn or 'this filing'}: cannot {_EVENT_TEXT.get(event, 'apply ' + event)} "
                                     f"before the ENS is registered (no MRN yet)")
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        allowed = sorted({_EVENT_TEXT.get(e, e) for (s, e) in TRANSITIONS if s is state})
        raise IllegalTransitionError(
            f"{lrn or 'this filing'}: cannot {_EVENT_TEXT.get(event, 'apply ' + event)} while it is "
            f"{state.value.replace('_', ' ')}; allowed now: {', '.join(allowed) or 'nothing'}") from None


def state_label(state: str, lang: str = "en") -> str:
    """A state as an agent reads it ("assessment complete", "analyse terminée"); the French
    names are the GUI glossary's, so screen and paper say the same."""
    words = state.replace("_", " ")
    if lang != "fr":
        return words
    from ..hti.spec import glossary_section

    return glossary_section("State").get(words, words)


# --- may this truck board? --------------------------------------------------------------------
#: states in which customs have registered the ENS and said nothing that stops the truck; an
#: amendment in flight keeps the registered ENS in force (a Do Not Load is a separate, sticky flag)
BOARDING_STATES = frozenset({S.REGISTERED, S.ASSESSMENT_COMPLETE, S.AMENDING})


class Boarding(str, Enum):
    """What paper and screens must say about the truck, strongest first."""

    DO_NOT_LOAD = "do_not_load"  # customs said IE3Q01, at any time: it wins over every later state
    INVALIDATED = "invalidated"  # the ENS no longer exists (or is being withdrawn)
    REJECTED = "rejected"
    NOT_REGISTERED = "not_registered"  # no MRN yet, or customs still deciding (RFI, not complete)
    MAY_BOARD = "may_board"


_BOARDING_TEXT = {
    Boarding.DO_NOT_LOAD: ("DO NOT LOAD: customs ordered that the goods must not be loaded (IE3Q01)",
                           "NE PAS CHARGER : la douane a ordonné de ne pas charger les marchandises (IE3Q01)"),
    Boarding.INVALIDATED: ("INVALIDATED: this ENS was withdrawn; the truck needs a new one",
                           "INVALIDÉE : cette ENS est annulée ; le camion en a besoin d'une nouvelle"),
    Boarding.REJECTED: ("REJECTED: customs refused this ENS; correct it and send it again",
                        "REJETÉE : la douane a refusé cette ENS ; la corriger et la renvoyer"),
    Boarding.NOT_REGISTERED: ("NOT REGISTERED: customs have not (or not yet) cleared this ENS for boarding",
                              "NON ENREGISTRÉE : la douane n'a pas (encore) validé cette ENS pour l'embarquement"),
    Boarding.MAY_BOARD: ("registered: the truck may board", "enregistrée : le camion peut embarquer"),
}


def boarding(state: State | str | None, do_not_load: bool = False) -> Boarding:
    """The one rule for paper and screens: a truck may board only on a registered (or assessed)
    ENS that never got a Do Not Load. An unknown state is not a boarding state."""
    if do_not_load or state == S.DO_NOT_LOAD.value:
        return Boarding.DO_NOT_LOAD
    if state in (S.INVALIDATED.value, S.INVALIDATING.value):
        return Boarding.INVALIDATED
    if state == S.REJECTED.value:
        return Boarding.REJECTED
    if state is not None and State(state) in BOARDING_STATES:
        return Boarding.MAY_BOARD
    return Boarding.NOT_REGISTERED


def boarding_reason(verdict: Boarding, lang: str = "en") -> str:
    en, fr = _BOARDING_TEXT[verdict]
    return fr if lang == "fr" else en

"""ELO (enveloppe logistique obligatoire): the truck's smart-border envelope through DGDDI's
API_BREXIT_ELO v1.2.0. Qt-free. See README.md in this folder.

    service = EloService(EloStore())            # one per thread
    env = service.on_ens_registered(lrn, mrn, doc)
    service.drain()                              # worker thread: sends what is queued
    service.sheet_info(lrn)                      # (jeton, numeroDossier, pdf) for the truck sheet
    service.on_ens_stopped(lrn, Boarding.DO_NOT_LOAD)  # the ENS leaves every envelope (ENV_MOD01) ...
    service.stops(env)                           # ... or the envelope says what the agent must do
    stopped_ens_sweep(store, service)            # worker thread: finds Do Not Load / invalidations
"""
from .envelope import Appairage, DeclarationState, Envelope, EtatValidation, Statut, StoppedEns, StopStatus, Sync
from .service import DrainResult, EloService, SheetInfo, Stop, drain_loop, sheet_info_for, stopped_ens_sweep
from .settings import EloSettings
from .store import EloStore

__all__ = ["Appairage", "DeclarationState", "Envelope", "EtatValidation", "Statut", "StoppedEns", "StopStatus", "Sync",
           "DrainResult", "EloService", "SheetInfo", "Stop", "drain_loop", "sheet_info_for", "stopped_ens_sweep",
           "EloSettings", "EloStore"]

"""ELO (enveloppe logistique obligatoire): the truck's smart-border envelope through DGDDI's
API_BREXIT_ELO v1.2.0. Qt-free. See README.md in this folder.

    service = EloService(EloStore())            # one per thread
    env = service.on_ens_registered(lrn, mrn, doc)
    service.drain()                              # worker thread: sends what is queued
    service.sheet_info(lrn)                      # (jeton, numeroDossier, pdf) for the truck sheet
"""
from .envelope import Appairage, DeclarationState, Envelope, EtatValidation, Statut, Sync
from .service import DrainResult, EloService, SheetInfo, drain_loop, sheet_info_for
from .settings import EloSettings
from .store import EloStore

__all__ = ["Appairage", "DeclarationState", "Envelope", "EtatValidation", "Statut", "Sync", "DrainResult",
           "EloService", "SheetInfo", "drain_loop", "sheet_info_for", "EloSettings", "EloStore"]

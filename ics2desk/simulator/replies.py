"""Reply messages the simulator sends, built with the model and the writer so they follow
the same XSDs as everything else."""
from __future__ import annotations

from .. import clock
from ..model import EnsDocument
from ..xml.writer import to_bytes


def now() -> str:
    return clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")


def _parties(doc: EnsDocument | None) -> dict:
    out: dict = {}
    if doc is None:
        return out
    rep = doc.get("representative/identificationNumber")
    if rep:
        out["representative"] = {"identificationNumber": rep}
    return out


def registered(lrn: str, mrn: str, doc: EnsDocument) -> bytes:
    data = {"LRN": lrn, "MRN": mrn, "registrationDate": now(),
            "SpecificCircumstanceIndicator": doc.data.get("SpecificCircumstanceIndicator", "F50"),
            **_parties(doc)}
    if doc.declarant_eori:
        data["declarant"] = {"identificationNumber": doc.declarant_eori}
    if doc.office_of_first_entry:
        data["customsOfficeOfFirstEntry"] = {"referenceNumber": doc.office_of_first_entry}
    return to_bytes(EnsDocument("IE3R01", data))


def errors(reference: str | None, problems: list[tuple[str, str, str]]) -> bytes:
    """IE3N99; problems are (CL723 code, pointer XPath, description)."""
    data: dict = {}
    if reference:
        data["functionalReference"] = reference[:35]
    data["notificationDate"] = now()
    data["error"] = [{"description": d[:512], "validationCode": code, "pointer": {"messageElementPath": p[:512]}}
                     for code, p, d in problems[:999]]
    return to_bytes(EnsDocument("IE3N99", data))


def lifecycle_error(lrn: str | None, mrn: str | None, declarant: str, code: str, pointer: str, text: str) -> bytes:
    data: dict = {}
    if lrn:
        data["LRN"] = lrn
    if mrn:
        data["MRN"] = mrn
    data["notificationDate"] = now()
    data["declarant"] = {"identificationNumber": declarant or "UNKNOWN"}
    data["error"] = [{"description": text[:512], "validationCode": code, "pointer": {"messageElementPath": pointer}}]
    return to_bytes(EnsDocument("IE3N01", data))


def assessment_complete(mrn: str, doc: EnsDocument) -> bytes:
    data = {"MRN": mrn, "completionDate": now(), "responsibleMemberState": {"country": "FR"}, **_parties(doc)}
    if doc.declarant_eori:
        data["declarant"] = {"identificationNumber": doc.declarant_eori}
    return to_bytes(EnsDocument("IE3N03", data))


def do_not_load(mrn: str, doc: EnsDocument) -> bytes:
    data = {"documentIssueDate": now(), "MRN": mrn, "responsibleMemberState": {"country": "FR"}, **_parties(doc)}
    if doc.declarant_eori:
        data["declarant"] = {"identificationNumber": doc.declarant_eori}
    details: dict = {}
    tdoc = doc.get("consignmentMasterLevel/transportDocumentMasterLevel")
    if tdoc:
        details["transportDocument"] = {"documentNumber": tdoc["documentNumber"], "type": tdoc["type"]}
    data["doNotLoadDetails"] = details
    return to_bytes(EnsDocument("IE3Q01", data))


def information_request(mrn: str, doc: EnsDocument, reference: str) -> bytes:
    data = {"documentIssueDate": now(), "MRN": mrn, "responsibleMemberState": {"country": "FR"}, **_parties(doc),
            "declarant": {"identificationNumber": doc.declarant_eori or "UNKNOWN"},
            "referralRequestDetails": [{"referralRequestReference": reference, "requestType": "RFI",
                                        "additionalInformation": [{"text": "Please send the commercial invoice"}]}]}
    return to_bytes(EnsDocument("IE3Q02", data))


def amendment_accepted(mrn: str, doc: EnsDocument) -> bytes:
    return to_bytes(EnsDocument("IE3N10", {"MRN": mrn, "completionDate": now(), **_parties(doc),
                                           "declarant": {"identificationNumber": doc.declarant_eori or "UNKNOWN"}}))


def invalidation_accepted(mrn: str, declarant: str) -> bytes:
    return to_bytes(EnsDocument("IE3R07", {"MRN": mrn, "completionDate": now(),
                                           "declarant": {"identificationNumber": declarant or "UNKNOWN"}}))


def consultation_result(reference: str, mrn: str | None, registered_state: str = "01") -> bytes:
    entities = [{"type": "ENS", "identification": mrn, "state": registered_state}] if mrn else \
        [{"type": "ENF", "identification": reference, "state": "02"}]
    return to_bytes(EnsDocument("IE3R08", {"functionalReference": reference[:35], "ENSEntity": entities}))

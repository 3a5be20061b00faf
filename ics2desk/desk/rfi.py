"""Answering customs' request for information (IE3Q02) with an IE3R02, without Qt: the questions
of the request, the answer built from the agent's texts and attachment references, its schema
check, and the last request a filing received. `Desk.answer_rfi` queues the answer.

IE3R02 carries attachments as references only (binaryAttachment: identification, filename, MIME,
description, at most 9 per answer); the file itself travels beside the message."""
from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..model import EnsDocument

TEXT_MAX = 512  # additionalInformation/text is an..512; longer answers are split (at most 99 parts)
ATTACHMENTS_MAX = 9


@dataclass
class Attachment:
    path: str
    description: str = ""

    def to_r02(self) -> dict:
        name = Path(self.path).name
        item = {"identification": f"{uuid.uuid4()}", "filename": name[:256],
                "MIME": mimetypes.guess_type(name)[0] or "application/octet-stream"}
        if self.description:
            item["description"] = self.description[:256]
        return item


@dataclass
class Question:
    reference: str
    request_type: str
    text: str  # what customs wrote, joined


def questions(request: EnsDocument) -> list[Question]:
    """The referral requests of an IE3Q02."""
    out = []
    for r in request.data.get("referralRequestDetails", []):
        texts = [a.get("text", "") for a in r.get("additionalInformation", []) if a.get("text")]
        out.append(Question(r.get("referralRequestReference", ""), r.get("requestType", ""), "\n".join(texts)))
    return out


def build_answer(request: EnsDocument, answers: dict[str, str],
                 attachments: dict[str, list[Attachment]] | None = None) -> EnsDocument:
    """The IE3R02 answering `request` (an IE3Q02): one additionalInformationResponse per reference."""
    from ..store.documents import utc_now

    attachments = attachments or {}
    q = request.data
    data: dict = {"documentIssueDate": utc_now(), "MRN": q.get("MRN", "")}
    data["responsibleMemberState"] = dict(q.get("responsibleMemberState") or {"country": "FR"})
    if q.get("representative", {}).get("identificationNumber"):
        data["representative"] = {"identificationNumber": q["representative"]["identificationNumber"]}
    data["declarant"] = {"identificationNumber": (q.get("declarant") or {}).get("identificationNumber", "")}
    responses = []
    for question in questions(request):
        text = (answers.get(question.reference) or "").strip()
        parts = [text[i:i + TEXT_MAX] for i in range(0, len(text), TEXT_MAX)][:99]
        response: dict = {"referralRequestReference": question.reference}
        if parts:
            response["additionalInformation"] = [{"text": p} for p in parts]
        files = attachments.get(question.reference, [])[:ATTACHMENTS_MAX]
        if files:
            response["binaryAttachment"] = [a.to_r02() for a in files]
        responses.append(response)
    data["additionalInformationResponse"] = responses
    return EnsDocument("IE3R02", data)


def schema_problems(doc: EnsDocument) -> list[str]:
    from ..validate import check_schema
    from ..xml.writer import to_tree

    return [f"{f.path}: {f.en}" for f in check_schema(to_tree(doc))]


def latest_request(store, lrn: str) -> EnsDocument | None:
    """The last IE3Q02 received for the filing."""
    from ..replies import parse_reply

    for m in reversed(store.timeline(lrn)):
        if m.direction == "in" and m.message_type == "IE3Q02":
            return parse_reply(bytes(m.xml), f"{lrn} IE3Q02").document
    return None

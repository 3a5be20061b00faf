"""Desk settings (Qt-free): data dir, transport choice, endpoints, P-Mode values, thresholds.

Kept as settings.json in the data dir. Never secrets: the Domibus password lives only in the
OS keyring (service `ics2desk`, user = domibus_username); saving refuses secret-looking keys.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .errors import BadInputError

KEYRING_SERVICE = "ics2desk"
FILE_NAME = "settings.json"
_SECRET_WORDS = ("password", "secret", "token", "passphrase")


@dataclass
class Settings:
    transport: str = "simulator"  # "simulator" | "domibus"
    simulator_url: str = "http://127.0.0.1:8765"
    # Domibus WS plugin (access point of the trader)
    domibus_url: str = "https://localhost:8443/domibus/services/wsplugin"
    domibus_username: str = ""
    tls_verify: bool = True
    client_cert: str = ""  # PEM path (certificate + key, or certificate with client_key)
    client_key: str = ""
    # ICS2 P-Mode values: each a setting, since sources disagree
    from_party_id: str = ""  # trader's party id (often the EORI)
    from_party_type: str = "urn:oasis:names:tc:ebcore:partyid-type:unregistered"
    from_role: str = "Trader"
    to_party_id: str = "sti-taxud"
    to_party_type: str = "urn:oasis:names:tc:ebcore:partyid-type:unregistered"
    to_role: str = "Customs"
    service: str = "eu_ics2_t2c"
    service_type: str = "urn:fdc:ec.europa.eu:2019:eu_ics2_t2c"
    agreement_ref: str = "EU-ICS2-TI-V2.0"  # eb:AgreementRef of ICS2 message version 2 (ICD v3.30 §5.7)
    agreement_type: str = "ics2-interface-version"  # eb:AgreementRef/@type (ICD v3.30 §4.2.3.1)
    # eb:AgreementRef of the other ICS2 message versions, e.g. {"3": "<value from the v3 ICD>"}. The
    # AgreementRef names the version of the messages, and each message goes out with the value of the
    # version it was built with (recorded with it in the store). A version not listed here takes the
    # value its schema set names (schemaset.json "agreement_ref"); version 2 takes agreement_ref above.
    agreement_refs: dict = field(default_factory=dict)
    # sending behaviour
    send_timeout_s: float = 15.0
    max_reply_mb: float = 10.0  # replies larger than this are refused unread (send_timeout_s bounds each whole exchange)
    send_concurrency: int = 3  # messages in flight at once when draining (each its own connection)
    retry_base_s: float = 2.0
    retry_cap_s: float = 300.0
    max_attempts: int = 200  # transient failures keep retrying (the BCP says keep sending), but not forever
    reply_timeout_s: float = 600.0  # accepted, no IE3R01/IE3N99 after this: NO_FUNCTIONAL_REPLY
    poll_interval_s: float = 5.0
    lrn_prefix: str = "ICS"
    requester_eori: str = ""  # IE3Q05 requester; defaults to the filing's declarant
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: str | os.PathLike) -> "Settings":
        path = Path(data_dir) / FILE_NAME
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInputError(f"{path}: settings unreadable ({exc}); fix or delete the file") from None
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, data_dir: str | os.PathLike) -> Path:
        data = asdict(self)
        bad = [k for k in list(data) + list(self.extra) if any(w in k.lower() for w in _SECRET_WORDS)]
        if bad:
            raise BadInputError(f"settings must not hold secrets ({', '.join(bad)}); use the OS keyring")
        path = Path(data_dir) / FILE_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), "utf-8")
        os.replace(tmp, path)
        return path


def domibus_password(settings: Settings) -> str | None:
    import keyring

    return keyring.get_password(KEYRING_SERVICE, settings.domibus_username) if settings.domibus_username else None


def set_domibus_password(settings: Settings, password: str) -> None:
    import keyring

    if not settings.domibus_username:
        raise BadInputError("set the Domibus user name before its password")
    keyring.set_password(KEYRING_SERVICE, settings.domibus_username, password)

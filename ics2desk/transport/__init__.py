"""Transports: one small interface (base.Transport) for the simulator over HTTP
(http_simulator.SimulatorTransport) and a Domibus WS-plugin access point.
`make_transport(settings)` picks the one the settings name. Every exchange runs under one
deadline (settings.send_timeout_s: connect + send + the whole reply) and a reply size cap
(settings.max_reply_mb): see exchange.py."""
from .base import ReplyTooLarge, SendResult, Transport, TransportFailure, make_transport

__all__ = ["ReplyTooLarge", "SendResult", "Transport", "TransportFailure", "make_transport"]

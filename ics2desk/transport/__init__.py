"""Transports: one small interface (base.Transport) for the simulator over HTTP
(http_simulator.SimulatorTransport) and a Domibus WS-plugin access point.
`make_transport(settings)` picks the one the settings name."""
from .base import SendResult, Transport, TransportFailure, make_transport

__all__ = ["SendResult", "Transport", "TransportFailure", "make_transport"]

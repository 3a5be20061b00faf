"""The embedded defaults: with transport = simulator, the app brings its own ICS2 simulator."""
import socket

import httpx

from ics2desk.gui.demo import ensure_builtin_simulator
from ics2desk.settings import Settings


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_starts_one_when_nothing_listens_and_reuses_a_running_one(data_dir):
    settings = Settings.load(data_dir)
    settings.simulator_url = f"http://127.0.0.1:{free_port()}"
    settings.save(data_dir)
    server = ensure_builtin_simulator(data_dir)
    try:
        assert server is not None
        assert httpx.get(settings.simulator_url + "/", timeout=2).status_code < 500
        assert ensure_builtin_simulator(data_dir) is None  # already listening: not started twice
    finally:
        server.close()


def test_not_started_for_a_real_access_point(data_dir):
    settings = Settings.load(data_dir)
    settings.transport = "domibus"
    settings.save(data_dir)
    assert ensure_builtin_simulator(data_dir) is None

"""ics2desk.simulator: a local stand-in for ICS2 (engine.Ics2Simulator) served over HTTP on
127.0.0.1 (server.SimulatorServer; `ics2desk simulator [--port 8765]`), with outage controls
per component. Its registration log is the judge of "never registered twice" in tests."""

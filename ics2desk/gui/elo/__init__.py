"""The truck's ELO: the box beside the filing detail and the worker thread that prepares and
sends envelopes (the Qt-free service: ics2desk.elo)."""

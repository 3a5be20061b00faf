"""ics2desk.outbox (see its module docstrings)."""

"""ics2desk.transport (see its module docstrings)."""

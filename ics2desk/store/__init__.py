"""ics2desk.store (see its module docstrings)."""

"""ics2desk.continuity (see its module docstrings)."""

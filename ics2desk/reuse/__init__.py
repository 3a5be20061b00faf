"""ics2desk.reuse (see its module docstrings)."""

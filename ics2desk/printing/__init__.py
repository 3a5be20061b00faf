"""ics2desk.printing (see its module docstrings)."""

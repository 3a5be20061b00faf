"""ics2desk.simulator (see its module docstrings)."""

"""ics2desk.elo (see its module docstrings)."""

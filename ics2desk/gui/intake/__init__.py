"""File → Import booking list…: the dialog over ics2desk.intake."""

"""The Settings tab: one page over the options registry (ics2desk.options)."""

"""The Incidents tab: the panel, its checklist and dialogs, the drills (--demo) and the worker
thread that carries ics2desk.continuity.desk.ContinuityDesk."""

"""The Outbox tab's own widgets (the queue table itself is OutboxView in main_window.py): the
quarantine of messages from ICS2 the desk could not use."""

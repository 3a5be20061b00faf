"""The Filings tab: the work list (a paged Qt model over the store), the detail of the filing in
view with its actions, and what those actions open (audit trail, RFI answer, print preview)."""

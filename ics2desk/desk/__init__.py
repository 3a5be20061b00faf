"""The desk's workflows without Qt (issue 11): the GUI and the CLI call them; widgets keep only
presentation. See desk.py for the tour.

- `Desk(store, settings, user)`: create / save / copy / template / queue / amend / invalidate /
  re-file / answer an RFI, the lodging profile, LRNs with the settings' prefix, outbox actions,
  ELO adoption, the lodging deadline, the actions a state allows, the continuity desk;
- `events.Changed`: what a step changed, emitted to `desk.listeners`;
- `actions`: allowed actions per state, derived from the lifecycle table;
- `profile.LodgingProfile`: who lodges (desk.json's profile, read by the GUI);
- `form_rules`: row numbering and address-book / goods-catalogue filling while typing.
"""
from .actions import ACTION_EVENTS, allowed, allowed_actions, states_allowing
from .desk import OUTBOX_ACTIONS, Desk, KeptOnDeskError
from .events import Changed, Listeners
from .profile import LodgingProfile

__all__ = ["ACTION_EVENTS", "allowed", "allowed_actions", "states_allowing", "OUTBOX_ACTIONS", "Desk", "KeptOnDeskError", "Changed",
           "Listeners", "LodgingProfile"]

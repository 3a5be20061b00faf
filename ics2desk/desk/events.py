"""What a workflow changed, said in plain Python: the GUI (or any other front end) turns an event
into row updates instead of re-reading everything.

A `Desk` operation emits one `Changed` to each listener of the desk (`desk.listeners`, plain
callables) after its transaction committed, on the thread that ran it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Changed:
    """lrns: the filings whose row (state, version, LRN) changed; created: those among them that
    are new; outbox: the outbox queue changed (an item queued, cancelled, made due); elo: an ELO
    envelope or its queue; settings: the settings the desk reads (cut-offs, prefix) changed."""

    lrns: tuple[str, ...] = ()
    created: tuple[str, ...] = ()
    outbox: bool = False
    elo: bool = False
    settings: bool = False

    def __bool__(self) -> bool:
        return bool(self.lrns or self.outbox or self.elo or self.settings)


Listener = Callable[[Changed], None]


@dataclass
class Listeners:
    """The listeners of one desk; `emit` calls each in the order they were added."""

    items: list[Listener] = field(default_factory=list)

    def append(self, listener: Listener) -> None:
        self.items.append(listener)

    def remove(self, listener: Listener) -> None:
        self.items.remove(listener)

    def emit(self, event: Changed) -> Changed:
        if event:
            for listener in list(self.items):
                listener(event)
        return event

    def __len__(self) -> int:
        return len(self.items)

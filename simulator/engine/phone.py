"""The phone controls: hold, resume, mute, consult, transfer, and the agent's tools.

A mixin of `CallEngine`, kept apart so the rules of the phone system read on
their own. Each control writes its transcript event and tells the trainee,
with a `Notice`, what only the agent sees (who picked up, what the records
say). Controls that make no sense (resume while not on hold, transfer to an
extension not in the directory) change nothing and say why.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from simulator.engine import moves as mv

if TYPE_CHECKING:
    from scoring.transcript import Event
    from simulator.engine.caller_state import CallerState
    from simulator.engine.clock import SimClock
    from simulator.engine.mood import Temper
    from simulator.scenario.model import Scenario

#: simulated seconds a consult call takes (ringing, talking to the colleague).
CONSULT_SECONDS = {"answered": 40, "voicemail": 25, "no_answer": 30}


class PhoneMixin:
    # provided by CallEngine
    scenario: Scenario
    clock: SimClock
    memory: CallerState
    params: dict[str, float]
    on_hold: bool
    muted: bool
    hold_started: int
    _tickets: int
    _rng: random.Random

    @property
    def temper(self) -> Temper:
        raise NotImplementedError

    def emit_event(self, name: str, **fields: str) -> Event:
        raise NotImplementedError

    def held(self) -> None:
        raise NotImplementedError

    def notice(self, text: str, kind: str = "info") -> None:
        raise NotImplementedError

    def caller_says(self, parts: list[str], cuts_in: bool = False) -> None:
        raise NotImplementedError

    def caller_hangs_up(self, reason: str, by: str = "caller") -> None:
        raise NotImplementedError

    def end(self, by: str, reason: str) -> None:
        raise NotImplementedError

    def _on_hold(self, move: mv.Hold) -> None:
        if self.on_hold:
            self.notice("The caller is already on hold.", "warning")
            return
        self.held()
        self.emit_event("hold")
        self.on_hold = True
        self.hold_started = self.clock.now - 1

    def _on_resume(self, move: mv.Resume) -> None:
        if not self.on_hold:
            self.notice("The caller is not on hold.", "warning")
            return
        self.emit_event("resume")
        self.on_hold = False
        self.memory.resumed()

    def _on_mute(self, move: mv.Mute) -> None:
        if self.muted:
            self.notice("The line is already muted.", "warning")
            return
        self.emit_event("mute")
        self.muted = True
        self.temper.apply("mute")

    def _on_unmute(self, move: mv.Unmute) -> None:
        if not self.muted:
            self.notice("The line is not muted.", "warning")
            return
        self.emit_event("unmute")
        self.muted = False
        if not self.on_hold:
            self.caller_says(["after_mute"])

    def _on_consult(self, move: mv.Consult) -> None:
        contact = self.scenario.contact(move.ext)
        if contact is None:
            self.notice(f"Nobody is listed at extension {move.ext}.", "warning")
            return
        if not self.on_hold:
            self.notice("Policy: place the caller on hold before you call a colleague.", "warning")
        self.emit_event("consult", ext=contact.ext, to=contact.name, result=contact.answers)
        self.clock.advance(CONSULT_SECONDS[contact.answers])
        said = {
            "answered": f"{contact.name} answers and agrees to take the call.",
            "voicemail": f"{contact.name}'s phone goes to voicemail.",
            "no_answer": f"{contact.name} does not answer.",
        }[contact.answers]
        self.notice(f"Ext {contact.ext}: {said}", "phone")
        self.memory.pending_events.add("consult")

    def _on_transfer(self, move: mv.Transfer) -> None:
        contact = self.scenario.contact(move.ext)
        if contact is None:
            self.notice(f"Nobody is listed at extension {move.ext}; the transfer fails.", "warning")
            return
        self.memory.transfers += 1
        limit = int(self.params["max_transfers"])
        again = (
            "already_transferred" in self.scenario.context
            or self.scenario.caller.expects.no_transfer
            or self.memory.transfers > limit
        )
        if again:
            self.temper.apply("second_transfer")
            if not self.on_hold:
                self.caller_says(["second_transfer"])
        fields: dict[str, Any] = {"ext": contact.ext, "to": contact.name}
        if contact.dept:
            fields["dept"] = contact.dept
        if contact.answers != "answered":
            fields["voicemail"] = "yes"
        self.emit_event("transfer", **fields)
        self.end("transfer", f"transferred to {contact.name} (ext {contact.ext})")

    def _on_lookup(self, move: mv.Lookup) -> None:
        self.emit_event("lookup", what=move.what)
        self.memory.pending_events.add("lookup")
        c = self.scenario.caller
        if move.what == "history":
            found = self.scenario.history or ("No earlier contacts on record.",)
            for entry in found:
                self.notice(f"INFO: {entry}", "lookup")
            return
        ids = ", ".join(c.orders) or c.id_number or "(none on file)"
        self.notice(f"{c.name} | {ids} | {c.phone or '-'} | {c.email or '-'}", "lookup")

    def _on_note(self, move: mv.Note) -> None:
        self.emit_event("note", text=move.text)

    def _on_ticket(self, move: mv.Ticket) -> None:
        self._tickets += 1
        base = move.id or self.scenario.ticket_id or f"CS-{self._rng.randint(10000, 99999)}"
        tid = base if self._tickets == 1 or move.id else f"{base}-{self._tickets}"
        self.emit_event("ticket", id=tid)
        self.notice(f"Ticket {tid} created.", "info")

    def _on_email(self, move: mv.Email) -> None:
        to = self.scenario.caller.email or "the caller"
        self.emit_event("email", to=to, what=move.what)

    def _on_notify(self, move: mv.Notify) -> None:
        self.emit_event("notify", who=move.who)
        if move.who != "expert":
            self.temper.apply("notify_supervisor")
        if self.memory.supervisor_requested and move.who != "expert":
            self.memory.climb_down()

    def _on_hangup(self, move: mv.HangUp) -> None:
        self.emit_event("hangup", by="agent")
        self.end("agent", "the agent hung up")

    def _on_interrupt(self, move: mv.Interrupt) -> None:
        self.emit_event("interrupt")
        vents = "vents" in self.scenario.caller.traits
        self.temper.apply("interrupt_venting" if vents else "interrupt")
        if not self.on_hold:
            self.caller_says(["interrupted"])

"""After-call work: notes, a ticket, an email logged once the caller has gone.

The seeds ask agents to log call notes after every call, a transferred one too; but a
transfer (or a hang-up) ends the engine's call. So every front-end offers a wrap-up once
the call has ended, and the moves made there are logged here, after the call's end,
through the engine's own event writer: the transcript shows them after the `transfer` or
`hangup` line, and the grader reads them like any other event. Only these three moves
make sense with nobody on the line; anything else is refused with a notice.
"""

from __future__ import annotations

from simulator.engine import CallEngine, Email, EventLogged, Move, Note, Notice, Output, Ticket

WRAP_UP_MOVES = (Note, Ticket, Email)
REFUSED = "The caller has gone: only a note, a ticket or an email can be logged now."


def log_wrap_up(engine: CallEngine, move: Move) -> list[Output]:
    """Log one wrap-up move on a finished call; the outputs to show."""
    if not engine.finished or not isinstance(move, WRAP_UP_MOVES):
        return [Notice(REFUSED, "warning")]
    scenario = engine.scenario
    if isinstance(move, Note):
        if not move.text.strip():
            return [Notice("An empty note is not logged.", "warning")]
        event = engine.emit_event("note", text=move.text)
    elif isinstance(move, Ticket):
        before = sum(1 for ln in engine.lines if getattr(ln, "name", "") == "ticket")
        base = move.id or scenario.ticket_id or "CS-WRAPUP"
        event = engine.emit_event(
            "ticket", id=base if before == 0 or move.id else f"{base}-{before + 1}"
        )
    else:
        event = engine.emit_event("email", to=scenario.caller.email or "the caller", what=move.what)
    return [EventLogged(event)]

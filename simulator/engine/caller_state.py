"""The caller's state: what they want, what they were told, how they feel, how far they'd go.

One explicit object instead of flags whose meaning lies in the order of
steps. Every change goes through a named transition (a method below), so a
reader can list what can happen to a caller, and a test can drive each one.
The engine decides *when* a transition fires; this module says *what* it does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum, IntEnum

from simulator.engine.mood import Temper


class Rung(IntEnum):
    """Where the caller stands on seed 004's escalation ladder."""

    AGENT = 0  # talking to the agent, as every call starts
    EXPERT = 1  # has asked for someone who knows
    SUPERVISOR = 2  # has asked for a supervisor or manager
    FOURTH = 3  # has threatened to go above the service group (CEO, BBB, regulator, review)


class HoldAsk(Enum):
    """How the next hold was set up, since the last hold or resume."""

    NONE = "none"  # a silent hold
    AGREED = "agreed"  # asked, and the caller said yes
    REFUSED = "refused"  # asked, and the caller said no
    ANNOUNCED = "announced"  # "please hold": told, not asked


class Transfer(Enum):
    NONE = "none"
    ANNOUNCED = "announced"  # heard a transfer coming and went along with it
    OBJECTED = "objected"  # heard a transfer coming and objected


@dataclass
class Told:
    """What the agent has promised or said the caller can hold them to."""

    #: (hours, as said, a call back rather than a fix) of every time frame heard
    timeframes: list[tuple[float, str, bool]] = field(default_factory=list)
    #: every time frame any clause of a promise named, in hours
    times_said: list[float] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    email_offered: bool = False
    callback_offered: bool = False
    message_offered: bool = False


@dataclass
class CallerState:
    """Everything the caller carries from one agent line to the next."""

    temper: Temper
    agent_lines: int = 0
    reason_given: bool = False
    said: set[str] = field(default_factory=set)  # situations and beat ids said
    texts: Counter[str] = field(default_factory=Counter)  # caller lines said, verbatim
    pending_events: set[str] = field(default_factory=set)  # events since the last agent line
    beat_just_said: set[str] = field(default_factory=set)
    hold: HoldAsk = HoldAsk.NONE
    complaint_at: int | None = None  # agent line count when the caller first reported a problem
    contact_offered: bool = False  # the agent's last line offered a call back or a message
    bare_apologies: int = 0  # apologies with nothing done in the same line
    acted_on_complaint: bool = False  # the agent's first line after it got on with the call
    empathy_shown: bool = False
    supervisor_requested: bool = False
    supervisor_handled: bool = False
    supervisor_repeats: int = 0
    just_resumed: bool = False
    was_held: bool = False  # a hold has happened in this call
    long_hold: bool = False
    transfers: int = 0
    transfer: Transfer = Transfer.NONE
    rung: Rung = Rung.AGENT
    #: mistreatments (refusals, blame, dismissals ...) not yet made up for
    grievances: int = 0
    #: what they came for is taken on (a commitment) or given
    goal_met: bool = False
    #: ... and actually given (an answer, the thing done), not only promised
    goal_done: bool = False
    told: Told = field(default_factory=Told)
    noticed_wrong_number: bool = False
    pushes: int = 0  # a spam caller's attempts after being told no
    closing_refused: int = 0  # times the caller would not accept a goodbye
    last_words: str = ""  # the caller's last line (repeated on a repair request)
    last_datum: str = ""  # the last name, number or address the caller gave
    goal_parts_met: set[int] = field(default_factory=set)  # parts of a two-part goal seen to
    agent_ref: str = ""  # the last reference the agent gave ("FG-1188"), as written
    agent_number: str = ""  # the last number the agent read out ("their number is 555 ...")

    # ----- transitions ------------------------------------------------------
    def heard_hold_question(self, agreed: bool) -> None:
        self.hold = HoldAsk.AGREED if agreed else HoldAsk.REFUSED

    def heard_hold_announced(self) -> None:
        if self.hold is HoldAsk.NONE:
            self.hold = HoldAsk.ANNOUNCED

    def put_on_hold(self) -> HoldAsk:
        """The hold starts; returns how it was set up (the cost depends on it)."""
        how, self.hold = self.hold, HoldAsk.NONE
        self.long_hold = False
        return how

    def resumed(self) -> None:
        self.hold = HoldAsk.NONE
        self.just_resumed = True
        self.was_held = True
        self.pending_events.add("resume")

    def mistreated(self) -> None:
        self.grievances += 1

    def made_up_for(self) -> bool:
        """An apology or a fix: True when it is enough to lift a whole mood step."""
        enough = self.grievances <= 1
        self.grievances = max(0, self.grievances - 1)
        return enough

    def climb(self) -> Rung:
        """One rung up the ladder (never past the fourth level); returns the new rung."""
        self.rung = Rung(min(Rung.FOURTH, self.rung + 1))
        if self.rung >= Rung.SUPERVISOR:
            self.supervisor_requested = True
            self.supervisor_handled = False
        return self.rung

    def asked_for_supervisor(self) -> None:
        """The caller asked for a supervisor in their own words (a trait, a scenario line)."""
        self.supervisor_requested = True
        self.rung = max(self.rung, Rung.SUPERVISOR)

    def climb_down(self) -> None:
        """A good agent brings the caller down a rung (an expert or supervisor arranged)."""
        if self.rung > Rung.AGENT:
            self.rung = Rung(self.rung - 1)
        self.supervisor_handled = True

    def goal_reached(self, done: bool = True) -> None:
        self.goal_met = True
        self.goal_done = self.goal_done or done

    def goal_lost(self) -> None:
        self.goal_met = self.goal_done = False

    def promised(self, hours: float, said: str, contact: bool) -> None:
        self.told.timeframes.append((hours, said, contact))

    def earlier_promise(self, contact: bool, hours: float) -> tuple[float, str] | None:
        """The soonest time frame of this kind (a call back, or a fix) already promised, when
        `hours` is not a time said before too ("ships tomorrow, with you by Friday", then "so,
        with you by Friday")."""
        kept = [(h, said) for h, said, c in self.told.timeframes if c == contact]
        if any(abs(hours - h) <= max(12.0, h / 2) for h in self.told.times_said):
            return None
        return min(kept) if kept else None

    def transfer_heard(self, objected: bool) -> None:
        self.transfer = Transfer.OBJECTED if objected else Transfer.ANNOUNCED

    def spoke(self, text: str, content: str = "") -> None:
        """The caller said `text`, of which `content` is about their situation (what a repair
        request gets repeated); reactions ("Okay.", "Did you hear me?") are not repeated."""
        self.texts[text] += 1
        if content:
            self.last_words = content

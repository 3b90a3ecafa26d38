"""Callers whose whole call follows a pattern: the spam caller's tactics, the wrong
number, and the escalation ladder of a caller who wants someone more senior.

These react to the agent differently from a customer with an errand, so their steps
live here rather than among the ordinary answers.
"""

from __future__ import annotations

import random
import re

from scoring.normalise import normalise
from simulator.engine.agent_words import (
    _ACTS_ON_IT,
    _HELPS,
    _RUNG_SAYS,
    _SCREENING,
    _THEIR_NUMBER,
    MISTREATMENT,
    _brushes_off,
)
from simulator.engine.caller_base import CallerBase
from simulator.engine.caller_state import Rung
from simulator.engine.understand import Heard

#: what a spam caller tries next when told no, in order (two to four of them a call).
_SPAM_TACTICS = ("push_urgent", "push_owner_asked", "push_direct_line", "push_email")
_WRONG = ("wrong number", "wrong company", "you have reached", "you've reached", "not the")


def _points_out_wrong_number(text: str, calling_for: str, question: bool = False) -> bool:
    """The agent's line already says the caller reached the wrong company (a question that
    names only the person, "what's Mr Cloud's first name?", does not)."""
    lower = text.lower()
    firm = calling_for.lower()
    named = bool(firm) and (firm in lower or (firm.split()[0] in lower and not question))
    if named or any(w in lower for w in _WRONG) or "looking for" in lower:
        return True
    return bool(_WE_ARE_A.search(normalise(text)))  # "we're an advisory board platform, sir"


_WE_ARE_A = re.compile(
    r"\b(?:we are|we re|this is|you have reached|you ve reached|you re through to|you are "
    r"through to) (?:a|an|the) (?:\w+ ){0,3}(?:platform|company|firm|business|service|agency|"
    r"shop|store|practice|office|network|provider|website|site|helpline|line|clinic|surgery)\b"
)
#: a bare no to a sales caller ("no", "not interested", "I'm hanging up now")
_BARE_NO = re.compile(
    r"^(?:(?:ok|okay|look|sorry|listen) )?(?:no|nope|no thanks|no thank you|not interested|"
    r"we re not interested|we are not interested|i m not interested|i am not interested|"
    r"(?:i m|i am) (?:going to hang up|hanging up)(?: now)?|no sorry|sorry no)$"
)
#: "is this a sales call?", "are you selling something?": a sales caller denies it
_SALES_ASKED = re.compile(
    r"\b(?:is (?:this|it|that) (?:a |some )?(?:sales|marketing|telemarketing|cold|spam|scam|"
    r"robo)|(?:is this|are you) (?:a |some )?(?:scam|spam|sales pitch|pitch|telemarketer|"
    r"salesman|salesperson|sales rep|robot|bot)\b|are you (?:selling|trying to sell)|"
    r"what (?:are|is) (?:you|it) (?:selling|trying to sell)|you selling something)"
)
#: "I'm the owner", "speaking", "that's me": the one a sales caller asked for
_I_AM_THE_ONE = re.compile(
    r"^(?:(?:yes|yeah|yep|oh|well|ok|okay|right|um|uh|sure|hi) )*(?:i am|i m|this is|that is|"
    r"that s|you are speaking (?:to|with)|you re speaking (?:to|with)|you have got|you ve got)"
    r" (?:the |her |him |me)?(?:owner|business owner|manager|office manager|one you want|"
    r"person you want|one in charge|boss)?$|^(?:(?:yes|yeah|yep) )?speaking$"
)
_EMAIL_US = re.compile(
    r"^(?:(?:just|please|you can|you could|then|so|ok|okay|look) )*(?:send (?:us|it|that|them|me)"
    r"|email (?:us|it|that|me|email address)|put (?:it|that) in (?:an email|writing)|write to us)"
    r"\b"
)
_HANGING_UP = re.compile(r"\b(?:hang(?:ing)? up|end(?:ing)? (?:the|this) call|goodbye|bye)\b")
#: a statement that says no to the pitch ("we don't have a google listing")
_NEGATES = re.compile(r"\b(?:do not|does not|did not|not|no|never|nobody|nothing|already)\b")


#: "my supervisor will just tell you the same thing", "there's no need for a manager"
_SAME_THING = re.compile(
    r"\b(?:supervisor|manager|team leader|boss)s? (?:will|would|is going to|are going to|can)"
    r"(?: only| just)? (?:tell|say|give) you (?:the same|exactly the same)|\bno need (?:for|to "
    r"(?:get|involve|speak to)) (?:a |my |the )?(?:supervisor|manager|team leader)"
)


class Archetypes(CallerBase):
    """The `archetypes` steps of `Reactions` (see the module docstring)."""

    def _archetype(self, heard: Heard) -> list[str]:
        """What spam and wrong-number callers do that others do not."""
        context = self.scenario.context
        if "spam" in context:
            return self._spam(heard)
        if "wrong_number" in context and self.memory.reason_given:
            return self._wrong_number(heard)
        return []

    def _spam(self, heard: Heard) -> list[str]:
        """A sales caller denies selling, pitches to whoever says they are the one he
        wants, and pushes a few times against a no (any no: a refusal, "send us an email",
        "we don't have a Google listing") before he gives up or settles for the email."""
        m = self.memory
        t = normalise(heard.text)
        email_us = bool(_EMAIL_US.search(t))
        if email_us or {"promise_email", "ask_email"} & heard.acts or "@" in heard.text:
            m.told.email_offered = True
        if _SALES_ASKED.search(t) and "deny_sales" not in m.said:
            return ["deny_sales"]
        if _I_AM_THE_ONE.search(t) and "pitch" not in m.said:
            m.goal_reached()
            return ["pitch"]
        if {"spam_gives_up", "spam_email"} & m.said and _HANGING_UP.search(t):
            return ["goodbye"]
        said_no = not heard.question and bool(_NEGATES.search(t))
        refused = bool(_SCREENING & heard.acts or _BARE_NO.match(t) or email_us)
        refused = refused or (m.reason_given and said_no)
        if not refused or not m.reason_given:
            return []
        limit = 2 + random.Random(f"{self.seed}:pushes").randrange(3)
        if m.pushes < limit:
            tactic = _SPAM_TACTICS[m.pushes % len(_SPAM_TACTICS)]
            m.pushes += 1
            return [tactic]
        if m.told.email_offered and "spam_email" not in m.said:
            return ["spam_email"]
        return [] if {"spam_gives_up", "spam_email"} & m.said else ["spam_gives_up"]

    def _wrong_number(self, heard: Heard) -> list[str]:
        """The caller dialled the wrong company: they notice, and want the right number."""
        from simulator.engine.topics import outcomes_in

        m = self.memory
        if "give_number" in heard.acts:
            m.goal_reached()
            return []
        calling_for = self.scenario.caller.calling_for
        first = calling_for.lower().split()[0] if calling_for else ""
        if first and first in heard.text.lower() and "transfer" in outcomes_in(heard.text):
            m.noticed_wrong_number = True  # "I can put you through to Cloud and Associates"
            m.goal_reached()
            return []
        if m.noticed_wrong_number:
            if _THEIR_NUMBER.search(normalise(heard.text)):
                return []  # "would you like their number?" - yes (`_facts_and_offers`)
            return ["decline_booking"] if {"make_offer", "create_record"} & heard.acts else []
        if _points_out_wrong_number(heard.text, calling_for, heard.question):
            m.noticed_wrong_number = True
            return ["ask_right_number"]
        brand = self.scenario.brand.lower().split()[0] if self.scenario.brand else ""
        if _ACTS_ON_IT & heard.acts or (brand and brand in heard.text.lower()):
            m.noticed_wrong_number = True
            return ["notice_wrong", "ask_right_number"]
        return []

    def _ladder(self, heard: Heard) -> list[str]:
        """Mistreated while unresolved, a caller climbs one rung; a good agent brings them down."""
        m, acts = self.memory, heard.acts
        if {"offer_supervisor", "notify_supervisor"} & acts:
            if m.rung >= Rung.SUPERVISOR:
                m.climb_down()
            return []
        if m.rung == Rung.EXPERT and (_HELPS & acts) and not (set(MISTREATMENT) & acts):
            m.climb_down()
            return []
        if "spam" in self.scenario.context or "wrong_number" in self.scenario.context:
            return []
        if not m.reason_given:
            return []
        if self._supervisor_refused(heard):
            m.rung = max(m.rung, Rung.SUPERVISOR)  # he wanted one all along: the next rung
            return self._climb()
        if _brushes_off(acts) or (set(MISTREATMENT) & acts and self.temper.mood >= 2):
            return self._climb()
        return []

    def _supervisor_refused(self, heard: Heard) -> bool:
        """A caller who wants a supervisor (asked, or came to ask) told no ("my supervisor will
        just tell you the same thing", a bare "no" to the demand)."""
        m = self.memory
        wants = m.supervisor_requested or "asks_supervisor" in self.scenario.caller.traits
        if not wants or m.supervisor_handled:
            return False
        t = normalise(heard.text)
        return "refuse_supervisor" in heard.acts or bool(
            _SAME_THING.search(t) or (m.supervisor_requested and _BARE_NO.match(t))
        )

    def _climb(self) -> list[str]:
        rung = self.memory.climb()
        return [_RUNG_SAYS[rung]]

    def _supervisor(self, acts: frozenset[str]) -> list[str]:
        m = self.memory
        if not m.supervisor_requested or m.supervisor_handled:
            return []
        if {"offer_supervisor", "notify_supervisor"} & acts:
            m.supervisor_handled = True
            return []
        if "refuse_supervisor" in acts or m.supervisor_repeats >= 2:
            return []
        m.supervisor_repeats += 1
        self.temper.apply("ignored_supervisor")
        return ["ask_supervisor"]

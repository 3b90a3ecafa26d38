"""How the caller reacts to an agent line: temper first, then repairs, answers, objections,
the caller's own agenda, and the close.

A mixin of `CallEngine` kept apart so the caller's behaviour reads on its own,
step by step in the order a person reacts. Each step returns the situations
the caller will say (`simulator/scenario/lines.py` turns them into words) and
changes the caller's state only through `CallerState`'s named transitions.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from scoring.normalise import normalise
from simulator.engine.caller_state import CallerState, HoldAsk, Rung
from simulator.engine.replies import (
    ANSWERS,
    accepts_goodbye,
    answers,
    fired_beats,
    is_farewell,
    transfer_answer,
)
from simulator.engine.replies import opening_beats as _opening_beats
from simulator.engine.topics import claim_words as _claim_words
from simulator.engine.understand import PROMISES, Heard, spoken_hours

if TYPE_CHECKING:
    from simulator.engine.mood import Temper
    from simulator.scenario.model import Beat, Scenario

#: an agent line this long (words) invites a caller with the `interrupts` trait to cut in.
LONG_LINE_WORDS = 35

#: acts that mistreat the caller, and what the caller says back when not climbing the ladder.
MISTREATMENT = {
    "talk_down": "talked_down",
    "blame_caller": "blamed",
    "dismiss": "dismissed",
    "refuse_help": "refused",
}
#: acts that turn the caller away without an answer: the caller climbs the ladder.
_BRUSH_OFF = frozenset({"refuse_help", "dismiss", "guess"})
#: acts after which an apology in the same line is not empathy.
_NOT_EMPATHY = frozenset(
    {"repair_request", "bad_news", "refuse_help", "dismiss", "talk_down", "blame_caller", "guess"}
)
#: acts that work toward what the caller wants.
_HELPS = frozenset(
    {
        "commit_help",
        "ownership",
        "promise_callback",
        "promise_email",
        "handoff",
        "summarize",
        "create_record",
        "offer_supervisor",
    }
)
#: acts of an agent getting on with the call: a complaint left unanswered for two lines is
#: not "ignored" while they happen
_GETTING_ON = frozenset(
    {"announce_transfer", "ask_hold", "announce_hold", "thank_for_holding", "hold_reason",
     "confirm_detail",
     "offer_hold_alternative", "give_number", "give_reference", "offer_message",
     "offer_transfer_or_message", "make_offer"}
)  # fmt: skip
#: hours within which a caller expects a fix (a delivery, a refund) when the scenario does
#: not say: beyond a week, anyone objects.
FIXED_WITHIN_H = 168.0
#: a goal that asks when something happens ("find out when my garden beds are coming")
_WHEN_GOAL = re.compile(r"\bwhen\b")
#: reactions that are a grievance; a scenario's beat waits for a turn without one
_GRIEVANCES = frozenset(
    {"ignored", "refused", "dismissed", "talked_down", "blamed", "object_timeframe", "object_again"}
    | {"object_fix_time", "ignored_asked"}
    | {"object_no_time", "object_transfer", "object_person", "escalate_expert"}
    | {"escalate_supervisor", "unresolved_close", "after_long_hold"}
)
#: "I'm so sorry" again and again with nothing done: the first two calm, later ones do not
BARE_APOLOGIES_THAT_CALM = 2
#: patience left after a caller climbs a rung for lack of it: the next push ends the call
PATIENCE_FLOOR = 8.0
#: what a spam caller tries next when told no, in order (two to four of them a call).
_SPAM_TACTICS = ("push_urgent", "push_owner_asked", "push_direct_line", "push_email")
_SCREENING = frozenset(
    {
        "refuse_help",
        "say_unavailable",
        "offer_message",
        "offer_transfer_or_message",
        "promise_email",
        "ask_email",
        "bad_news",
        "dismiss",
    }
)
#: answers that belong to a new question each time they are asked (a hold, a transfer)
_REPEATABLE = frozenset(
    {
        "agree_hold",
        "refuse_hold",
        "checkin_agree",
        "checkin_refuse",
        "agree_transfer",
        "object_transfer",
        "nothing_else",
        "that_is_all",
        "note_reference",
    }
)
#: agent acts that cost a little patience -> their row in the mood table
_MILD = {"jargon": "jargon", "blame_other": "they_blame", "bad_news": "bad_news"}
#: a rung of the ladder -> what the caller says on reaching it
_RUNG_SAYS = {
    Rung.EXPERT: "escalate_expert",
    Rung.SUPERVISOR: "escalate_supervisor",
    Rung.FOURTH: "fourth_level",
}


class Reactions:
    # provided by CallEngine
    _values: dict[str, str]
    _aggrieved: bool = False  # this turn's reply already carries a grievance
    _just_accepted: bool = False  # this turn's reply says yes to an offer of what they need
    _thanked_for_done: bool = False  # this turn thanks the agent for an outcome already done
    seed: int
    scenario: Scenario
    memory: CallerState
    beats: tuple[Beat, ...]
    on_hold: bool
    params: dict[str, float]

    @property
    def temper(self) -> Temper:
        raise NotImplementedError

    def caller_says(self, parts: list[str], cuts_in: bool = False) -> None:
        raise NotImplementedError

    def caller_hangs_up(self, reason: str, by: str = "caller") -> None:
        raise NotImplementedError

    def hear_value(self, name: str, value: str) -> None:
        raise NotImplementedError

    def chance(self) -> random.Random:
        raise NotImplementedError

    # ----- one agent line ----------------------------------------------------
    def react(self, heard: Heard) -> None:
        """One agent line: the caller answers what was asked first, then says the rest."""
        m = self.memory
        heard = self._in_context(heard)
        self._feel(heard)
        if self.temper.exhausted:
            self._give_up()
            return
        answered = self._answered(heard)
        replies = self._replies(heard, answered)
        # a yes to what they came for, or the rest of it asked for, leaves no room for a push
        self._just_accepted = bool((_TAKES_UP | {"asks_rest"}) & set(replies))
        self._just_accepted = self._just_accepted or self._thanked_for_done
        self._thanked_for_done = False
        objections = self._expectations(heard) + self._archetype(heard) + self._person(heard)
        objections += self._left_without_a_way(heard)
        climbed = self._ladder(heard)
        if not climbed and not {"spam", "wrong_number"} & set(self.scenario.context):
            objections += [MISTREATMENT[a] for a in _mistreats(heard.acts)][:1]
        if set(objections) & _OBJECTS_TO_TIME:  # "in 2 weeks? No." is not also "thanks"
            replies = [r for r in replies if r not in _TAKES | {"accept_supervisor"}]
        if "object_transfer" in replies:  # "hold while I transfer you?" - no, not a yes first
            replies = [r for r in replies if r not in _YES_TO_WAIT]
        # a detail read back or checked is the agent listening: no "did you hear what I said?"
        listening = bool({"confirm_yes", "correct_detail", "correct_fact"} & set(replies))
        before = self._before_answers(heard.acts, listening)
        parts = replies + [p for p in before if p not in replies]
        parts += objections + climbed
        self._aggrieved = bool(set(parts) & _GRIEVANCES)
        if is_farewell(heard.acts, m) and not [p for p in parts if p != "thanks"]:
            self._close(parts)
            return
        # a question no cue knows is answered before anything the caller brings up unasked
        unanswered = not (replies or objections or climbed or not m.reason_given)
        if heard.question and unanswered and "small_talk" not in heard.acts:
            parts.append(self._fact_by_words(heard) or self._request(heard))
        agenda = self._agenda(heard, answered)
        parts += [p for p in agenda if p not in parts]
        if "small_talk" in heard.acts and not replies:
            parts.append(self._small_talk())
        elif not parts:
            parts += self._idle_parts(heard)
        if "fourth_level" in parts:  # past asking: the threat says it all
            parts = [p for p in parts if p not in _ASKS_ABOVE]
        self._maybe_cut_in(heard, parts)

    def _replies(self, heard: Heard, answered: list[str]) -> list[str]:
        """Repairs and checks first, then the answers, then facts and offers (not after a
        correction: "No, it's Whitford." is not also "thanks")."""
        replies = self._repairs(heard) + self._misnamed(heard) + self._not_found(heard)
        if replies[:1] and replies[0].startswith("say:"):  # spelled or read back: said
            for said in ("give_name", "note_reference"):
                if said in answered:
                    answered.remove(said)
        replies += self._supervisor_here(heard)
        if "lost_place" in heard.acts and not self.memory.goal_done:
            return [
                *replies,
                *answered,
                "back_to_goal",
            ]  # "where were we?" - "So, can you help me ...?"
        chose = self._prefers(heard)
        if self._reached(heard):  # "Dave's on the line, putting you through": thank you
            answered[:] = [a for a in answered if a not in {"agree_transfer", "object_person"}]
            return [*replies, "choose_option" if chose else "put_through", *answered]
        if chose:  # "would you prefer I email you or call you back?": the one, not a yes
            own = [a for a in answered if self._names_option(a, chose)]
            answered[:] = [a for a in answered if a not in _YES_TO_OFFERS or a in own]
            pick = [] if own else ["choose_option"]  # "Yes. Have your supervisor call me."
            return [*replies, *answered, *pick, *self._announced_hold(heard.acts)]
        replies += answered + self._announced_hold(heard.acts)
        if not {"not_reason", "correct_detail", "correct_fact", "confirm_name"} & set(replies):
            replies += self._facts_and_offers(heard, answered)
        return replies

    def _answered(self, heard: Heard) -> list[str]:
        """The answers to what the line asks, as one person gives them."""
        m = self.memory
        answered = self._fresh(self._asked(heard), heard)
        if "agree_hold" in answered and "accept_supervisor" in answered:
            answered.remove("accept_supervisor")  # holding while she is fetched says yes
        if self.scenario.caller.volunteers_name and not m.reason_given and "give_name" in answered:
            answered.remove("give_name")  # the reason they are about to give says who they are
        if {"choose_transfer", "choose_message", "choose_voicemail", "accept_alternative"} & set(
            answered
        ):
            m.goal_reached(done=False)  # a way chosen, not yet taken
        return answered

    def _in_context(self, heard: Heard) -> Heard:
        """A time asked about right after a call back was offered is a time for that call
        back ("I can have my supervisor call you." - "How about tomorrow morning?")."""
        from dataclasses import replace

        offered = self.memory.contact_offered
        self.memory.contact_offered = heard.contact
        if offered and heard.question and heard.timeframe_h is not None and not heard.contact:
            return replace(heard, contact=True)
        return heard

    def _fresh(self, answered: list[str], heard: Heard) -> list[str]:
        """Answers already given are not given again alongside something new: a person
        answers a question they were asked twice, not one the recogniser heard twice."""
        again = [a for a in answered if a in self.memory.said and a not in _REPEATABLE]
        asked_again = heard.question or "repair_request" in heard.acts  # "I didn't catch your name"
        if not again or (asked_again and len(again) == len(answered)):
            return answered
        return [a for a in answered if a not in again]

    def _no_false_relief(self, heard: Heard, beats: list[str]) -> list[str]:
        """A relief beat ("Oh, that's easy. Great.") answers news about what the caller came
        for: not bad news ("out of stock till next month"), and, after a hold, not a line
        with no news at all ("ok, I'm back", "still waiting on them, keep holding?")."""
        from scoring.call import content_stems

        relief = {b.id for b in self.beats if b.mood <= 0}
        if not relief & set(beats):
            return beats
        if heard.acts & _BAD_NEWS:
            return [b for b in beats if b not in relief]
        news = bool(content_stems(heard.text) & self._goal_stems())
        after = {b.id: b.after for b in self.beats}
        return [b for b in beats if b not in relief or news or after[b] != "resume"]

    def _idle_parts(self, heard: Heard) -> list[str]:
        idle = self._idle(heard)
        if idle == "bad_news_heard" and not self.memory.goal_done:
            return [idle, "back_to_goal"]  # "Oh. That's not great. So, can you help me ...?"
        return [idle]

    def _idle(self, heard: Heard) -> str:
        """Nothing to answer: small talk gets a word and is steered back; a line that does
        nothing about the call ("okay", "I see", an aside) brings the caller back to what
        they need, without the pleasantry small talk gets; a short wait or a small action
        ("one moment", "let me make a note") gets "sure"; the rest, a nod."""
        from simulator.engine.topics import explains, nods_to

        if "small_talk" in heard.acts:
            return self._small_talk()
        long = len(heard.text.split()) >= _LONG_LINE
        if explains(heard.text) and not long:
            return "go_ahead"  # "ok Mrs Kowalski, let me explain" - "Sure, go ahead."
        if "bad_news" in heard.acts:  # "it's out of stock till next month" - not "Okay."
            return "bad_news_heard"
        if "empathy" in heard.acts and self.memory.bare_apologies > BARE_APOLOGIES_THAT_CALM:
            return "back_to_goal"  # a third "I'm so sorry": "So, can you help me ...?"
        if nods_to(heard.text):
            return self._nod_to_wait()
        # "ok" to a question: they ask it again
        return self._ask_again(heard) or self._idle_otherwise(heard, long)

    def _idle_otherwise(self, heard: Heard, long: bool) -> str:
        from simulator.engine.topics import commits

        m = self.memory
        offers = heard.acts & (PROMISES | {"make_offer"})
        if long and not m.goal_done and not heard.question and not offers:
            return "back_to_goal"  # a policy explained at length: "So, can you help me ...?"
        if not m.goal_done and self._waited_for_nothing(heard):
            return "asks_news"  # "thanks for waiting" and nothing else: "So? What did you find?"
        if m.goal_met:  # "ok, I'll let him know" once the message is taken
            thanked = bool(_THANKS_THEM.search(normalise(heard.text)))  # "thanks for your patience"
            return "thanks" if commits(heard.text) or thanked else "ack"
        if not heard.acts and m.reason_given and not self._topical(heard.text):
            return "back_to_goal"
        return "ack"

    def _nod_to_wait(self) -> str:
        """ "One moment, please": sure (a wait agreed), or no from a caller who refuses holds."""
        if "refuses_hold" in self.scenario.caller.traits:
            self.memory.heard_hold_question(agreed=False)  # "bear with me" - "not on hold"
            return "refuse_hold"
        if self.memory.hold is HoldAsk.NONE:  # "one moment, please" - "Sure": a wait agreed
            self.memory.heard_hold_question(agreed=True)
        return "go_ahead"

    def _waited_for_nothing(self, heard: Heard) -> bool:
        """Back from a hold or a wait with thanks and no news."""
        m = self.memory
        thanked = "thank_for_holding" in heard.acts or bool(
            _THANKS_WAITING.search(normalise(heard.text))
        )
        waited = m.was_held or m.hold is not HoldAsk.NONE
        return thanked and waited and not self._topical(heard.text) and len(heard.acts) <= 1

    def _ask_again(self, heard: Heard) -> str:
        """A bare "ok" after the caller asked something: they ask it again."""
        last = self.memory.last_words
        if "?" not in last or not _BACKCHANNEL.match(normalise(heard.text)):
            return ""
        said = [x.strip() for x in re.findall(r"[^.!?]+[.!?]*", last) if x.strip()]
        i = max(i for i, x in enumerate(said) if x.endswith("?"))
        # a short question leans on the sentence before it ("... Daniel Kim. Is he in?")
        start = i - 1 if len(said[i].split()) <= 4 and i > 0 else i
        return "say:So, " + _lower_first(" ".join(said[start : i + 1]))

    def _small_talk(self) -> str:
        """Small talk is steered back to the call, unless what they came for is done (a sales
        or wrong-number caller always has a point to make)."""
        done = self.memory.goal_done and not {"spam", "wrong_number"} & set(self.scenario.context)
        return "chat_back" if done else "steer_back"

    def _topical(self, text: str) -> bool:
        """The line is about the call: it shares a content word with what the caller knows."""
        from scoring.call import content_stems

        return bool(content_stems(text) & self._topic_stems())

    def _topic_stems(self) -> set[str]:
        cached: set[str] | None = getattr(self, "_stems", None)
        if cached is None:
            from scoring.call import content_stems

            s, c = self.scenario, self.scenario.caller
            words = [s.brand, c.goal, c.expects.resolution, *s.history]
            words += [t for v in s.lines.values() for t in v]
            words += [t for f in c.facts for t in (*f.say, f.topic.replace("_", " "))]
            cached = set().union(*(content_stems(w) for w in words if w))
            self._stems = cached
        return cached

    def _maybe_cut_in(self, heard: Heard, parts: list[str]) -> None:
        long = len(heard.text.split()) > LONG_LINE_WORDS
        cut = "interrupts" in self.scenario.caller.traits and long and self.temper.mood >= 1
        self.caller_says((["cut_in"] if cut else []) + parts, cut)

    def _give_up(self) -> None:
        """Out of patience: one rung up; at the fourth level, the threat and the hang-up."""
        rung = self.memory.climb()
        if rung < Rung.FOURTH:
            self.temper.patience = PATIENCE_FLOOR  # one more push and they are gone
            self.caller_says([_RUNG_SAYS[rung]])
            return
        self.caller_says(["fourth_level"])
        self.caller_hangs_up("the caller ran out of patience and escalated")

    # ----- temper ------------------------------------------------------------
    def _feel(self, heard: Heard) -> None:
        """Mood and patience: what calms, what angers (the table in mood.py)."""
        self._calm(heard.acts)
        self._anger(heard.acts)
        m = self.memory
        if _HELPS & heard.acts and not _brushes_off(heard.acts):
            m.goal_reached(done=False)  # taken on, not yet given
        if _brushes_off(heard.acts):
            m.goal_lost()

    def _calm(self, acts: frozenset[str]) -> None:
        m, t = self.memory, self.temper
        if "empathy" in acts and not (_NOT_EMPATHY & acts):
            bare = not acts & (_HELPS | _GETTING_ON)
            m.bare_apologies += bare
            if not bare or m.bare_apologies <= BARE_APOLOGIES_THAT_CALM:
                t.apply("empathy" if m.made_up_for() else "empathy_partial")
            m.empathy_shown = True
        for act in ("ownership", "commit_help", "summarize", "offer_hold_alternative"):
            if act in acts:
                t.apply(act)
        if "offer_supervisor" in acts:
            t.apply("offer_supervisor")
        elif "notify_supervisor" in acts:
            t.apply("notify_supervisor")
        if m.just_resumed:
            t.apply("thank_for_holding" if "thank_for_holding" in acts else "no_thanks_after_hold")

    def _anger(self, acts: frozenset[str]) -> None:
        m, t = self.memory, self.temper
        for act, effect in (
            ("jargon", "jargon"),
            ("blame_other", "they_blame"),
            ("bad_news", "bad_news"),
        ):
            if act in acts:
                t.apply(effect)
        if "small_talk" in acts and t.mood >= 1:
            t.apply("small_talk_irate")
        spam = "spam" in self.scenario.context
        for act in _mistreats(acts):
            if act in acts:
                t.apply("bad_news" if spam and act in _SCREENING else act)  # screening is expected
                m.mistreated()
        if "refuse_supervisor" in acts and m.supervisor_requested:
            t.apply("refuse_supervisor")
            m.mistreated()

    # ----- reactions, in the order a person makes them -------------------------
    def _before_answers(self, acts: frozenset[str], listening: bool = False) -> list[str]:
        """Reactions that come first: to a long hold, to a complaint not acknowledged."""
        m = self.memory
        parts: list[str] = []
        if m.just_resumed and m.long_hold:
            parts.append("after_long_hold")
        m.just_resumed = m.long_hold = False
        if m.complaint_at is not None and not m.empathy_shown:
            since = m.agent_lines - m.complaint_at
            vents = "vents" in self.scenario.caller.traits
            if since == 1 and acts & (_HELPS | _GETTING_ON):
                m.acted_on_complaint = True  # "I'll have my supervisor call you back ..."
            if since == 1 and vents:
                parts.append("vent")
            elif (
                since == 2
                and not m.acted_on_complaint
                and not {"ignored", "ignored_asked"} & m.said
                and not listening
                and self._feels_ignored(acts)
            ):
                self.temper.apply("ignored_complaint")
                m.mistreated()
                # asked for a detail, they give it first: "Did you hear what I said?" then
                # reads as a refusal to answer; the reproach follows the answer instead
                parts.append("ignored_asked" if acts & _ASKS_DETAILS else "ignored")
        if "refuse_supervisor" in acts and m.supervisor_requested:
            parts.append("refused_supervisor")
        return parts

    def _asked(self, heard: Heard) -> list[str]:
        """What the line's questions ask the caller to give or decide, read against the
        words: which datum a "number" is, both when two are asked, a yes to "is that all"."""
        m = self.memory
        # "I'll send the large one out today. Anything else?": the promise is heard first,
        # so "anything else?" is answered knowing it
        late = "anything_else" in heard.acts and not m.goal_met  # (a recap is not news)
        given = self._outcome_given(heard) if late else []
        leaving = bool({"choose_message", "choose_callback", "accept_alternative"} & m.said)
        leaving = leaving or m.told.message_offered  # "can I take a message? what's your number?"
        datum = _which_datum(answers(heard.acts, self.scenario, m), heard, leaving)
        if heard.fact is not None and not _ID_WORDS.search(heard.text):
            datum = [a for a in datum if a != "give_id"]  # "what's your address?" is no id ask
        elif _asks_id_too(datum, heard):
            datum = ["give_id", *datum]  # "your order number and your phone number"
        if "give_id" in datum and (other := self._other_id(heard.text)):
            datum = [other if a == "give_id" else a for a in datum]
        return given + _yes_its_all(datum, heard)

    def _other_id(self, text: str) -> str:
        """ "For security, your date of birth?": not the member number. Their date of birth
        they give; a card, bank, government or secret number their story never names they do
        not have to hand. "" when the line asks for their own kind of number."""
        from simulator.engine.topics import other_ids_in

        asked = other_ids_in(text)
        if not asked or asked & other_ids_in(self._id_words()):
            return ""
        return "give_birth_date" if "birth_date" in asked else "no_data"

    def _id_words(self) -> str:
        """What the caller says of the number they have: their `give_id` lines and the facts
        that read it (a card named in the story is not a card number to hand)."""
        from scoring.extract import digits_only

        s, c = self.scenario, self.scenario.caller
        digits = digits_only(c.id_number)
        said = [*s.lines.get("give_id", ())]
        said += [t for f in c.facts for t in f.say if digits and digits in digits_only(t)]
        return " ".join(said)

    def _supervisor_here(self, heard: Heard) -> list[str]:
        """ "Ok, she's here now": the supervisor the caller asked for has come."""
        m = self.memory
        wants = m.supervisor_requested or "asks_supervisor" in self.scenario.caller.traits
        if wants and not m.supervisor_handled and _I_AM_SUPERVISOR.search(normalise(heard.text)):
            m.supervisor_handled = True  # "I am the supervisor": he tells them what happened
            m.climb_down()
            return ["back_to_goal"]
        fetched = m.supervisor_requested or m.supervisor_handled
        if not fetched or "supervisor_here" in m.said or heard.question:
            return []
        if not _ARRIVED.search(normalise(heard.text)):
            return []
        m.supervisor_handled = True
        m.empathy_shown = True  # what they asked for has come: nothing left ignored
        return ["supervisor_here"]

    def _misnamed(self, heard: Heard) -> list[str]:
        """ "Thanks, Mr. Whitman": a caller called by a surname near theirs but not it puts
        it right at once ("No, it's Whitford.")."""
        surname = self.scenario.caller.surname
        m = _ADDRESSED.search(heard.text)
        if not surname or m is None:
            return []
        said, want = m.group(1).lower(), surname.lower()
        if said == want or said[:2] != want[:2] or "correct_detail" in self.memory.said:
            return []
        self.hear_value("correction", surname)
        return ["correct_detail"]

    def _not_found(self, heard: Heard) -> list[str]:
        """ "I can't see any order under that number": the caller reads it out again."""
        if not _NOT_FOUND.search(heard.text) or not self.scenario.caller.id_number:
            return []
        return ["not_found", "give_id"]

    def _feels_ignored(self, acts: frozenset[str]) -> bool:
        """Two lines with no word about their complaint hurt a caller who is upset (angry, or
        calling in anger), not while the agent is visibly getting on with it: a transfer being
        made, a hold, a promise, ownership."""
        if acts & (_HELPS | _GETTING_ON):
            return False
        if acts & _ASKS_DETAILS and self.temper.mood < 2:
            return False  # "what's the order number?" is getting on with it, unless angry
        return self.temper.mood >= 1 or "irate" in self.scenario.context

    def _announced_hold(self, acts: frozenset[str]) -> list[str]:
        """ "Please hold": a caller who refuses holds says so now, before the hold."""
        if "announce_hold" not in acts or {"ask_hold", "announce_transfer"} & acts:
            return []
        if "refuses_hold" in self.scenario.caller.traits:
            self.memory.heard_hold_question(agreed=False)
            return ["refuse_hold"]
        self.memory.heard_hold_announced()
        return ["hold_announced_ack"]

    def _person(self, heard: Heard) -> list[str]:
        """A transfer to someone other than the person the caller wants is objected to."""
        want = self.scenario.caller.expects.person
        offered = {"announce_transfer", "offer_transfer_or_message"} & heard.acts
        if not want or not offered:
            return []
        names = [c.name for c in self.scenario.directory]  # in directory order: deterministic
        wanted = next((n for n in names if _names_match(n, want)), None)
        said = [n for n in names if _mentions(heard.text, n)]
        if wanted is None or not said or wanted in said:
            return []
        return ["object_person"]

    def _left_without_a_way(self, heard: Heard) -> list[str]:
        """Told the person they want is away, with nothing offered in its place, a caller
        asks to leave a message ("Oh. Could I leave a message, then?")."""
        if "say_unavailable" not in heard.acts or heard.acts & _A_WAY_ON:
            return []
        if self.scenario.line("urgent") and "urgent" not in self.memory.said:
            return ["urgent"]  # "he's in a meeting" to a family emergency: "It's urgent."
        if "unavailable" not in self.scenario.context or "ask_message" in self.memory.said:
            return []
        if heard.question or self.memory.goal_met:
            return []  # "he's out, can I help instead?" is answered as a question
        return ["ask_message"]

    def _repairs(self, heard: Heard) -> list[str]:
        """Say it again, spell it, confirm or correct a read-back, read back what the agent
        gave ("can you read that back to me?")."""
        m = self.memory
        if read := self._reads_back_theirs(heard):
            return read
        if "ask_spell" in heard.acts:
            return [f"say:{_spelled(self._spelling_of(heard.text))}"]
        if "give_phone" in m.said and _NUMBER_KIND.search(normalise(heard.text)):
            return ["confirm_yes"]  # "is that your cell?" of the number they just gave
        read_back = self._check_read_back(heard)
        if read_back:
            return [read_back]
        checks = bool(_CHECKS & heard.acts)
        if checks and self._checked_understanding(heard, story_only=True):
            return ["not_reason"]  # the wrong story, whatever its numbers
        checked = self._value_read_back(heard) or self._name_read_back(heard)
        checked = checked or self._polarity_read_back(heard)
        checked = checked or (self._checked_understanding(heard) if checks else "")
        if checked:
            return [checked]
        if wrong := self._premise_checked(heard):
            return wrong
        asks_fact = heard.fact is not None and self._asks_fact(heard)  # "your company again?"
        if "repair_request" in heard.acts and m.last_words and not ANSWERS.keys() & heard.acts:
            if asks_fact:
                return []
            prefix = self.chance().choice(("I said, ", "Sorry, I said, ", "What I said was, "))
            last = m.last_words
            return ["say:" + prefix + _lower_first(last)]
        return []

    def _reads_back_theirs(self, heard: Heard) -> list[str]:
        """ "Can you read that back to me?", "what's the case number I gave you?": the number
        or reference the agent gave, as written down."""
        m = self.memory
        t = normalise(heard.text)
        if m.agent_number and _READ_IT_BACK.search(t):
            return ["say:" + _read_back_line(m.agent_number)]
        if m.agent_ref and _ASKS_THEIR_REF.search(t):
            return ["say:" + f"Yes, I've got it. It's {m.agent_ref}."]
        if heard.numbers:
            m.agent_number = heard.numbers[-1]
        if ref := _REF_TOKEN.findall(heard.text):
            m.agent_ref = ref[-1]
        return []

    def _premise_checked(self, heard: Heard) -> list[str]:
        """ "It shows delivered" to a caller whose order never came: no; "is Mike your first
        name?" to Mike: yes."""
        if self._false_premise(heard):
            return ["not_reason"]
        own = _YOUR_NAME.search(normalise(heard.text))
        if heard.question and own and _mentions(heard.text, self.scenario.caller.name):
            return ["confirm_name"]
        return []

    def _false_premise(self, heard: Heard) -> bool:
        """The agent says it was delivered; the caller's whole story is that it never came."""
        if not _SAYS_DELIVERED.search(normalise(heard.text)):
            return False
        return bool(_NEVER_CAME.search(normalise(self._own_words())))

    def _spelling_of(self, text: str) -> str:
        """What "can you spell that?" asks for: the thing it names, else what was last given."""
        c, lower = self.scenario.caller, text.lower()
        words = set(re.findall(r"[a-z']+", lower))
        own = [w for w in c.name.split() if w.lower() in words and len(w) > 1]
        if own and "name" not in lower:
            return own[-1]  # "how do you spell Voss?": Voss, not the whole name
        named = (
            ("email", c.email),
            ("name", c.surname if "last name" in lower or "surname" in lower else c.name),
            ("address", self._values.get("caller.address_line", "")),
        )
        for word, value in named:
            if word in lower and value:
                return value
        return self.memory.last_datum or c.name

    def _check_read_back(self, heard: Heard) -> str:
        """A number or email the agent reads back: yes when right, the right one when near."""
        from scoring.extract import digits_only

        c = self.scenario.caller
        known = [v for v in (c.id_number, c.phone, *c.orders, self.memory.last_datum) if v]
        mine = {digits_only(v): v for v in known if len(digits_only(v)) >= 3}
        if _READS_BACK.search(normalise(heard.text)):  # "so it's 920 with the late fee"
            mine |= {d: d for d in self._fact_numbers() if d not in mine}
        asked = "confirm_detail" in heard.acts or bool(_ASKS_OK.search(heard.text))
        for n in heard.numbers:
            if n in mine:
                return "confirm_yes" if asked or _reads(n, heard.asks) else ""
            close = next((v for d, v in mine.items() if _near(n, d)), "")
            if close:
                self.hear_value("correction", close)
                return "correct_detail"
        said = _email_said(heard.text)
        right = _same_email(said, c.email) if said and c.email else None
        if right is None:
            return self._spelling_read_back(heard)
        if right:
            return "confirm_yes" if asked or heard.question else ""
        self.hear_value("correction", c.email.replace(".", " dot ").replace("@", " at "))
        return "correct_detail"

    def _value_read_back(self, heard: Heard) -> str:
        """ "So the bill came to $241?", "so that's tomorrow afternoon?": a value read back is
        checked against the fact it is about, or against what the caller just said: yes when
        every value said is theirs, "No." and theirs when one of the same kind is not."""
        from simulator.engine.topics import values_in

        if not (_READ_BACK_ASK.search(normalise(heard.text)) or heard.acts & _CHECKS):
            return ""
        # only what is read back: "I see your call from last Thursday. So the fee is still
        # on your statement?" reads back the fee, not Thursday
        said = values_in(_read_back_part(heard))
        if not said:
            return ""
        if _OWN_ACTION.search(normalise(heard.text)):
            return ""  # "so I can get them out to you tomorrow, ok?" offers, it reads nothing back
        sources = [(text, values_in(text)) for text in self._read_back_sources(heard)]
        known: dict[str, set[str]] = {}  # a value said anywhere of what they know is theirs
        everything = [" ".join(f.say) for f in self.scenario.caller.facts]
        for theirs in map(values_in, [*everything, self.memory.last_words]):
            for kind, values in theirs.items():
                known.setdefault(kind, set()).update(values)
        missing = {k: said[k] - known[k] for k in said.keys() & known.keys() if said[k] - known[k]}
        if not said.keys() & known.keys():
            return ""
        if not missing:
            return "confirm_yes"  # every value read back is one they gave
        # "No." and the thing they said of that kind (their likeliest source first)
        found = next(((t, v) for t, v in sources if missing.keys() & v.keys()), None)
        if found is None:
            return ""  # the value is of a kind only facts it is not about have
        text, theirs = found
        self.hear_value("correction", _sentence_with(text, set().union(*theirs.values())))
        return "correct_fact"

    def _name_read_back(self, heard: Heard) -> str:
        """ "Okay, so you're with Redline Freight?" to Ridgeline Freight, "that's for Kestrel
        Mining, right?" to Kestrel Manufacturing, "your name was Ray Dias?" to Ray Diaz: a
        name of theirs read back with one of its words wrong gets "No." and the name. The
        wrong word must be written as a name (capitalised) or be near the right one."""
        checks = heard.question or heard.acts & _CHECKS
        if not (checks or _READ_BACK_ASK.search(normalise(heard.text))):
            return ""
        # words compared only within a clause: "Thank you, Mr. Jensen. How can I help?" has
        # no name "Jensen How"
        clauses = [re.findall(r"[A-Za-z][\w'-]*", c) for c in _CLAUSE_BREAK.split(heard.text)]
        for name in self._names():
            wrong = any(_misread_name(said, name.split()) for said in clauses)
            if wrong:
                self.hear_value("correction", f"It's {name}.")
                return "correct_fact"
        return ""

    def _names(self) -> list[str]:
        """The names in what the caller knows and said: theirs, the person they want, the
        firms and places written with capitals ("Ridgeline Freight", "St. Vincent's")."""
        cached: list[str] | None = getattr(self, "_name_list", None)
        if cached is None:  # the scenario does not change during a call: once per call
            c = self.scenario.caller
            found = [c.name, c.calling_for, c.expects.person]
            found += _CAPITALISED.findall(self._own_words())
            cached = list(dict.fromkeys(n for n in found if n and len(n.split()) >= 2))
            self._name_list = cached
        return cached

    def _polarity_read_back(self, heard: Heard) -> str:
        """ "So the gate isn't locked?" to a caller whose gate is locked: "No." and theirs;
        "so you've called before?" to one who has: yes. Checked against the one sentence of
        their facts that says every word the read-back says (or two of them), by whether
        each says "not"."""
        if not _READ_BACK_ASK.search(normalise(heard.text)) or _OWN_ACTION.search(
            normalise(heard.text)
        ):
            return ""
        words = _claim_words(_read_back_part(heard))
        if not words:
            return ""
        best, said, shared = "", "", 0
        told = [*(t for f in self.scenario.caller.facts for t in f.say)]
        told += self.scenario.lines.get("reason", ())  # what they rang to say counts too
        for text in told:
            for sentence in re.findall(r"[^.!?]+[.!?]?", text):
                # the clause that says it: "charged twice, and the second was never taken back"
                for clause in re.split(r",|;|\bbut\b|\band\b", sentence):
                    n = len(words & _claim_words(clause))
                    if n > shared and (n >= 2 or n == len(words)):
                        best, said, shared = sentence.strip(), clause, n
        if not best:
            return ""
        if _says_not(_read_back_part(heard)) == _says_not(said):
            return "confirm_yes"
        self.hear_value("correction", best)
        return "correct_fact"

    def _read_back_sources(self, heard: Heard) -> list[str]:
        """What a read-back may be checking, likeliest first: the caller's last words, then
        the facts that share its words (what the fact says, its name, the words it is asked
        with), or, when none does, the one fact with a value of the kind read back."""
        from simulator.engine.topics import cues_for, stems, values_in

        said = values_in(heard.text)
        value_words = {v for vs in said.values() for v in vs}
        words = stems(heard.text) - value_words - _GENERIC_STEMS
        facts = [f for f in self.scenario.caller.facts if f.say]
        scored = []
        for f in facts:
            about = stems(" ".join((*f.say, *cues_for(f), f.topic.replace("_", " "))))
            scored.append((len(words & about), " ".join(f.say)))
        ranked = [text for n, text in sorted(scored, key=lambda p: -p[0]) if n > 0]
        if not ranked:  # "so the black ones?": the one fact that says a colour
            kinds = [t for _, t in scored if said.keys() & values_in(t).keys()]
            ranked = kinds if len(kinds) == 1 else []
        # their last words come first for a time read back ("so that's tomorrow morning?"
        # after they gave the time for the call), after the facts otherwise
        last = self.memory.last_words
        if not last:
            return ranked
        return [last, *ranked] if "time" in said and "time" in values_in(last) else [*ranked, last]

    def _spelling_read_back(self, heard: Heard) -> str:
        """ "Was that K O W A L S K I?": letters read back, checked against the caller's
        name and email; yes when right, the word spelled right when near."""
        from difflib import SequenceMatcher

        letters = "".join(re.findall(r"(?<![a-z])[a-z](?![a-z])", heard.text.lower()))
        if len(letters) < 3:
            return ""
        c = self.scenario.caller
        words = [w for w in re.split(r"[\s@.]+", f"{c.name} {c.email}".lower()) if len(w) > 2]
        if letters in words:
            return "confirm_yes"
        near = [w for w in words if SequenceMatcher(None, letters, w).ratio() >= 0.75]
        if not near:
            return ""
        self.hear_value("correction", " ".join(near[0].upper()))
        return "correct_detail"

    def _fact_numbers(self) -> list[str]:
        """Amounts and numbers of three digits or more in what the caller knows ("$960")."""
        says = (t for f in self.scenario.caller.facts for t in f.say)
        return [n for t in says for n in re.findall(r"\d[\d,]*\d", t) if len(n) >= 3]

    def _checked_understanding(self, heard: Heard, story_only: bool = False) -> str:
        """The agent says back what it understood, as a question: yes when it names what the
        caller came for (or their own name), "no, ..." and the reason again when it names
        another outcome or nothing about the call; otherwise no view (other answers follow).
        `story_only`: only the "no" for another story (another outcome, problem, errand,
        time or case), before any value read back is checked."""
        from scoring.call import content_stems

        c = self.scenario.caller
        if c.name and "name" in heard.text.lower() and _mentions(heard.text, c.name):
            return "" if story_only else "confirm_yes"
        if not self.memory.reason_given:
            return ""
        shared = len(content_stems(heard.text) & self._goal_stems())
        on_goal = bool(shared) or self._same_outcome(heard.text)
        if "check_understanding" not in heard.acts and not on_goal:
            return ""  # a read-back of something else: the read-back check had its say
        if self._wrong_story(heard.text, shared):
            return "not_reason"
        if story_only:
            return ""
        if on_goal:
            return "confirm_yes"
        return "" if self._topical(heard.text) else "not_reason"

    def _wrong_story(self, text: str, shared: int) -> bool:
        """The read-back names another outcome, problem, errand, time or case than theirs;
        another outcome is the wrong reason ("so you'd like a refund for the planter?")
        unless the line tells the caller's own story in two of its words ("return the small
        one and get the large one")."""
        from scoring.call import content_stems

        if (self._other_outcome(text) and shared < 2) or self._other_problem(text):
            return True
        if (self._other_action(text) and shared < 2) or self._other_time(text):
            return True  # "so you're disputing the fee?" to a payer; "for next week?"
        if self._other_outcome(text) and not self._step_to_goal(text):
            # "so you need a refund on the cable ties?": the words of the story, the wrong ask
            if len(content_stems(text) & self._wanted_stems()) < 2:
                return True
        return self._other_case(text)  # "so you got the wrong size?" to a wrong-colour caller

    def _wanted_stems(self) -> set[str]:
        """Content words of the goal and the outcome wanted (not of the story told)."""
        from scoring.call import content_stems

        c = self.scenario.caller
        return content_stems(f"{c.goal} {c.expects.resolution}") - _GENERIC_STEMS

    def _same_outcome(self, text: str) -> bool:
        """The line names the kind of outcome the caller came for in other words ("so you
        want to swap it?" to a caller who wants the size they ordered: a replacement)."""
        from simulator.engine.topics import outcomes_in

        c = self.scenario.caller
        wanted = outcomes_in(f"{c.goal} {c.expects.resolution}") - {"transfer"}
        return bool(wanted & outcomes_in(text))

    def _other_action(self, text: str) -> bool:
        """The read-back names a kind of thing to do (pay, leave a message, reach someone,
        dispute, book ...) that is not the kind the caller rang for, nor a way to it; a goal
        that names no kind has no view."""
        from simulator.engine.topics import action_kin, actions_in, outcomes_in

        said = actions_in(text)
        c = self.scenario.caller
        goal = f"{c.goal} {c.expects.resolution}"
        wanted = actions_in(goal) | outcomes_in(goal)
        if not said or not wanted:
            return False
        kinds = said | outcomes_in(text)
        return not (kinds & wanted or any(action_kin(k) & wanted for k in kinds))

    def _other_time(self, text: str) -> bool:
        """The read-back puts the goal at another time: "a new pickup for next week?" to a
        caller whose pickup is today (a day or more later than the goal's own time)."""
        from scoring.extract import timeframe_hours

        c = self.scenario.caller
        goal_h = timeframe_hours(f"{c.goal} {c.expects.resolution}")
        said_h = timeframe_hours(text) if goal_h is not None else None
        return said_h is not None and goal_h is not None and _later(said_h, goal_h)

    def _other_case(self, text: str) -> bool:
        """The read-back names a thing of the case ("size", "safety data sheet") that nothing
        the caller knows or said names; "a size 9?" reads back a value of one of their facts
        (checked as a value), not a problem with the size."""
        from simulator.engine.topics import case_kin, case_words_in, values_in

        own = f" {normalise(self._own_words())} "
        valued = "number" in values_in(text)
        topics = {f.topic for f in self.scenario.caller.facts}
        return any(
            not any(f" {kin} " in own for kin in case_kin(word)) and not (valued and word in topics)
            for word in case_words_in(text)
        )

    def _other_problem(self, text: str) -> bool:
        """The line names something gone wrong ("they arrived damaged?") that nothing the
        caller knows or said names: it is not their problem."""
        from simulator.engine.topics import problems_in

        said = problems_in(self._own_words())
        return bool(problems_in(text) - said)

    def _own_words(self) -> str:
        cached: str | None = getattr(self, "_own_text", None)
        if cached is None:  # the scenario does not change during a call: once per call
            s, c = self.scenario, self.scenario.caller
            parts = [c.goal, c.expects.resolution, *s.history]
            parts += [t for v in s.lines.values() for t in v]
            parts += [t for f in c.facts for t in f.say]
            cached = " ".join(p for p in parts if p)
            self._own_text = cached
        return cached

    def _fact_by_words(self, heard: Heard) -> str:
        """A question about the caller's situation in words no cue knows: the fact that shares
        its rarer words ("" when none or several do)."""
        from simulator.engine.topics import FactByWords

        finder: FactByWords | None = getattr(self, "_by_words", None)
        if finder is None:  # the scenario does not change during a call: once per call
            finder = FactByWords(self.scenario.caller.facts)
            self._by_words = finder
        fact = finder.find(heard.asks or heard.text)
        return f"fact:{fact.topic}" if fact is not None else ""

    def _request(self, heard: Heard) -> str:
        """A question no fact answers: a request the caller can meet ("could you send us a
        photo?") gets a yes, anything else "I don't know"."""
        from simulator.engine.topics import asks_caller_to_act

        if _READY_TO_WRITE.search(normalise(heard.text)):
            return "go_ahead"  # "got a pen?" before a number: "Sure, go ahead."
        return "will_do" if asks_caller_to_act(heard.text) else "dont_know"

    def _greeting(self, heard: Heard) -> bool:
        """ "Hello?" before the caller has said a word is the agent picking up, not a check that
        the line is still open: the caller says why they called (`_agenda`), not "I'm here"."""
        return (
            heard.fact is not None
            and heard.fact.topic == "presence"
            and not self.memory.reason_given
        )

    def _goal_stems(self) -> set[str]:
        """Content words of what the caller came for: the goal, the outcome, the reason."""
        from scoring.call import content_stems

        cached: set[str] | None = getattr(self, "_goal_words", None)
        if cached is None:  # the scenario does not change during a call: once per call
            s, c = self.scenario, self.scenario.caller
            words = [c.goal, c.expects.resolution, *s.lines.get("reason", ())]
            cached = set().union(*(content_stems(w) for w in words if w))
            self._goal_words = cached
        return cached

    def _facts_and_offers(self, heard: Heard, answered: list[str]) -> list[str]:

        if self._number_given(heard):
            return ["thanks_answer"]  # "have him pull into door 6" to a caller who needs the door
        if "wrong_number" in self.scenario.context and "make_offer" in heard.acts:
            if _THEIR_NUMBER.search(normalise(heard.text)):
                self.memory.goal_reached()  # "do you want their number?" - yes, please
                return ["accept_offer"]
        if heard.fact is not None and self._asks_fact(heard) and not self._greeting(heard):
            return [f"fact:{f.topic}" for f in (heard.fact, *heard.also)]
        if answered:
            return []
        if reached := self._reaching_them(heard):
            return reached
        if (choice := self._choice(heard)) is not None:
            self.hear_value("option", _as_caller(choice))
            return ["choose_option"]
        # "can he call you back in an hour?" offers a call back, put as a question
        asked_offer = heard.question and heard.contact and heard.timeframe_h is not None
        if "make_offer" not in heard.acts and not asked_offer:
            return self._outcome_given(heard) or self._answer_given(heard)
        return self._offer_made(heard)

    def _offer_made(self, heard: Heard) -> list[str]:
        """An offer: a transfer is answered as one; one that helps is taken; another
        outcome is turned down; the rest is taken on condition."""
        from simulator.engine.topics import outcomes_in

        if "transfer" in outcomes_in(heard.text):
            return [transfer_answer(self.scenario, self.memory)]
        context = self.scenario.context
        if "wrong_number" in context or "spam" in context:
            return []  # their own reactions (`_archetype`)
        if self._too_late(heard):
            return []  # objected to in `_expectations`
        if "purchase" in outcomes_in(heard.text) and self._other_outcome(heard.text):
            return ["decline_offer"]  # "want me to add the spray to an order?" - not yet
        if self._step_to_goal(heard.text):
            return ["conditional_offer"]  # a return label: yes, as long as the right one comes
        helps = (
            _HELPS & heard.acts
            or _MEANS.search(heard.text)
            or self._fits_goal(heard.text)
            or self._answers_when(heard)
        )
        if helps or (self.memory.goal_met and not outcomes_in(heard.text)):  # "does that help?"
            return self._taken("accept_offer", heard.text)
        if self._other_outcome(heard.text):
            return ["decline_offer"]
        return ["conditional_offer"]

    def _step_to_goal(self, text: str) -> bool:
        """The offer is the first step of what they came for: a return of the wrong item to a
        caller who wants the right one sent (an exchange is a return and a replacement)."""
        from simulator.engine.topics import outcomes_in

        c = self.scenario.caller
        wanted = outcomes_in(f"{c.goal} {c.expects.resolution}")
        return outcomes_in(text) == {"return"} and "replacement" in wanted

    def _reached(self, heard: Heard) -> bool:
        """The person the caller wants is on the line and the agent puts them through."""
        from simulator.engine.topics import outcomes_in

        person = self.scenario.caller.expects.person
        if not person:
            return False
        t = normalise(heard.text)
        names = [w for w in normalise(person).split() if len(w) > 2]
        on = any(re.search(rf"\b{re.escape(w)}(?: is| s)? {_ON_THE_LINE}", t) for w in names)
        on = on or bool(re.search(r"\b(?:he|she|they)(?: is| s| are)? " + _ON_THE_LINE, t))
        if not (on and "transfer" in outcomes_in(heard.text)):
            return False
        self.memory.goal_reached()
        return True

    def _reaching_them(self, heard: Heard) -> list[str]:
        """ "Let me try his line" to a caller who wants him: yes, unless already tried."""
        if not self.scenario.caller.expects.person:
            return []
        if not _REACH_PERSON.search(normalise(heard.text)):
            return []
        return self._already_tried(heard) or ["accept_offer"]

    def _already_tried(self, heard: Heard) -> list[str]:
        """ "I'll try his cell" to a caller whose `tried` fact names it: they say so."""
        from simulator.engine.topics import TopicFinder

        finder: TopicFinder | None = getattr(self, "_tried_finder", None)
        if finder is None:  # the scenario does not change during a call: once per call
            tried = tuple(f for f in self.scenario.caller.facts if f.topic == "tried")
            finder = self._tried_finder = TopicFinder(tried)
        return ["fact:tried"] if finder.named_in(heard.text) is not None else []

    def _choice(self, heard: Heard, tie_first: bool = False) -> str | None:
        """An either/or question ("a refund or the big one?", "email it or post it?"): the
        option that names what the caller came for, or the one that is not an outcome they
        do not want; None when the line offers no such choice or neither option is better."""
        from simulator.engine.topics import outcomes_in, stems

        # spoken, a choice often has no question mark: "ok and u want a refund or the big one"
        wish = _WISH.search(heard.text) or _PREFERENCE.search(normalise(heard.text))
        asked = heard.asks if heard.question else heard.text if wish else ""
        options = _either_or(asked) if asked else None
        if options is None or {"spam", "wrong_number"} & set(self.scenario.context):
            return None
        c = self.scenario.caller
        goal = f"{c.goal} {c.expects.resolution}"
        want, wanted = stems(goal), outcomes_in(goal)
        aggrieved = self.temper.mood >= 1 or "asks_supervisor" in c.traits

        def score(option: str) -> int:
            named = outcomes_in(option)
            offered = named - {"transfer"}
            unwanted = bool(offered) and not offered & wanted
            points = 2 * len(stems(option) & want) + bool(offered & wanted) - 3 * unwanted
            if c.expects.no_transfer and "transfer" in named:
                points -= 10  # passed on again: never
            points += bool(_SOONER.search(option))  # "now" over "someone comes out"
            return points + bool(aggrieved and _ABOVE.search(option))

        first, second = (score(o) + self._said_so(o) for o in options)
        if first == second:
            # asked which they prefer, a person with no reason either way takes the first
            return options[0] if tie_first else None
        return options[0] if first > second else options[1]

    def _said_so(self, option: str) -> int:
        """An option the caller already asked for in this call ("a message is fine")."""
        from simulator.engine.topics import stems

        own = stems(" ".join(self.memory.texts))
        return 2 * len(stems(option) & own - _GENERIC_STEMS)

    def _names_option(self, situation: str, option: str) -> bool:
        """The caller's own line for a yes already names the option ("Yes. Have your
        supervisor call me."), so it is said instead of the option echoed."""
        from simulator.scenario.lines import DEFAULT_LINES

        kind = _SAYS_OPTION.get(situation)
        if kind is None or not kind.search(option):
            return False
        said = self.scenario.line(situation) or DEFAULT_LINES.get(situation, ())
        return all(kind.search(t) for t in said) if said else False

    def _prefers(self, heard: Heard) -> str:
        """The caller's preference asked between two things to do ("would you rather I email
        the answers or call you back?", "put you through now or have him call you?"): the
        option that serves them is said, in their words ("" when not asked); a fact asked as
        either/or ("is the pickup today or tomorrow?") is answered as a fact."""
        if not _PREFERENCE.search(normalise(heard.text)):
            return ""
        choice = self._choice(heard, tie_first=True)
        if choice is None:
            return ""
        self.hear_value("option", _as_caller(choice))
        return choice

    def _outcome_given(self, heard: Heard) -> list[str]:
        """An outcome the agent says it has done or will do, unasked ("I have issued a full
        refund"): taken when it is what they came for, turned down when it is another."""
        from simulator.engine.topics import commits, outcomes_in

        given = outcomes_in(heard.text) - {"transfer"}
        context = self.scenario.context
        if not commits(heard.text) or {"spam", "wrong_number"} & set(context):
            return []
        asked = heard.question and not _TAG_ASK.search(heard.text)  # "..., okay?" still promises
        if not given and (asked or not self._names_goal(heard.text)):
            return []  # a promise in the caller's own words ("I'll get a crew to move the bench")
        if not given and _FINDS_OUT.search(normalise(heard.text)):
            return []  # "I'll research it with our product team": a promise to find out
        if self._step_to_goal(heard.text):
            return ["conditional_offer"]  # "I'll email you a return label for the grey pair"
        done = bool(_DONE.search(normalise(heard.text)))
        if self._other_outcome(heard.text) and not self._fits_goal(heard.text, specific=True):
            # done already ("I've cancelled your order") it is put right at once
            return ["not_reason" if done else "decline_offer"]
        # done already ("I've reversed the fee") is thanked; only a promise is accepted
        self._thanked_for_done = done
        return self._taken("thanks" if done else "accept_offer", heard.text)

    def _names_goal(self, text: str) -> bool:
        """The line names two things of what the caller came for ("move the bench to your
        patio" to a caller who wants the bench moved to the patio)."""
        from scoring.call import content_stems

        c = self.scenario.caller
        want = content_stems(f"{c.goal} {c.expects.resolution}") - _GENERIC_STEMS
        return len(content_stems(text) & want) >= 2

    def _taken(self, answer: str, text: str) -> list[str]:
        """What they came for, given: the goal is met, unless it has two parts and the line
        gave one ("I'll get a crew to move the bench" to a caller who also wants the
        flagstone paid for): then they take it and ask about the rest."""
        rest = self._rest_of_goal(text)
        if not rest:
            self.memory.goal_reached()
            return [answer]
        self.hear_value("rest", rest)
        return [answer, "asks_rest"]

    def _rest_of_goal(self, text: str) -> str:
        """The part of a two-part goal no line has given yet ("" when one part, or all)."""
        from scoring.call import content_stems

        parts = self._goal_parts()
        if len(parts) < 2:
            return ""
        stems = content_stems(text)
        met = self.memory.goal_parts_met
        met |= {i for i, (_, words) in enumerate(parts) if _kin_words(stems, words)}
        missing = [said for i, (said, _) in enumerate(parts) if i not in met]
        return missing[0] if met and missing else ""

    def _goal_parts(self) -> list[tuple[str, set[str]]]:
        cached: list[tuple[str, set[str]]] | None = getattr(self, "_parts", None)
        if cached is None:  # the scenario does not change during a call: once per call
            cached = goal_parts(self.scenario.caller.goal)
            self._parts = cached
        return cached

    def _answer_given(self, heard: Heard) -> list[str]:
        """A caller who came for an answer hears one: a statement (not a question, not a
        hedge or a refusal) that names at least two things of what they asked."""
        from scoring.call import content_stems
        from simulator.engine.topics import hedges, leads_with_answer, unfinished, wants_answer

        asks, settles = wants_answer(self.scenario.caller.goal)
        if not asks or heard.question or _NO_ANSWER & heard.acts or hedges(heard.text):
            return []
        if unfinished(heard.text):
            return []
        shared = len(content_stems(heard.text) & self._goal_stems())
        enough = shared >= 2 or (shared == 1 and leads_with_answer(heard.text))
        if not enough and not self._answers_when(heard):
            return []
        if settles:
            return self._taken("thanks_answer", heard.text)
        return ["thanks_answer"]

    def _number_given(self, heard: Heard) -> bool:
        """The number the caller came for ("the dock door number") given: the line names
        what it is the number of and a number."""
        from scoring.call import content_stems

        wanted = self.scenario.caller.expects.resolution
        if "number" not in wanted.lower() or not re.search(r"\d", heard.text):
            return False
        if not content_stems(heard.text) & (content_stems(wanted) - {"number"}):
            return False
        self.memory.goal_reached()
        return True

    def _other_outcome(self, text: str) -> bool:
        """The offer names an outcome (a refund, a credit ...) that is not what they came for."""
        from simulator.engine.topics import outcomes_in

        c = self.scenario.caller
        offered = outcomes_in(text)
        return bool(offered) and not offered & outcomes_in(f"{c.goal} {c.expects.resolution}")

    def _asks_fact(self, heard: Heard) -> bool:
        """Why they called is answered by the reason itself until it was given, and is not
        what "can I help with anything else?" asks."""
        if heard.fact is None or heard.fact.topic != "why_calling":
            return True
        return self.memory.reason_given and "anything_else" not in heard.acts

    def _fits_goal(self, text: str, specific: bool = False) -> bool:
        """An offer that names what the caller came for (their goal, or the outcome they want);
        `specific`: a word every order or account shares ("order") does not count."""
        from scoring.call import content_stems

        c = self.scenario.caller
        want = content_stems(f"{c.goal} {c.expects.resolution}")
        if specific:
            want -= _GENERIC_STEMS
        return not want or bool(content_stems(text) & want)

    def _too_late(self, heard: Heard) -> bool:
        """The time frame is later than the caller accepts for what it is about: a call back
        against `callback_within`, anything else (a delivery "tomorrow morning") against the
        time they give for a fix, as `_expectations` objects."""
        hours = heard.timeframe_h
        if hours is None:
            return False
        return (within := self._within(heard)) is not None and hours > within

    def _within(self, heard: Heard) -> float | None:
        c = self.scenario.caller
        if not heard.contact:
            return c.expects.fixed_within_h or FIXED_WITHIN_H
        if "give_callback_time" in self.memory.said:
            return None  # the caller chose the time themselves
        within = c.expects.callback_within_h
        if within is None and "irate" in self.scenario.context:
            within = float(self.params.get("irate_callback_hours", 1))
        return within

    def _answers_when(self, heard: Heard) -> bool:
        """A caller who came to find out when something happens hears a day or a time for it
        (not a call back, not "not until"): that is the answer, whatever words carry it."""
        if not _WHEN_GOAL.search(self.scenario.caller.goal.lower()) or heard.question:
            return False
        if heard.contact or heard.negated:
            return False
        if heard.timeframe_h is not None:
            return True
        # "ok, they say Friday": a day said plainly, with no promise word, is the answer too
        from scoring.extract import timeframe_hours

        t = normalise(heard.text)
        return timeframe_hours(heard.text) is not None and not _PAST_DAY.search(t)

    def _expectations(self, heard: Heard) -> list[str]:
        """A time frame later than the caller will accept is objected to, now."""
        if heard.timeframe_h is None or {"ask_hold", "ask_callback_time"} & heard.acts:
            return []
        m = self.memory
        within = self._within(heard)
        said = heard.timeframe or spoken_hours(heard.timeframe_h)
        said = _DAY_NAMES.sub(lambda d: d.group(0).capitalize(), said)  # "by Friday"
        earlier = m.earlier_promise(heard.contact, heard.timeframe_h)
        m.promised(heard.timeframe_h, said, heard.contact)
        m.told.times_said += _clause_times(heard.text)
        self.hear_value("timeframe", said)
        restated = heard.question or "summarize" in heard.acts or _RECAP_LEAD.match(heard.text)
        if restated and earlier and not heard.negated and _later(heard.timeframe_h, earlier[0]):
            # "so, loan servicing will call you next week" after "tomorrow before ten"
            self.hear_value("earlier", earlier[1])
            self.temper.apply("broken_promise")
            return ["object_changed"]
        if heard.negated:
            self.temper.apply("broken_promise")
            return ["object_no_time"]
        if within is not None and heard.timeframe_h > within and not self._their_day(said):
            self.temper.apply("broken_promise")
            m.goal_lost()
            # a delivery or a fix too late is not a call back too late: no "within the hour"
            return ["object_timeframe" if heard.contact else "object_fix_time"]
        if "second_request" in self.scenario.context and heard.timeframe_h > 24:
            self.temper.apply("broken_promise")
            return ["object_again"]
        return []

    def _their_day(self, said: str) -> bool:
        """The time promised is the day the caller's deadline names ("by Thursday" to a caller
        who needs it by Thursday): in time, whatever the hours count says."""
        days = _DAY_NAMES.findall(said.lower())
        need = " ".join(
            t for f in self.scenario.caller.facts if f.topic == "deadline" for t in f.say
        )
        return bool(days) and all(re.search(rf"\bby {d}\b", need.lower()) for d in days)

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

    def _close(self, parts: list[str]) -> None:
        """The agent says goodbye: a caller whose goal is unmet and who is angry won't."""
        m = self.memory
        if accepts_goodbye(m, self.scenario):
            self.caller_says([*parts, "goodbye"])
            self.caller_hangs_up("the caller said goodbye")
            return
        m.closing_refused += 1
        if m.closing_refused > 1 or m.rung >= Rung.SUPERVISOR:
            self.caller_says(["curt_goodbye"])
            self.caller_hangs_up("the caller hung up unhappy")
            return
        climb = self._climb() if self.temper.mood >= 2 else []
        self.caller_says([*parts, "unresolved_close", *climb])

    # ----- the caller's agenda ---------------------------------------------------
    def _agenda(self, heard: Heard, answered: list[str]) -> list[str]:
        """What the caller brings up unasked: the reason for calling, beats, a supervisor."""
        m, acts = self.memory, heard.acts
        if not m.reason_given:
            if self.scenario.caller.volunteers_name and "give_name" in answered:
                answered.remove("give_name")
                return self._reason()
            if not answered or m.agent_lines >= 3 or self.scenario.caller.volunteers_name:
                return self._reason()
            return []
        # a grievance said this turn, or a yes to an offer of what they came for, leaves no
        # room for the push a beat makes ("can't you just connect me?" right after "yes, please")
        quiet = self._aggrieved or self._just_accepted
        beats = fired_beats(acts, self.beats, m) if not quiet else []
        if m.supervisor_handled:  # offered in this very line: no need to ask for one
            beats = [b for b in beats if b != "ask_supervisor"]
        if beats:
            beats = self._no_false_relief(heard, beats)
        m.beat_just_said = set(beats)
        return beats + self._supervisor(acts)

    def _reason(self) -> list[str]:
        m = self.memory
        m.reason_given = True
        first = "opening" if self.scenario.line("opening") else "reason"
        parts = [first, *_opening_beats(self.beats, m)]
        m.beat_just_said = set(parts) | {"reason"}
        return parts

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

    # ----- the hold, as the caller feels it -----------------------------------------
    def held(self) -> None:
        """The agent put the caller on hold: the cost depends on how it was set up."""
        how = self.memory.put_on_hold()
        if how is HoldAsk.AGREED:
            return
        if how is HoldAsk.ANNOUNCED:
            self.temper.apply("hold_announced")
        elif how is HoldAsk.REFUSED:
            self.temper.apply("hold_after_refusal")
            self.memory.mistreated()
        else:
            self.temper.apply("hold_without_ok")
            self.memory.mistreated()


#: what an agent does that shows a wrong-number caller they reached the wrong company
_ACTS_ON_IT = frozenset(
    {
        "ask_account",
        "make_offer",
        "commit_help",
        "ownership",
        "create_record",
        "say_unavailable",
        "refuse_help",
        "check_history",
        "bad_news",
        "offer_message",
        "announce_transfer",
    }
)
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


_EMAIL_SAID = re.compile(
    r"([a-z0-9][a-z0-9 .]*?) at ((?:[a-z0-9]+ )*?[a-z0-9]+) dot ([a-z]{2,4})\b"
)


#: an offer of a way to reach what the caller wants (a call back, a message, an email)
_MEANS = re.compile(
    r"\b(?:call you|ring you|get back to you|reach you|contact you|a message|an email|"
    r"e-?mail you|voicemail|(?:have|get) (?:him|her|them|someone) (?:to )?(?:call|ring|email))\b",
    re.IGNORECASE,
)
#: agent acts that say the line is no answer to what the caller asked
_NO_ANSWER = frozenset({"guess", "refuse_help", "dismiss", "blame_caller", "talk_down"})
_ASKS_OK = re.compile(r"\b(?:right|correct|yeah|yes|is that it|okay)\W*$", re.IGNORECASE)


_PHONE_WORDS = re.compile(r"\b(?:phone|mobile|cell|telephone|contact number|call you)\b", re.I)
_EMAIL_WORDS = re.compile(r"\b(?:e-?mail)\b", re.I)
_BARE_NUMBER = re.compile(r"\bnumber\b", re.I)
_PASSES_ON = re.compile(
    r"\b(?:pass (?:it|that|this|them) (?:on|along)|get back to you|call you|ring you|"
    r"let (?:him|her|them) know|take a message|leave a message|in case we get cut off)\b",
    re.I,
)
_ID_WORDS = re.compile(
    r"\b(?:account|member|membership|order|policy|reference|case|ticket|invoice|customer|"
    r"id|card|serial|tracking|claim)\b",
    re.I,
)


_DONE = re.compile(r"\b(?:i|we) (?:have|ve|just|already) (?:just |already )?\w+ed\b")
_ADDRESSED = re.compile(r"\b(?:mr|mrs|ms|miss|mister)\.? ([A-Za-z][a-z'-]+)", re.I)
_NOT_FOUND = re.compile(
    r"\b(?:can ?not|can't|cant|cannot|could not|couldn't|unable to|don't|do not) "
    r"(?:see|find|locate|pull up|bring up)\b(?: \w+){0,4} (?:order|account|booking|record|"
    r"reservation|policy|number)\b|\bno (?:order|account|booking|record|reservation) "
    r"(?:under|with|for|matching)\b",
    re.I,
)
#: words of every order or account: naming one is not naming what the caller came for
_GENERIC_STEMS = frozenset({"order", "account", "item", "product", "purchas", "get"})
_ASKS_DETAILS = frozenset(
    {"ask_account", "ask_name", "ask_callback_number", "ask_email", "ask_callback_time",
     "check_history", "confirm_detail", "ask_spell"}
)  # fmt: skip
#: the right firm's number offered to a caller who dialled the wrong one
_THEIR_NUMBER = re.compile(
    r"\b(?:their|the right|the correct|that) (?:phone )?number\b|\blook (?:it|that|them|it s) up\b"
    r"|\bfind (?:it|that|their|the) (?:number )?for you\b"
)
#: the agent goes to reach the person the caller wants ("let me try his line", "I'm
#: sending someone to get him")
_REACH_PERSON = re.compile(
    r"\b(?:let me|i ll|i will|i can|i m going to|i am going to|i m|i am|we ll|we will|we re|we are)"
    r" (?:just )?(?:try|trying|ring|ringing|call|calling|page|paging|buzz|reach|get hold of|fetch|"
    r"send(?:ing)? someone to (?:get|fetch|find))(?: for)? (?:him|her|them|his|her|their)\b"
)
#: a line that says back what the caller said ("so it's 920", "that's 960, right?")
_READS_BACK = re.compile(
    r"\b(?:so (?:it s|its|it is|that s|thats|that is|that|you|your)|right$|correct$|is that)\b"
)
#: the agent is the one they asked for
_I_AM_SUPERVISOR = re.compile(
    r"\b(?:i am|i m|this is|you re speaking (?:to|with)|you are speaking (?:to|with)) "
    r"(?:the |a |your |their )?"
    r"(?:supervisor|manager|team leader|team lead|duty manager|shift lead)\b"
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
#: is the number they gave their mobile, home, work, best one?
_NUMBER_KIND = re.compile(
    r"\b(?:is (?:that|this|it)|that s|this is) (?:your |a |the )?(?:cell|cellphone|mobile|home|"
    r"work|landline|direct|best|good|right|main|personal)(?: phone)?(?: number| line| one)?\b"
)
#: "she's here now", "my manager is on the line": someone fetched has come
_ARRIVED = re.compile(
    r"\b(?:she|he|they|supervisor|manager|team leader|team lead)(?: is| s| are| has| have)?"
    r"(?: just)? (?:here|on the line|with us|joined|come|arrived|available now|free now)\b"
)
_BAD_NEWS = frozenset({"bad_news", "refuse_help", "dismiss"})
#: words in a line that explains rather than announces an explanation
_LONG_LINE = 18
_OBJECTS_TO_TIME = frozenset(
    {"object_timeframe", "object_fix_time", "object_again", "object_no_time", "object_changed"}
)


#: a line that says back what was agreed ("so, ...", "just to confirm, ..."): a later time in
#: it changes a promise, where a new line may promise a later step ("arrives Friday")
_RECAP_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|alright|all right|right|great|perfect)\W+)?(?:so|to recap|"
    r"just to (?:confirm|recap)|to confirm|to sum up|just so you know)\b",
    re.IGNORECASE,
)


def _clause_times(text: str) -> list[float]:
    """The time frame of each clause that names one ("ships tomorrow and arrives Friday")."""
    from scoring.extract import timeframe_hours
    from simulator.engine.understand import CLAUSES

    return [h for h in map(timeframe_hours, CLAUSES.split(text)) if h is not None]


def _later(hours: float, than: float) -> bool:
    """A day or more later, and at least twice as long: "next week" after "tomorrow", not
    "by five" after "this afternoon"."""
    return hours >= max(2 * than, than + 12)


_TAKES = frozenset({"accept_offer", "thanks_answer", "thanks", "conditional_offer"})
#: a yes to what the agent is doing for them: no beat pushes for it in the same breath
#: ("Yes, that's fine. Can't you just connect me with someone?" after a transfer announced)
_TAKES_UP = frozenset({"accept_offer", "agree_transfer", "choose_transfer"})
#: what an agent offers in place of someone who is away
_A_WAY_ON = frozenset(
    {"offer_message", "offer_transfer_or_message", "offer_voicemail_choice", "ask_urgent",
     "make_offer", "promise_callback", "announce_transfer", "handoff"}
)  # fmt: skip
_WISH = re.compile(r"\b(?:you|u) (?:want|would like|d like|prefer|need|would rather)\b", re.I)
_EITHER_OR = re.compile(r"^(?P<a>.+?),? or (?P<b>.+?)[?.!]*$", re.I)
#: the words before the first option: "do you want me to", "would you prefer", "and u want"
_LEAD = re.compile(
    r"^.*?\b(?:want|wanted|like|prefer|rather|need|should i|shall i|either|go for|go with)"
    r"(?:\s+(?:me|us|him|her|them|it|that|this|these|those))?(?:\s+to)?\s+",
    re.I,
)


#: a first option that still carries the question's opening words ("is the pickup today")
_ASKED_LEAD = re.compile(
    r"^(?:is|are|was|were|do|does|did|will|would|should|shall|can|could|have|has)\s", re.I
)
#: someone is there to take the call ("Dave's on the line", "she's free now")
_ON_THE_LINE = r"(?:on the line|on|there|free|available|here|ready|with me)\b"


_DAY_NAMES = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_B_LEAD = re.compile(
    r"^(?:(?:would|do|did) (?:you|u) (?:rather|prefer|want|like|need)(?: (?:me|us|him|her) to)?"
    r"(?: to)? |(?:should|shall|can|could|would) (?:i|we) |(?:i|we) (?:can|could) )",
    re.I,
)
#: the caller's preference asked, not a fact: "would you rather", "do you want me to", "shall I"
_PREFERENCE = re.compile(
    r"\b(?:(?:would|do|d) (?:you|u) (?:want|like|prefer|rather|need)|(?:you|u) (?:would like|"
    r"d like|prefer|would rather|d rather)|should i|shall i|which (?:would|do) you prefer|"
    r"which is better for you)\b"
)
#: an option that is sooner, and one that goes above the agent (an aggrieved caller's pick)
_SOONER = re.compile(r"\b(?:now|today|right away|straight away|immediately|this afternoon)\b", re.I)
_ABOVE = re.compile(r"\b(?:supervisor|manager|team leader|team lead|boss)\b", re.I)
#: the agent's words turned to the caller's: "you" is the caller, "I" the agent
_FLIP = {
    "you": "me", "your": "my", "yours": "mine", "yourself": "myself", "u": "me", "ur": "my",
    "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
}  # fmt: skip
_SUBJECT = re.compile(r"^(?:i|we)(?: (?:can|could|will|would|should|shall))? ", re.I)
#: what a caller would not say a person answered their choice with
_YES_TO_OFFERS = frozenset(
    {"accept_offer", "accept_alternative", "agree_transfer", "choose_transfer", "choose_message",
     "choose_voicemail", "confirm_yes", "conditional_offer", "decline_offer", "accept_supervisor",
     "agree_hold", "checkin_agree"}
)  # fmt: skip


#: a yes that already names the option chosen, in the caller's own line
_SAYS_OPTION = {
    "accept_supervisor": re.compile(r"\b(?:supervisor|manager|team lead(?:er)?)\b", re.I),
    "agree_hold": re.compile(r"\bhold", re.I),
    "checkin_agree": re.compile(r"\bhold", re.I),
    "choose_message": re.compile(r"\bmessage\b", re.I),
    "choose_voicemail": re.compile(r"\bvoice ?mail\b", re.I),
    "choose_transfer": re.compile(r"\b(?:transfer|put (?:me|you) through|connect)\b", re.I),
}


#: a promise with a tag question ("I'll get a crew out, okay?"): still a promise
_TAG_ASK = re.compile(
    r"[,.]?\s*(?:okay|ok|alright|all right|right|yeah|is that ok(?:ay)?|(?:does )?that sound good|"
    r"sound good|good|fair enough)\s*\?\s*$",
    re.IGNORECASE,
)
#: a line that checks something back: "so ...", "..., right?", "is that correct?"
_READ_BACK_ASK = re.compile(
    r"^(?:(?:ok|okay|right|alright|and|sorry|just to confirm|to confirm)\s+)*so\b|\b(?:right|"
    r"correct|yeah|yes|is that right|is that correct|did i get that right|have i got that right)$"
)
_CHECKS = frozenset({"check_understanding", "confirm_detail"})
#: the agent offering to do something, not reading back what the caller has
_OWN_ACTION = re.compile(r"\b(?:i|we) (?:can|could|will|ll|would|am going to|are going to)\b")


#: two or more capitalised words in a row: a name ("Ridgeline Freight", "Dave Ortiz")
_CAPITALISED = re.compile(
    r"\b(?:[A-Z][a-z]{0,2}\.|[A-Z][a-z']+)(?: (?:[A-Z][a-z]{0,2}\.|[A-Z][a-z']+))+"
)  # "St. Vincent's", never across a full stop ("... Associates. You ...")
#: punctuation between two words: they are not one name ("Mr. Jensen. How ..."); a full stop
#: after a short title ("Mr.", "St.") is not a break
_CLAUSE_BREAK = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z])[.!?;:,]+\s+|\s+-\s+")
_NAME_STOP = frozenset("i a the so and ok okay right yes no is mr mrs ms miss dr sir madam".split())


def _short_for(word: str, name: str) -> bool:
    """ "Ray" for "Raymond", "Dan" for "Daniel": a short form that starts the name."""
    return len(word) >= 3 and len(name) > len(word) and name.startswith(word)


def _bare(word: str) -> str:
    """ "St." and "st", "Vincent's" and "vincents" meet."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"'s$", "", word.lower()))


def _misread_name(said: list[str], name: list[str]) -> bool:
    """One word of `name` is said and the word beside it, where the name's next (or
    previous) word should be, is another name-like word: "Redline Freight" for "Ridgeline
    Freight" (a capital, or near in spelling: "dias" for "diaz")."""
    from difflib import SequenceMatcher

    low, parts = [_bare(w) for w in said], [_bare(w) for w in name]
    for i, word in enumerate(low):
        for j, part in enumerate(parts):
            if word in _NAME_STOP or (word != part and not _short_for(word, part)):
                continue  # a title ("Mr") is no anchor: "Mr. Pike" is not a misread "Mr. Cloud"
            for step in (-1, 1):
                k, m = i + step, j + step
                if not (0 <= k < len(said) and 0 <= m < len(name)):
                    continue
                other, right = said[k], parts[m]
                if low[k] == right or low[k] in _NAME_STOP:
                    continue
                near = SequenceMatcher(None, low[k], right).ratio() >= 0.7
                # a name is written as one: "Member" in "your Member ID" is a word, and "ID"
                # is no name; in a line of small letters (a recogniser's) only spelling tells
                named = said[i][:1].isupper() and other[:1].isupper() and not other.isupper()
                if named or near:
                    return True
    return False


_NOT = re.compile(r"\b(?:not|no|never|nothing|nobody|none|neither|nor|first time)\b")


def _says_not(text: str) -> bool:
    """The sentence denies (an odd count of denials would be over-reading speech)."""
    return bool(_NOT.search(normalise(text)))


def _read_back_part(heard: Heard) -> str:
    """The sentences that read something back: from the last one that starts with "so" (or
    "just to confirm"), else the asking ones, else the line."""
    sentences = re.findall(r"[^.!?]+[.!?]?", heard.text)
    for i in range(len(sentences) - 1, -1, -1):
        if _READ_BACK_ASK.match(normalise(sentences[i])):
            return " ".join(sentences[i:])
    return heard.asks or heard.text


def _sentence_with(text: str, values: set[str]) -> str:
    """The sentence of `text` that says one of `values` ("Tomorrow morning, before ten.")."""
    from simulator.engine.topics import values_in

    sentences = re.findall(r"[^.!?]+[.!?]?", text.strip())
    for sentence in sentences:
        if any(values & said for said in values_in(sentence).values()):
            return sentence.strip()
    return sentences[0].strip() if sentences else text.strip()


def _as_caller(option: str) -> str:
    """An option as the caller says it back: "i email you the answers" -> "Email me the
    answers", "daniel calls you" -> "Daniel calls me", "post one to you" -> "Post one to me"."""
    words = _SUBJECT.sub("", option.strip()).split()
    said = " ".join(_FLIP.get(w.lower(), w) for w in words)
    said = _DAY_NAMES.sub(lambda d: d.group(0).capitalize(), said)
    return said[:1].upper() + said[1:]


def _either_or(question: str) -> tuple[str, str] | None:
    """The two options of "would you like a refund or a replacement?" (None if it is not
    a choice between two short options)."""
    m = _EITHER_OR.match(question.strip())
    if m is None:
        return None
    whole = m.group("a").split(",")[-1]
    a = _SUBJECT.sub("", _LEAD.sub("", whole).strip())  # "we send a crew": "send a crew"
    b = _SUBJECT.sub("", _B_LEAD.sub("", m.group("b")).strip())
    if a == whole.strip() and _ASKED_LEAD.match(a):
        # "is the pickup today or tomorrow?": the first option is as long as the second
        a = " ".join(a.split()[-len(b.split()) :])
    if not a or not b or len(a.split()) > 6 or len(b.split()) > 6 or " or " in b:
        return None
    return a, b


def _asks_id_too(datum: list[str], heard: Heard) -> bool:
    """A line that asks for the account or order number and a phone or email together: the
    more specific ask took the general one's place (`replies._SUBSUMED`); both are wanted."""
    return (
        "give_id" not in datum
        and bool({"give_phone", "give_email"} & set(datum))
        and "ask_account" in heard.acts
        and bool(_BOTH_ASKED.search(heard.text))
    )


_BOTH_ASKED = re.compile(
    r"\b(?:order|account|member|membership|policy|reference|customer) (?:number|id|no)\b"
    r".*\band\b|\band\b.*\b(?:order|account|member|membership|policy|reference|customer) "
    r"(?:number|id|no)\b",
    re.I,
)


def _yes_its_all(answered: list[str], heard: Heard) -> list[str]:
    """ "Is that everything?" is answered "yes, that's all", where "anything else?" gets "no"."""
    from simulator.engine.topics import asks_is_that_all

    if "nothing_else" not in answered or not asks_is_that_all(heard.text):
        return answered
    return ["that_is_all" if a == "nothing_else" else a for a in answered]


def _which_datum(answered: list[str], heard: Heard, leaving_word: bool = False) -> list[str]:
    """ "What's your phone number?" read as a verification question still gets the phone, and
    so does a bare "what's your number?" from someone taking a message or a call back."""
    # the id ask's answer: the id, or "I don't have that" from a caller with none
    asked = "give_id" if "give_id" in answered else ""
    if not asked and "no_data" in answered and "ask_account" in heard.acts:
        asked = "no_data"
    if not asked:
        return answered
    # a bare "number" is the phone to someone leaving word, to a line that passes it on,
    # and to a caller with no account at all ("what's your number, I'll pass it on")
    for_phone = leaving_word or asked == "no_data" or bool(_PASSES_ON.search(heard.text))
    phone = _PHONE_WORDS.search(heard.text) or (
        for_phone and _BARE_NUMBER.search(heard.text) and not _ID_WORDS.search(heard.text)
    )
    swap = "give_phone" if phone else ""
    swap = "give_email" if not swap and _EMAIL_WORDS.search(heard.text) else swap
    if not swap:
        return answered
    return [swap if a == asked else a for a in answered if a != swap]


#: a reference as written ("FG-1188", "CU-40922", "ADV-7731")
_REF_TOKEN = re.compile(r"\b[A-Z]{1,4}-?\d{3,}\b")
#: asked for the reference the agent gave them ("did you get the reference number?")
_ASKS_THEIR_REF = re.compile(
    r"\b(?:number|reference|ref|code) (?:that )?i (?:just )?gave you\b|\b(?:reference|case|"
    r"ticket|confirmation|claim) number (?:again|i gave you)\b|\bdid you (?:get|catch|write down|"
    r"note|take down|jot down) (?:the|that|your) (?:reference|case|ticket|confirmation|claim)\b"
)
_READY_TO_WRITE = re.compile(
    r"\b(?:got|have you got|do you have|you have|grab|get) (?:a )?(?:pen|pencil|paper|"
    r"something to write)\b|\bready to (?:write|take|jot) (?:this|it|that|these)? ?down\b"
)
_READ_IT_BACK = re.compile(
    r"\b(?:read|repeat|say) (?:it|that|this|them|the number|that number) (?:back|again)"
    r"(?: to me)?\b|\bread back\b"
)


def _read_back_line(digits: str) -> str:
    """A caller reading back a number they wrote down, written as phone numbers are
    ("555-614-2200", which a voice reads in groups)."""
    if len(digits) == 10:
        digits = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return f"{digits}. Is that right?"


def _kin_words(said: set[str], wanted: set[str]) -> bool:
    """The line names one of the wanted words, or a word of its family ("the soles" for
    "resoled", "refund" for "refunded"): stems that share a beginning once a "re" is off."""

    def root(w: str) -> str:
        return w[2:] if w.startswith("re") and len(w) >= 5 else w

    if said & wanted:
        return True
    return any(
        min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))
        for a in map(root, said)
        for b in map(root, wanted)
    )


#: "my supervisor will just tell you the same thing", "there's no need for a manager"
_SAME_THING = re.compile(
    r"\b(?:supervisor|manager|team leader|boss)s? (?:will|would|is going to|are going to|can)"
    r"(?: only| just)? (?:tell|say|give) you (?:the same|exactly the same)|\bno need (?:for|to "
    r"(?:get|involve|speak to)) (?:a |my |the )?(?:supervisor|manager|team leader)"
)
_FINDS_OUT = re.compile(
    r"\b(?:research|find out|look into|looking into|check|checking|investigate|ask|get back to|"
    r"get you (?:an |the )?answers?|look up|enquire|inquire)\b"
)
_SAYS_DELIVERED = re.compile(
    r"\b(?:shows?|showing|says|saying|marked|listed|tracking has it|system has it)"
    r"(?: it| them| as)?(?: as| was| were| been)? (?:delivered|received|signed for)\b"
    r"|\b(?:it|they) (?:was|were|has been|have been) delivered\b"
)
_NEVER_CAME = re.compile(
    r"\b(?:never (?:came|arrived|showed up|turned up|got here)|nobody (?:ever )?shows? up|"
    r"supposed to arrive|has not arrived|have not arrived|did not arrive|not (?:been )?delivered|"
    r"still waiting|never got (?:it|them))\b"
)
_THANKS_THEM = re.compile(r"^(?:(?:ok|okay|well|right|great) )*(?:thank you|thanks)\b")
_PAST_DAY = re.compile(r"\b(?:last|ago|yesterday|was|were|came|arrived|delivered)\b")
_YOUR_NAME = re.compile(r"\byour (?:first |last |full |sur)?name\b")  # ("ur" is normalised)
_THANKS_WAITING = re.compile(
    r"\bthank(?:s| you) (?:so much |very much )?for (?:waiting|holding|your patience|"
    r"bearing with me|hanging on)\b"
)
_BACKCHANNEL = re.compile(
    r"^(?:ok|okay|mm|mhm|mm hmm|uh huh|right|alright|all right|i see|sure|yeah|yes|got it|"
    r"okay okay|ok ok)$"
)
_YES_TO_WAIT = frozenset({"agree_hold", "checkin_agree", "conditional_offer", "accept_offer"})
_ASKS_ABOVE = frozenset({"refused_supervisor", "ask_supervisor", "escalate_supervisor"})
_AUX = frozenset("can could are is will would do does have has was were".split())
_DETERMINERS = frozenset("my the a an your his her their it them that this".split())


def goal_parts(goal: str) -> list[tuple[str, set[str]]]:
    """A goal of two parts joined by "and" ("get that bench moved to my patio and my
    flagstone paid for"), each said in full ("get my flagstone paid for") with the content
    words only it has; one part when a part has none of its own."""
    from scoring.call import content_stems

    halves = re.split(r"\s+and\s+", goal.strip())
    if len(halves) != 2:
        return []
    first, second = halves
    words = first.split()
    lead = second.split()[0].lower() if second.split() else ""
    if lead in _DETERMINERS and words:  # "... and my flagstone paid for": get my flagstone
        second = f"{words[0]} {second}"
    elif lead in _AUX:  # "find out if the boots are waterproof and can be resoled"
        cut = next((i for i, w in enumerate(words) if w.lower() in _AUX), None)
        if cut is None:
            return []
        second = " ".join(words[:cut] + [second])
    a, b = content_stems(first) - _GENERIC_STEMS, content_stems(second) - _GENERIC_STEMS
    if not a - b or not b - a:
        return []
    return [(first, a - b), (second, b - a)]


def _mistreats(acts: frozenset[str]) -> list[str]:
    """The mistreatments in a line; a "can't" with the way it can be done is no refusal
    ("I can't send documents over the phone, but I'll email it to you")."""
    found = [a for a in MISTREATMENT if a in acts]
    # (not "you'll have to call back tomorrow", read as a call back promised)
    if "refuse_help" in found and (_HELPS - {"promise_callback"}) & acts:
        found.remove("refuse_help")
    return found


def _brushes_off(acts: frozenset[str]) -> bool:
    """Turned away with nothing else: "I can't send it by phone, but I'll email it" is not."""
    return bool(_BRUSH_OFF & acts) and not (_HELPS & acts)


def _lower_first(text: str) -> str:
    """'It was late' -> 'it was late' after "I said, "; 'I'd like' and names stay."""
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (first[1:2].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _names_match(name: str, wanted: str) -> bool:
    """'Dave Ortiz' is the 'Dave' or 'Mr. Ortiz' a caller asks for."""
    parts = {p.lower().strip(".") for p in name.split()}
    return bool(parts & {p.lower().strip(".") for p in wanted.split()})


def _mentions(text: str, name: str) -> bool:
    lower = text.lower()
    return any(re.search(rf"\b{re.escape(p.lower())}\b", lower) for p in name.split() if len(p) > 2)


def _reads(digits: str, text: str) -> bool:
    """The digits are read out in `text` (a question sentence of the line)."""
    from scoring.extract import digits_only

    return bool(text) and digits in digits_only(text)


def _email_said(text: str) -> str:
    """An email address read out ("h brooks at kestrel m f g dot com"), as user@domain with
    the words before it still on the user part ("okaysothatshbrooks"); '' when none."""
    from scoring.extract import emails

    found = emails(text)
    if found:
        return found[0].lower()
    m = _EMAIL_SAID.search(re.sub(r"[^a-z0-9 .@]", "", text.lower()))
    if not m:
        return ""
    user = m.group(1).replace(" dot ", ".").replace(" ", "")
    return f"{user}@{m.group(2).replace(' ', '')}.{m.group(3)}"


def _same_email(said: str, email: str) -> bool | None:
    """True: the caller's address read back; False: a wrong read-back of it; None: not theirs."""
    s_user, _, s_domain = said.partition("@")
    user, _, domain = email.lower().partition("@")

    def bare(x: str) -> str:
        return re.sub(r"[^a-z0-9]", "", x)

    same_domain = bare(s_domain) == bare(domain)
    same_user = bare(s_user).endswith(bare(user))
    if same_domain and same_user:
        # a dot left out of the user part is another mailbox: "p owens" for p.owens is put right
        dots = re.sub(r"[^a-z0-9.]", "", s_user).endswith(re.sub(r"[^a-z0-9.]", "", user))
        return dots
    return False if same_domain or same_user else None


def _spelled(text: str) -> str:
    """'p.owens@northmail.com' -> 'P, dot, O, W, E, N, S, at, ...' as a caller spells it."""
    words = {"@": "at", ".": "dot", "-": "dash", "_": "underscore"}
    out = []
    for ch in text.strip():
        if ch.isalnum():
            out.append(ch.upper())
        elif ch in words:
            out.append(words[ch])
    return "That's " + " ".join(out) + "." if out else "Sorry, I can't spell that."


def _near(a: str, b: str) -> bool:
    """Two digit strings a read-back could confuse: same length, one or two digits off,
    or one digit dropped or added."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 2
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


#: every agent act the reactions above look at (with `replies.ANSWERS` and `replies.UNHEARD`
#: this covers the recogniser's whole catalogue; a test checks nothing is left out).
REACTS_TO: frozenset[str] = (
    frozenset(MISTREATMENT)
    | _BRUSH_OFF
    | _HELPS
    | _SCREENING
    | _ACTS_ON_IT
    | frozenset(_MILD)
    | {
        "empathy",
        "summarize",
        "offer_hold_alternative",
        "notify_supervisor",
        "thank_for_holding",
        "refuse_supervisor",
        "small_talk",
        "repair_request",
        "ask_spell",
        "confirm_detail",
        "make_offer",
        "check_understanding",
        "announce_hold",
        "announce_transfer",
        "offer_transfer_or_message",
        "give_number",
        "closing_thanks",
        "goodbye",
        "ask_hold",
        "ask_callback_time",
    }
)
